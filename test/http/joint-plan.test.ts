import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { jointPlanResponseSchema } from '../../src/core/plan/schemas.js'
import { jointProgressSchema } from '../../src/core/rules/request.js'
import { makeTestApp } from '../helpers/app.js'

// Several credentials in one request (docs/api.md "Several credentials at once"), on the shipped
// catalog through the real HTTP app.
const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

const cmaAndCcma = {
  credentials: [
    { credential: 'cma-aama', cycleEnd: '2027-06-30' },
    { credential: 'ccma-nha', cycleEnd: '2027-03-31' },
  ],
  asOf: '2026-11-30',
  activities: [
    {
      title: 'Phlebotomy update',
      completedOn: '2025-09-10',
      hours: 6,
      credits: { clinical: 6 },
      approvals: ['AAMA'],
    },
  ],
}

type Planned = { id: string; on: string; serves: { credential: string }[] }

/** POST /v1/progress with the transcript plus the planned courses that serve each credential. */
async function progressAfter(
  request: typeof cmaAndCcma,
  body: { plan: { courses: Planned[]; offers: { id: string }[] } },
) {
  return Promise.all(
    request.credentials.map(async ({ credential, cycleEnd }) => {
      const mine = body.plan.courses.filter((c) =>
        c.serves.some((s) => s.credential === credential),
      )
      const done = [request.asOf, ...mine.map((c) => c.on)].sort().at(-1)
      const after = await t.post('/v1/progress', {
        credential,
        cycleEnd,
        asOf: done,
        offers: body.plan.offers.map((o) => o.id),
        activities: [
          ...request.activities,
          ...mine.map((c) => ({ courseId: c.id, completedOn: c.on })),
        ],
      })
      return after.body.complete as boolean
    }),
  )
}

describe('several credentials in one request', () => {
  it('POST /v1/progress answers one block per credential', async () => {
    const { status, body } = await t.post('/v1/progress', cmaAndCcma)
    expect(status).toBe(200)
    jointProgressSchema.parse(body)
    expect(body.credentials.map((p: { credential: string }) => p.credential)).toEqual([
      'cma-aama',
      'ccma-nha',
    ])
    expect(body.complete).toBe(false)
    // The same transcript, the issuer's own units: 6 AAMA points; 3 NHA credits (6 hours / 2).
    expect(body.credentials[0].activities[0].counted).toBe(6)
    expect(body.credentials[1].activities[0].counted).toBe(3)
  })

  it('POST /v1/plan answers one plan serving both, compared with the separate plans', async () => {
    const { status, body } = await t.post('/v1/plan', cmaAndCcma)
    expect(status).toBe(200)
    jointPlanResponseSchema.parse(body)
    expect(body.plan).toMatchObject({ feasible: true, optimal: true })
    expect(body.plan.courses.some((c: Planned) => c.serves.length === 2)).toBe(true)
    for (const c of body.plan.courses) expect(c.by >= c.on).toBe(true)
    expect(body.separate.plans.map((p: { credential: string }) => p.credential)).toEqual([
      'cma-aama',
      'ccma-nha',
    ])
    expect(body.plan.total).toBeLessThanOrEqual(body.separate.total)
    expect(body.saving.summary).toMatch(/^one plan for all/)
    expect(await progressAfter(cmaAndCcma, body)).toEqual([true, true])
    // The shipped catalog's courses with prices are sample data: the answer says so.
    expect(body.sample).toBe(true)
    expect(body.warnings.some((w: string) => w.startsWith('This plan uses sample data'))).toBe(true)
  })

  it.each([
    [
      'a credential named twice',
      { ...cmaAndCcma, credentials: [cmaAndCcma.credentials[0], cmaAndCcma.credentials[0]] },
      'body.credentials[1].credential',
    ],
    [
      'an unknown credential',
      { ...cmaAndCcma, credentials: [{ credential: 'xyz', cycleEnd: '2027-01-31' }] },
      'body.credentials[0].credential',
    ],
    [
      'a bad cycle end',
      { ...cmaAndCcma, credentials: [{ credential: 'cma-aama', cycleEnd: '2027-02-30' }] },
      'body.credentials[0].cycleEnd',
    ],
    [
      'an unknown offer',
      {
        ...cmaAndCcma,
        credentials: [{ credential: 'cma-aama', cycleEnd: '2027-06-30', offers: ['nope'] }],
      },
      'body.credentials[0].offers[0]',
    ],
    ['no credentials', { ...cmaAndCcma, credentials: [] }, 'body.credentials'],
    // Both forms at once: either alone would drop the other's keys without a word.
    [
      'credential and cycleEnd beside credentials',
      { ...cmaAndCcma, credential: 'cma-aama', cycleEnd: '2027-06-30' },
      'body.credentials',
    ],
    [
      'a cycleEnd beside credentials',
      { ...cmaAndCcma, cycleEnd: '2027-06-30' },
      'body.credentials',
    ],
  ])('answers 400 problem+json for %s', async (_name, body, path) => {
    for (const route of ['/v1/plan', '/v1/progress']) {
      const response = await t.post(route, body)
      expect(response.status).toBe(400)
      expect(response.type).toBe('application/problem+json')
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
  })

  it('says why a body with both forms is refused', async () => {
    const body = { ...cmaAndCcma, credential: 'cma-aama', cycleEnd: '2027-06-30' }
    for (const route of ['/v1/plan', '/v1/progress']) {
      const response = await t.post(route, body)
      expect(response.status).toBe(400)
      expect(response.body.detail).toBe(
        'body.credentials: send credential and cycleEnd, or credentials alone, not both',
      )
    }
  })

  it('transcript + plan makes POST /v1/progress say complete for every credential (random requests)', async () => {
    const pairs = [
      ['cma-aama', 'ccma-nha'],
      ['cma-aama', 'rma-amt'],
      ['ncma-ncct', 'ccma-nha'],
      ['rma-amt', 'rma-arma'],
    ] as const
    const ends: Record<string, string[]> = {
      'cma-aama': ['2027-06-30', '2028-01-31'],
      'ccma-nha': ['2027-03-15', '2028-05-01'],
      'rma-amt': ['2027-04-20', '2028-09-30'],
      'ncma-ncct': ['2027-08-31', '2027-12-31'],
      'rma-arma': ['2027-12-31'],
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pairs),
        fc.nat(),
        fc.array(
          fc.record({
            area: fc.constantFrom('administrative', 'clinical', 'general'),
            hours: fc.integer({ min: 1, max: 10 }),
            approved: fc.boolean(),
            month: fc.integer({ min: 1, max: 10 }),
          }),
          { maxLength: 6 },
        ),
        async (pair, pick, prior) => {
          const request = {
            credentials: pair.map((credential, k) => {
              const options = ends[credential] as string[]
              return { credential, cycleEnd: options[(pick >> k) % options.length] as string }
            }),
            asOf: '2026-11-30',
            activities: prior.map((p, k) => ({
              title: `prior ${k}`,
              completedOn: `2026-${String(p.month).padStart(2, '0')}-1${k}`,
              hours: p.hours,
              credits: { [p.area]: p.hours },
              approvals: p.approved ? ['AAMA'] : [],
            })),
          }
          const { status, body } = await t.post('/v1/plan', request)
          expect(status).toBe(200)
          if (!body.plan.feasible) {
            expect(body.plan).toMatchObject({ optimal: false, total: null })
            expect(body.plan.reason).toBeTruthy()
            return
          }
          expect(body.plan.optimal).toBe(true)
          expect(await progressAfter(request as typeof cmaAndCcma, body)).toEqual([true, true])
        },
      ),
      { numRuns: 40 },
    )
  }, 300_000)
})
