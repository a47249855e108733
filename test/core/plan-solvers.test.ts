import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Course } from '../../src/core/catalog/schemas.js'
import type { Milp, MilpResult, SolveOptions, Solver } from '../../src/core/milp/port.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan, type PlanInput, type PlanResponse } from '../../src/core/plan/build.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { makeCourse } from '../helpers/app.js'
import { arbPricingOffers, pricingOffersOf } from '../helpers/random-plans.js'
import { loadRuleSet } from '../helpers/rules.js'

const CMA = loadRuleSet('cma-aama')
const highs = new HighsSolver()

/** HiGHS behind the class search, failing the test if it is ever asked. */
const unused: Solver = {
  solve: (_model: Milp, _options?: SolveOptions): Promise<MilpResult> =>
    Promise.reject(new Error('the class search handed a model to HiGHS')),
}
const classes = new SmallMilpSolver(unused)

const areas = ['administrative', 'clinical', 'general'] as const

/**
 * Random plan requests of the hard kind, larger than brute force can check: 30-70 courses in
 * halves of hours, some split between two areas, many not approved and cheap, prices with cents,
 * three providers with offers (all courses of one, a discount on another's self-study), CPR
 * cards, a few prior activities, and sometimes an hour limit, a budget or fewest hours first.
 */
const arbRequest = fc
  .record({
    courses: fc.array(
      fc.record({
        area: fc.constantFrom(...areas),
        split: fc.boolean(),
        halves: fc.integer({ min: 2, max: 8 }),
        approved: fc.integer({ min: 0, max: 9 }),
        provider: fc.constantFrom('a', 'b', 'c'),
        cents: fc.integer({ min: 200, max: 6_000 }),
        format: fc.constantFrom('online', 'self-study'),
        cpr: fc.integer({ min: 0, max: 19 }),
      }),
      { minLength: 30, maxLength: 70 },
    ),
    offers: arbPricingOffers,
    prior: fc.array(
      fc.record({
        area: fc.constantFrom(...areas),
        points: fc.integer({ min: 1, max: 8 }),
        approved: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    limit: fc.constantFrom('none', 'none', 'hours', 'budget', 'fewest'),
    limitValue: fc.integer({ min: 40, max: 100 }),
  })
  .map((r): PlanInput => {
    const courses: Course[] = r.courses.map((c, k) => {
      const hours = c.halves / 2
      if (c.cpr === 0)
        return makeCourse({
          id: `c${k}`,
          provider: c.provider,
          format: 'cpr-card',
          credits: { clinical: 4 },
          hours: null,
          approvals: [],
          price: c.cents / 100,
        })
      const next = areas[(areas.indexOf(c.area) + 1) % 3] as (typeof areas)[number]
      const approved = c.approved < 5
      return makeCourse({
        id: `c${k}`,
        provider: c.provider,
        format: c.format,
        hours,
        credits: c.split ? { [c.area]: hours / 2, [next]: hours / 2 } : { [c.area]: hours },
        approvals: approved ? ['AAMA'] : [],
        // Courses that are not approved are cheaper, as on the hard catalogs.
        price: Math.round(c.cents * (approved ? 1 : 0.6)) / 100,
      })
    })
    const offers = pricingOffersOf(r.offers)
    const activities: ResolvedActivity[] = r.prior.map((p, k) => ({
      title: `prior ${k}`,
      completedOn: `2024-03-${String(k + 10)}`,
      hours: p.points,
      credits: { [p.area]: p.points },
      approvals: p.approved ? ['AAMA'] : [],
    }))
    return {
      rules: CMA,
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      held: [],
      activities,
      courses,
      offers,
      preferences: {
        objective: r.limit === 'fewest' ? 'hours' : 'cost',
        ...(r.limit === 'hours' && { maxHours: r.limitValue + 20 }),
        ...(r.limit === 'budget' && { budget: r.limitValue * 5 }),
      },
    }
  })

/** What two planners must agree on: every plan's feasibility, optimality, total and hours. */
const summary = (r: PlanResponse) => ({
  plan: [r.plan.feasible, r.plan.optimal, r.plan.total, r.plan.hours],
  alternatives: r.alternatives.map((a) => [a.label, a.total, a.plan?.optimal, a.plan?.hours]),
})

describe('planner: the class search and HiGHS agree', () => {
  it('on 120 random plan requests of 30-70 courses, alternatives included', async () => {
    await fc.assert(
      fc.asyncProperty(arbRequest, async (input) => {
        const expected = await buildPlan(input, highs)
        const got = await buildPlan(input, classes)
        expect(summary(got)).toEqual(summary(expected))
        if (got.plan.feasible) expect(got.plan.optimal).toBe(true)
      }),
      { numRuns: 120, seed: 1515 },
    )
  }, 120_000)
})
