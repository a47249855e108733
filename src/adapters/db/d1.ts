import { drizzle } from 'drizzle-orm/d1'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import { CatalogStore, type RunAtomically } from './catalog-store.js'

/** The part of a D1 binding this adapter uses (typed here so Node code can use it too). */
export interface D1Like {
  prepare(query: string): { bind(...values: unknown[]): unknown }
  batch(statements: unknown[]): Promise<unknown>
}

/**
 * The catalog store on D1. D1 has no interactive transactions: a replacement is one `batch`,
 * which applies all of its statements or none.
 */
export function d1Store(binding: D1Like) {
  // biome-ignore lint/suspicious/noExplicitAny: drizzle's D1 driver wants the full binding type
  const db = drizzle(binding as any)
  const dialect = new SQLiteAsyncDialect()
  const runAtomically: RunAtomically = async (statements) => {
    await binding.batch(
      statements.map((s) => {
        const query = dialect.sqlToQuery(s)
        return binding.prepare(query.sql).bind(...query.params)
      }),
    )
  }
  return { db, store: new CatalogStore(db, runAtomically) }
}
