/** Admin API, limits, headers and logs (issue 8). */
import { describe, expect, it } from 'vitest'
import { realisticCatalog as syntheticCatalog } from '../../scripts/bench/plan-catalogs.js'
import { equal } from '../../src/http/hash.js'
import {
  makeCatalog,
  makeCourse,
  makeProvider,
  makeTestApp,
  shippedCatalog,
} from '../helpers/app.js'

const TOKEN = 'correct-horse-battery-staple'

const shipped = shippedCatalog

function request(
  app: ReturnType<typeof makeTestApp>['app'],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
}

describe('admin API', () => {
  it('does not exist without a configured token (404)', async () => {
    const t = makeTestApp()
    for (const [method, path] of [
      ['PUT', '/v1/admin/catalog'],
      ['POST', '/v1/admin/catalog/validate'],
    ] as const) {
      const res = await request(t.app, method, path, {}, { authorization: `Bearer ${TOKEN}` })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('answers 401 without the right bearer token, and changes nothing', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const doc = makeCatalog({ courses: [makeCourse({ id: 'only-one' })] })
    for (const authorization of [
      undefined,
      'Bearer wrong-token-of-some-length',
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      const res = await request(
        t.app,
        'PUT',
        '/v1/admin/catalog',
        doc,
        authorization ? { authorization } : {},
      )
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
      expect(await res.text()).not.toContain(TOKEN)
    }
    expect((await t.get('/healthz')).body.courses).toBe(154)
  })

  it('validates without changing anything; a bad document lists every error', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const auth = { authorization: `Bearer ${TOKEN}` }
    const good = await request(t.app, 'POST', '/v1/admin/catalog/validate', await shipped(), auth)
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ valid: true, courses: 154 })
    const bad = makeCatalog({
      courses: [makeCourse({ id: 'x', provider: 'nobody' }), makeCourse({ id: 'x', price: -5 })],
    })
    const res = await request(t.app, 'POST', '/v1/admin/catalog/validate', bad, auth)
    expect(res.status).toBe(400)
    const problem = await res.json()
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['$.courses[1].price'])
    const refs = makeCatalog({
      courses: [makeCourse({ id: 'x', provider: 'nobody' }), makeCourse({ id: 'x' })],
    })
    const refProblem = await (
      await request(t.app, 'POST', '/v1/admin/catalog/validate', refs, auth)
    ).json()
    expect(refProblem.errors.length).toBe(2)
    expect((await t.get('/healthz')).body.courses).toBe(154)
  })

  it('replaces the catalog atomically, answers the diff, keeps credentials when omitted', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const auth = { authorization: `Bearer ${TOKEN}` }
    const doc = makeCatalog({
      providers: [makeProvider({ id: 'prov' })],
      courses: [
        makeCourse({
          id: 'admin-cardio',
          title: 'Admin cardiology refresher',
          credits: { clinical: 30 },
          price: 1,
        }),
        makeCourse({
          id: 'admin-office',
          title: 'Front office basics',
          credits: { administrative: 30 },
          price: 1,
        }),
      ],
    })
    const { credentials: _c, synonyms: _s, ...withoutRules } = doc
    // Two courses where 154 are loaded: refused unless forced.
    const unforced = await request(t.app, 'PUT', '/v1/admin/catalog', withoutRules, auth)
    expect(unforced.status).toBe(409)
    expect((await t.get('/healthz')).body.courses).toBe(154)
    const res = await request(t.app, 'PUT', '/v1/admin/catalog?force=true', withoutRules, auth)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      added: 3,
      changed: 0,
      removed: expect.any(Number),
      courses: 2,
      storage: { source: 'database' },
    })
    expect((await t.get('/healthz')).body.courses).toBe(2)
    expect(
      (await t.get('/v1/courses?q=cardiology')).body.hits.map((h: { id: string }) => h.id),
    ).toEqual(['admin-cardio'])
    // The rule sets were kept: planning still works, on the new courses.
    const plan = await t.post('/v1/plan', {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    })
    expect(plan.status).toBe(200)
    // A bad document afterwards changes nothing.
    const bad = await request(
      t.app,
      'PUT',
      '/v1/admin/catalog',
      { providers: [], courses: [{ id: 'no' }] },
      auth,
    )
    expect(bad.status).toBe(400)
    expect((await t.get('/healthz')).body.courses).toBe(2)
  })

  it('never answers CORS on the admin API', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    const preflight = await t.app.request('/v1/admin/catalog', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const put = await request(
      t.app,
      'PUT',
      '/v1/admin/catalog',
      {},
      { origin: 'https://evil.example' },
    )
    expect(put.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('compares digests in constant time (equal-length, whole-array)', () => {
    expect(equal(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true)
    expect(equal(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false)
    expect(equal(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false)
  })
})

describe('limits', () => {
  it('refuses a body over 256 KB with 413 problem+json; the admin upload may be larger', async () => {
    const t = makeTestApp({ adminToken: TOKEN })
    await t.loadFolder()
    const big = JSON.stringify({
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      pad: 'x'.repeat(300 * 1024),
    })
    for (const path of ['/v1/plan', '/v1/progress']) {
      const res = await request(t.app, 'POST', path, big)
      expect(res.status).toBe(413)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
    const catalog = await shipped()
    const padded = {
      ...catalog,
      courses: catalog.courses.map((c) => ({
        ...c,
        description: `${c.description ?? ''} ${'y'.repeat(2_000)}`.slice(0, 5_000),
      })),
    }
    const text = JSON.stringify(padded)
    expect(text.length).toBeGreaterThan(256 * 1024)
    const res = await request(t.app, 'PUT', '/v1/admin/catalog', text, {
      authorization: `Bearer ${TOKEN}`,
    })
    expect(res.status).toBe(200)
  })

  it('rate-limits progress and plan per client with a token bucket, 429 with Retry-After', async () => {
    let clock = 0
    const t = makeTestApp({
      limits: { perMinute: 6, burst: 2 },
      now: () => clock,
      clientKey: (c) => c.req.header('x-client') ?? 'a',
    })
    await t.loadFolder()
    const body = {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    }
    const send = (client = 'a') =>
      request(t.app, 'POST', '/v1/progress', body, { 'x-client': client })
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(200)
    const limited = await send()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('10') // 6 a minute: one every 10 s
    expect(limited.headers.get('content-type')).toBe('application/problem+json')
    expect((await send('b')).status).toBe(200) // another client has its own bucket
    expect((await t.get('/v1/courses?q=ekg')).status).toBe(200) // search is not limited
    clock += 10_000
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(429)
  })

  it('answers the best plan found, not proved optimal, when planning hits its time limit', async () => {
    const base = await shipped()
    const { courses, offers } = syntheticCatalog(2_000, 2_000)
    const extra = Array.from({ length: 12 }, (_, i) => makeProvider({ id: `p${i}`, name: `P${i}` }))
    // Each offer twice: a choice with the twin of the best plan's offers is bounded by that
    // plan's cost, so proving the plan takes another solve, which the time limit stops.
    const twins = offers.map((o) => ({ ...o, id: `${o.id}-twin`, name: `${o.name} (twin)` }))
    const catalog = {
      ...base,
      providers: [...base.providers, ...extra],
      courses,
      offers: [...offers, ...twins],
    }
    const empty = {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    }
    const plan = async (planMs: number) => {
      const t = makeTestApp({ limits: { planMs } })
      await t.load(catalog)
      return t.post('/v1/plan', empty)
    }
    const r = await plan(0)
    expect(r.status).toBe(200)
    expect(r.body.plan.feasible).toBe(true)
    expect(r.body.plan.optimal).toBe(false)
    expect(r.body.warnings.join(' ')).toContain('time limit')
    // Still a real plan: it completes the credential.
    expect(r.body.plan.after.every((a: { remaining: number }) => a.remaining === 0)).toBe(true)
    const proved = await plan(60_000)
    expect(proved.body.plan.optimal).toBe(true)
    expect(r.body.plan.total).toBeGreaterThanOrEqual(proved.body.plan.total)
  })

  it('bounds query lengths', async () => {
    const t = makeTestApp()
    await t.loadFolder()
    const r = await t.get(`/v1/courses?q=${'a'.repeat(5_000)}`)
    expect(r.status).toBe(400)
    expect(r.body.errors[0].path).toBe('query.q')
  })
})

describe('headers and logs', () => {
  it('sends nosniff and a referrer policy everywhere, a strict CSP on every HTML page', async () => {
    const t = makeTestApp()
    await t.loadFolder()
    for (const path of [
      '/v1/courses?q=ekg',
      '/healthz',
      '/docs',
      '/',
      '/demo',
      '/embed',
      '/planner',
    ]) {
      const res = await t.app.request(path)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      if (res.headers.get('content-type')?.startsWith('text/html')) {
        const csp = res.headers.get('content-security-policy') ?? ''
        expect(csp).toContain("default-src 'none'")
        expect(csp).not.toContain('unsafe')
      }
    }
  })

  it('logs one structured line per request, with no secrets and no transcript contents', async () => {
    const lines: string[] = []
    const t = makeTestApp({
      adminToken: TOKEN,
      log: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
    })
    await t.loadFolder()
    await request(t.app, 'POST', '/v1/plan', {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      activities: [
        {
          title: 'Secret Hospital In-Service',
          completedOn: '2026-01-05',
          hours: 2,
          credits: { clinical: 2 },
        },
      ],
    })
    await request(t.app, 'PUT', '/v1/admin/catalog', await shipped(), {
      authorization: `Bearer ${TOKEN}`,
    })
    await t.app.request('/v1/courses?q=private+words')
    expect(lines).toHaveLength(3)
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      event: 'request',
      method: 'POST',
      path: '/v1/plan',
      status: 200,
    })
    expect(JSON.parse(lines[1] as string)).toMatchObject({ path: '/v1/admin/catalog', status: 200 })
    const all = lines.join('\n')
    expect(all).not.toContain(TOKEN)
    expect(all).not.toContain('Secret Hospital')
    expect(all).not.toContain('private')
  })
})
