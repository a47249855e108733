import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { CatalogParser } from '../adapters/catalog-parse/bounded.js'
import { LIMIT_DEFAULTS, type SampleMode } from '../core/catalog/constants.js'
import type { CatalogImporter } from '../core/catalog/guard.js'
import type { Solver } from '../core/milp/port.js'
import type { PlanOptions } from '../core/plan/schemas.js'
import type { CatalogReader, SearchIndex } from '../core/ports.js'
import { problemResponse, validationProblem } from './errors.js'
import type { Log } from './middleware/request-log.js'
import type { WidgetAsset } from './routes/pages.js'

export interface AppDeps {
  catalog: CatalogReader
  search: SearchIndex
  solver: Solver
  /** Called for unexpected errors; never receives request bodies. */
  onError?: (error: unknown) => void
  /** The widget bundle, for `/widget.js` and the pages that embed it (`/`, `/embed`, `/demo`). */
  widget?: () => Promise<WidgetAsset>
  /** Today's date (`YYYY-MM-DD`), for requests that do not give `asOf`. Defaults to UTC today. */
  today?: () => string
  /** Takes catalog imports: with `adminToken`, the admin API is served. */
  importer?: CatalogImporter
  /** The bearer token of the admin API; without it the admin routes answer 404. */
  adminToken?: string
  /** Structured logs (one line per request); never given headers or bodies. */
  log?: Log
  /** Who is asking, for rate limits: the peer address (or a trusted proxy's header). */
  clientKey?: (c: Context) => string
  /** A millisecond clock (for durations, rate limits and the planning deadline). */
  now?: () => number
  limits?: Partial<Limits>
  /** Parses admin uploads within bounds (the admin API needs it, with `importer` and `adminToken`). */
  parser?: CatalogParser
  /**
   * SAMPLE_DATA: `exclude` hides sample records from the whole public API (search, courses,
   * offers, providers, progress, plan), whatever a request asks; default `include`.
   */
  sampleData?: SampleMode
  /**
   * Plan every request over every course, and optionally solve every choice of offers (see
   * `PlanOptions`): the benchmark's baseline and reference, never a server's setting.
   */
  baseline?: Pick<PlanOptions, 'everyCourse' | 'everyOfferChoice'>
}

export interface Limits {
  /** Largest request body, in bytes (413 above). */
  bodyBytes: number
  /** Largest admin catalog upload, in bytes. */
  adminBodyBytes: number
  /** Progress and plan requests per client per minute (token bucket refill); 0 = no limit. */
  perMinute: number
  /** How many of those may come at once. */
  burst: number
  /** Longest planning time before the best plan found is answered as not proved optimal. */
  planMs: number
}

export const DEFAULT_LIMITS: Limits = { ...LIMIT_DEFAULTS }

export type AppEnv = { Variables: Record<string, never> }

/** A router whose request validation failures answer 400 problem+json. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationProblem(result.target, result.error))
    },
  })
}
