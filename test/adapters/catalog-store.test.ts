/**
 * The catalog store keeps what every request reads (priced courses, offers, rule sets) per
 * catalog hash: a catalog written through another connection (the write thread's) is what the
 * next read answers, and a caller changing the list it got changes nothing for the next one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite, type SqliteHandle } from '../../src/adapters/db/sqlite.js'
import type { Catalog, Offer } from '../../src/core/catalog/schemas.js'
import { makeCourse } from '../helpers/app.js'
import { loadRuleSet } from '../helpers/rules.js'

const handles: SqliteHandle[] = []
const dirs: string[] = []
afterEach(() => {
  for (const h of handles.splice(0)) h.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const offer = (id: string, price: number): Offer => ({
  id,
  provider: 'prov',
  name: `Offer ${id}`,
  price,
  coursePrice: { provider: 'prov', price: 0 },
})

const catalogOf = (offers: Offer[], credential: string, course: string): Catalog => ({
  providers: [{ id: 'prov', name: 'Provider' }],
  offers,
  courses: [makeCourse({ id: course, provider: 'prov', price: 10 })],
  synonyms: [],
  credentials: [loadRuleSet(credential)],
})

/** Two connections to one database file: one reads (the server), one writes (the write thread). */
function twoStores() {
  const dir = mkdtempSync(join(tmpdir(), 'recert-store-'))
  dirs.push(dir)
  const path = join(dir, 'catalog.sqlite')
  const main = openSqlite(path)
  const writer = openSqlite(path, { migrate: false })
  handles.push(main, writer)
  return {
    reader: new CatalogStore(main.db, main.runAtomically),
    writer: new CatalogStore(writer.db, writer.runAtomically),
  }
}

describe('catalog store reads, kept per catalog hash', () => {
  it('answer the catalog another connection wrote last', async () => {
    const { reader, writer } = twoStores()
    await writer.replace(catalogOf([offer('a', 10)], 'cma-aama', 'c1'), 'hash-1')
    expect((await reader.offers()).map((o) => o.id)).toEqual(['a'])
    expect((await reader.credentials()).map((r) => r.id)).toEqual(['cma-aama'])
    expect((await reader.pricedCourses()).map((c) => c.id)).toEqual(['c1'])
    await writer.replace(catalogOf([offer('b', 20), offer('c', 5)], 'rma-amt', 'c2'), 'hash-2')
    expect((await reader.offers()).map((o) => o.id)).toEqual(['b', 'c'])
    expect((await reader.credentials()).map((r) => r.id)).toEqual(['rma-amt'])
    expect((await reader.pricedCourses()).map((c) => c.id)).toEqual(['c2'])
  })

  it('give each caller its own list of the same offers and rule sets', async () => {
    const { reader, writer } = twoStores()
    await writer.replace(catalogOf([offer('a', 10), offer('b', 5)], 'cma-aama', 'c1'), 'hash-1')
    const first = await reader.offers()
    first.pop()
    const second = await reader.offers()
    expect(second.map((o) => o.id)).toEqual(['a', 'b'])
    expect(second[0]).toBe(first[0])
    expect((await reader.credentials())[0]).toBe((await reader.credentials())[0])
  })

  it('answer nothing before a catalog is loaded', async () => {
    const { reader } = twoStores()
    expect(await reader.offers()).toEqual([])
    expect(await reader.credentials()).toEqual([])
  })
})
