import { getConnInfo } from '@hono/node-server/conninfo'
import { Meilisearch } from 'meilisearch'
import { CatalogFolderLoader } from '../adapters/catalog-folder.js'
import { databaseImporter } from '../adapters/catalog-import.js'
import { DEFAULT_THREAD_LIMITS, ThreadedCatalogParser } from '../adapters/catalog-parse/threaded.js'
import { CatalogStore } from '../adapters/db/catalog-store.js'
import { openSqlite } from '../adapters/db/sqlite.js'
import { ThreadedCatalogStore } from '../adapters/db/threaded-store.js'
import { HighsSolver } from '../adapters/highs-solver.js'
import { MeilisearchIndex } from '../adapters/meilisearch/index.js'
import { SqliteSearchIndex } from '../adapters/sqlite-search.js'
import { lazyWidget } from '../adapters/widget-bundle.js'
import { SmallMilpSolver } from '../core/milp/small-milp.js'
import { createApp } from '../http/app.js'
import { clientAddress } from '../http/client-address.js'
import { describeError } from '../http/errors.js'
import { type Config, ConfigError, parseConfig } from './config.js'
import { startNodeServer } from './node-http.js'

const log = (event: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }))

/** A bad variable stops the server before it opens anything, with one message naming each. */
function configOrExit(): Config {
  try {
    return parseConfig(process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(2)
  }
}

const config = configOrExit()
const sqlite = openSqlite(config.DATABASE_PATH)
// Catalog replacements are written in a worker thread, and the search index for the new
// catalog is built between requests, so that requests go on during an import.
const threaded =
  config.DATABASE_PATH === ':memory:'
    ? null
    : new ThreadedCatalogStore(sqlite.db, sqlite.runAtomically, config.DATABASE_PATH)
const store = threaded ?? new CatalogStore(sqlite.db, sqlite.runAtomically)
// Meilisearch when configured (its index is filled by `npm run search:sync`), else FTS5.
const search = config.MEILISEARCH_URL
  ? new MeilisearchIndex(
      new Meilisearch({ host: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY }),
      store,
      config.MEILISEARCH_INDEX,
    )
  : new SqliteSearchIndex(sqlite.db, store)
if (threaded && search instanceof SqliteSearchIndex)
  threaded.onReplace((db, fresh) =>
    search.prepare(db, fresh, () => new Promise((resolve) => setImmediate(resolve))),
  )
// Catalogs (folder and uploads) are parsed in a worker thread, within bounds.
const parser = new ThreadedCatalogParser(
  {
    ...DEFAULT_THREAD_LIMITS,
    maxCourses: config.MAX_COURSES,
    timeoutMs: config.CATALOG_PARSE_TIMEOUT_MS,
  },
  (ms) => log('catalog.thread.ready', { ms }),
)
// The catalog folder, unless CATALOG_DIR is empty: then the catalog comes only through the
// admin API and survives restarts as it is.
const loader = config.CATALOG_DIR
  ? new CatalogFolderLoader(config.CATALOG_DIR, store, search, log, parser.folder)
  : null
if (loader) {
  const outcome = await loader.load()
  if (outcome.status === 'refused')
    log('catalog.refused.serving-previous', { issues: outcome.issues.length })
  if (outcome.status === 'held') log('catalog.held.serving-previous', { reasons: outcome.reasons })
  if (config.CATALOG_POLL_MS > 0) loader.watch(config.CATALOG_POLL_MS)
}

const app = createApp({
  catalog: store,
  search,
  solver: new SmallMilpSolver(new HighsSolver()),
  widget: lazyWidget(),
  parser,
  importer: loader ?? databaseImporter(store, search),
  ...(config.ADMIN_TOKEN && { adminToken: config.ADMIN_TOKEN }),
  sampleData: config.SAMPLE_DATA,
  log,
  clientKey: (c) =>
    clientAddress(
      c.req.header('x-forwarded-for'),
      getConnInfo(c).remote.address,
      config.TRUST_PROXY,
    ),
  limits: {
    bodyBytes: config.MAX_BODY_BYTES,
    adminBodyBytes: config.ADMIN_BODY_BYTES,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    burst: config.RATE_LIMIT_BURST,
    planMs: config.PLAN_TIME_LIMIT_MS,
  },
  onError: (error) =>
    log('request.error', {
      error: describeError(error),
      ...(error instanceof Error && { stack: error.stack }),
    }),
})
startNodeServer({
  fetch: app.fetch,
  port: config.PORT,
  hostname: config.HOST,
  log,
  requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
  headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
  graceMs: config.SHUTDOWN_GRACE_MS,
  onStopped: () => {
    loader?.stop()
    sqlite.close()
  },
})
