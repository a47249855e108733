import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Course } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan } from '../../src/core/plan/build.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { makeCourse } from '../helpers/app.js'
import { pricingOffer } from '../helpers/random-plans.js'
import { cmaPlanInput } from '../helpers/rules.js'

/**
 * The offer-choice search skips a choice whose bound cannot beat the best plan found (its offers'
 * price, a bound scaled from other choices' LPs, its own LP: docs/architecture.md, plan/). If a
 * bound were ever above a choice's true cost, the cheapest choice could be skipped. Checked
 * against every choice planned on its own: each set of offers held (so nothing is left to
 * choose), its course costs plus its offers' prices; the least of those is the optimum.
 */

const AREAS = ['administrative', 'clinical', 'general'] as const
const PROVIDERS = ['a', 'b', 'c'] as const

const arbCourse = fc.record({
  area: fc.constantFrom(...AREAS),
  points: fc.integer({ min: 1, max: 4 }),
  approved: fc.boolean(),
  provider: fc.constantFrom(...PROVIDERS),
  selfStudy: fc.boolean(),
  cents: fc.integer({ min: 100, max: 4000 }),
})

const arbOffer = fc.record({
  provider: fc.constantFrom(...PROVIDERS),
  kind: fc.constantFrom('free', 'discount', 'discount', 'self-study'),
  percent: fc.integer({ min: 20, max: 80 }),
  cents: fc.integer({ min: 100, max: 3000 }),
})

type Value<A> = A extends fc.Arbitrary<infer T> ? T : never

const courseOf = (r: Value<typeof arbCourse>, k: number): Course =>
  makeCourse({
    id: `x${k}`,
    provider: r.provider,
    format: r.selfStudy ? 'self-study' : 'online',
    credits: { [r.area]: r.points },
    hours: r.points,
    approvals: r.approved ? ['AAMA'] : [],
    price: r.cents / 100,
  })

/** 60 points done but `missing` points in each area, some of them not AAMA-approved. */
function transcript(missing: readonly number[], unapproved: number): ResolvedActivity[] {
  return AREAS.map((area, i) => ({
    title: `done ${area}`,
    completedOn: `2024-03-0${i + 1}`,
    hours: 20 - (missing[i] as number),
    credits: { [area]: 20 - (missing[i] as number) },
    approvals: i < unapproved ? [] : ['AAMA'],
  }))
}

describe('offer-choice search', () => {
  it('finds the cheapest choice of up to five offers on 300 random catalogs (every choice planned alone agrees)', async () => {
    const solver = new SmallMilpSolver(new HighsSolver())
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbCourse, { minLength: 8, maxLength: 30 }),
        fc.array(arbOffer, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        async (rawCourses, rawOffers, missing, unapproved) => {
          const courses = rawCourses.map(courseOf)
          const offers = rawOffers.map((o, k) => pricingOffer(k, o))
          const base = cmaPlanInput({ activities: transcript(missing, unapproved), courses })
          const chosen = await buildPlan({ ...base, offers }, solver, { alternatives: false })
          let best = Number.POSITIVE_INFINITY
          for (let mask = 0; mask < 1 << offers.length; mask++) {
            const held = offers.filter((_, i) => mask & (1 << i))
            const alone = await buildPlan(
              { ...base, offers: held, held: held.map((o) => o.id) },
              solver,
              { alternatives: false },
            )
            if (!alone.plan.feasible) continue
            expect(alone.plan.optimal).toBe(true)
            const cost = alone.plan.cost + held.reduce((s, o) => s + (o.price as number), 0)
            best = Math.min(best, Math.round(cost * 100) / 100)
          }
          if (best === Number.POSITIVE_INFINITY) expect(chosen.plan.feasible).toBe(false)
          else {
            expect(chosen.plan).toMatchObject({ feasible: true, optimal: true })
            expect(chosen.plan.cost).toBeCloseTo(best, 2)
          }
        },
      ),
      { numRuns: 300 },
    )
  }, 180_000)
})
