import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { RuleSet } from '../../src/core/catalog/rule-set.js'
import type { Course } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan } from '../../src/core/plan/build.js'
import { evaluateProgress } from '../../src/core/rules/evaluate.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { makeCourse, shippedCatalog } from '../helpers/app.js'
import { cmaPlanInput, loadRuleSet } from '../helpers/rules.js'

// What a plan says about itself: where each course comes from, what is known of its total, when
// there is none, and which dates it may use (docs/api.md "Cheapest way to recertify").
const CMA = loadRuleSet('cma-aama')
const CCMA = loadRuleSet('ccma-nha')
const RMA = loadRuleSet('rma-amt')
const NCMA = loadRuleSet('ncma-ncct')
const ARMA = loadRuleSet('rma-arma')
const solver = new SmallMilpSolver(new HighsSolver())
const real = (c: Partial<Course>) => makeCourse({ source: { confidence: 'official' }, ...c })

const input = cmaPlanInput

/** 60 AAMA points less `n`: the total is `n` short (each area has its 10). */
const shortBy = (n: number): ResolvedActivity[] => [
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
    hours: 20 - n,
    credits: { clinical: 20 - n },
    approvals: ['AAMA'],
  },
  {
    completedOn: '2024-01-03',
    title: 'g',
    hours: 20,
    credits: { general: 20 },
    approvals: ['AAMA'],
  },
]

describe('a plan says where its courses come from', () => {
  it('flags a plan built on sample data, with a warning, and gives every course and offer its source', async () => {
    const sample = makeCourse({ id: 'sample-x', credits: { clinical: 2 }, hours: 2, price: 1 })
    const official = real({ id: 'real-x', credits: { clinical: 2 }, hours: 2, price: 5 })
    const r = await buildPlan(
      input({ activities: shortBy(2), courses: [sample, official] }),
      solver,
    )
    expect(r.plan.courses.map((c) => [c.id, c.source.confidence])).toEqual([['sample-x', 'sample']])
    expect(r.sample).toBe(true)
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/^This plan uses sample data: 1 of its 1 courses/),
    )
    const honest = await buildPlan(input({ activities: shortBy(2), courses: [official] }), solver)
    expect(honest.sample).toBe(false)
    expect(honest.warnings.some((w) => w.includes('sample'))).toBe(false)
    expect(honest.plan.courses[0]?.source).toEqual({ confidence: 'official' })
  })
})

describe('the total is what is known', () => {
  it('says "plus a fee that is not known" when a fee is unknown (the CMA CE fee is not verified)', async () => {
    const c = real({ credits: { clinical: 2 }, hours: 2, price: 12.5 })
    const r = await buildPlan(input({ activities: shortBy(2), courses: [c] }), solver)
    expect(r.plan.fees).toEqual([expect.objectContaining({ amount: null })])
    expect(r.plan).toMatchObject({ total: 12.5, totalComplete: false })
    expect(r.plan.summary).toMatch(/^\$12\.50 plus a fee that is not known \(/)
  })

  it('counts the NHA renewal fee once when the renewal is what opens NHA courses', async () => {
    const { offers } = await shippedCatalog()
    const nha = real({
      id: 'nha-course',
      provider: 'nha',
      credits: {},
      approvals: [],
      hours: 20,
      price: 25,
    })
    const other = real({ id: 'other', credits: {}, approvals: [], hours: 20, price: 60 })
    const r = await buildPlan(
      input({ rules: CCMA, cycleEnd: '2027-03-31', courses: [nha, other], offers }),
      solver,
    )
    expect(r.plan.fees).toEqual([
      expect.objectContaining({ label: 'NHA renewal fee', amount: 179 }),
    ])
    expect(r.plan.offers).toEqual([
      expect.objectContaining({
        id: 'nha-certification-renewal',
        price: 0,
        includedIn: 'NHA renewal fee',
      }),
    ])
    expect(r.plan.courses.map((c) => [c.id, c.price])).toEqual([['nha-course', 0]])
    expect(r.plan).toMatchObject({ cost: 0, total: 179, totalComplete: true })
    expect(r.plan.summary).toBe('$179.00; not verified: NHA renewal fee $179.00')
  })
})

describe('alternatives exist only where they do', () => {
  const examOf = async (rules: RuleSet, cycleEnd: string) =>
    (
      await buildPlan(
        input({
          rules,
          cycleEnd,
          courses: [real({ hours: 40, credits: {}, approvals: [], price: 1 })],
        }),
        solver,
      )
    ).alternatives.filter((a) => a.label.includes('exam'))

  it('no exam alternative for CCMA (no exam pathway) nor RMA (its exam does not recertify)', async () => {
    expect(await examOf(CCMA, '2027-03-31')).toEqual([])
    expect(await examOf(RMA, '2027-03-31')).toEqual([])
  })

  it('an exam alternative with its cost for CMA, and "not known" for NCMA', async () => {
    expect(await examOf(CMA, '2027-06-30')).toEqual([expect.objectContaining({ total: 250 })])
    expect(await examOf(NCMA, '2027-03-31')).toEqual([
      expect.objectContaining({ total: null, detail: expect.stringContaining('not known') }),
    ])
  })
})

describe('infeasible answers', () => {
  it('are not optimal, have no total, and name the binding requirement with its shortfall', async () => {
    const c = real({ credits: { clinical: 1 }, hours: 1, price: 5 })
    const r = await buildPlan(input({ activities: shortBy(3), courses: [c] }), solver)
    expect(r.plan).toMatchObject({
      feasible: false,
      optimal: false,
      total: null,
      totalComplete: false,
    })
    expect(r.plan.shortfalls).toEqual([{ requirement: 'total', needed: 3, available: 1, short: 2 }])
    expect(r.plan.summary).toMatch(/^No plan: /)
  })
})

describe('dates', () => {
  it('plans a cycle that starts after asOf inside that cycle (ARMA, next calendar year)', async () => {
    const cs = [real({ credits: { clinical: 12 }, hours: 12, price: 10 })]
    const i = input({ rules: ARMA, cycleEnd: '2027-12-31', asOf: '2026-11-30', courses: cs })
    const r = await buildPlan(i, solver)
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 10 })
    expect(r.plan.courses.map((c) => c.on)).toEqual(['2027-01-01'])
    expect(r.warnings.filter((w) => w.startsWith('internal check'))).toEqual([])
    const after = evaluateProgress(
      ARMA,
      { cycleEnd: i.cycleEnd },
      [{ ...(cs[0] as Course), courseId: cs[0]?.id, completedOn: '2027-01-01' }],
      '2027-01-01',
      [],
    )
    expect(after.complete).toBe(true)
  })

  it('checks a planned course as progress would read it on its date: an ended approval does not count', async () => {
    // The AAMA approval ended before the plan's first day: the course counts as non-AAMA points.
    const ended = real({
      credits: { clinical: 3 },
      hours: 3,
      price: 5,
      approvals: ['AAMA'],
      approvalsUntil: { AAMA: '2026-06-30' },
    })
    const r = await buildPlan(input({ activities: shortBy(3), courses: [ended] }), solver)
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 5 })
    const [course] = r.plan.courses
    expect(course?.id).toBe(ended.id)
    expect(course?.toward).toEqual({ total: 3, clinical: 3 })
    expect(r.warnings.filter((w) => w.startsWith('internal check'))).toEqual([])
  })

  it('never plans a session outside [asOf, deadline]', async () => {
    const early = real({
      credits: { clinical: 2 },
      hours: 2,
      price: 0,
      sessions: [{ start: '2026-11-01' }],
    })
    const late = real({
      credits: { clinical: 2 },
      hours: 2,
      price: 0,
      sessions: [{ start: '2027-07-15' }],
    })
    const ok = real({
      credits: { clinical: 2 },
      hours: 2,
      price: 3,
      sessions: [{ start: '2026-12-15' }],
    })
    const r = await buildPlan(input({ activities: shortBy(2), courses: [early, late, ok] }), solver)
    expect(r.plan.courses.map((c) => c.id)).toEqual([ok.id])
  })

  it('plans at most one CPR card per date', async () => {
    // 8 points short: two on-demand cards ($1 each, 4 points) would fill it on one day.
    const cards = [1, 2].map(() =>
      real({ format: 'cpr-card', credits: {}, hours: 4, approvals: [], price: 1 }),
    )
    const course = real({ credits: { clinical: 4 }, hours: 4, price: 20 })
    const r = await buildPlan(
      input({ activities: shortBy(8), courses: [...cards, course] }),
      solver,
    )
    expect(r.plan.courses.filter((c) => c.id !== course.id)).toHaveLength(1)
    expect(r.plan.cost).toBe(21)
    const dated = cards.map((c, k) => ({ ...c, sessions: [{ start: `2026-12-0${k + 1}` }] }))
    expect(
      (await buildPlan(input({ activities: shortBy(8), courses: [...dated, course] }), solver)).plan
        .cost,
    ).toBe(2)
  })
})

describe('courses the person brings', () => {
  it('plans preferences.extraCourses like catalog courses, marked as their own', async () => {
    const dear = real({ credits: { clinical: 2 }, hours: 2, price: 30 })
    const r = await buildPlan(
      input({
        activities: shortBy(2),
        courses: [dear],
        preferences: {
          objective: 'cost',
          extraCourses: [
            {
              id: 'in-service',
              title: 'In-service: phlebotomy update',
              price: 0,
              hours: 2,
              credits: { clinical: 2 },
              approvals: ['AAMA'],
              format: 'workshop',
              on: '2027-01-15',
            },
          ],
        },
      }),
      solver,
    )
    expect(r.plan.courses).toEqual([
      expect.objectContaining({
        id: 'own-in-service',
        provider: 'own',
        own: true,
        price: 0,
        on: '2027-01-15',
        source: expect.objectContaining({ confidence: 'unverified' }),
      }),
    ])
    expect(r.plan.cost).toBe(0)
  })
})
