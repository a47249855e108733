import { serve } from '@hono/node-server'
import { Meilisearch } from 'meilisearch'
import { CatalogFolderLoader } from '../adapters/catalog-folder.js'
import { CatalogStore } from '../adapters/db/catalog-store.js'
import { openSqlite } from '../adapters/db/sqlite.js'
import { HighsSolver } from '../adapters/highs-solver.js'
import { MeilisearchIndex } from '../adapters/meilisearch/index.js'
import { SqliteSearchIndex } from '../adapters/sqlite-search.js'
import { lazyWidget } from '../adapters/widget-bundle.js'
import { SmallMilpSolver } from '../core/small-milp.js'
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
const loader = new CatalogFolderLoader(config.CATALOG_DIR, store, search, log)

const outcome = await loader.load()
if (outcome.status === 'refused')
  log('catalog.refused.serving-previous', { issues: outcome.issues.length })
if (config.CATALOG_POLL_MS > 0) loader.watch(config.CATALOG_POLL_MS)

const app = createApp({
  catalog: store,
  search,
  solver: new SmallMilpSolver(new HighsSolver()),
  widget: lazyWidget(),
  onError: (error) =>
    log('request.error', { error: error instanceof Error ? error.stack : String(error) }),
})
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
  log('server.listening', { url: `http://localhost:${info.port}` }),
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    loader.stop()
    server.close(() => {
      sqlite.close()
      process.exit(0)
    })
  })
}
