import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeTestApp } from '../helpers/app.js'
import { amtCases, ncctCases } from './cases-amt-ncct.js'
import { cmaCases } from './cases-cma.js'
import { cmaTranscriptCases } from './cases-cma-transcript.js'
import { armaCases, nhaCases } from './cases-nha-arma.js'
import { type Body, type RuleCase, warnedFigures } from './rule-book-helpers.js'

/**
 * The rule book (docs/rules.md) as tables, run against the real app over the shipped catalog.
 * Written from the rule book, not from the engine; every case is an ordinary test.
 */

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

async function progress(request: unknown): Promise<Body> {
  const { status, body } = await t.post('/v1/progress', request)
  expect(status, JSON.stringify(body)).toBe(200)
  return body
}

/** `complete` is never true while a row has `remaining > 0` (checked on every answer). */
function expectHonestComplete(body: Body) {
  if (body.complete) for (const r of body.requirements) expect(r.remaining, r.id).toBe(0)
}

const tables: [string, RuleCase[]][] = [
  ['CMA (AAMA)', [...cmaCases, ...cmaTranscriptCases]],
  ['RMA (AMT)', amtCases],
  ['NCMA (NCCT)', ncctCases],
  ['CCMA (NHA)', nhaCases],
  ['RMA (ARMA)', armaCases],
]
const allCases = tables.flatMap(([, cases]) => cases)

/** A test named `<id> — <title>`. */
const checked = (id: string, title: string, fn: () => Promise<void>) => it(`${id} — ${title}`, fn)

describe('rule book tables', () => {
  it('has at least 60 cases with unique ids, each citing its rule', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(60)
    expect(new Set(allCases.map((c) => c.id)).size).toBe(allCases.length)
    for (const c of allCases) expect(c.rule).toMatch(/docs\/rules\.md|https?:\/\//)
  })

  for (const [name, cases] of tables) {
    describe(name, () => {
      for (const c of cases) {
        checked(c.id, c.rule, async () => {
          const body = await progress(c.request)
          expectHonestComplete(body)
          c.check(body)
        })
      }
    })
  }
})

/**
 * Every figure the rule book does not mark `official`, with a request whose answer rests on it.
 * Ids: `<credential>:<rule-set section>` or `<credential>:<section>:<row id>`.
 */
const UNVERIFIED: Record<string, { confidence: 'secondary' | 'unverified'; request: unknown }> = {
  'cma-aama:repeatCourses': {
    confidence: 'unverified',
    request: repeat('cma-aama', '2027-06-30', ['2024-05-01', '2025-05-01']),
  },
  'cma-aama:gracePoints': {
    confidence: 'unverified',
    request: {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2027-08-15',
      activities: [
        { title: 'Late', completedOn: '2027-07-20', credits: { clinical: 1 }, approvals: ['AAMA'] },
      ],
    },
  },
  'rma-amt:units': {
    confidence: 'secondary',
    request: hours('rma-amt', '2027-04-30', '2025-01-10'),
  },
  'rma-amt:repeatCourses': {
    confidence: 'unverified',
    request: repeat('rma-amt', '2027-04-30', ['2025-01-10', '2026-01-10']),
  },
  'ncma-ncct:requirements:total': {
    confidence: 'secondary',
    request: hours('ncma-ncct', '2027-12-31', '2026-03-01'),
  },
  'ncma-ncct:fees:annual': {
    confidence: 'secondary',
    request: hours('ncma-ncct', '2027-12-31', '2026-03-01'),
  },
  'ccma-nha:fees:renewal': {
    confidence: 'secondary',
    request: hours('ccma-nha', '2027-06-15', '2026-01-10'),
  },
  'ccma-nha:lapse': {
    confidence: 'unverified',
    request: { credential: 'ccma-nha', cycleEnd: '2026-06-30', asOf: '2026-07-01', activities: [] },
  },
  'ccma-nha:repeatCourses': {
    confidence: 'unverified',
    request: repeat('ccma-nha', '2027-06-15', ['2025-08-10', '2026-01-10']),
  },
  ...Object.fromEntries(
    [
      ['cycle', 'secondary'],
      ['units', 'unverified'],
      ['requirements:total', 'secondary'],
      ['requirements:clinical-or-mix', 'secondary'],
      ['pathways:continuing-education', 'secondary'],
    ].map(([figure, confidence]) => [
      `rma-arma:${figure}`,
      {
        confidence: confidence as 'secondary' | 'unverified',
        request: {
          credential: 'rma-arma',
          cycleEnd: '2026-12-31',
          asOf: '2026-11-24',
          activities: [
            { title: 'Clinic skills', completedOn: '2026-03-01', credits: { clinical: 12 } },
          ],
        },
      },
    ]),
  ),
  'rma-arma:lapse': {
    confidence: 'secondary',
    request: { credential: 'rma-arma', cycleEnd: '2025-12-31', asOf: '2026-06-01', activities: [] },
  },
  'rma-arma:cprCards': {
    confidence: 'secondary',
    request: {
      credential: 'rma-arma',
      cycleEnd: '2026-12-31',
      asOf: '2026-11-24',
      activities: [{ format: 'cpr-card', completedOn: '2026-05-01', credits: { general: 2 } }],
    },
  },
  'rma-arma:repeatCourses': {
    confidence: 'unverified',
    request: repeat('rma-arma', '2026-12-31', ['2026-02-01', '2026-08-01']),
  },
}

function repeat(credential: string, cycleEnd: string, dates: string[]) {
  const asOf = cycleEnd < '2026-11-24' ? cycleEnd : '2026-11-24'
  return {
    credential,
    cycleEnd,
    asOf,
    activities: dates.map((completedOn) => ({
      courseId: 'sample-phlebotomy-techniques-refresher',
      completedOn,
    })),
  }
}
function hours(credential: string, cycleEnd: string, completedOn: string) {
  return {
    credential,
    cycleEnd,
    asOf: cycleEnd < '2026-11-24' ? cycleEnd : '2026-11-24',
    activities: [{ title: 'Clinic skills', completedOn, hours: 2, approvals: [] }],
  }
}

/** Non-official figures of a served rule set, by the same ids. */
function nonOfficialFigures(ruleSet: Record<string, unknown>): Record<string, string> {
  const found: Record<string, string> = {}
  const visit = (id: string, rule: unknown) => {
    if (rule && typeof rule === 'object' && 'confidence' in rule) {
      const confidence = (rule as { confidence: string }).confidence
      if (confidence !== 'official') found[id] = confidence
    }
  }
  for (const [key, value] of Object.entries(ruleSet)) {
    if (Array.isArray(value)) for (const r of value) visit(`${ruleSet.id}:${key}:${r?.id}`, r)
    else visit(`${ruleSet.id}:${key}`, value)
  }
  return found
}

const CREDENTIALS = ['cma-aama', 'rma-amt', 'ncma-ncct', 'ccma-nha', 'rma-arma']

describe('unverified figures (docs/rules.md "Confidence and warnings")', () => {
  for (const credential of CREDENTIALS) {
    checked(
      `figures-${credential}`,
      "the served rule set marks exactly the rule book's non-official figures",
      async () => {
        const { status, body } = await t.get(`/v1/credentials/${credential}`)
        expect(status).toBe(200)
        const expected = Object.fromEntries(
          Object.entries(UNVERIFIED)
            .filter(([id]) => id.startsWith(`${credential}:`))
            .map(([id, f]) => [id, f.confidence]),
        )
        expect(nonOfficialFigures(body)).toEqual(expected)
      },
    )
  }

  for (const [figure, { request }] of Object.entries(UNVERIFIED)) {
    checked(
      `warns-${figure}`,
      'an answer resting on this figure says so in a warning',
      async () => {
        const body = await progress(request)
        expect(warnedFigures(body)).toContain(figure)
      },
    )
  }

  for (const credential of CREDENTIALS) {
    checked(
      `confidence-${credential}`,
      'every requirement row, fee and pathway carries confidence and source',
      async () => {
        const body = await progress({ credential, cycleEnd: '2027-12-31', asOf: '2026-11-24' })
        const items = [...body.requirements, ...body.fees, ...body.pathways]
        expect(items.length).toBeGreaterThan(0)
        for (const item of items) {
          expect(['official', 'secondary', 'unverified'], item.id).toContain(item.confidence)
          expect(typeof item.source, item.id).toBe('string')
          expect(item.source.length, item.id).toBeGreaterThan(0)
        }
      },
    )
  }

  checked(
    'ncct-rule-flags',
    'NCCT carries its sourced repeat and recurring-training rules',
    async () => {
      const { body } = await t.get('/v1/credentials/ncma-ncct')
      expect(body.repeatCourses).toMatchObject({ repeatable: false, confidence: 'official' })
      expect(body.recurringTraining).toMatchObject({ onceInYears: 5, confidence: 'official' })
      expect(body.repeatCourses.source).toMatch(/ncctinc\.com/)
    },
  )
})

// --- Properties --------------------------------------------------------------------------------

const AREAS = ['administrative', 'clinical', 'general'] as const
/**
 * Few dates, so that transcripts often hold the same course or title on the same day and the
 * cycle's edges: first day, day before, last day, day after, the assessment date and the day after.
 */
const cmaDates = fc.constantFrom(
  '2022-06-30',
  '2022-07-01',
  '2024-05-01',
  '2025-05-01',
  '2026-11-24',
  '2026-11-25',
)
const ncctDates = fc.constantFrom(
  '2025-12-31',
  '2026-01-01',
  '2026-06-01',
  '2027-03-01',
  '2027-06-01',
)

/** CMA transcripts around the cycle 2022-07-01..2027-06-30, assessed 2026-11-24. */
const cmaActivity = fc.oneof(
  fc.record({
    title: fc.constantFrom('Wound care', 'HIPAA'),
    completedOn: cmaDates,
    credits: fc
      .tuple(fc.constantFrom(...AREAS), fc.constantFrom(0.25, 0.5, 1, 2, 5, 10, 35))
      .map(([area, n]) => ({ [area]: n })),
    approvals: fc.constantFrom([], ['AAMA']),
  }),
  fc.record({ format: fc.constant('cpr-card'), completedOn: cmaDates }),
  fc.record({
    format: fc.constant('college'),
    completedOn: cmaDates,
    collegeCredits: fc.constantFrom(1, 2),
    credits: fc.constantFrom({ clinical: 1 }, { administrative: 1, general: 3 }),
  }),
  fc.record({
    courseId: fc.constantFrom('aha-bls-provider-card', 'sample-phlebotomy-techniques-refresher'),
    completedOn: cmaDates,
  }),
)
/** NCCT transcripts over the window 2026-01-01..2027-12-31, assessed 2027-06-01. */
const ncctActivity = fc.record({
  title: fc.constantFrom('HIPAA annual training', 'OSHA annual training', 'Phlebotomy update'),
  completedOn: ncctDates,
  hours: fc.constantFrom(0.5, 1, 2, 3),
  recurringTraining: fc.boolean(),
})
const transcripts = [
  {
    name: 'CMA',
    base: { credential: 'cma-aama', cycleEnd: '2027-06-30', asOf: '2026-11-24' },
    activity: cmaActivity,
  },
  {
    name: 'NCMA',
    base: { credential: 'ncma-ncct', cycleEnd: '2027-12-31', asOf: '2027-06-01' },
    activity: ncctActivity,
  },
] as const

/** What must not depend on the order: rows, status, warnings, and each activity's outcome. */
function normal(body: Body, activities: unknown[]) {
  return {
    complete: body.complete,
    status: body.status,
    requirements: body.requirements,
    warnings: [...body.warnings].sort(),
    outcomes: body.activities
      .map((a: { index: number; counted: number; toward: unknown; reason: string | null }) =>
        JSON.stringify([activities[a.index], a.counted, a.toward, a.reason === null]),
      )
      .sort(),
  }
}

describe('properties (docs/rules.md "How the engine applies them")', () => {
  for (const { name, base, activity } of transcripts) {
    checked(
      `property-order-${name}`,
      'the answer never depends on the order of the activities',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(activity as fc.Arbitrary<Record<string, unknown>>, { maxLength: 12 }),
            fc.func(fc.integer()),
            async (activities, key) => {
              const shuffled = activities
                .map((a, i) => ({ a, k: key(i) }))
                .sort((x, y) => x.k - y.k)
                .map((x) => x.a)
              const one = await progress({ ...base, activities })
              const two = await progress({ ...base, activities: shuffled })
              expectHonestComplete(one)
              expect(normal(two, shuffled)).toEqual(normal(one, activities))
            },
          ),
          { numRuns: 80, seed: 20261130 },
        )
      },
    )

    checked(
      `property-monotone-${name}`,
      'adding an activity never lowers what is earned nor raises what remains',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(activity as fc.Arbitrary<Record<string, unknown>>, { maxLength: 10 }),
            activity as fc.Arbitrary<Record<string, unknown>>,
            async (activities, extra) => {
              const before = await progress({ ...base, activities })
              const after = await progress({ ...base, activities: [...activities, extra] })
              expectHonestComplete(after)
              for (const r of before.requirements) {
                const a = after.requirements.find((x: { id: string }) => x.id === r.id)
                expect(a.remaining, r.id).toBeLessThanOrEqual(r.remaining)
                // A category row shows the points that count; under the CMA's non-AAMA cap a new
                // activity may move counted points between areas, never below a minimum.
                const kind = AREAS.includes(r.id) ? 'category' : 'other'
                if (kind === 'category')
                  expect(Math.min(a.earned, a.required), r.id).toBeGreaterThanOrEqual(
                    Math.min(r.earned, r.required),
                  )
                else expect(a.earned, r.id).toBeGreaterThanOrEqual(r.earned)
              }
              if (before.complete) expect(after.complete).toBe(true)
            },
          ),
          { numRuns: 80, seed: 20261130 },
        )
      },
    )
  }
})
