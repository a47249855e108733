import { assessProgress } from '../rules/evaluate.js'
import type { Progress, ResolvedActivity } from '../rules/request.js'
import type { Candidate } from './candidates.js'
import { EPS, type Model } from './model.js'
import { knownTotal } from './prices.js'
import type { Plan, PlanInput } from './schemas.js'
import type { Found } from './search.js'

export function finish(
  input: PlanInput,
  model: Model,
  found: Found,
  fees: Plan['fees'],
  warnings: string[],
): Plan {
  const chosen = found.chosen.map((j) => model.candidates[j] as Candidate)
  const activities: ResolvedActivity[] = [
    ...input.activities,
    ...chosen.map((c) => ({ ...c.course, courseId: c.course.id, completedOn: c.on })),
  ]
  const held = [...input.held, ...found.offers.map((o) => o.id)]
  // Judged on the day the last planned course is done, so that future sessions count.
  const done = [input.asOf, ...chosen.map((c) => c.on)].sort().at(-1) as string
  const { progress: after } = assessProgress(
    input.rules,
    { cycleEnd: input.cycleEnd, offers: held },
    activities,
    done,
    input.offers,
  )
  if (!after.complete)
    warnings.push('internal check: the plan did not verify as complete; please report this')
  const start = input.activities.length
  return {
    feasible: true,
    optimal: found.optimal && after.complete,
    cost: found.cost,
    fees,
    total: knownTotal(found.cost, fees),
    hours: found.hours,
    offers: found.offers.map((o) => ({ id: o.id, name: o.name, price: o.price as number })),
    courses: chosen.map((c, k) => ({
      id: c.course.id,
      title: c.course.title,
      provider: c.course.provider,
      price: found.prices[found.chosen[k] as number] as number,
      hours: c.course.hours,
      on: c.on,
      toward: after.activities[start + k]?.toward ?? {},
    })),
    after: after.requirements.map((r) => ({ id: r.id, remaining: r.remaining })),
  }
}

/** Requirements that even every available course together cannot meet. */
export function shortfallsOf(model: Model, progress: Progress) {
  const out: {
    requirement: string
    needed: number
    available: number
    short: number
    text: string
  }[] = []
  for (const requirement of progress.requirements) {
    const available = model.available.get(requirement.id)
    if (available === undefined) continue
    const needed = requirement.remaining
    if (available + EPS < needed) {
      const short = Math.round((needed - available) * 1e6) / 1e6
      out.push({
        requirement: requirement.id,
        needed,
        available: Math.round(available * 1e6) / 1e6,
        short,
        text: `${requirement.label}: ${needed} more needed, only ${Math.round(available * 1e6) / 1e6} available from courses that can be completed before the deadline (short by ${short})`,
      })
    }
  }
  return out
}
