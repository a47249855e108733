import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Meilisearch } from 'meilisearch'
import { CatalogFolderLoader } from '../adapters/catalog-folder.js'
import { databaseImporter } from '../adapters/catalog-import.js'
import { CatalogStore } from '../adapters/db/catalog-store.js'
import { openSqlite } from '../adapters/db/sqlite.js'
import { HighsSolver } from '../adapters/highs-solver.js'
import { MeilisearchIndex } from '../adapters/meilisearch/index.js'
import { SqliteSearchIndex } from '../adapters/sqlite-search.js'
import { lazyWidget } from '../adapters/widget-bundle.js'
import { SmallMilpSolver } from '../core/milp/small-milp.js'
import { createApp } from '../http/app.js'
import { parseConfig } from './config.js'

const log = (event: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }))

const config = parseConfig(process.env)
const sqlite = openSqlite(config.DATABASE_PATH)
const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
// Meilisearch when configured (its index is filled by `npm run search:sync`), else FTS5.
const search = config.MEILISEARCH_URL
  ? new MeilisearchIndex(
      new Meilisearch({ host: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY }),
      store,
      config.MEILISEARCH_INDEX,
    )
  : new SqliteSearchIndex(sqlite.db, store)
// The catalog folder, unless CATALOG_DIR is empty: then the catalog comes only through the
// admin API and survives restarts as it is.
const loader = config.CATALOG_DIR
  ? new CatalogFolderLoader(config.CATALOG_DIR, store, search, log)
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
  importer: loader ?? databaseImporter(store, search),
  ...(config.ADMIN_TOKEN && { adminToken: config.ADMIN_TOKEN }),
  log,
  clientKey: (c) => {
    if (config.TRUST_PROXY) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      if (forwarded) return forwarded
    }
    return getConnInfo(c).remote.address ?? 'unknown'
  },
  limits: {
    bodyBytes: config.MAX_BODY_BYTES,
    adminBodyBytes: config.ADMIN_BODY_BYTES,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    burst: config.RATE_LIMIT_BURST,
    planMs: config.PLAN_TIME_LIMIT_MS,
  },
  onError: (error) =>
    log('request.error', { error: error instanceof Error ? error.stack : String(error) }),
})
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
  log('server.listening', { url: `http://localhost:${info.port}`, port: info.port }),
)

// Graceful shutdown: stop accepting connections, let requests in flight finish (up to
// SHUTDOWN_GRACE_MS), then close the database.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log('server.stopping', { signal })
    loader?.stop()
    const force = setTimeout(() => {
      log('server.stopped', { drained: false })
      process.exit(1)
    }, config.SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(() => {
      sqlite.close()
      log('server.stopped', { drained: true })
      process.exit(0)
    })
    // Keep-alive connections with no request in flight would hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  })
}
