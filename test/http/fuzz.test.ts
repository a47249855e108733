import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { searchParamsSchema } from '../../src/core/search/query.js'
import { startNodeServer } from '../../src/entry/node-http.js'
import { makeTestApp } from '../helpers/app.js'

/**
 * No input makes the API answer 5xx; every error is problem+json. At least 5,000 generated
 * requests over every route (counted below).
 */
const TOKEN = 'fuzz-admin-token-0123456789'
// Thousands of requests over real sockets on a shared machine.
vi.setConfig({ testTimeout: 180_000 })
const t = makeTestApp({ adminToken: TOKEN })
// Over a real Node HTTP server (the one the entry runs, with its client-error handling), through
// Node's fetch: its connections are kept alive and reused, so a request that leaves a
// connection broken fails the next one.
let server: Server
let base = ''
beforeAll(async () => {
  await t.loadFolder()
  server = startNodeServer({
    fetch: t.app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    log: () => {},
    requestTimeoutMs: 60_000,
    headersTimeoutMs: 10_000,
    graceMs: 0,
    onStopped: () => {},
    stopOnSignals: false,
  })
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

let sent = 0
const failedConnections: string[] = []
/** Sends a request and checks the promises every answer keeps; a failed connection is a failure. */
async function check(path: string, init?: RequestInit) {
  sent++
  let response: Response
  try {
    response = await fetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, init)
  } catch (error) {
    failedConnections.push(
      `${init?.method ?? 'GET'} ${path}: ${String((error as Error).cause ?? error)}`,
    )
    return
  }
  expect(response.status).toBeLessThan(500)
  if (response.status >= 400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  await response.arrayBuffer()
}
afterAll(async () => {
  server.close()
  expect(failedConnections).toEqual([])
  expect(sent).toBeGreaterThanOrEqual(5_000)
})

const date = fc.oneof(
  fc
    .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2027-13-01', 'yesterday', ''),
)
const courseIds = [
  'sample-cardiology-basics-for-the-clinic',
  'ceu-com-pharmacology-for-medical-assistants',
  'aha-bls-provider-card',
  'nope',
]
const activity = fc.record(
  {
    courseId: fc.constantFrom(...courseIds),
    title: fc.string({ maxLength: 20 }),
    completedOn: date,
    hours: fc.oneof(fc.double({ min: -5, max: 50, noNaN: true }), fc.constant(0)),
    credits: fc.record(
      {
        clinical: fc.double({ min: -1, max: 20, noNaN: true }),
        general: fc.double({ min: 0, max: 20, noNaN: true }),
      },
      { requiredKeys: [] },
    ),
    approvals: fc.subarray(['AAMA', 'AMT', 'NHA', 'AMMA', 'XYZ']),
    format: fc.constantFrom('online', 'cpr-card', 'college', 'workshop', 'podcast'),
    collegeCredits: fc.double({ min: 0, max: 6, noNaN: true }),
  },
  { requiredKeys: ['completedOn'] },
)
const body = fc.record(
  {
    credential: fc.constantFrom(
      'cma-aama',
      'rma-amt',
      'ncma-ncct',
      'ccma-nha',
      'rma-arma',
      'cma',
      '',
    ),
    cycleEnd: date,
    asOf: date,
    offers: fc.subarray(['aama-membership', 'ace-membership', 'sample-academy-unlimited', 'bogus']),
    activities: fc.array(activity, { maxLength: 8 }),
    preferences: fc.record(
      {
        objective: fc.constantFrom('cost', 'hours', 'fun'),
        maxHours: fc.double({ min: -1, max: 80, noNaN: true }),
        budget: fc.double({ min: -1, max: 300, noNaN: true }),
        deadline: date,
        formats: fc.subarray(['online', 'self-study', 'webinar', 'seminar']),
        providers: fc.subarray(['sample-academy', 'sample-learning', 'ace']),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['credential', 'cycleEnd'] },
)

describe('fuzzing', () => {
  it.each(['/v1/progress', '/v1/plan'])(
    'POST %s never answers 5xx',
    async (path) => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(body, fc.anything(), fc.string({ maxLength: 40 })),
          fc.constantFrom('application/json', 'text/plain', ''),
          async (input, type) => {
            await check(path, {
              method: 'POST',
              headers: type ? { 'content-type': type } : {},
              body: typeof input === 'string' ? input : JSON.stringify(input),
            })
          },
        ),
        { numRuns: path === '/v1/plan' ? 300 : 1_000 },
      )
    },
    120_000,
  )

  it('GET /v1/courses never answers 5xx', async () => {
    const param = fc.tuple(
      fc.constantFrom(...Object.keys(searchParamsSchema.shape), 'x'),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('clinical', 'AAMA', '10', '-1', '1e309', 'NaN', '2027-01-01', 'price'),
      ),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        await check(`/v1/courses?${new URLSearchParams(params).toString()}`)
      }),
      { numRuns: 1_500 },
    )
  })

  const segment = fc.oneof(
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.constantFrom('ace-ma-cardiology', 'cma-aama', '..', '%2e%2e', '%00', 'x'.repeat(300), ''),
  )
  const query = fc
    .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString())

  it('GET on every other route, with odd ids and query strings, never answers 5xx', async () => {
    const route = fc.oneof(
      segment.map((id) => `/v1/courses/${id}`),
      segment.map((id) => `/v1/credentials/${id}`),
      fc.constantFrom(
        '/v1/providers',
        '/v1/offers',
        '/v1/credentials',
        '/healthz',
        '/',
        '/docs',
        '/openapi.json',
        '/embed',
        '/planner',
        '/demo',
        '/widget.js',
        '/pages.css',
      ),
      segment.map((s) => `/${s}`),
    )
    await fc.assert(
      fc.asyncProperty(route, query, async (path, q) => {
        await check(q ? `${path}?${q}` : path)
      }),
      { numRuns: 1_200 },
    )
  })

  it('the admin API, with any token and any body, never answers 5xx', async () => {
    const auth = fc.constantFrom(undefined, `Bearer ${TOKEN}`, 'Bearer nope', TOKEN, 'Bearer ', '')
    const doc = fc.oneof(
      fc.anything(),
      fc.record({
        providers: fc.array(fc.record({ id: fc.string(), name: fc.string() }), { maxLength: 3 }),
        courses: fc.array(fc.anything(), { maxLength: 3 }),
      }),
      fc.string({ maxLength: 30 }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['PUT', '/v1/admin/catalog'], ['POST', '/v1/admin/catalog/validate']),
        auth,
        doc,
        async ([method, path], authorization, input) => {
          await check(path as string, {
            method: method as string,
            headers: {
              'content-type': 'application/json',
              ...(authorization !== undefined && { authorization }),
            },
            body: typeof input === 'string' ? input : JSON.stringify(input ?? null),
          })
        },
      ),
      { numRuns: 600 },
    )
    expect((await t.get('/healthz')).body.courses).toBe(154)
  })

  it('any method on any route never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('DELETE', 'PATCH', 'PUT', 'POST', 'GET', 'HEAD', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(
            '/v1/courses',
            '/v1/plan',
            '/v1/progress',
            '/v1/admin/catalog',
            '/demo',
            '/healthz',
          ),
          segment.map((s) => `/v1/${s}`),
        ),
        async (method, path) => {
          await check(path, {
            method,
            ...(method !== 'GET' && method !== 'HEAD' && { body: '{}' }),
          })
        },
      ),
      { numRuns: 400 },
    )
  })
})
