/**
 * Sample records on the Node app over SQLite: the shared suite over the shipped catalog, and
 * the cases only Node can set up (a catalog of the test's own, a database from before the
 * sample column, the server process refusing a bad SAMPLE_DATA).
 */
import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { sampleSuite } from '../contract/sample.js'
import { makeCatalog, makeCourse, makeOffer, makeProvider, makeTestApp } from '../helpers/app.js'
import { loadRuleSet } from '../helpers/rules.js'
import { startServer } from '../helpers/server.js'

const served = makeTestApp()
const excluding = makeTestApp({ sampleData: 'exclude' })
beforeAll(async () => {
  await served.loadFolder()
  await excluding.loadFolder()
})

sampleSuite('Node (SQLite)', {
  server: () => ({ fetch: async (path, init) => served.app.request(path, init) }),
  excluding: () => ({ fetch: async (path, init) => excluding.app.request(path, init) }),
})

describe('sample records in a catalog of its own (Node)', () => {
  // A sample membership makes the sample provider's courses free: the cheapest plan by far,
  // unless sample data is left out; then the real courses, dearer, make the plan.
  const catalog = makeCatalog({
    providers: [
      makeProvider({ id: 'real', source: { confidence: 'official' } }),
      makeProvider({ id: 'demo', source: { confidence: 'sample' } }),
    ],
    offers: [
      makeOffer({
        id: 'demo-unlimited',
        provider: 'demo',
        price: 5,
        coursePrice: { provider: 'demo', price: 0 },
        source: { confidence: 'sample' },
      }),
    ],
    courses: [
      ...[1, 2].map((n) =>
        makeCourse({
          id: `real-${n}`,
          provider: 'real',
          price: 20,
          credits: { clinical: 1 },
          source: { confidence: 'official' },
        }),
      ),
      ...[1, 2].map((n) =>
        makeCourse({
          id: `demo-${n}`,
          provider: 'demo',
          price: 15,
          credits: { clinical: 1 },
          source: { confidence: 'sample' },
        }),
      ),
    ],
    credentials: [loadRuleSet('cma-aama')],
  })
  /** A CMA transcript two clinical points short. */
  const request = {
    credential: 'cma-aama',
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      {
        title: 'A',
        completedOn: '2025-01-15',
        credits: { administrative: 20 },
        approvals: ['AAMA'],
      },
      { title: 'B', completedOn: '2025-02-15', credits: { clinical: 8 }, approvals: ['AAMA'] },
      { title: 'C', completedOn: '2025-03-15', credits: { general: 30 }, approvals: ['AAMA'] },
    ],
  }
  const bought = (body: { plan: { courses: { id: string }[]; offers: { id: string }[] } }) =>
    [...body.plan.offers, ...body.plan.courses].map((r) => r.id).sort()

  it('a plan built from sample records under include is built without them under exclude', async () => {
    const served = makeTestApp()
    const excluding = makeTestApp({ sampleData: 'exclude' })
    await served.load(catalog)
    await excluding.load(catalog)
    const cheapest = await served.post('/v1/plan', request)
    expect(cheapest.body.plan).toMatchObject({ feasible: true, optimal: true, cost: 5 })
    expect(bought(cheapest.body)).toEqual(['demo-1', 'demo-2', 'demo-unlimited'])
    const real = { feasible: true, optimal: true, cost: 40 }
    const asked = await served.post('/v1/plan', { ...request, preferences: { sample: 'exclude' } })
    expect(asked.body.plan).toMatchObject(real)
    expect(bought(asked.body)).toEqual(['real-1', 'real-2'])
    for (const preferences of [{}, { sample: 'include' }]) {
      const configured = await excluding.post('/v1/plan', { ...request, preferences })
      expect(configured.body.plan).toMatchObject(real)
      expect(bought(configured.body)).toEqual(['real-1', 'real-2'])
    }
    // Search and the provider facet agree.
    const search = await excluding.get('/v1/courses?sample=include')
    expect(search.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(['real-1', 'real-2'])
    expect(search.body.facets.provider).toEqual({ real: 2 })
    expect((await served.get('/v1/courses')).body.facets.provider).toEqual({ demo: 2, real: 2 })
  })
})

describe('SAMPLE_DATA on the server process', () => {
  it('refuses to start with a value other than include or exclude, saying which', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: ':memory:',
        SAMPLE_DATA: 'no',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain(
      'Invalid configuration:\n  SAMPLE_DATA: must be include or exclude, not "no"',
    )
    expect(stdout).not.toContain('server.listening')
  })

  it('with SAMPLE_DATA=exclude, serves the shipped catalog without its sample records', async () => {
    const server = await startServer({ SAMPLE_DATA: 'exclude' })
    try {
      await server.waitFor((l) => l.event === 'catalog.loaded')
      const health = await (await fetch(`${server.url}/healthz`)).json()
      expect(health).toMatchObject({ courses: 154, sampleCourses: 128, sampleData: 'exclude' })
      const search = await (
        await fetch(`${server.url}/v1/courses?sample=include&perPage=100`)
      ).json()
      expect(search.total).toBe(154 - 128)
      expect(
        search.hits.filter(
          (h: { source: { confidence: string } }) => h.source.confidence === 'sample',
        ),
      ).toEqual([])
    } finally {
      await server.stop()
    }
  }, 60_000)
})

describe('the OpenAPI document', () => {
  it('describes ?sample on the catalog reads and preferences.sample on plans', async () => {
    const doc = (await served.get('/openapi.json')).body
    for (const path of ['/v1/courses', '/v1/courses/{id}', '/v1/offers', '/v1/providers']) {
      const param = doc.paths[path].get.parameters.find(
        (p: { name: string }) => p.name === 'sample',
      )
      expect(param).toMatchObject({ in: 'query', required: false })
      expect(param.schema.enum).toEqual(['include', 'exclude'])
      expect(param.description).toMatch(/SAMPLE_DATA=exclude/)
    }
    const preference = doc.components.schemas.PlanPreferences.properties.sample
    expect(preference.enum).toEqual(['include', 'exclude'])
    expect(preference.description).toMatch(/SAMPLE_DATA=exclude/)
  })
})
