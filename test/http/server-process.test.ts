/**
 * The server as a process (started with `npm start`'s command): what a hostile client does to
 * the process itself, over real sockets. One server for the file.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServer } from '../helpers/server.js'

const TOKEN = 'process-admin-token-0123456789'
let server: ServerProcess

beforeAll(async () => {
  server = await startServer({
    ADMIN_TOKEN: TOKEN,
    TRUST_PROXY: '1',
    RATE_LIMIT_PER_MINUTE: '6',
    RATE_LIMIT_BURST: '2',
    HEADERS_TIMEOUT_MS: '1000',
    REQUEST_TIMEOUT_MS: '60000',
    SHUTDOWN_GRACE_MS: '60000',
  })
  await server.waitFor((l) => l.event === 'catalog.loaded')
}, 60_000)
afterAll(() => server.stop())

/** Sends raw bytes and resolves with everything the server answers until it closes. */
function raw(text: string): Promise<string> {
  const port = Number(new URL(server.url).port)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString()
    })
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

const plan = (client: string) =>
  fetch(`${server.url}/v1/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    }),
  })

describe('a real server process', () => {
  it('answers a 10 MB upload of 3.3 million empty courses with 4xx, serving /healthz meanwhile', async () => {
    // The parsing thread for the first upload is loaded in the background after start-up.
    await server.waitFor((l) => l.event === 'catalog.thread.ready')
    const body = `{"providers":[],"courses":[${Array(3_300_000).fill('{}').join(',')}]}`
    expect(body.length).toBeGreaterThan(9_900_000)
    let done = false
    const upload = fetch(`${server.url}/v1/admin/catalog`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    }).then(async (res) => {
      done = true
      return { status: res.status, body: await res.json() }
    })
    const health: number[] = []
    while (!done) {
      health.push((await fetch(`${server.url}/healthz`)).status)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const answer = await upload
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].message).toContain('more than')
    // How fast is measured by `npm run bench -- upload`, not here (before the bounds, this upload
    // ran for 47 s and killed the process).
    expect(health.length).toBeGreaterThan(0)
    expect(health.every((s) => s === 200)).toBe(true)
    expect((await (await fetch(`${server.url}/healthz`)).json()).courses).toBe(154)
  }, 30_000)

  it('after a 413, the next request on a keep-alive connection succeeds (Node fetch)', async () => {
    const failures: string[] = []
    for (let i = 0; i < 20; i++) {
      try {
        const big = await fetch(`${server.url}/v1/progress`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${i}` },
          body: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }),
        })
        expect(big.status).toBe(413)
        expect(big.headers.get('content-type')).toBe('application/problem+json')
        await big.arrayBuffer()
        const next = await fetch(`${server.url}/healthz`)
        expect(next.status).toBe(200)
        await next.arrayBuffer()
      } catch (error) {
        failures.push(String((error as Error).cause ?? error))
      }
    }
    expect(failures).toEqual([])
  }, 30_000)

  it('rate-limits by the last proxy hop, so a spoofed X-Forwarded-For entry passes nothing', async () => {
    // One attacker behind the trusted proxy, a new first entry each time.
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) {
      const res = await plan(`198.51.100.${i}, 203.0.113.66`)
      statuses.push(res.status)
      await res.arrayBuffer()
    }
    expect(statuses.filter((s) => s === 200).length).toBe(2)
    expect(statuses.filter((s) => s === 429).length).toBe(8)
    // Naming a victim first locks nobody out but the sender.
    for (let i = 0; i < 5; i++) await (await plan('203.0.113.99, 203.0.113.67')).arrayBuffer()
    expect((await plan('203.0.113.99')).status).toBe(200)
  }, 60_000)

  it.each([
    ['an unknown method', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n', 501],
    [
      'headers over 16 KB',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    ['bad framing', 'POST /v1/plan HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400],
    [
      'an Expect it cannot meet',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n',
      417,
    ],
    ['headers that never end', 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 408],
  ])(
    'answers %s with problem+json, logging the cause',
    async (_, request, status) => {
      const answer = await raw(request)
      expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `))
      expect(answer.toLowerCase()).toContain('content-type: application/problem+json')
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
      expect(body.status).toBe(status)
      const logged = await server.waitFor(
        (l) => l.event === 'request.client-error' && l.status === status,
      )
      expect(logged.code).toEqual(expect.any(String))
    },
    30_000,
  )
})
