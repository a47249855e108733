import type { RuleSet } from '../catalog/rule-set.js'
import type { Offer } from '../catalog/schemas.js'
import { examFees, memberExamFee } from '../rules/pathways.js'
import type { Progress } from '../rules/request.js'
import { finish, type PlanContext } from './finish.js'
import { EPS } from './model.js'
import { roundMoney } from './prices.js'
import type { Alternative, Plan } from './schemas.js'
import type { Found, PlanSearch } from './search.js'

/**
 * The exam pathway's cost, with a membership when that makes the exam cheaper; none when the
 * credential has no exam pathway or its exam does not recertify.
 */
export function examAlternative(
  rules: RuleSet,
  offers: readonly Offer[],
  progress: Progress,
): Alternative[] {
  const pathway = progress.pathways.find((p) => p.id === 'exam')
  const rule = rules.pathways.find((p) => p.id === 'exam')
  if (!pathway || !rule?.satisfiesRecertification) return []
  let best = {
    total: pathway.fee,
    detail:
      pathway.fee === null
        ? `the exam fee is not known (${(pathway.fees ?? []).map((f) => f.label).join(' + ')})`
        : (pathway.fees ?? []).map((f) => `${f.label} $${f.amount}`).join(' + '),
  }
  const { reactivation } = examFees(rules, rule, progress.status)
  for (const offer of offers) {
    const fee = memberExamFee(rules, rule, offer)
    if (fee === undefined || offer.price === null) continue
    const total = roundMoney(offer.price + fee + reactivation)
    if (best.total === null || total < best.total) {
      best = {
        total,
        detail: `${offer.name} $${offer.price} + member exam fee $${fee}${reactivation ? ` + reactivation $${reactivation}` : ''}`,
      }
    }
  }
  return [{ label: 'recertify by exam', total: best.total, detail: best.detail }]
}

/**
 * The other plans worth showing beside the primary one: the best under the other objective,
 * the cheapest without the hour limit, and the cost-vs-hours trade-offs in between.
 */
export async function otherPlans(
  ctx: PlanContext,
  search: PlanSearch,
  primary: { found: Found; plan: Plan },
  warnings: string[],
): Promise<Alternative[]> {
  const { preferences } = ctx.input
  // The primary plan again (the fewest hours are often the cheapest plan's own): it is
  // dressed and checked already, and would be the same again.
  const dress = (found: Found) =>
    samePurchase(found, primary.found) ? primary.plan : finish(ctx, found, warnings)
  const alternatives: Alternative[] = []
  const other = preferences.objective === 'cost' ? 'hours' : 'cost'
  const second = await search.best(other, preferences.maxHours, preferences.budget)
  if (second) {
    const alt = dress(second)
    alternatives.push({
      label: other === 'hours' ? 'fewest hours' : 'cheapest',
      total: alt.total,
      plan: alt,
    })
  }
  if (preferences.maxHours !== undefined) {
    const free = await search.best('cost', undefined, preferences.budget)
    if (free && free.cost < primary.found.cost - EPS) {
      const alt = dress(free)
      alternatives.push({ label: 'cheapest without the hour limit', total: alt.total, plan: alt })
    }
  }
  for (const point of await search.pareto(primary.found, second, preferences)) {
    const alt = dress(point)
    alternatives.push({
      label: `trade-off: $${alt.total} for ${alt.hours} hours`,
      total: alt.total,
      plan: alt,
    })
  }
  return alternatives
}

/** The same offers and courses, proved or not alike: the same plan once dressed. */
function samePurchase(a: Found, b: Found): boolean {
  return (
    a.optimal === b.optimal &&
    a.chosen.length === b.chosen.length &&
    a.chosen.every((j, k) => j === b.chosen[k]) &&
    a.offers.length === b.offers.length &&
    a.offers.every((o, k) => o.id === b.offers[k]?.id)
  )
}
