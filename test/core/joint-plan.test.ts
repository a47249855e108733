import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { RuleSet } from '../../src/core/catalog/rule-set.js'
import type { Course } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildJointPlan, savingOf } from '../../src/core/plan/joint.js'
import type { JointPlanInput, JointPlanResponse } from '../../src/core/plan/schemas.js'
import { evaluateProgress } from '../../src/core/rules/evaluate.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { makeCourse } from '../helpers/app.js'
import {
  arbCourse,
  arbOffer,
  cheapestByBruteForce,
  coursesOf,
  offersOf,
} from '../helpers/random-plans.js'
import { loadRuleSet } from '../helpers/rules.js'

// Several credentials in one plan (docs/rules.md, docs/api.md "Several credentials"): a course
// counts for each credential whose rules and cycle accept it, in each issuer's units.
const CMA = loadRuleSet('cma-aama')
const CCMA = loadRuleSet('ccma-nha')
const RMA = loadRuleSet('rma-amt')
const solver = new SmallMilpSolver(new HighsSolver())
const AS_OF = '2026-11-24'
/** Cycle ends: CMA 2022-07-01..2027-06-30; CCMA (24 months) and RMA (36 months) end 2027-03-31. */
const END = { [CMA.id]: '2027-06-30', [CCMA.id]: '2027-03-31', [RMA.id]: '2027-03-31' }

const target = (rules: RuleSet) => ({ rules, cycleEnd: END[rules.id] as string })

function jointInput(rules: RuleSet[], overrides: Partial<JointPlanInput>): JointPlanInput {
  return {
    targets: rules.map(target),
    asOf: AS_OF,
    held: [],
    activities: [],
    courses: [],
    offers: [],
    preferences: { objective: 'cost' },
    ...overrides,
  }
}

/** The transcript plus the plan, judged by the rules engine for each credential on its own date. */
function completeAfter(i: JointPlanInput, r: JointPlanResponse): boolean[] {
  const byId = new Map(i.courses.map((c) => [c.id, c]))
  const held = [...i.held, ...r.plan.offers.map((o) => o.id)]
  return i.targets.map(({ rules, cycleEnd }) => {
    const mine = r.plan.courses.filter((p) => p.serves.some((s) => s.credential === rules.id))
    const planned: ResolvedActivity[] = mine.map((p) => ({
      ...(byId.get(p.id) as Course),
      courseId: p.id,
      completedOn: p.on,
    }))
    const done = [i.asOf, ...planned.map((p) => p.completedOn)].sort().at(-1) as string
    return evaluateProgress(
      rules,
      { cycleEnd, offers: held },
      [...i.activities, ...planned],
      done,
      i.offers,
    ).complete
  })
}

describe('one plan for several credentials', () => {
  it('buys one course that serves both credentials instead of one for each: strictly cheaper than the separate plans', async () => {
    // CMA: 2 clinical points short (8 of 10). CCMA: 9 of its 10 credits (18 hours in its cycle).
    const prior: ResolvedActivity[] = [
      {
        completedOn: '2024-01-01',
        title: 'a',
        hours: 20,
        credits: { administrative: 20 },
        approvals: ['AAMA'],
      },
      {
        completedOn: '2024-01-02',
        title: 'c',
        hours: 8,
        credits: { clinical: 8 },
        approvals: ['AAMA'],
      },
      {
        completedOn: '2024-01-03',
        title: 'g',
        hours: 20,
        credits: { general: 20 },
        approvals: ['AAMA'],
      },
      { completedOn: '2026-06-01', title: 'n', hours: 18, credits: {}, approvals: [] },
    ]
    const both = makeCourse({
      id: 'both',
      credits: { clinical: 2 },
      hours: 2,
      price: 20,
      source: { confidence: 'official' },
    })
    const cmaOnly = makeCourse({
      id: 'cma-only',
      credits: { clinical: 2 },
      hours: 1,
      price: 15,
      source: { confidence: 'official' },
    })
    const ccmaOnly = makeCourse({
      id: 'ccma-only',
      credits: {},
      approvals: [],
      hours: 2,
      price: 8,
      source: { confidence: 'official' },
    })
    const i = jointInput([CMA, CCMA], { activities: prior, courses: [both, cmaOnly, ccmaOnly] })
    const r = await buildJointPlan(i, solver)
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 20 })
    expect(r.plan.courses.map((c) => c.id)).toEqual(['both'])
    expect(r.plan.courses[0]?.serves.map((s) => s.credential)).toEqual([CMA.id, CCMA.id])
    expect(r.plan.courses[0]?.by).toBe('2027-03-31') // the earlier of the two cycle ends
    // Alone: CMA buys cma-only ($15), CCMA buys ccma-only ($8): $23 and 3 hours.
    expect(r.separate.plans.map((p) => p.courses)).toEqual([['cma-only'], ['ccma-only']])
    expect(r.saving).toMatchObject({ amount: 3, hours: 1 })
    expect(r.saving?.summary).toContain('saves $3.00 and 1 hours')
    expect(completeAfter(i, r)).toEqual([true, true])
    expect(r.sample).toBe(false)
  })

  it('names the credential on every row when one of the two has lapsed and is left out', async () => {
    const course = makeCourse({
      id: 'any',
      credits: {},
      approvals: [],
      hours: 20,
      price: 5,
      source: { confidence: 'official' },
    })
    const i: JointPlanInput = {
      ...jointInput([CMA, CCMA], { courses: [course] }),
      targets: [{ rules: CMA, cycleEnd: '2024-06-30' }, target(CCMA)],
      asOf: '2026-11-30',
    }
    const r = await buildJointPlan(i, solver)
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/^cma-aama: continuing education is closed/),
    )
    expect(r.plan.courses.map((c) => c.toward)).toEqual([{ 'ccma-nha:total': 10 }])
    expect(r.plan.after.every((a) => a.credential !== undefined)).toBe(true)
    expect(r.plan.fees.every((f) => f.credential === 'ccma-nha')).toBe(true)
  })

  it('counts a course only for the credentials whose cycle holds its date', async () => {
    // A class after the CCMA cycle ends (2027-03-31) serves the CMA alone.
    const late = makeCourse({
      id: 'late',
      credits: { clinical: 4 },
      hours: 4,
      price: 0,
      sessions: [{ start: '2027-05-01' }],
      source: { confidence: 'official' },
    })
    const prior: ResolvedActivity[] = [
      {
        completedOn: '2024-01-01',
        title: 'x',
        hours: 56,
        credits: { administrative: 20, clinical: 16, general: 20 },
        approvals: ['AAMA'],
      },
    ]
    const i = jointInput([CMA, CCMA], { activities: prior, courses: [late] })
    const r = await buildJointPlan(i, solver)
    expect(r.plan.feasible).toBe(false)
    expect(r.plan.shortfalls).toEqual([
      { requirement: 'total', credential: CCMA.id, needed: 10, available: 0, short: 10 },
    ])
    expect(r.plan).toMatchObject({ optimal: false, total: null })
  })
})

const areas = ['administrative', 'clinical', 'general'] as const

describe.each([
  ['CMA + CCMA', CCMA, 2, 10],
  ['CMA + RMA', RMA, 1, 30],
] as const)(
  'joint plan property, %s: the total is the brute-force optimum',
  (_name, second, hoursPerPoint, required) => {
    const arbMissing = fc.record({
      administrative: fc.integer({ min: 0, max: 4 }),
      clinical: fc.integer({ min: 0, max: 4 }),
      general: fc.integer({ min: 0, max: 4 }),
      /** Hours already earned toward the second credential inside its cycle. */
      otherHours: fc.integer({ min: 0, max: required * hoursPerPoint }),
    })

    it('on 500 random catalogs of up to 14 courses and 2 offers; never dearer than the separate plans; complete after', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbCourse, { maxLength: 14 }),
          fc.array(arbOffer, { maxLength: 2 }),
          arbMissing,
          async (raw, rawOffers, missing) => {
            const courses = coursesOf(raw)
            const offers = offersOf(rawOffers)
            const activities: ResolvedActivity[] = areas.map((area, k) => ({
              completedOn: `2024-01-0${k + 1}`,
              title: area,
              hours: 20 - missing[area],
              credits: { [area]: 20 - missing[area] },
              approvals: ['AAMA'],
            }))
            if (missing.otherHours > 0)
              activities.push({
                completedOn: '2026-06-01',
                title: 'other',
                hours: missing.otherHours,
                credits: { general: missing.otherHours },
                approvals: [],
              })
            const i = jointInput([CMA, second], { activities, courses, offers })
            const r = await buildJointPlan(i, solver)
            const best = cheapestByBruteForce(courses, offers, missing, { hoursPerPoint, required })
            if (best === null) {
              expect(r.plan).toMatchObject({ feasible: false, optimal: false, total: null })
              return
            }
            expect(r.plan).toMatchObject({ feasible: true, optimal: true })
            expect(r.plan.cost).toBeCloseTo(best, 2)
            expect(completeAfter(i, r)).toEqual([true, true])
            if (r.separate.total !== null)
              expect(r.plan.total as number).toBeLessThanOrEqual(r.separate.total + 1e-9)
          },
        ),
        { numRuns: 500 },
      )
    }, 300_000)
  },
)

describe('the saving of one plan for all', () => {
  const plan = (total: number, hours: number, optimal = true) =>
    ({ plan: { feasible: true, optimal, total, hours } }) as Parameters<typeof savingOf>[0]
  const separate = (total: number, hours: number, optimal = true) => ({
    total,
    hours,
    plans: [{ optimal }, { optimal: true }],
  })

  it('says what one plan saves, and what it costs more when it does', () => {
    expect(savingOf(plan(20, 10), separate(27.5, 30))?.summary).toBe(
      "one plan for all saves $7.50 and 20 hours against following each credential's own plan",
    )
    // A course that counts for both can be dated only once: the joint plan may cost more.
    expect(savingOf(plan(30, 10), separate(27.5, 12))).toEqual({
      amount: -2.5,
      hours: 2,
      summary:
        "one plan for all costs $2.50 more and saves 2 hours against following each credential's own plan",
    })
    expect(savingOf(plan(20, 10), separate(20, 10))?.summary).toBe(
      "one plan for all costs the same as following each credential's own plan",
    )
  })

  it('claims no saving between plans not proved cheapest', () => {
    expect(savingOf(plan(20, 10, false), separate(27.5, 30))).toBeNull()
    expect(savingOf(plan(20, 10), separate(27.5, 30, false))).toBeNull()
  })
})
