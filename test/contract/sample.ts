/**
 * Sample records (invented demo data, `source.confidence: "sample"`) in the public API, one
 * suite for both runtimes over the shipped catalog: `?sample=exclude` and `preferences.sample`
 * on a server that serves them (the default), and a server started with SAMPLE_DATA=exclude,
 * where no request brings them back. `test/http/sample.test.ts` runs it on the Node app over
 * SQLite, `test/workers/sample.test.ts` on the Worker in workerd over local D1.
 */
import { describe, expect, it } from 'vitest'
import type { Client } from './api.js'

// biome-ignore lint/suspicious/noExplicitAny: the suite reads JSON bodies loosely
type Json = any

const isSample = (record: Json) => record.source?.confidence === 'sample'

/**
 * A CMA transcript one clinical point short: the cheapest way to close it is a free sample
 * course (sample-clia-waived-testing-quality-control); without sample data it is the one real
 * priced course, ContinuingEducation.com's $10 pharmacology course.
 */
const oneClinicalPointShort = {
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  activities: [
    ['administrative', 20],
    ['clinical', 9],
    ['general', 30],
  ].map(([area, points], i) => ({
    title: `In-service ${i + 1}`,
    completedOn: `2025-0${i + 1}-15`,
    hours: points,
    credits: { [area as string]: points },
    approvals: ['AAMA'],
    format: 'workshop',
  })),
}

export function sampleSuite(
  runtime: string,
  clients: {
    /** The server as shipped (SAMPLE_DATA unset: include). */
    server: () => Client
    /** The same catalog on a server started with SAMPLE_DATA=exclude. */
    excluding: () => Client
  },
) {
  const call = async (client: () => Client, path: string, body?: unknown) => {
    const res = await client().fetch(
      path,
      body === undefined
        ? undefined
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    )
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as Json,
    }
  }
  const get = (path: string) => call(clients.server, path)
  const getExcluding = (path: string) => call(clients.excluding, path)

  /** Every hit of a search, page by page, with the first page's total and facets. */
  const everyHit = async (client: () => Client, query: string) => {
    const first = await call(client, `/v1/courses?${query}&perPage=100&page=1`)
    expect(first.status).toBe(200)
    const hits: Json[] = [...first.body.hits]
    const pages = Math.ceil(first.body.total / 100)
    for (let page = 2; page <= pages; page++)
      hits.push(...(await call(client, `/v1/courses?${query}&perPage=100&page=${page}`)).body.hits)
    expect(hits).toHaveLength(first.body.total)
    return { total: first.body.total as number, facets: first.body.facets, hits }
  }

  /** The shipped catalog's sample records, read from the server that serves them. */
  const shipped = async () => {
    const health = await get('/healthz')
    const all = await everyHit(clients.server, 'sort=title')
    const providers = (await get('/v1/providers')).body
    const offers = (await get('/v1/offers')).body
    return {
      courses: health.body.courses as number,
      sampleCourses: all.hits.filter(isSample).map((c: Json) => c.id as string),
      sampleProviders: providers.filter(isSample).map((p: Json) => p.id as string),
      sampleOffers: offers.filter(isSample).map((o: Json) => o.id as string),
    }
  }

  /** Nothing sample in a search answer: no hit, and no sample provider among the facets. */
  const expectNoSample = (
    found: { total: number; facets: Json; hits: Json[] },
    sample: { sampleProviders: string[] },
  ) => {
    expect(found.hits.filter(isSample)).toEqual([])
    for (const provider of sample.sampleProviders)
      expect(Object.keys(found.facets.provider)).not.toContain(provider)
    // Every course has one format: the format counts add up to the total, sample ones not in it.
    const formats = Object.values(found.facets.format as Record<string, number>)
    expect(formats.reduce((a, b) => a + b, 0)).toBe(found.total)
  }

  describe(`sample records on ${runtime}`, () => {
    it('are served by default: search, facets, course by id, offers, providers, /healthz', async () => {
      const sample = await shipped()
      expect(sample.sampleCourses.length).toBeGreaterThan(0)
      expect(sample.sampleProviders.length).toBeGreaterThan(0)
      expect(sample.sampleOffers.length).toBeGreaterThan(0)
      const health = await get('/healthz')
      expect(health.body).toMatchObject({
        sampleCourses: sample.sampleCourses.length,
        sampleData: 'include',
      })
      const all = await everyHit(clients.server, 'sort=price')
      expect(all.total).toBe(sample.courses)
      for (const provider of sample.sampleProviders)
        expect(all.facets.provider[provider]).toBeGreaterThan(0)
      const one = await get(`/v1/courses/${sample.sampleCourses[0]}`)
      expect(one.status).toBe(200)
      expect(isSample(one.body)).toBe(true)
      expect((await get('/v1/courses?sample=include&perPage=1')).body.total).toBe(sample.courses)
    })

    it('?sample=exclude leaves them out of every page, facet, count and lookup', async () => {
      const sample = await shipped()
      const real = sample.courses - sample.sampleCourses.length
      for (const query of ['sample=exclude', 'sample=exclude&sort=value&category=clinical']) {
        const found = await everyHit(clients.server, query)
        expectNoSample(found, sample)
      }
      expect((await everyHit(clients.server, 'sample=exclude')).total).toBe(real)
      // A text search that finds sample courses, and a filter on a sample provider.
      const spirometry = await everyHit(clients.server, 'q=spirometry')
      expect(spirometry.hits.some(isSample)).toBe(true)
      expectNoSample(await everyHit(clients.server, 'q=spirometry&sample=exclude'), sample)
      const theirs = await everyHit(
        clients.server,
        `provider=${sample.sampleProviders[0]}&sample=exclude`,
      )
      expect(theirs.total).toBe(0)
      expectNoSample(theirs, sample)
      const missing = await get(`/v1/courses/${sample.sampleCourses[0]}?sample=exclude`)
      expect(missing.status).toBe(404)
      expect(missing.type).toBe('application/problem+json')
      expect((await get('/v1/offers?sample=exclude')).body.filter(isSample)).toEqual([])
      expect((await get('/v1/providers?sample=exclude')).body.filter(isSample)).toEqual([])
      const bad = await get('/v1/courses?sample=maybe')
      expect(bad.status).toBe(400)
      expect(bad.body.errors[0].path).toBe('query.sample')
    })

    it('preferences.sample: "exclude" plans without them', async () => {
      const sample = await shipped()
      const withSample = await call(clients.server, '/v1/plan', oneClinicalPointShort)
      expect(withSample.status).toBe(200)
      expect(withSample.body.plan).toMatchObject({ feasible: true, cost: 0 })
      const planned = withSample.body.plan.courses.map((c: Json) => c.id)
      expect(planned.some((id: string) => sample.sampleCourses.includes(id))).toBe(true)
      const without = await call(clients.server, '/v1/plan', {
        ...oneClinicalPointShort,
        preferences: { sample: 'exclude' },
      })
      expect(without.status).toBe(200)
      expect(without.body.plan).toMatchObject({ feasible: true, optimal: true, cost: 10 })
      expect(without.body.plan.courses.map((c: Json) => c.id)).toEqual([
        'ceu-com-pharmacology-for-medical-assistants',
      ])
      const bad = await call(clients.server, '/v1/plan', {
        ...oneClinicalPointShort,
        preferences: { sample: 'no' },
      })
      expect(bad.status).toBe(400)
      expect(bad.body.errors[0].path).toBe('body.preferences.sample')
    })

    it('SAMPLE_DATA=exclude hides them from search whatever ?sample asks, and from every read', async () => {
      const sample = await shipped()
      const health = await getExcluding('/healthz')
      expect(health.body).toMatchObject({
        courses: sample.courses,
        sampleCourses: sample.sampleCourses.length,
        sampleData: 'exclude',
      })
      const real = sample.courses - sample.sampleCourses.length
      for (const query of ['sort=title', 'sample=include', 'sample=include&q=spirometry']) {
        const found = await everyHit(clients.excluding, query)
        expectNoSample(found, sample)
      }
      expect((await everyHit(clients.excluding, 'sample=include')).total).toBe(real)
      for (const id of sample.sampleCourses.slice(0, 3)) {
        expect((await getExcluding(`/v1/courses/${id}`)).status).toBe(404)
        expect((await getExcluding(`/v1/courses/${id}?sample=include`)).status).toBe(404)
      }
      for (const path of [
        '/v1/offers',
        '/v1/offers?sample=include',
        '/v1/providers?sample=include',
      ])
        expect((await getExcluding(path)).body.filter(isSample)).toEqual([])
    })

    it('SAMPLE_DATA=exclude: progress answers a sample course id as an unknown one', async () => {
      const sample = await shipped()
      const id = sample.sampleCourses[0] as string
      const transcript = (courseId: string) => ({
        credential: 'cma-aama',
        cycleEnd: '2027-06-30',
        asOf: '2026-11-24',
        activities: [{ courseId, completedOn: '2025-02-01' }],
      })
      expect((await call(clients.server, '/v1/progress', transcript(id))).status).toBe(200)
      const hidden = await call(clients.excluding, '/v1/progress', transcript(id))
      const unknown = await call(clients.excluding, '/v1/progress', transcript('no-such-course'))
      expect(unknown.status).toBe(400)
      expect(hidden.status).toBe(unknown.status)
      expect(hidden.type).toBe('application/problem+json')
      expect(hidden.body.errors).toEqual([
        { path: 'body.activities[0].courseId', message: `unknown course "${id}"` },
      ])
      expect(unknown.body.errors).toEqual([
        { path: 'body.activities[0].courseId', message: 'unknown course "no-such-course"' },
      ])
      // A sample offer held is unknown too.
      const held = await call(clients.excluding, '/v1/progress', {
        ...transcript('ceu-com-pharmacology-for-medical-assistants'),
        offers: [sample.sampleOffers[0]],
      })
      expect(held.status).toBe(400)
      expect(held.body.errors[0].path).toBe('body.offers[0]')
    })

    it('SAMPLE_DATA=exclude: a plan never proposes them, even when asked to include them', async () => {
      const sample = await shipped()
      for (const preferences of [{}, { sample: 'include' }]) {
        const r = await call(clients.excluding, '/v1/plan', {
          ...oneClinicalPointShort,
          preferences,
        })
        expect(r.status).toBe(200)
        expect(r.body.plan).toMatchObject({ feasible: true, optimal: true, cost: 10 })
        for (const course of r.body.plan.courses)
          expect(sample.sampleCourses).not.toContain(course.id)
        for (const offer of r.body.plan.offers) expect(sample.sampleOffers).not.toContain(offer.id)
      }
      // From scratch: sample courses make a plan; the shipped catalog's real courses alone
      // cannot close a CMA gap, and no sample course or offer fills in.
      const fromScratch = { ...oneClinicalPointShort, activities: [] }
      expect((await call(clients.server, '/v1/plan', fromScratch)).body.plan.feasible).toBe(true)
      const scratch = await call(clients.excluding, '/v1/plan', fromScratch)
      expect(scratch.status).toBe(200)
      expect(scratch.body.plan.feasible).toBe(false)
      const proposed = [
        ...scratch.body.plan.courses,
        ...scratch.body.plan.offers,
        ...scratch.body.alternatives.flatMap((a: Json) => [
          ...(a.plan?.courses ?? []),
          ...(a.plan?.offers ?? []),
        ]),
      ].map((r: Json) => r.id)
      for (const id of proposed) {
        expect(sample.sampleCourses).not.toContain(id)
        expect(sample.sampleOffers).not.toContain(id)
      }
    })
  })
}
