import { OpenAPIHono } from '@hono/zod-openapi'
import type { Solver } from '../core/milp.js'
import type { CatalogReader, SearchIndex } from '../core/ports.js'
import { problemResponse, validationProblem } from './errors.js'
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
}

export type AppEnv = { Variables: Record<string, never> }

/** A router whose request validation failures answer 400 problem+json. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationProblem(result.target, result.error))
    },
  })
}
