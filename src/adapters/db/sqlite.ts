import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Db, RunAtomically } from './catalog-store.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url))

export interface SqliteHandle {
  db: Db
  runAtomically: RunAtomically
  close(): void
}

/**
 * Opens (creating if needed) the embedded database and applies the migrations.
 * `:memory:` gives a private in-memory database, as the tests use.
 */
export function openSqlite(
  path: string,
  { migrate: runMigrations = true }: { migrate?: boolean } = {},
): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = drizzle(sqlite)
  // Once per database, by the process that opens it first; other connections skip it.
  if (runMigrations) migrate(db, { migrationsFolder: MIGRATIONS_DIR })
  const runAtomically: RunAtomically = async (statements) => {
    sqlite.transaction(() => {
      for (const statement of statements) db.run(statement)
    })()
  }
  return { db, runAtomically, close: () => sqlite.close() }
}
