import type { Offer } from '../catalog/schemas.js'
import { assessProgress } from '../rules/evaluate.js'
import { type ResolvedActivity, resolveActivity } from '../rules/request.js'
import type { Candidate } from './candidates.js'
import { totalOf } from './fees.js'
import { EPS, type Model, type Standing } from './model.js'
import type { JointPlanInput, Plan } from './schemas.js'
import type { Found } from './search.js'

/** What dressing a solved plan needs: the model, the credentials planned and the fees. */
export interface PlanContext {
  /** The request, with only the credentials planned and the offers as the plan buys them. */
  input: JointPlanInput
  model: Model
  standings: Standing[]
  fees: Plan['fees']
  /** Offers that are one of the plan's fees: the fee's label. */
  includedIn: Map<string, string>
  /** The request names several credentials: rows and points say which credential. */
  several: boolean
}

/**
 * A solved plan as the answer shows it, checked by the rules engine: for each credential, the
 * transcript plus the planned courses that count there, judged on the day the last of them is
 * done (so future sessions count). Each course says which credentials it serves.
 */
export function finish(ctx: PlanContext, found: Found, warnings: string[]): Plan {
  const { input, model, standings, several } = ctx
  const chosen = found.chosen.map((j) => model.candidates[j] as Candidate)
  const held = [...input.held, ...found.offers.map((o) => o.id)]
  const serves = chosen.map(() => [] as { credential: string; toward: Record<string, number> }[])
  const after: Plan['after'] = []
  let complete = true
  standings.forEach(({ target }, i) => {
    const mine = chosen.flatMap((c, k) => (c.worth[i] ? [k] : []))
    // Each planned course as the transcript entry it becomes once done on its date, read as
    // progress reads one (its approvals of that day).
    const activities: ResolvedActivity[] = [
      ...input.activities,
      ...mine.map((k) => {
        const c = chosen[k] as Candidate
        return resolveActivity({ courseId: c.course.id, completedOn: c.on }, c.course)
      }),
    ]
    const done = [input.asOf, ...mine.map((k) => (chosen[k] as Candidate).on)].sort().at(-1)
    const { progress } = assessProgress(
      target.rules,
      { cycleEnd: target.cycleEnd, offers: held },
      activities,
      done as string,
      input.offers,
    )
    complete &&= progress.complete
    mine.forEach((k, m) => {
      const outcome = progress.activities[input.activities.length + m]
      if (outcome && outcome.counted > 0)
        serves[k]?.push({ credential: target.rules.id, toward: outcome.toward })
    })
    for (const r of progress.requirements)
      after.push({
        id: r.id,
        remaining: r.remaining,
        ...(several && { credential: target.rules.id }),
      })
  })
  if (!complete)
    warnings.push('internal check: the plan did not verify as complete; please report this')
  return {
    feasible: true,
    optimal: found.optimal && complete,
    cost: found.cost,
    fees: ctx.fees,
    ...totalOf(found.cost, ctx.fees),
    hours: found.hours,
    offers: found.offers.map((o) => planned(ctx, o)),
    courses: chosen.map((c, k) => {
      const served = serves[k] ?? []
      return {
        id: c.course.id,
        title: c.course.title,
        provider: c.course.provider,
        price: found.prices[found.chosen[k] as number] as number,
        hours: c.course.hours,
        on: c.on,
        by: c.by,
        toward: several
          ? Object.fromEntries(
              served.flatMap((s) =>
                Object.entries(s.toward).map(([id, v]) => [`${s.credential}:${id}`, v]),
              ),
            )
          : (served[0]?.toward ?? {}),
        serves: served,
        source: {
          confidence: c.course.source.confidence,
          ...(c.course.source.url && { url: c.course.source.url }),
          ...(c.own && { note: c.course.source.note }),
        },
        ...(c.own && { own: true }),
      }
    }),
    after,
  }
}

/** An offer as a plan lists it: what it costs here, where it comes from, whether it is a fee. */
function planned(ctx: PlanContext, offer: Offer): Plan['offers'][number] {
  const fee = ctx.includedIn.get(offer.id)
  return {
    id: offer.id,
    name: offer.name,
    price: offer.price as number,
    source: {
      confidence: offer.source?.confidence ?? 'unverified',
      ...(offer.source?.url && { url: offer.source.url }),
    },
    ...(fee !== undefined && { includedIn: fee }),
  }
}

/** Requirements that even every available course together cannot meet, per credential. */
export function shortfallsOf(model: Model, standings: readonly Standing[], several: boolean) {
  return standings.flatMap(({ target, progress }, i) =>
    progress.requirements.flatMap((requirement) => {
      const available = model.available[i]?.get(requirement.id)
      const needed = requirement.remaining
      if (available === undefined || available + EPS >= needed) return []
      const short = Math.round((needed - available) * 1e6) / 1e6
      const have = Math.round(available * 1e6) / 1e6
      const label = several ? `${target.rules.id} ${requirement.label}` : requirement.label
      return [
        {
          requirement: requirement.id,
          ...(several && { credential: target.rules.id }),
          needed,
          available: have,
          short,
          text: `${label}: ${needed} more needed, only ${have} available from courses with a known price that can be completed before the deadline (short by ${short})`,
        },
      ]
    }),
  )
}
