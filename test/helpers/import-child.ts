/**
 * Child process for the crash test: imports a large catalog into the database at argv[2],
 * printing "writing" as its transaction starts (the parent kills it mid-way).
 */
import { writeSync } from 'node:fs'
import { realisticCatalog as synthetic } from '../../scripts/bench/plan-catalogs.js'
import { readCatalog } from '../../src/adapters/catalog-folder.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'

const [dbPath, catalogDir, size] = process.argv.slice(2) as [string, string, string]
const { result: parsed } = await readCatalog(catalogDir)
if (!parsed.ok) throw new Error('catalog')
const { courses, offers } = synthetic(Number(size), 1)
const providers = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }))
const sqlite = openSqlite(dbPath)
// "writing" goes out synchronously, just before the (synchronous) transaction starts.
const store = new CatalogStore(sqlite.db, async (statements) => {
  writeSync(1, 'writing\n')
  const started = performance.now()
  await sqlite.runAtomically(statements)
  writeSync(1, `committed ${Math.round(performance.now() - started)} ms\n`)
})
await store.replace(
  { ...parsed.catalog, providers: [...parsed.catalog.providers, ...providers], courses, offers },
  'big-import',
)
sqlite.close()
