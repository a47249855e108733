import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogFolderLoader } from '../../src/adapters/catalog-folder.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { CATALOG_DIR, makeCatalog, makeCourse, makeTestApp } from '../helpers/app.js'

const dirs: string[] = []
function copyCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-catalog-'))
  cpSync(CATALOG_DIR, dir, { recursive: true })
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the shipped catalog', () => {
  it('loads, with at least 150 courses and every provider docs/rules.md names', async () => {
    const t = makeTestApp()
    expect((await t.loadFolder()).status).toBe('loaded')
    const health = await t.get('/healthz')
    expect(health.body.courses).toBeGreaterThanOrEqual(150)
    const providers = (await t.get('/v1/providers')).body.map((p: { id: string }) => p.id)
    for (const id of [
      'aama',
      'cma-today',
      'aama-chapters',
      'relias',
      'ace',
      'nha',
      'amt',
      'aha',
      'college',
      'continuingeducation-com',
    ]) {
      expect(providers).toContain(id)
    }
    const offers = (await t.get('/v1/offers')).body.map((o: { id: string }) => o.id)
    expect(offers).toEqual(
      expect.arrayContaining(['ace-membership', 'relias-all-access', 'aama-membership']),
    )
    const ace = (await t.get('/v1/offers')).body.find(
      (o: { id: string }) => o.id === 'ace-membership',
    )
    expect(ace).toMatchObject({ price: 29.95, coursePrice: { provider: 'ace', price: 0 } })
  })

  it('labels every sample course as sample data, in files of their own', async () => {
    const t = makeTestApp()
    await t.loadFolder()
    const { body } = await t.get(
      '/v1/courses?perPage=100&provider=sample-academy,sample-learning,sample-society',
    )
    expect(body.total).toBeGreaterThan(100)
    for (const course of body.hits) expect(course.source.confidence).toBe('sample')
    const real = await t.get('/v1/courses?perPage=100&provider=ace,relias,aama,aha')
    for (const course of real.body.hits) expect(course.source.confidence).not.toBe('sample')
  })
})

describe('loading a catalog folder', () => {
  it('refuses a bad folder whole, listing every error, and keeps serving the previous catalog', async () => {
    const dir = copyCatalog()
    const t = makeTestApp()
    const loader = () => t.loadFolder(dir)
    expect((await loader()).status).toBe('loaded')
    const before = (await t.get('/v1/courses?q=cardiology')).body.total

    const file = join(dir, 'courses/ace.json')
    const courses = JSON.parse(readFileSync(file, 'utf8'))
    courses[1].price = -5
    courses[2].format = 'podcast'
    courses[3].provider = 'nobody'
    writeFileSync(file, JSON.stringify(courses))
    writeFileSync(join(dir, 'courses/broken.json'), '[{"id": ')

    const outcome = await loader()
    expect(outcome.status).toBe('refused')
    if (outcome.status !== 'refused') return
    expect(outcome.issues).toEqual(
      expect.arrayContaining([
        {
          file: 'courses/ace.json',
          path: '$[1].price',
          message: expect.stringMatching(/>=0|too small/i),
        },
        {
          file: 'courses/ace.json',
          path: '$[2].format',
          message: expect.stringContaining('online'),
        },
        {
          file: 'courses/broken.json',
          path: '$',
          message: expect.stringContaining('invalid JSON'),
        },
      ]),
    )
    // the unknown provider is a cross-file check, reported once the files themselves are valid
    courses[1].price = 5
    courses[2].format = 'online'
    writeFileSync(file, JSON.stringify(courses))
    rmSync(join(dir, 'courses/broken.json'))
    const second = await loader()
    expect(second).toMatchObject({
      status: 'refused',
      issues: [
        { file: 'courses/ace.json', path: '$[3].provider', message: 'unknown provider "nobody"' },
      ],
    })

    expect((await t.get('/healthz')).status).toBe(200)
    expect((await t.get('/v1/courses?q=cardiology')).body.total).toBe(before)
    expect((await t.get(`/v1/courses/${courses[1].id}`)).body.price).toBeNull()
  })

  it('validates the rule sets with the catalog and refuses a bad one', async () => {
    const dir = copyCatalog()
    const t = makeTestApp()
    expect((await t.loadFolder(dir)).status).toBe('loaded')
    const file = join(dir, 'credentials/cma-aama.json')
    const rules = JSON.parse(readFileSync(file, 'utf8'))
    rules.requirements[0].required = -60
    delete rules.cycle.source
    writeFileSync(file, JSON.stringify(rules))
    writeFileSync(
      join(dir, 'credentials/rma-arma.json'),
      readFileSync(join(dir, 'credentials/rma-amt.json')),
    )
    const outcome = await t.loadFolder(dir)
    expect(outcome.status).toBe('refused')
    if (outcome.status !== 'refused') return
    expect(outcome.issues).toEqual(
      expect.arrayContaining([
        {
          file: 'credentials/cma-aama.json',
          path: '$.requirements[0].required',
          message: expect.any(String),
        },
        { file: 'credentials/cma-aama.json', path: '$.cycle.source', message: expect.any(String) },
        {
          file: 'credentials/rma-arma.json',
          path: '$.id',
          message: expect.stringContaining('file name'),
        },
      ]),
    )
    expect((await t.get('/v1/credentials/cma-aama')).body.requirements[0].required).toBe(60)
  })

  it('reloads when the content changes, and only then', async () => {
    const dir = copyCatalog()
    const t = makeTestApp()
    expect((await t.loadFolder(dir)).status).toBe('loaded')
    expect((await t.loadFolder(dir)).status).toBe('unchanged')

    const file = join(dir, 'courses/aha.json')
    const courses = JSON.parse(readFileSync(file, 'utf8'))
    courses.push({ ...courses[0], id: 'aha-heartsaver', title: 'Heartsaver First Aid CPR AED' })
    writeFileSync(file, JSON.stringify(courses))
    const outcome = await t.loadFolder(dir)
    expect(outcome).toEqual({ status: 'loaded', diff: { added: 1, changed: 0, removed: 0 } })
    expect((await t.get('/v1/courses?q=heartsaver')).body.hits[0].id).toBe('aha-heartsaver')
  })

  it('serves 503 from /healthz before any catalog is loaded', async () => {
    const t = makeTestApp()
    const { status, type, body } = await t.get('/healthz')
    expect(status).toBe(503)
    expect(type).toBe('application/problem+json')
    expect(body.status).toBe(503)
  })

  it('polls the folder and picks up a change by itself', async () => {
    const dir = copyCatalog()
    const sqlite = openSqlite(':memory:')
    const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
    const loader = new CatalogFolderLoader(dir, store, new SqliteSearchIndex(sqlite.db, store))
    await loader.load()
    const hash = await store.currentHash()
    writeFileSync(join(dir, 'synonyms.json'), '[["ekg", "ecg"]]')
    loader.watch(20)
    await expect.poll(() => store.currentHash(), { timeout: 5_000 }).not.toBe(hash)
    loader.stop()
  })
})

describe('the store', () => {
  it("keeps every statement within D1's 100 bound parameters", async () => {
    const sqlite = openSqlite(':memory:')
    let largest = 0
    const store = new CatalogStore(sqlite.db, async (statements) => {
      for (const s of statements) {
        // biome-ignore lint/suspicious/noExplicitAny: reading drizzle's compiled parameters
        largest = Math.max(largest, (sqlite.db as any).dialect.sqlToQuery(s).params.length)
      }
      await sqlite.runAtomically(statements)
    })
    const courses = Array.from({ length: 500 }, (_, i) =>
      makeCourse({ id: `c-${i}`, title: `Course ${i}` }),
    )
    await store.replace(makeCatalog({ courses }), 'h1')
    expect(largest).toBeGreaterThan(50)
    expect(largest).toBeLessThanOrEqual(100)
    expect(await store.loadedCourses()).toBe(500)
  })

  it('changes nothing when a statement of the replacement fails', async () => {
    const t = makeTestApp()
    await t.load(makeCatalog({ courses: [makeCourse({ id: 'keep-me', title: 'Keep me' })] }))
    // Duplicate ids pass straight to the store here (validation is skipped) and violate the
    // unique index halfway through.
    const broken = makeCatalog({ courses: [makeCourse({ id: 'dup' }), makeCourse({ id: 'dup' })] })
    await expect(t.store.replace(broken, 'h2')).rejects.toThrow(/insert into/)
    expect((await t.get('/v1/courses/keep-me')).status).toBe(200)
    expect((await t.get('/v1/courses?q=keep')).body.total).toBe(1)
  })

  it('answers the diff of a replacement', async () => {
    const t = makeTestApp()
    const a = makeCourse({ id: 'a' })
    const b = makeCourse({ id: 'b' })
    await t.load(makeCatalog({ courses: [a, b] }))
    const diff = await t.store.replace(
      makeCatalog({ courses: [{ ...a, price: 99 }, makeCourse({ id: 'c' })] }),
      'h3',
    )
    expect(diff).toEqual({ added: 1, changed: 1, removed: 1 })
  })

  it('keeps the priced courses while the catalog is unchanged, and reads them again after a replacement', async () => {
    const t = makeTestApp()
    await t.load(
      makeCatalog({
        courses: [
          makeCourse({ id: 'a', price: 10 }),
          makeCourse({ id: 'free-unknown', price: null }),
        ],
      }),
    )
    const first = await t.store.pricedCourses()
    expect(first.map((c) => c.id)).toEqual(['a'])
    expect(await t.store.pricedCourses()).toBe(first)
    await t.store.replace(
      makeCatalog({ courses: [makeCourse({ id: 'a', price: 12 }), makeCourse({ id: 'b' })] }),
      'h4',
    )
    const second = await t.store.pricedCourses()
    expect(second).not.toBe(first)
    expect(second.map((c) => [c.id, c.price])).toEqual([
      ['a', 12],
      ['b', makeCourse({ id: 'b' }).price],
    ])
  })
})
