/** The polite fetcher against a real HTTP server on loopback. */
import { mkdtempSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PoliteFetcher, retryAfter, USER_AGENT } from '../../src/scrape/fetcher.js'

interface Seen {
  path: string
  at: number
  headers: IncomingMessage['headers']
}

let server: Server
let base: string
let seen: Seen[] = []
const counts = new Map<string, number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    seen.push({ path, at: Date.now(), headers: req.headers })
    const n = (counts.get(path) ?? 0) + 1
    counts.set(path, n)
    if (path === '/robots.txt') {
      res.end('User-agent: *\nDisallow: /private\n')
    } else if (path === '/limited' && n === 1) {
      res.writeHead(429, { 'retry-after': '1' }).end('slow down')
    } else if (path === '/flaky' && n <= 2) {
      res.writeHead(503).end('busy')
    } else if (path === '/down') {
      res.writeHead(500).end('broken')
    } else if (path === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end()
      else res.writeHead(200, { etag: '"v1"', 'content-type': 'text/html' }).end('<p>version 1</p>')
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${path}</p>`)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => {
  server.close()
})

beforeEach(() => {
  seen = []
  counts.clear()
})

describe('the polite fetcher', () => {
  it('never requests a path robots.txt disallows, and names itself', async () => {
    const f = new PoliteFetcher({ minIntervalMs: 0 })
    const blocked = await f.get(`${base}/private/page`)
    expect(blocked).toMatchObject({ ok: false, disallowed: true })
    const fine = await f.get(`${base}/public`)
    expect(fine).toMatchObject({ ok: true, body: '<p>/public</p>' })
    expect(seen.map((s) => s.path)).toEqual(['/robots.txt', '/public'])
    expect(seen.every((s) => s.headers['user-agent'] === USER_AGENT)).toBe(true)
    expect(USER_AGENT).toMatch(/^recert-scraper\//)
  })

  it('retries a 429 after the Retry-After wait', async () => {
    const f = new PoliteFetcher({ minIntervalMs: 0 })
    const got = await f.get(`${base}/limited`)
    expect(got).toMatchObject({ ok: true, body: '<p>/limited</p>' })
    const tries = seen.filter((s) => s.path === '/limited')
    expect(tries).toHaveLength(2)
    expect((tries[1] as Seen).at - (tries[0] as Seen).at).toBeGreaterThanOrEqual(990)
    expect(f.stats.retries).toBe(1)
  })

  it('backs off on 5xx and gives up after its retries', async () => {
    const f = new PoliteFetcher({ minIntervalMs: 0, backoffMs: 20, retries: 3 })
    expect(await f.get(`${base}/flaky`)).toMatchObject({ ok: true })
    expect(seen.filter((s) => s.path === '/flaky')).toHaveLength(3)
    const down = await f.get(`${base}/down`)
    expect(down).toMatchObject({ ok: false })
    expect(down.ok ? '' : down.reason).toContain('HTTP 500 after 4 attempts')
    expect(seen.filter((s) => s.path === '/down')).toHaveLength(4)
  })

  it('revalidates with the cached ETag and reuses the cached page on 304', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'recert-cache-'))
    const first = await new PoliteFetcher({ minIntervalMs: 0, cacheDir }).get(`${base}/etag`)
    expect(first).toMatchObject({ ok: true, fromCache: false, body: '<p>version 1</p>' })
    const second = await new PoliteFetcher({ minIntervalMs: 0, cacheDir }).get(`${base}/etag`)
    expect(second).toMatchObject({
      ok: true,
      fromCache: true,
      status: 304,
      body: '<p>version 1</p>',
    })
    const asks = seen.filter((s) => s.path === '/etag')
    expect(asks[0]?.headers['if-none-match']).toBeUndefined()
    expect(asks[1]?.headers['if-none-match']).toBe('"v1"')
  })

  it('keeps to one request per second per host by default', async () => {
    const f = new PoliteFetcher()
    await Promise.all([f.get(`${base}/a`), f.get(`${base}/b`), f.get(`${base}/c`)])
    const times = seen.map((s) => s.at).sort((a, b) => a - b)
    expect(seen.map((s) => s.path).sort()).toEqual(['/a', '/b', '/c', '/robots.txt'])
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(990)
  }, 10_000)

  it('reports an unreachable site as unreachable, not as disallowed by robots.txt', async () => {
    // A port nothing listens on: the connection is refused, as when offline.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const f = new PoliteFetcher({ minIntervalMs: 0, retries: 1, backoffMs: 10 })
    const got = await f.get(`http://127.0.0.1:${port}/courses`)
    expect(got).toMatchObject({ ok: false, unreachable: true })
    expect(got.ok ? '' : got.reason).toMatch(/^unreachable: .*ECONNREFUSED/)
    expect(got.ok ? '' : got.reason).not.toContain('robots')
    expect(f.stats).toMatchObject({ unreachable: 1, disallowed: 0 })
  })

  it('fetches nothing from a site whose robots.txt answers 5xx, and says why', async () => {
    const down = createServer((_, res) => res.writeHead(503).end('maintenance'))
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve))
    const at = `http://127.0.0.1:${(down.address() as AddressInfo).port}`
    try {
      const f = new PoliteFetcher({ minIntervalMs: 0, retries: 0 })
      const got = await f.get(`${at}/courses`)
      expect(got).toMatchObject({ ok: false })
      expect(got.ok ? '' : got.reason).toBe(
        'robots.txt answered HTTP 503 after 1 attempts; not fetching until it answers',
      )
    } finally {
      down.close()
    }
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfter('3')).toBe(3000)
    expect(retryAfter('Wed, 25 Nov 2026 00:00:10 GMT', Date.parse('2026-11-25T00:00:00Z'))).toBe(
      10_000,
    )
    expect(retryAfter('soon')).toBeNull()
    expect(retryAfter(null)).toBeNull()
  })
})
