/**
 * What a client or a catalog file can send that must never take the server down: bounded
 * catalogs, deep JSON, extreme dates, token guessing, forwarded addresses, a full disk.
 * (The process-level cases, with a real server, are in server-process.test.ts.)
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogFolderLoader } from '../../src/adapters/catalog-folder.js'
import { scanJson } from '../../src/adapters/catalog-parse/scan.js'
import { ThreadedCatalogParser } from '../../src/adapters/catalog-parse/threaded.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { clientAddress } from '../../src/http/client-address.js'
import { describeError } from '../../src/http/errors.js'
import { TokenBuckets } from '../../src/http/token-buckets.js'
import {
  CATALOG_DIR,
  makeCatalog,
  makeCourse,
  makeTestApp,
  shippedCatalog,
} from '../helpers/app.js'

const TOKEN = 'limits-admin-token-0123456789'
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const dirs: string[] = []
function copyCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-limits-'))
  cpSync(CATALOG_DIR, dir, { recursive: true })
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`

describe('catalog uploads within bounds', () => {
  it('refuses more courses than allowed before validating any of them', async () => {
    const t = makeTestApp({ adminToken: TOKEN, parseLimits: { maxDepth: 32, maxCourses: 1_000 } })
    await t.loadFolder()
    const body = `{"providers":[],"courses":[${Array(5_000).fill('{}').join(',')}]}`
    const res = await t.app.request('/v1/admin/catalog', { method: 'PUT', headers: auth, body })
    expect(res.status).toBe(400)
    const problem = await res.json()
    expect(problem.errors).toEqual([{ path: '$.courses', message: 'more than 1000 courses' }])
    expect((await t.get('/healthz')).body.courses).toBe(154)
  })

  it.each([
    ['the admin upload', '/v1/admin/catalog', 'PUT'],
    ['the validation', '/v1/admin/catalog/validate', 'POST'],
    ['progress', '/v1/progress', 'POST'],
    ['plan', '/v1/plan', 'POST'],
  ])('answers 4xx to JSON nested 10,000 levels deep (%s)', async (_, path, method) => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    for (const body of [
      `{"providers":${deep(10_000)},"courses":[]}`,
      `{"credential":"cma-aama","cycleEnd":"2027-06-30","activities":${deep(10_000)}}`,
      deep(10_000),
    ]) {
      const res = await t.app.request(path, { method, headers: auth, body })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('scans nesting and counts without recursion', () => {
    expect(scanJson(deep(100_000), { maxDepth: 32 }).depth).toBe(33)
    expect(scanJson('{"courses":[{},{"courses":[1,2]}],"x":"[[["}', { maxDepth: 32 })).toEqual({
      depth: 4,
      items: 2,
      keyItems: 2,
    })
    expect(scanJson('[]', { maxDepth: 32 }).items).toBe(0)
  })

  it('parses an upload in a worker thread and answers the same as in process', async () => {
    const parser = new ThreadedCatalogParser()
    try {
      const catalog = await shippedCatalog()
      const good = await parser.upload(JSON.stringify(catalog), catalog)
      expect(good.ok && good.catalog.courses.length).toBe(154)
      const bad = await parser.upload(`{"providers":${deep(50)}}`, catalog)
      expect(bad).toEqual({
        ok: false,
        issues: [{ file: '', path: '$', message: 'nested deeper than 32 levels' }],
      })
    } finally {
      await parser.close()
    }
  })
})

describe('catalog folders within bounds', () => {
  it.each([
    ['nested 5,000 deep', deep(5_000), 'nested deeper than 32 levels'],
    ['of 300,000 empty courses', `[${Array(300_000).fill('{}').join(',')}]`, 'more than'],
  ])('refuses a course file %s, naming it in the log', async (_, text, message) => {
    const dir = copyCatalog()
    writeFileSync(join(dir, 'courses/hostile.json'), text)
    const lines: { event: string; fields: Record<string, unknown> }[] = []
    const t = makeTestApp()
    const loader = new CatalogFolderLoader(dir, t.store, t.search, (event, fields) =>
      lines.push({ event, fields }),
    )
    const outcome = await loader.load()
    expect(outcome).toEqual({
      status: 'refused',
      issues: [
        { file: 'courses/hostile.json', path: '$', message: expect.stringContaining(message) },
      ],
    })
    const refused = lines.find((l) => l.event === 'catalog.refused')
    expect(refused?.fields.files).toEqual(['courses/hostile.json'])
    expect(JSON.stringify(refused)).toContain('courses/hostile.json')
  })

  it('backs off while the folder keeps failing, and reloads once it is fixed', async () => {
    const dir = copyCatalog()
    writeFileSync(join(dir, 'courses/broken.json'), '[{"id": ')
    const sqlite = openSqlite(':memory:')
    const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
    const delays: number[] = []
    const loader = new CatalogFolderLoader(
      dir,
      store,
      new SqliteSearchIndex(sqlite.db, store),
      (event, fields) => {
        if (event === 'catalog.backoff') delays.push(fields.retryInMs as number)
      },
      // A parser that fails as a full disk would, every time.
      async () => {
        throw new Error('ENOSPC: no space left on device')
      },
    )
    loader.watch(5)
    // Each failure touches the folder so that the next poll tries again.
    await expect
      .poll(
        () => {
          writeFileSync(join(dir, 'courses/broken.json'), `[{"id": ${delays.length}`)
          return delays.length
        },
        { timeout: 5_000, interval: 20 },
      )
      .toBeGreaterThanOrEqual(4)
    loader.stop()
    expect(delays.slice(0, 4)).toEqual([10, 20, 40, 80])
  })
})

describe('dates', () => {
  it.each([['0100-01-01'], ['1899-12-31'], ['2201-01-01'], ['9999-12-31']])(
    'refuses %s: years 1900 to 2200 only',
    async (date) => {
      const t = makeTestApp()
      await t.loadFolder()
      for (const body of [
        { credential: 'cma-aama', cycleEnd: date, activities: [] },
        { credential: 'cma-aama', cycleEnd: '2027-06-30', asOf: date, activities: [] },
        {
          credential: 'cma-aama',
          cycleEnd: '2027-06-30',
          activities: [{ title: 'x', completedOn: date, credits: { clinical: 1 } }],
        },
      ]) {
        for (const path of ['/v1/progress', '/v1/plan']) {
          const res = await t.post(path, body)
          expect(res.status).toBe(400)
          expect(JSON.stringify(res.body)).toContain('1900 to 2200')
        }
      }
      const search = await t.get(`/v1/courses?available=${date}`)
      expect(search.status).toBe(400)
    },
  )
})

describe('the admin token', () => {
  it('accepts the Bearer scheme in any case', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const body = JSON.stringify(makeCatalog({ courses: [makeCourse({ id: 'one' })] }))
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await t.app.request('/v1/admin/catalog/validate', {
        method: 'POST',
        headers: { authorization: `${scheme} ${TOKEN}` },
        body,
      })
      expect(res.status).toBe(200)
    }
  })

  it('throttles wrong tokens per client: 10 guesses, then 429 until the bucket refills', async () => {
    let clock = 0
    const t = makeTestApp({
      adminToken: TOKEN,
      now: () => clock,
      clientKey: (c) => c.req.header('x-client') ?? 'a',
    })
    await t.loadFolder()
    const body = JSON.stringify(makeCatalog())
    const send = (token: string, client = 'a') =>
      t.app.request('/v1/admin/catalog/validate', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-client': client },
        body,
      })
    for (let i = 0; i < 10; i++) expect((await send(`guess-number-${i}-xxxxxxxx`)).status).toBe(401)
    const throttled = await send('guess-number-11-xxxxxxxx')
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('6')
    // Even the right token waits: the throttle comes before the comparison.
    expect((await send(TOKEN)).status).toBe(429)
    expect((await send(TOKEN, 'b')).status).toBe(200) // another client is not affected
    clock += 6_000
    expect((await send(TOKEN)).status).toBe(200)
  })
})

describe('clients', () => {
  it.each([
    // header, socket, hops, client
    ['spoofed, 203.0.113.7', '10.0.0.2', 1, '203.0.113.7'],
    ['spoofed, 203.0.113.7, 10.0.0.9', '10.0.0.2', 2, '203.0.113.7'],
    ['spoofed, 203.0.113.7', '10.0.0.2', 0, '10.0.0.2'],
    [undefined, '10.0.0.2', 1, '10.0.0.2'],
    ['203.0.113.7', '10.0.0.2', 2, '10.0.0.2'],
  ] as const)(
    'X-Forwarded-For %s from %s behind %d proxies is %s',
    (header, socket, hops, client) => {
      expect(clientAddress(header, socket, hops)).toBe(client)
    },
  )

  it('keeps a bounded number of buckets with bounded keys', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, now: () => 0, maxClients: 100 })
    for (let i = 0; i < 12_000; i++) buckets.take(`${i}:${'k'.repeat(15_000)}`)
    expect(buckets.size).toBe(100)
    // Keys are cut to 64 characters: two that differ only further on share a bucket.
    const long = 'x'.repeat(64)
    buckets.take(`${long}-first`)
    expect(buckets.wait(`${long}-second`)).toBeGreaterThan(0)
  })
})

describe('storage', () => {
  it('answers 507 problem+json when the database is full, and changes nothing', async () => {
    const errors: unknown[] = []
    const sqlite = openSqlite(':memory:')
    const t = makeTestApp({ adminToken: TOKEN, sqlite, onError: (e) => errors.push(e) })
    await t.loadFolder()
    // biome-ignore lint/suspicious/noExplicitAny: the driver under drizzle
    const raw = (sqlite.db as any).$client
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) + 2}`)
    const catalog = await shippedCatalog()
    const bigger = {
      ...catalog,
      courses: catalog.courses.map((c) => ({
        ...c,
        id: `${c.id}-x`,
        description: 'y'.repeat(4_000),
      })),
    }
    // Every id is new, so the import removes every loaded course: forced past the wipe guard.
    const res = await t.app.request('/v1/admin/catalog?force=true', {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(bigger),
    })
    expect(res.status).toBe(507)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(describeError(errors[0])).toMatch(/SQLITE_FULL|full/)
    expect((await t.get('/healthz')).body.courses).toBe(154)
  })
})
