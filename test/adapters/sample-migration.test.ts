/**
 * The migration that adds the courses' sample column: a database loaded before it existed keeps
 * its catalog (an unchanged folder is not reloaded), so the migration marks its sample courses.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { MIGRATIONS_DIR, openSqlite } from '../../src/adapters/db/sqlite.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { factsOf } from '../../src/core/search/facts.js'
import { searchParamsSchema } from '../../src/core/search/query.js'
import { makeCourse } from '../helpers/app.js'

/** The migrations folder as it was before `tag` (journal cut there). */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-migrations-'))
  cpSync(MIGRATIONS_DIR, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag)
  expect(at).toBeGreaterThan(0)
  journal.entries = journal.entries.slice(0, at)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dir
}

describe('migration 0003_sample', () => {
  it('marks the sample courses of a database loaded before the column existed', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'recert-db-')), 'old.db')
    const old = new Database(path)
    migrate(drizzle(old), { migrationsFolder: migrationsBefore('0003_sample') })
    const courses = [
      makeCourse({ id: 'demo', source: { confidence: 'sample' } }),
      makeCourse({ id: 'real', source: { confidence: 'official' } }),
    ]
    const insert = old.prepare(
      `insert into courses (seq, id, provider, title, format, price, hours, credits,
        category_mask, approval_mask, last_session, counts_until, data)
       values (@seq, @id, @provider, @title, @format, @price, @hours, @credits,
        @categoryMask, @approvalMask, @lastSession, @countsUntil, @data)`,
    )
    courses.forEach((course, i) => {
      const { sample: _, countsUntil, ...facts } = factsOf(course, i + 1, {})
      insert.run({
        ...facts,
        countsUntil: JSON.stringify(countsUntil),
        data: JSON.stringify(course),
      })
    })
    old.prepare(`insert into catalog_meta (key, value) values ('hash', 'before')`).run()
    old.close()

    const upgraded = openSqlite(path)
    const store = new CatalogStore(upgraded.db, upgraded.runAtomically)
    expect((await store.facts()).map((f) => [f.id, f.sample])).toEqual([
      ['demo', true],
      ['real', false],
    ])
    expect(await store.sampleCourses()).toBe(1)
    const search = new SqliteSearchIndex(upgraded.db, store)
    const found = await search.search(searchParamsSchema.parse({ sample: 'exclude' }))
    expect(found.hits.map((h) => h.id)).toEqual(['real'])
    upgraded.close()
  })
})
