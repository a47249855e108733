/**
 * `npm run catalog:d1 -- [--local | --remote] [--catalog DIR]`: loads the catalog folder into D1.
 *
 * Local: through wrangler's platform proxy, with the same store and one atomic batch as the
 * Worker. Remote: the same statements as one SQL file (values inlined), run by
 * `wrangler d1 execute --remote`.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import { readCatalog } from '../src/adapters/catalog-folder.js'
import { CatalogStore } from '../src/adapters/db/catalog-store.js'
import { type D1Like, d1Store } from '../src/adapters/db/d1.js'
import { openSqlite } from '../src/adapters/db/sqlite.js'

const { values } = parseArgs({
  options: {
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
  },
})

const { hash, result: parsed } = await readCatalog(values.catalog)
if (!parsed.ok) {
  for (const i of parsed.issues) console.error(`${i.file} ${i.path}: ${i.message}`)
  console.error('catalog refused: nothing loaded')
  process.exit(1)
}
const { catalog } = parsed

if (values.remote) {
  // Record the statements a replacement runs (against an empty scratch database), then inline.
  const scratch = openSqlite(':memory:')
  const dialect = new SQLiteSyncDialect()
  const lines: string[] = []
  const store = new CatalogStore(scratch.db, async (statements) => {
    for (const s of statements) {
      const q = dialect.sqlToQuery(s)
      lines.push(`${inline(q.sql, q.params)};`)
    }
  })
  await store.replace(catalog, hash)
  mkdirSync('dist', { recursive: true })
  writeFileSync('dist/catalog.sql', `${lines.join('\n')}\n`)
  console.log(`dist/catalog.sql: ${lines.length} statements, ${catalog.courses.length} courses`)
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--remote', '--yes', '--file', 'dist/catalog.sql'],
    {
      stdio: 'inherit',
    },
  )
} else {
  const { getPlatformProxy } = await import('wrangler')
  const proxy = await getPlatformProxy<{ DB: D1Like }>({ persist: true })
  try {
    const { store } = d1Store(proxy.env.DB)
    const diff = await store.replace(catalog, hash)
    console.log(
      `local D1: ${catalog.courses.length} courses loaded (${diff.added} added, ${diff.changed} changed, ${diff.removed} removed)`,
    )
  } finally {
    await proxy.dispose()
  }
}

/** SQL with its `?` parameters replaced by literals (outside quoted strings). */
function inline(text: string, params: unknown[]): string {
  let out = ''
  let k = 0
  let quoted = false
  for (const ch of text) {
    if (ch === "'") quoted = !quoted
    if (ch === '?' && !quoted) out += literal(params[k++])
    else out += ch
  }
  return out
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL'
  if (typeof v === 'boolean') return v ? '1' : '0'
  return `'${String(v).replaceAll("'", "''")}'`
}
