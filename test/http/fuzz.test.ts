import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { searchParamsSchema } from '../../src/core/search-query.js'
import { makeTestApp } from '../helpers/app.js'

/** No input makes the API answer 5xx; every error is problem+json. */
const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
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
        fc.asyncProperty(fc.oneof(body, fc.anything()), async (input) => {
          const response = await t.post(path, input)
          expect(response.status).toBeLessThan(500)
          if (response.status >= 400) expect(response.type).toBe('application/problem+json')
        }),
        { numRuns: path === '/v1/plan' ? 150 : 300 },
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
        const query = new URLSearchParams(params).toString()
        const response = await t.get(`/v1/courses?${query}`)
        expect(response.status).toBeLessThan(500)
        if (response.status >= 400) expect(response.type).toBe('application/problem+json')
      }),
      { numRuns: 500 },
    )
  })
})
