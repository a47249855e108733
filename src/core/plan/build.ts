import { isSample } from '../catalog/constants.js'
import type { Solver } from '../milp/port.js'
import { assessProgress } from '../rules/evaluate.js'
import type { Progress } from '../rules/request.js'
import { examAlternative, otherPlans } from './alternatives.js'
import { candidateSet, windowsOf } from './candidates.js'
import { feeOffers, planFees, totalOf } from './fees.js'
import { finish, type PlanContext, shortfallsOf } from './finish.js'
import { buildModel, coverRows, demandsOf, emptyTranscriptRows, type Standing } from './model.js'
import { ownCourses } from './own.js'
import type {
  Alternative,
  JointPlanInput,
  Plan,
  PlanInput,
  PlanOptions,
  PlanResponse,
  Preferences,
} from './schemas.js'
import { PlanSearch } from './search.js'

export {
  type JointPlanInput,
  type Plan,
  type PlanInput,
  type PlanOptions,
  type PlanResponse,
  type Preferences,
  planRequestSchema,
  planResponseSchema,
  preferencesSchema,
} from './schemas.js'

/** A plan for one or several credentials, before it is shaped for its response. */
export interface JointPlan {
  /** Where each credential of the request stands before the plan, in request order. */
  progress: Progress[]
  plan: Plan
  alternatives: Alternative[]
  warnings: string[]
  sample: boolean
}

/**
 * The cheapest set of courses and offers that completes the credential, proved optimal.
 *
 * ```ts
 * await buildPlan({ rules, cycleEnd: '2027-06-30', asOf: '2026-11-24', held: [], activities,
 *                   courses, offers, preferences: { objective: 'cost' } }, solver)
 * // -> { plan: { feasible: true, optimal: true, total: 29.95, offers: [ace-membership], ... } }
 * ```
 */
export async function buildPlan(
  input: PlanInput,
  solver: Solver,
  options: PlanOptions = {},
): Promise<PlanResponse> {
  const { rules, cycleEnd, ...basis } = input
  const joint = await planJointly({ ...basis, targets: [{ rules, cycleEnd }] }, solver, options)
  const progress = joint.progress[0] as Progress
  const exam = examAlternative(rules, input.offers, progress)
  return {
    progress,
    plan: joint.plan,
    alternatives: [...joint.alternatives, ...exam],
    sample: joint.sample,
    warnings: joint.warnings,
  }
}

/**
 * One purchase set that completes every credential of the request, proved cheapest.
 *
 * The model is a covering MILP: a binary per course (dated where it serves the most
 * credentials), covering rows for each credential's open requirements in its own units, rows
 * capping CPR cards, binaries choosing an either-or option. Offers change prices, so instead of
 * linking them to courses in one model (whose LP relaxation is weak), every choice of offers is
 * solved as a pure covering problem with fixed prices, cheapest offer sets first, skipping a
 * choice whose bound cannot beat the best plan. Among courses that contribute identically, only
 * the cheapest that could ever be needed are kept. Ties in cost go to fewer hours, so no course
 * of a plan can be dropped. Credentials already complete need nothing; those whose continuing
 * education is closed are left out with a warning (the exam is their route).
 */
export async function planJointly(
  request: JointPlanInput,
  solver: Solver,
  options: PlanOptions = {},
): Promise<JointPlan> {
  const standings: Standing[] = request.targets.map((target) => ({
    target,
    ...assessProgress(
      target.rules,
      { cycleEnd: target.cycleEnd, offers: request.held },
      request.activities,
      request.asOf,
      request.offers,
    ),
  }))
  const several = standings.length > 1
  const ceOpen = (s: Standing) =>
    s.progress.pathways.some((p) => p.id === 'continuing-education' && p.available)
  const renewing = standings.filter(ceOpen)
  const open = renewing.filter((s) => !s.progress.complete)
  const closed = standings.filter((s) => !s.progress.complete && !ceOpen(s))
  const warnings: string[] = several
    ? closed.map(
        (s) =>
          `${s.target.rules.id}: continuing education is closed (${s.progress.status}): recertify by exam; not planned here`,
      )
    : []
  const fees = planFees(
    renewing.map((s) => s.target),
    several,
  )
  const { offers, includedIn } = feeOffers(
    request.offers,
    renewing.map((s) => s.target),
  )
  const input: JointPlanInput = {
    ...request,
    targets: open.map((s) => s.target),
    offers,
    extraCourses: ownCourses(request.preferences.extraCourses),
  }
  const answer = (plan: Plan, alternatives: Alternative[] = []): JointPlan => {
    const sample = [plan, ...alternatives.flatMap((a) => a.plan ?? [])].some(usesSample)
    if (sample) warnings.push(sampleWarning(plan))
    return {
      progress: standings.map((s) => s.progress),
      plan,
      alternatives,
      warnings: [...new Set(warnings)],
      sample,
    }
  }
  const empty = (reason?: string): Plan => nothing(standings, fees, reason)
  if (open.length === 0) {
    if (closed.length === 0) return answer(empty())
    const s = closed[0] as Standing
    return answer(empty(`continuing education is closed: ${s.progress.status}; recertify by exam`))
  }
  // Each credential's rows first: they say how many of each kind of course a plan could need.
  const demands = open.map(demandsOf)
  const rows = options.everyCourse ? undefined : demands.map(coverRows)
  // What an empty transcript could use: the floor of a set kept for the next requests.
  const fullest = rows && open.map((s) => emptyTranscriptRows(s.target, request.asOf))
  const { candidates, runs } = candidateSet(input, windowsOf(input), rows, fullest)
  const model = buildModel(demands, candidates, runs)
  const shortfalls = shortfallsOf(model, open, several)
  if (shortfalls.length > 0) {
    const plan = empty(shortfalls.map((s) => s.text).join('; '))
    plan.shortfalls = shortfalls.map(({ text: _text, ...s }) => s)
    return answer(plan)
  }
  const ctx: PlanContext = {
    input,
    model,
    standings: open,
    fees,
    includedIn,
    several,
  }
  const { preferences } = input
  const search = new PlanSearch(input, model, solver, options)
  const primary = await search.best(preferences.objective, preferences.maxHours, preferences.budget)
  if (!primary) return answer(empty(noPlanReason(preferences)))
  const plan = finish(ctx, primary, warnings)
  if (search.stopped) {
    warnings.push(
      'planning reached its time limit: this is the best plan found, not proved the cheapest; alternatives were skipped',
    )
    return answer(plan)
  }
  if (options.alternatives === false) return answer(plan)
  return answer(plan, await otherPlans(ctx, search, { found: primary, plan }, warnings))
}

/** The plan of no courses: complete already (feasible), or none possible (with the reason). */
function nothing(standings: readonly Standing[], fees: Plan['fees'], reason?: string): Plan {
  const feasible = reason === undefined
  const several = standings.length > 1
  return {
    feasible,
    optimal: feasible,
    cost: 0,
    fees,
    ...(feasible
      ? totalOf(0, fees)
      : { total: null, totalComplete: false, summary: `No plan: ${reason}` }),
    hours: 0,
    offers: [],
    courses: [],
    after: standings.flatMap(({ target, progress }) =>
      progress.requirements.map((r) => ({
        id: r.id,
        remaining: r.remaining,
        ...(several && { credential: target.rules.id }),
      })),
    ),
    ...(reason !== undefined && { reason }),
  }
}

const usesSample = (plan: Plan) => [...plan.courses, ...plan.offers].some(isSample)

/** What to say when the plan or an alternative rests on invented sample courses or offers. */
function sampleWarning(plan: Plan): string {
  const n = plan.courses.filter(isSample).length
  const offers = plan.offers.filter(isSample).length
  const what =
    n + offers > 0
      ? `${n} of its ${plan.courses.length} courses${offers ? ` and ${offers} offer${offers > 1 ? 's' : ''}` : ''} are invented sample data, not real`
      : 'an alternative uses invented sample data, not real courses'
  return `This plan uses sample data: ${what}. Ask with preferences.sample "exclude" to plan with real courses only.`
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
