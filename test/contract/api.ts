/**
 * The API contract (docs/api.md), one suite for both runtimes: `test/http/contract.test.ts` runs
 * it on the Node app over SQLite, `test/workers/contract.test.ts` on the Worker in workerd over
 * local D1. Both load the shipped catalog.
 */
import { describe, expect, it } from 'vitest'

export interface Client {
  fetch(path: string, init?: RequestInit): Promise<Response>
}

// biome-ignore lint/suspicious/noExplicitAny: the suite reads JSON bodies loosely
type Json = any

export function contractSuite(runtime: string, client: () => Client) {
  const get = async (path: string) => {
    const res = await client().fetch(path)
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      headers: res.headers,
      body: (await res.json()) as Json,
    }
  }
  const post = async (path: string, body: unknown) => {
    const res = await client().fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as Json,
    }
  }

  describe(`the API contract on ${runtime}`, () => {
    it('reports health with the number of courses, and how many are sample data', async () => {
      const r = await get('/healthz')
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ ok: true, courses: 154, sampleCourses: 128, sampleData: 'include' })
    })

    it('searches with typo tolerance, highlights and disjunctive facets', async () => {
      const r = await get('/v1/courses?q=flebotomy&perPage=3')
      expect(r.status).toBe(200)
      expect(r.body.hits[0].title).toMatch(/Phlebotomy/)
      expect(r.body.hits[0].highlight.title).toContain('<mark>Phlebotomy</mark>')
      const all = await get('/v1/courses?perPage=1')
      const clinical = await get('/v1/courses?category=clinical&perPage=1')
      expect(clinical.body.total).toBeLessThan(all.body.total)
      // The category facet ignores its own filter; the others count within it.
      expect(clinical.body.facets.category).toEqual(all.body.facets.category)
      expect(clinical.body.facets.provider).not.toEqual(all.body.facets.provider)
      expect(typeof r.body.took).toBe('number')
    })

    it('filters, sorts and pages', async () => {
      const r = await get('/v1/courses?approval=AAMA&maxPrice=20&sort=price&perPage=5&page=2')
      expect(r.status).toBe(200)
      expect(r.body.page).toBe(2)
      expect(r.body.hits.length).toBeLessThanOrEqual(5)
      const prices = r.body.hits.map((h: Json) => h.price)
      expect(prices).toEqual([...prices].sort((a: number, b: number) => a - b))
      for (const h of r.body.hits) {
        expect(h.approvals).toContain('AAMA')
        expect(h.price).toBeLessThanOrEqual(20)
      }
    })

    it('keeps, for ?credential=, the courses that count for it under its rules', async () => {
      const ncma = await get('/v1/courses?credential=ncma-ncct&perPage=100')
      const approved = await get('/v1/courses?approval=NCCT&perPage=1')
      expect(ncma.status).toBe(200)
      // Not only what NCCT approved: NCCT counts clock hours of any provider.
      expect(ncma.body.total).toBeGreaterThan(approved.body.total)
      expect(ncma.body.hits.some((h: Json) => !h.approvals.includes('NCCT'))).toBe(true)
      // A CPR card counts for CMA (AAMA) (4 clinical points) and not for NCMA (NCCT) (no rule).
      const ids = async (credential: string) =>
        (await get(`/v1/courses?q=bls&credential=${credential}`)).body.hits.map((h: Json) => h.id)
      expect(await ids('cma-aama')).toContain('aha-bls-provider-card')
      expect(await ids('ncma-ncct')).not.toContain('aha-bls-provider-card')
    })

    it('returns one course, or 404 problem+json', async () => {
      expect((await get('/v1/courses/ace-ma-cardiology')).body.provider).toBe('ace')
      const missing = await get('/v1/courses/no-such-course')
      expect(missing.status).toBe(404)
      expect(missing.type).toBe('application/problem+json')
    })

    it('answers bad input with a 400 problem+json naming the parameter', async () => {
      const r = await get('/v1/courses?perPage=1000')
      expect(r.status).toBe(400)
      expect(r.type).toBe('application/problem+json')
      expect(r.body.errors[0].path).toBe('query.perPage')
      const bad = await post('/v1/plan', '{"credential":')
      expect(bad.status).toBe(400)
      expect(bad.type).toBe('application/problem+json')
    })

    it('lists providers, offers and credentials', async () => {
      expect((await get('/v1/providers')).body.length).toBeGreaterThan(5)
      expect((await get('/v1/offers')).body.some((o: Json) => o.id === 'ace-membership')).toBe(true)
      const credentials = await get('/v1/credentials')
      expect(credentials.body.map((c: Json) => c.id)).toEqual(
        expect.arrayContaining(['cma-aama', 'rma-amt', 'ncma-ncct', 'ccma-nha']),
      )
      expect((await get('/v1/credentials/cma-aama')).body.credential).toBe('CMA (AAMA)')
    })

    it('reports progress', async () => {
      const r = await post('/v1/progress', {
        credential: 'cma-aama',
        cycleEnd: '2027-06-30',
        asOf: '2026-11-24',
        activities: [{ courseId: 'ace-ma-cardiology', completedOn: '2025-02-01' }],
      })
      expect(r.status).toBe(200)
      expect(r.body.cycle).toEqual({ start: '2022-07-01', end: '2027-06-30' })
      expect(r.body.requirements.find((q: Json) => q.id === 'total').required).toBe(60)
    })

    it('plans the cheapest way to recertify, proved optimal', async () => {
      const r = await post('/v1/plan', {
        credential: 'cma-aama',
        cycleEnd: '2027-06-30',
        asOf: '2026-11-24',
        activities: [],
      })
      expect(r.status).toBe(200)
      expect(r.body.plan).toMatchObject({ feasible: true, optimal: true, total: 39 })
      expect(r.body.plan.offers.map((o: Json) => o.id)).toEqual(['sample-academy-unlimited'])
      expect(r.body.alternatives.at(-1).label).toBe('recertify by exam')
    })

    it('serves the widget and the pages, with CORS on the API', async () => {
      const widget = await client().fetch('/widget.js')
      expect(widget.status).toBe(200)
      expect(widget.headers.get('access-control-allow-origin')).toBe('*')
      expect(await widget.text()).toContain('ceu-catalog')
      const demo = await client().fetch('/demo')
      expect(demo.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await demo.text()).toContain('<ceu-planner></ceu-planner>')
      const api = await client().fetch('/v1/providers', {
        headers: { origin: 'https://school.example' },
      })
      expect(api.headers.get('access-control-allow-origin')).toBe('*')
    })
  })
}
