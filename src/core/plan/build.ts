import type { Solver } from '../milp/port.js'
import { assessProgress } from '../rules/evaluate.js'
import { ceFees, examAlternative, otherPlans } from './alternatives.js'
import { candidatesOf } from './candidates.js'
import { finish, shortfallsOf } from './finish.js'
import { buildModel } from './model.js'
import { knownTotal } from './prices.js'
import type { Plan, PlanInput, PlanOptions, PlanResponse, Preferences } from './schemas.js'
import { PlanSearch } from './search.js'

export {
  type Plan,
  type PlanInput,
  type PlanOptions,
  type PlanResponse,
  type Preferences,
  planRequestSchema,
  planResponseSchema,
  preferencesSchema,
} from './schemas.js'

/**
 * The cheapest set of courses and offers that completes the credential, proved optimal.
 *
 * ```ts
 * await buildPlan({ rules, cycleEnd: '2027-06-30', asOf: '2026-11-24', held: [], activities,
 *                   courses, offers, preferences: { objective: 'cost' } }, solver)
 * // -> { plan: { feasible: true, optimal: true, total: 29.95, offers: [ace-membership], ... } }
 * ```
 *
 * The model is a covering MILP: a binary per course, covering rows for the requirements the
 * transcript leaves open, a continuous column for non-approved points counted under the
 * allowance, a row capping CPR cards, binaries choosing an either-or option. Offers change
 * prices, so instead of linking them to courses in one model (whose LP relaxation is weak),
 * every choice of offers is solved as a pure covering problem with fixed prices, cheapest offer
 * sets first, skipping a choice whose offers alone cost more than the best plan. Among courses
 * that contribute identically, only the cheapest that could ever be needed are kept. Ties in
 * cost go to fewer hours, so no course of a plan can be dropped.
 */
export async function buildPlan(
  input: PlanInput,
  solver: Solver,
  options: PlanOptions = {},
): Promise<PlanResponse> {
  const { rules, asOf, preferences } = input
  const { progress, tally } = assessProgress(
    rules,
    { cycleEnd: input.cycleEnd, offers: input.held },
    input.activities,
    asOf,
    input.offers,
  )
  const warnings: string[] = []
  const fees = ceFees(rules)
  const exam = examAlternative(rules, input.offers, progress)
  const empty = (reason?: string): Plan => ({
    feasible: reason === undefined,
    optimal: true,
    cost: 0,
    fees,
    total: knownTotal(0, fees),
    hours: 0,
    offers: [],
    courses: [],
    after: progress.requirements.map((r) => ({ id: r.id, remaining: r.remaining })),
    ...(reason !== undefined && { reason }),
  })
  const answer = (plan: Plan, alternatives = [exam]) => ({
    progress,
    plan,
    alternatives,
    warnings,
  })
  if (progress.complete) return answer(empty())
  if (!progress.pathways.some((p) => p.id === 'continuing-education' && p.available))
    return answer(empty(`continuing education is closed: ${progress.status}; recertify by exam`))

  const model = buildModel(input, progress, tally, candidatesOf(input))
  const shortfalls = shortfallsOf(model, progress)
  if (shortfalls.length > 0) {
    const plan = empty(shortfalls.map((s) => s.text).join('; '))
    plan.shortfalls = shortfalls.map(({ text: _text, ...s }) => s)
    return answer(plan)
  }
  const search = new PlanSearch(input, model, solver, options)
  const primary = await search.best(preferences.objective, preferences.maxHours, preferences.budget)
  if (!primary) return answer(empty(noPlanReason(preferences)))
  const plan = finish(input, model, primary, fees, warnings)
  if (search.stopped) {
    warnings.push(
      'planning reached its time limit: this is the best plan found, not proved the cheapest; alternatives were skipped',
    )
    return answer(plan)
  }
  if (options.alternatives === false) return answer(plan, [])
  const alternatives = await otherPlans(input, model, search, primary, fees, warnings)
  return { progress, plan, alternatives: [...alternatives, exam], warnings: [...new Set(warnings)] }
}

/** Why no plan was found: the limits asked for, or the requirements themselves. */
function noPlanReason(preferences: Preferences): string {
  const limits = [
    preferences.budget !== undefined && `a budget of $${preferences.budget}`,
    preferences.maxHours !== undefined && `at most ${preferences.maxHours} hours`,
  ].filter(Boolean)
  return limits.length > 0
    ? `no plan within ${limits.join(' and ')}`
    : 'the requirements cannot all be met together with the courses available'
}
