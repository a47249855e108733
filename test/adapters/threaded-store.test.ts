/**
 * The Node server's catalog store: replacements written in a worker thread on a connection of
 * their own, while the main thread goes on serving the previous catalog, on a real database
 * file.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite, type SqliteHandle } from '../../src/adapters/db/sqlite.js'
import { ThreadedCatalogStore } from '../../src/adapters/db/threaded-store.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { searchParamsSchema } from '../../src/core/search/query.js'
import { describeError } from '../../src/http/errors.js'
import { makeCourse, shippedCatalog } from '../helpers/app.js'

const handles: SqliteHandle[] = []
afterEach(() => {
  for (const handle of handles.splice(0)) handle.close()
})

/** A database file with the shipped catalog, and the threaded store over it. */
async function storeWithCatalog() {
  const path = join(mkdtempSync(join(tmpdir(), 'recert-threaded-')), 'db.sqlite')
  const sqlite = openSqlite(path)
  handles.push(sqlite)
  const catalog = await shippedCatalog()
  await new CatalogStore(sqlite.db, sqlite.runAtomically).replace(catalog, 'shipped')
  return {
    store: new ThreadedCatalogStore(sqlite.db, sqlite.runAtomically, path),
    catalog,
    db: sqlite.db,
  }
}

describe('catalog replacements in a worker thread', () => {
  it('writes the catalog and answers the same diff as an in-process write', async () => {
    const { store, catalog } = await storeWithCatalog()
    const next = {
      ...catalog,
      courses: [
        ...catalog.courses.slice(1),
        makeCourse({ id: 'threaded-new', provider: catalog.courses[0]?.provider ?? 'ace' }),
      ],
    }
    const expected = await store.diff(next)
    expect(
      await store.replace(next, 'next', {
        via: 'admin',
        at: '2026-11-30T00:00:00Z',
        folderHash: null,
      }),
    ).toEqual(expected)
    expect(expected).toEqual({ added: 1, changed: 0, removed: 1 })
    expect(await store.currentHash()).toBe('next')
    expect(await store.course('threaded-new')).toMatchObject({ id: 'threaded-new' })
    expect((await store.origin())?.via).toBe('admin')
  })

  it('keeps the main thread turning and reading the previous catalog until the write is done', async () => {
    const { store, catalog } = await storeWithCatalog()
    const courses = Array.from({ length: 20_000 }, (_, i) =>
      makeCourse({ id: `bulk-${i}`, provider: catalog.courses[0]?.provider ?? 'ace' }),
    )
    let done = false
    const writing = store.replace({ ...catalog, courses }, 'bulk').finally(() => {
      done = true
    })
    const seen: (number | null)[] = []
    let turns = 0
    while (!done) {
      seen.push(await store.loadedCourses())
      await new Promise((resolve) => setTimeout(resolve, 5))
      turns++
    }
    await writing
    // An in-process write holds the event loop for the whole transaction: no turn at all.
    expect(turns).toBeGreaterThan(3)
    expect(new Set(seen)).toEqual(new Set([154]))
    expect(await store.loadedCourses()).toBe(20_000)
  }, 60_000)

  it('builds the search index of the new catalog between searches, and moves both at once', async () => {
    const { store, catalog, db } = await storeWithCatalog()
    const search = new SqliteSearchIndex(db, store, { cacheSize: 0 })
    await search.refresh()
    store.onReplace((db, fresh) =>
      search.prepare(db, fresh, () => new Promise((resolve) => setImmediate(resolve))),
    )
    const provider = catalog.courses[0]?.provider ?? 'ace'
    const courses = Array.from({ length: 20_000 }, (_, i) =>
      makeCourse({ id: `zebra-${i}`, provider, title: `Zebrafish handling ${i}` }),
    )
    let done = false
    const writing = store.replace({ ...catalog, courses }, 'zebra').finally(() => {
      done = true
    })
    // What each search saw: the new word's total and the old catalog's, together.
    const seen = new Set<string>()
    while (!done) {
      const [zebra, phlebotomy] = await Promise.all([
        search.search(searchParamsSchema.parse({ q: 'zebrafish', perPage: 1 })),
        search.search(searchParamsSchema.parse({ q: 'phlebotomy', perPage: 1 })),
      ])
      seen.add(`${zebra.total}/${phlebotomy.total}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await writing
    await search.refresh()
    const before = [...seen][0] as string
    expect(before).toMatch(/^0\/[1-9]/)
    // Only the previous catalog with its index was ever seen: never new rows with an old index.
    expect(seen).toEqual(new Set([before]))
    const after = await search.search(searchParamsSchema.parse({ q: 'zebrafish', perPage: 1 }))
    expect(after.total).toBe(20_000)
  }, 60_000)

  it('runs replacements one after the other, in the order asked', async () => {
    const { store, catalog } = await storeWithCatalog()
    const fewer = { ...catalog, courses: catalog.courses.slice(10) }
    const [first, second] = await Promise.all([
      store.replace(fewer, 'fewer'),
      store.replace(catalog, 'all'),
    ])
    expect(first).toEqual({ added: 0, changed: 0, removed: 10 })
    expect(second).toEqual({ added: 10, changed: 0, removed: 0 })
    expect(await store.currentHash()).toBe('all')
  }, 30_000)

  it('reports a failed write with its code, and leaves the previous catalog', async () => {
    const { store, catalog } = await storeWithCatalog()
    const twice = makeCourse({ id: 'twice', provider: catalog.courses[0]?.provider ?? 'ace' })
    const failed = await store.replace({ ...catalog, courses: [twice, twice] }, 'bad').then(
      () => null,
      (error: unknown) => error,
    )
    expect(describeError(failed)).toMatch(/UNIQUE constraint failed: courses\.id/)
    const codes: unknown[] = []
    for (let e = failed; e instanceof Error; e = e.cause)
      codes.push((e as NodeJS.ErrnoException).code)
    expect(codes).toContain('SQLITE_CONSTRAINT_UNIQUE')
    expect(await store.currentHash()).toBe('shipped')
    expect(await store.loadedCourses()).toBe(154)
  }, 30_000)
})
