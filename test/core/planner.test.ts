import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Course, Offer } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan, type PlanInput, type PlanResponse } from '../../src/core/plan/build.js'
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
import { cmaPlanInput, loadRuleSet } from '../helpers/rules.js'

const RMA = loadRuleSet('rma-amt')
const ARMA = loadRuleSet('rma-arma')
const solver = new HighsSolver()

const course = makeCourse

/** A transcript leaving a small, known shortfall: 60 points done except what `missing` says. */
function transcript(missing: {
  administrative?: number
  clinical?: number
  general?: number
  approved?: number
}) {
  const activities: ResolvedActivity[] = []
  const add = (
    area: 'administrative' | 'clinical' | 'general',
    points: number,
    approvals: ResolvedActivity['approvals'],
    day: number,
  ) => {
    if (points > 0)
      activities.push({
        completedOn: `2024-01-${String(day).padStart(2, '0')}`,
        title: `t${day}`,
        hours: points,
        credits: { [area]: points },
        approvals,
      })
  }
  add('administrative', 20 - (missing.administrative ?? 0), ['AAMA'], 1)
  add('clinical', 20 - (missing.clinical ?? 0), ['AAMA'], 2)
  add('general', 20 - (missing.general ?? 0), ['AAMA'], 3)
  return activities
}

type Area = 'administrative' | 'clinical' | 'general'

/** A transcript of AAMA points by area, plus points from other sources by area. */
function pointsOf(aama: Partial<Record<Area, number>>, other: Partial<Record<Area, number>> = {}) {
  const activities: ResolvedActivity[] = []
  for (const [approvals, points] of [
    [['AAMA'], aama],
    [[], other],
  ] as const) {
    for (const [area, n] of Object.entries(points)) {
      activities.push({
        completedOn: `2024-02-${String(activities.length + 1).padStart(2, '0')}`,
        title: `${area} ${approvals.length}`,
        hours: n,
        credits: { [area]: n },
        approvals: [...approvals],
      })
    }
  }
  return activities
}

const input = cmaPlanInput

const plan = (overrides: Partial<PlanInput>, alternatives = true) =>
  buildPlan(input(overrides), solver, { alternatives })

/** The plan, added to the transcript, must make the rules engine say complete. */
function verify(i: PlanInput, response: PlanResponse) {
  const byId = new Map(i.courses.map((c) => [c.id, c]))
  const planned = response.plan.courses.map((p) => ({
    ...(byId.get(p.id) as Course),
    courseId: p.id,
    completedOn: p.on,
  }))
  const done = [i.asOf, ...planned.map((p) => p.completedOn)].sort().at(-1) as string
  const held = [...i.held, ...response.plan.offers.map((o) => o.id)]
  return evaluateProgress(
    i.rules,
    { cycleEnd: i.cycleEnd, offers: held },
    [...i.activities, ...planned],
    done,
    i.offers,
  )
}

describe('planner', () => {
  it('proposes nothing when the transcript is already complete', async () => {
    const r = await plan({ activities: transcript({}) })
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 0, courses: [] })
  })

  it('picks the cheapest courses that close the gap, and verifies them', async () => {
    const cheap = course({ credits: { clinical: 2 }, hours: 2, price: 5 })
    const dear = course({ credits: { clinical: 2 }, hours: 2, price: 20 })
    const i = input({ activities: transcript({ clinical: 2 }), courses: [dear, cheap] })
    const r = await buildPlan(i, solver)
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 5, total: 5 })
    expect(r.plan.courses.map((c) => c.id)).toEqual([cheap.id])
    expect(r.plan.after.every((a) => a.remaining === 0)).toBe(true)
    expect(verify(i, r).complete).toBe(true)
  })

  const aceCourses = () =>
    Array.from({ length: 4 }, () =>
      course({ provider: 'ace', credits: { general: 2 }, hours: 2, price: 15 }),
    )
  const aceMembership: Offer = {
    id: 'ace-membership',
    provider: 'ace',
    name: 'ACE',
    price: 29.95,
    coursePrice: { provider: 'ace', price: 0 },
  }

  it('buys a membership when it is cheaper than the courses alone', async () => {
    const ace = aceCourses()
    const membership = aceMembership
    const r = await plan({
      activities: transcript({ general: 8 }),
      courses: ace,
      offers: [membership],
    })
    expect(r.plan).toMatchObject({ cost: 29.95, offers: [{ id: 'ace-membership', price: 29.95 }] })
    expect(r.plan.courses.every((c) => c.price === 0)).toBe(true)
  })

  it('does not buy the membership when one course suffices', async () => {
    const ace = aceCourses()
    const membership = aceMembership
    const r = await plan({
      activities: transcript({ general: 2 }),
      courses: ace,
      offers: [membership],
    })
    expect(r.plan).toMatchObject({ cost: 15, offers: [] })
  })

  it('applies a percentage discount offer to matching formats only', async () => {
    const selfStudy = course({
      provider: 'aama',
      format: 'self-study',
      credits: { clinical: 10 },
      hours: 10,
      price: 100,
    })
    const online = course({
      provider: 'aama',
      format: 'online',
      credits: { clinical: 10 },
      hours: 10,
      price: 60,
    })
    const membership: Offer = {
      id: 'm',
      provider: 'aama',
      name: 'Member',
      price: 20,
      courseDiscount: { provider: 'aama', formats: ['self-study'], percent: 50 },
    }
    const r = await plan({
      activities: transcript({ clinical: 10 }),
      courses: [selfStudy, online],
      offers: [membership],
    })
    expect(r.plan.cost).toBe(60)
    const r2 = await plan({
      activities: transcript({ clinical: 10 }),
      courses: [selfStudy, { ...online, price: 80 }],
      offers: [membership],
    })
    expect(r2.plan).toMatchObject({ cost: 70, offers: [{ id: 'm' }] })
  })

  it('keeps the cheapest offer choice when others are solved first (scaled bounds stay below it)', async () => {
    // 10 general points. Without offers: five of a's $20 courses, $100, 10 hours. Half off a's
    // courses ($15): $65, 10 hours. b's courses free ($45): four of b's 2-point, 3-hour courses
    // and one of a's: $65 too, but 14 hours; its LP ($55) is lower, so it is solved first.
    // Both offers: $70. Half off a bounds its choice by half the $100 LP plus $15: $65 exactly,
    // its cost; a bound a cent higher would cut it (the tie is broken by hours), and the plan
    // would take 14 hours.
    const a = Array.from({ length: 5 }, () =>
      course({ provider: 'a', credits: { general: 2 }, hours: 2, price: 20 }),
    )
    const b = [
      ...Array.from({ length: 4 }, () =>
        course({ provider: 'b', credits: { general: 2 }, hours: 3, price: 30 }),
      ),
      course({ provider: 'b', credits: { general: 1 }, hours: 2, price: 30 }),
    ]
    const half: Offer = {
      id: 'half',
      provider: 'a',
      name: 'Half off a',
      price: 15,
      courseDiscount: { provider: 'a', percent: 50 },
    }
    const free: Offer = {
      id: 'free',
      provider: 'b',
      name: 'All of b',
      price: 45,
      coursePrice: { provider: 'b', price: 0 },
    }
    const i = input({
      activities: transcript({ general: 10 }),
      courses: [...a, ...b],
      offers: [half, free],
    })
    for (const s of [solver, new SmallMilpSolver(solver)]) {
      const r = await buildPlan(i, s, { alternatives: false })
      expect(r.plan).toMatchObject({ optimal: true, cost: 65, hours: 10, offers: [{ id: 'half' }] })
      expect(verify(i, r).complete).toBe(true)
    }
  })

  it('breaks a tie between offer choices by their order, however their bounds rose', async () => {
    // 2 general points. X makes p's course $40, Y q's: $90 and 2 hours either way. Y's choice
    // reaches its LP first when q has a dearer course too (its bound rises differently), or is
    // solved first when its LP is lower (a 3-point course, two-thirds of it in the LP), and a
    // model of every course bounds the choices differently again: X, the first listed, wins.
    const variants = [
      { credits: { general: 2 }, hours: 2, price: 200 },
      { credits: { general: 2 }, hours: 3, price: 200 },
      { credits: { general: 3 }, hours: 2, price: 100 },
    ]
    for (const other of variants) {
      const courses = [
        course({ provider: 'p', credits: { general: 2 }, hours: 2, price: 100 }),
        course({ provider: 'q', credits: { general: 2 }, hours: 2, price: 100 }),
        course({ provider: 'q', ...other }),
      ]
      const offers: Offer[] = [
        { id: 'x', provider: 'p', name: 'X', price: 50, coursePrice: { provider: 'p', price: 40 } },
        { id: 'y', provider: 'q', name: 'Y', price: 50, coursePrice: { provider: 'q', price: 40 } },
      ]
      const i = input({ activities: transcript({ general: 2 }), courses, offers })
      for (const s of [solver, new SmallMilpSolver(solver)])
        for (const everyCourse of [false, true])
          for (const everyOfferChoice of [false, true]) {
            const options = { alternatives: false, everyCourse, everyOfferChoice }
            const r = await buildPlan(i, s, options)
            expect(r.plan).toMatchObject({ cost: 90, hours: 2, offers: [{ id: 'x' }] })
          }
    }
  })

  it('solves every offer choice when asked (a benchmark reference), with the same plan', async () => {
    // 4 general points; three offers, each making one provider's course cheap: eight choices.
    // The search solves the cheapest (nothing bought: $60) and rules out the rest by their
    // offers' price alone; asked for every choice, it solves all eight, and answers the same,
    // with an hour limit and a budget too (a budget of $500 leaves every choice in reach).
    const courses = ['p', 'q', 'r'].map((provider) =>
      course({ provider, credits: { general: 4 }, hours: 4, price: 60 }),
    )
    const offers: Offer[] = ['p', 'q', 'r'].map((provider) => ({
      id: provider,
      provider,
      name: provider,
      price: 70,
      coursePrice: { provider, price: 5 },
    }))
    const solves = { n: 0 }
    const inner = new SmallMilpSolver(solver)
    const counting = {
      solve: inner.solve.bind(inner),
      solveClasses: (...args: Parameters<typeof inner.solveClasses>) => {
        if (!args[1]?.relax) solves.n++
        return inner.solveClasses(...args)
      },
    }
    for (const preferences of [
      { objective: 'cost' as const },
      { objective: 'cost' as const, maxHours: 8, budget: 500 },
    ]) {
      const i = input({ activities: transcript({ general: 4 }), courses, offers, preferences })
      const plans = []
      for (const everyOfferChoice of [false, true]) {
        solves.n = 0
        const r = await buildPlan(i, counting, { alternatives: false, everyOfferChoice })
        plans.push({ plan: r.plan, solves: solves.n })
      }
      expect(plans[0]?.plan).toMatchObject({ cost: 60, offers: [] })
      expect(plans[1]?.plan).toEqual(plans[0]?.plan)
      expect(plans[0]?.solves).toBe(1)
      expect(plans[1]?.solves).toBe(8)
    }
  })

  it('uses offers the person already holds at no cost', async () => {
    const c = course({ provider: 'ace', credits: { general: 2 }, price: 15, hours: 2 })
    const membership: Offer = {
      id: 'ace-membership',
      provider: 'ace',
      name: 'ACE',
      price: 29.95,
      coursePrice: { provider: 'ace', price: 0 },
    }
    const r = await plan({
      activities: transcript({ general: 2 }),
      courses: [c],
      offers: [membership],
      held: ['ace-membership'],
    })
    expect(r.plan).toMatchObject({ cost: 0, offers: [], courses: [{ id: c.id, price: 0 }] })
  })

  it('prices the exam with a membership when that is cheaper ($97 + $125 < $250)', async () => {
    const membership: Offer = {
      id: 'aama-membership',
      provider: 'aama',
      name: 'AAMA membership',
      price: 97,
      fees: { 'cma-aama': { exam: 125 } },
    }
    const r = await plan({
      activities: transcript({ clinical: 2 }),
      courses: [course({ credits: { clinical: 2 }, hours: 2 })],
      offers: [membership],
    })
    expect(r.alternatives.find((a) => a.label === 'recertify by exam')?.total).toBe(222)
  })

  it('respects the non-AAMA maximum: extra non-AAMA points do not help', async () => {
    // 30 non-AAMA points already (the allowance is used up), 28 AAMA points: only
    // AAMA-approved courses can add to the total.
    const activities = pointsOf(
      { administrative: 10, clinical: 10, general: 8 },
      { general: 25, clinical: 5 },
    )
    const free = course({ approvals: [], credits: { general: 5 }, hours: 5, price: 0 })
    const paid = course({ approvals: ['AAMA'], credits: { general: 5 }, hours: 5, price: 12 })
    const r = await plan({ activities, courses: [free, paid] })
    expect(r.plan.courses.map((c) => c.id)).toEqual([paid.id])
  })

  it('counts at most three CPR cards', async () => {
    // Three cards already (12 clinical points): a fourth would not count, so the plan pays more.
    const activities = transcript({ clinical: 16 })
    for (const year of [2023, 2024, 2025])
      activities.push({ format: 'cpr-card', completedOn: `${year}-01-01`, title: `card ${year}` })
    const card = course({
      format: 'cpr-card',
      credits: { clinical: 4 },
      hours: null,
      approvals: [],
      price: 1,
    })
    const other = course({ credits: { general: 4 }, hours: 4, price: 30 })
    const r = await plan({ activities, courses: [card, other] })
    expect(r.plan.courses.map((c) => c.id)).toEqual([other.id])
    // With two cards on the transcript (8 points short), one more card counts and is used.
    const r2 = await plan({ activities: activities.slice(0, -1), courses: [card, other] })
    expect(r2.plan.courses.map((c) => c.id).sort()).toEqual([card.id, other.id].sort())
    expect(r2.plan.cost).toBe(31)
  })

  it('never proposes a course already taken, excluded, without a price, or with sessions outside the window', async () => {
    const taken = course({ credits: { clinical: 2 }, price: 1 })
    const excluded = course({ credits: { clinical: 2 }, price: 1 })
    const unknown = course({ credits: { clinical: 2 }, price: null })
    const late = course({ credits: { clinical: 2 }, price: 1, sessions: [{ start: '2027-07-15' }] })
    const early = course({
      credits: { clinical: 2 },
      price: 1,
      sessions: [{ start: '2026-10-01' }],
    })
    const ok = course({
      credits: { clinical: 2 },
      price: 50,
      sessions: [{ start: '2026-10-01' }, { start: '2027-02-01' }],
    })
    const activities = [
      ...transcript({ clinical: 2 }).slice(0, 1),
      {
        ...transcript({ clinical: 2 })[1],
        credits: { clinical: 16 },
        hours: 16,
      } as ResolvedActivity,
      ...transcript({ clinical: 2 }).slice(2),
    ]
    activities.push({ ...taken, courseId: taken.id, completedOn: '2024-05-01' })
    const r = await plan({
      activities,
      courses: [taken, excluded, unknown, late, early, ok],
      preferences: { objective: 'cost', exclude: [excluded.id] },
    })
    expect(r.plan.courses).toEqual([expect.objectContaining({ id: ok.id, on: '2027-02-01' })])
  })

  it('honours the deadline preference', async () => {
    const soon = course({
      credits: { clinical: 2 },
      price: 40,
      sessions: [{ start: '2027-01-10' }],
    })
    const later = course({
      credits: { clinical: 2 },
      price: 10,
      sessions: [{ start: '2027-05-01' }],
    })
    const r = await plan({
      activities: transcript({ clinical: 2 }),
      courses: [soon, later],
      preferences: { objective: 'cost', deadline: '2027-02-01' },
    })
    expect(r.plan.courses.map((c) => c.id)).toEqual([soon.id])
  })

  it('honours formats and providers preferences', async () => {
    const a = course({ credits: { clinical: 2 }, price: 5, format: 'webinar', provider: 'x' })
    const b = course({ credits: { clinical: 2 }, price: 9, format: 'online', provider: 'x' })
    const c = course({ credits: { clinical: 2 }, price: 7, format: 'online', provider: 'y' })
    const base = { activities: transcript({ clinical: 2 }), courses: [a, b, c] }
    expect(
      (await plan({ ...base, preferences: { objective: 'cost', formats: ['online'] } })).plan
        .courses[0]?.id,
    ).toBe(c.id)
    expect(
      (
        await plan({
          ...base,
          preferences: { objective: 'cost', formats: ['online'], providers: ['x'] },
        })
      ).plan.courses[0]?.id,
    ).toBe(b.id)
  })

  it('honours maxHours, and offers the cheaper plan without the limit as an alternative', async () => {
    const long = course({ credits: { clinical: 4 }, hours: 4, price: 10 })
    const short = course({ credits: { clinical: 4 }, hours: 1, price: 30 })
    const r = await plan({
      activities: transcript({ clinical: 4 }),
      courses: [long, short],
      preferences: { objective: 'cost', maxHours: 2 },
    })
    expect(r.plan.courses.map((c) => c.id)).toEqual([short.id])
    expect(r.alternatives.find((a) => a.label === 'cheapest without the hour limit')?.total).toBe(
      10,
    )
  })

  it('minimises hours when asked, and lists the fewest-hours plan as an alternative otherwise', async () => {
    const long = course({ credits: { clinical: 4 }, hours: 4, price: 10 })
    const short = course({ credits: { clinical: 4 }, hours: 1, price: 30 })
    const base = { activities: transcript({ clinical: 4 }), courses: [long, short] }
    expect((await plan({ ...base, preferences: { objective: 'hours' } })).plan.courses[0]?.id).toBe(
      short.id,
    )
    const r = await plan(base)
    expect(r.plan.courses[0]?.id).toBe(long.id)
    expect(r.alternatives.find((a) => a.label === 'fewest hours')?.plan?.hours).toBe(1)
  })

  it('lists the cost-vs-hours trade-offs between the cheapest and the fastest plans', async () => {
    const slow = course({ credits: { clinical: 4 }, hours: 4, price: 10 })
    const halves = [
      course({ credits: { clinical: 2 }, hours: 1, price: 12 }),
      course({ credits: { clinical: 2 }, hours: 1, price: 12 }),
    ]
    const fast = course({ credits: { clinical: 4 }, hours: 1, price: 40 })
    const r = await plan({
      activities: transcript({ clinical: 4 }),
      courses: [slow, ...halves, fast],
    })
    expect(r.plan).toMatchObject({ cost: 10, hours: 4 })
    expect(r.alternatives.find((a) => a.label === 'fewest hours')?.plan).toMatchObject({
      cost: 40,
      hours: 1,
    })
    const tradeOffs = r.alternatives.filter((a) => a.label.startsWith('trade-off'))
    expect(tradeOffs.map((a) => [a.plan?.cost, a.plan?.hours])).toEqual([[24, 2]])
  })

  it('reports a budget that is too small', async () => {
    const r = await plan({
      activities: transcript({ clinical: 4 }),
      courses: [course({ credits: { clinical: 4 }, price: 30 })],
      preferences: { objective: 'cost', budget: 20 },
    })
    expect(r.plan).toMatchObject({
      feasible: false,
      optimal: false,
      total: null,
      reason: expect.stringContaining('budget of $20'),
    })
  })

  it('says which requirement cannot be met, and by how much', async () => {
    // 25 AAMA points and 30 others: 5 more AAMA points are needed, only 3 are on offer.
    const activities = pointsOf({ administrative: 10, clinical: 10, general: 5 }, { general: 30 })
    const r = await plan({
      activities,
      courses: [
        course({ credits: { clinical: 3 }, hours: 3, approvals: ['AAMA'], price: 5 }),
        course({ credits: { clinical: 20 }, hours: 20, approvals: [], price: 5 }),
      ],
    })
    expect(r.plan.feasible).toBe(false)
    expect(r.plan.shortfalls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          requirement: 'aama-approved',
          needed: 5,
          available: 3,
          short: 2,
        }),
      ]),
    )
    expect(r.plan.reason).toMatch(/AAMA-approved/)
  })

  it('counts no CPR cards beyond the cap in what it says is available (docs/rules.md: at most 3)', async () => {
    // 10 administrative + 10 general AAMA points and two cards already (8 clinical): 32 points
    // short. Five cards are on offer, but only one more may count: 4 points, not 20.
    const activities: ResolvedActivity[] = [
      ...pointsOf({ administrative: 10, general: 10 }),
      { completedOn: '2023-01-10', format: 'cpr-card', title: 'card 1' },
      { completedOn: '2025-01-10', format: 'cpr-card', title: 'card 2' },
    ]
    const cards = Array.from({ length: 5 }, () =>
      course({ format: 'cpr-card', credits: {}, hours: 4, approvals: [], price: 10 }),
    )
    const r = await plan({ activities, courses: cards })
    expect(r.plan).toMatchObject({ feasible: false, optimal: false, total: null })
    expect(r.plan.shortfalls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ requirement: 'total', needed: 32, available: 4, short: 28 }),
      ]),
    )
  })

  it('does not flood the plan with free courses: no planned course can be dropped', async () => {
    const free = Array.from({ length: 8 }, (_, k) =>
      course({ credits: { general: 1 + (k % 3) }, hours: 1 + (k % 3), price: 0 }),
    )
    const i = input({ activities: transcript({ general: 5 }), courses: free })
    const r = await buildPlan(i, solver)
    expect(r.plan.cost).toBe(0)
    for (const dropped of r.plan.courses) {
      const fewer = {
        ...r,
        plan: { ...r.plan, courses: r.plan.courses.filter((c) => c !== dropped) },
      }
      expect(verify(i, fewer).complete).toBe(false)
    }
  })

  it('plans hour-based credentials too (RMA: 30 points over 3 years)', async () => {
    const cs = [
      course({ hours: 10, price: 20 }),
      course({ hours: 5, price: 5 }),
      course({ hours: 5, price: 6 }),
    ]
    const i = input({
      rules: RMA,
      activities: [{ completedOn: '2025-01-01', hours: 20, title: 'x' }],
      courses: cs,
    })
    const r = await buildPlan(i, solver)
    expect(r.plan.cost).toBe(11)
    expect(verify(i, r).complete).toBe(true)
  })

  it('chooses the cheaper option of an either-or requirement (ARMA: 12 clinical, or 6 + 6)', async () => {
    const clinical = course({ credits: { clinical: 6 }, hours: 6, price: 30 })
    const clinical2 = course({ credits: { clinical: 6 }, hours: 6, price: 30 })
    const admin = course({ credits: { administrative: 6 }, hours: 6, price: 10 })
    const i = input({
      rules: ARMA,
      cycleEnd: '2026-12-31',
      asOf: '2026-06-01',
      courses: [clinical, clinical2, admin],
    })
    const r = await buildPlan(i, solver)
    expect(r.plan).toMatchObject({ feasible: true, optimal: true, cost: 40 })
    expect(verify(i, r).complete).toBe(true)
    const dearAdmin = input({ ...i, courses: [clinical, clinical2, { ...admin, price: 31 }] })
    expect((await buildPlan(dearAdmin, solver)).plan.cost).toBe(60)
  })

  it('answers the exam when continuing education is closed (lapsed)', async () => {
    const r = await plan({ asOf: '2027-12-01', courses: [course()] })
    expect(r.plan.feasible).toBe(false)
    expect(r.alternatives[0]).toMatchObject({ label: 'recertify by exam', total: 300 })
  })
})

describe.each([
  ['HiGHS', solver, 100],
  ['the class search', new SmallMilpSolver(solver), 600],
] as const)(
  'planner property on %s: the total is the brute-force optimum',
  (_name, solver, runs) => {
    const arbMissing = fc.record({
      administrative: fc.integer({ min: 0, max: 4 }),
      clinical: fc.integer({ min: 0, max: 4 }),
      general: fc.integer({ min: 0, max: 4 }),
    })

    it(`on ${runs} random catalogs of up to 16 courses and 2 offers`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbCourse, { maxLength: 16 }),
          fc.array(arbOffer, { maxLength: 2 }),
          arbMissing,
          async (raw, rawOffers, missing) => {
            const courses = coursesOf(raw)
            const offers = offersOf(rawOffers)
            const activities = transcript(missing)
            const i = input({ activities, courses, offers })
            const r = await buildPlan(i, solver, { alternatives: false })
            const again = await buildPlan(i, solver, { alternatives: false })
            expect(again.plan).toEqual(r.plan)

            // Brute force over every set of offers and courses, with the rules written out plainly.
            const best = cheapestByBruteForce(courses, offers, missing) ?? Number.POSITIVE_INFINITY
            if (best === Number.POSITIVE_INFINITY) {
              expect(r.plan.feasible).toBe(false)
            } else {
              expect(r.plan.feasible).toBe(true)
              expect(r.plan.optimal).toBe(true)
              expect(r.plan.cost).toBeCloseTo(best, 2)
              expect(verify(i, r).complete).toBe(true)
            }
          },
        ),
        { numRuns: runs },
      )
    }, 120_000)
  },
)
