/**
 * The app on Cloudflare Workers: D1 for the catalog (loaded by `npm run catalog:d1`), the same
 * FTS5 search, the planner with HiGHS from the bundled WebAssembly module, and the widget bundle
 * from static assets (built by `npm run build:widget`).
 */
import loadHighs from 'highs'
import { Meilisearch } from 'meilisearch'
// The package exports its .wasm only as 'highs/runtime', a name the .wasm module rule does
// not match; the file itself does.
import highsWasm from '../../node_modules/highs/build/highs.wasm'
import { databaseImporter } from '../adapters/catalog-import.js'
import { inlineCatalogParser } from '../adapters/catalog-parse/bounded.js'
import { d1Store } from '../adapters/db/d1.js'
import { FreshSearchIndex } from '../adapters/fresh-search.js'
import { HighsSolver } from '../adapters/highs-solver.js'
import { MeilisearchIndex } from '../adapters/meilisearch/index.js'
import { SqliteSearchIndex } from '../adapters/sqlite-search.js'
import { SmallMilpSolver } from '../core/milp/small-milp.js'
import { createApp } from '../http/app.js'
import { describeError, problem } from '../http/errors.js'
import { sha256Hex } from '../http/hash.js'
import type { WidgetAsset } from '../http/routes/pages.js'
import { ConfigError, parseWorkerConfig } from './config.js'

export interface Env {
  DB: D1Database
  ASSETS: Fetcher
  /** Search on Meilisearch when set (a secret: `wrangler secret put MEILISEARCH_KEY`). */
  MEILISEARCH_URL?: string
  MEILISEARCH_KEY?: string
  MEILISEARCH_INDEX?: string
  /** Bearer token of the admin API (`wrangler secret put ADMIN_TOKEN`); unset = no admin API. */
  ADMIN_TOKEN?: string
  /** `include` (default) or `exclude` sample records, as on Node (wrangler.toml `[vars]`). */
  SAMPLE_DATA?: string
}

/**
 * HiGHS in workerd: `loadHighs()` alone looks for its `.wasm` next to `import.meta.url`, which
 * Workers do not have; Emscripten's `instantiateWasm` hook hands it the module wrangler bundled.
 */
export const loadBundledHighs = () =>
  loadHighs({
    instantiateWasm(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) {
      WebAssembly.instantiate(highsWasm as WebAssembly.Module, imports).then((instance) =>
        receive(instance, highsWasm as WebAssembly.Module),
      )
      return {}
    },
  } as Parameters<typeof loadHighs>[0])

// One solver per isolate: the WebAssembly module is instantiated once and reused.
const solver = new SmallMilpSolver(new HighsSolver({ load: loadBundledHighs }))

let cached: { db: D1Database; sampleData?: string; app: ReturnType<typeof createApp> } | null = null

function appFor(env: Env) {
  if (cached?.db === env.DB && cached.sampleData === env.SAMPLE_DATA) return cached.app
  const config = parseWorkerConfig(env)
  const { db, store } = d1Store(env.DB)
  const search = env.MEILISEARCH_URL
    ? new MeilisearchIndex(
        new Meilisearch({ host: env.MEILISEARCH_URL, apiKey: env.MEILISEARCH_KEY }),
        store,
        env.MEILISEARCH_INDEX ?? 'courses',
      )
    : new FreshSearchIndex(new SqliteSearchIndex(db, store), store)
  let widget: Promise<WidgetAsset> | null = null
  const app = createApp({
    catalog: store,
    search,
    solver,
    widget: () => {
      widget ??= loadWidget(env.ASSETS).catch((error) => {
        widget = null
        throw error
      })
      return widget
    },
    parser: inlineCatalogParser(),
    importer: databaseImporter(store, search),
    ...(env.ADMIN_TOKEN && { adminToken: env.ADMIN_TOKEN }),
    sampleData: config.SAMPLE_DATA,
    clientKey: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    log: (event, fields) => console.log(JSON.stringify({ event, ...fields })),
    onError: (error) =>
      console.error(JSON.stringify({ event: 'request.error', error: describeError(error) })),
  })
  cached = { db: env.DB, sampleData: env.SAMPLE_DATA, app }
  return app
}

async function loadWidget(assets: Fetcher): Promise<WidgetAsset> {
  const response = await assets.fetch('https://assets.local/widget.js')
  if (!response.ok) throw new Error(`widget.js is missing from the assets (${response.status})`)
  const js = await response.text()
  return { js, hash: (await sha256Hex(js)).slice(0, 12) }
}

/**
 * A Worker cannot refuse to start: with a bad variable it answers every request 503 with what is
 * wrong (a variable's value, never a secret: only non-secret variables are checked here), and
 * logs it.
 */
function misconfigured(error: ConfigError): Response {
  console.error(JSON.stringify({ event: 'config.invalid', error: error.message }))
  const body = problem(503, 'misconfigured', 'Server misconfigured', error.message)
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/problem+json' },
  })
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    let app: ReturnType<typeof appFor>
    try {
      app = appFor(env)
    } catch (error) {
      if (error instanceof ConfigError) return misconfigured(error)
      throw error
    }
    return app.fetch(request, env, ctx)
  },
} satisfies ExportedHandler<Env>
