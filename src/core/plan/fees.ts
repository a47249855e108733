import type { RuleSet } from '../catalog/rule-set.js'
import type { Offer } from '../catalog/schemas.js'
import { roundMoney } from './prices.js'
import type { Plan, PlanTarget } from './schemas.js'

/**
 * The fees of the continuing-education route of each credential; unknown amounts stay null. A
 * pathway whose fee is one of the rule set's fees (`feeId`) is not listed a second time.
 */
export function planFees(targets: readonly PlanTarget[], several: boolean): Plan['fees'] {
  return targets.flatMap(({ rules }) => {
    const credential = several ? { credential: rules.id } : {}
    const ce = rules.pathways.find((p) => p.id === 'continuing-education')
    const out: Plan['fees'] = rules.fees.map((f) => ({
      label: f.label,
      amount: f.amount,
      confidence: f.confidence,
      ...credential,
    }))
    // The pathway's confidence is the rule's; an amount nobody has found is not verified.
    if (ce && !ce.feeId)
      out.unshift({
        label: `${ce.label}: fee`,
        amount: ce.fee,
        confidence: ce.fee === null ? 'unverified' : ce.confidence,
        ...credential,
      })
    return out
  })
}

/**
 * The offers as the plan buys them: an offer that is one of the plan's fees (`paysFee`, e.g.
 * NHA's renewal with its CE library) costs nothing more, since the fee is counted under `fees`.
 */
export function feeOffers(
  offers: readonly Offer[],
  targets: readonly PlanTarget[],
): { offers: Offer[]; includedIn: Map<string, string> } {
  const includedIn = new Map<string, string>()
  const out = offers.map((offer) => {
    const pays = offer.paysFee
    const rules = pays && targets.find((t) => t.rules.id === pays.credential)?.rules
    const fee = rules && feeOf(rules, pays.fee)
    if (!fee) return offer
    includedIn.set(offer.id, fee.label)
    return { ...offer, price: 0 }
  })
  return { offers: out, includedIn }
}

const feeOf = (rules: RuleSet, id: string) => rules.fees.find((f) => f.id === id)

/**
 * The known total (courses, offers and the fees whose amount is known), whether every fee is
 * known, and the total in words.
 *
 * ```ts
 * totalOf(39, [{ label: 'CE fee', amount: null }])
 * // -> { total: 39, totalComplete: false, summary: '$39.00 plus a fee that is not known (CE fee)' }
 * ```
 */
export function totalOf(
  cost: number,
  fees: Plan['fees'],
): Pick<Plan, 'total' | 'totalComplete' | 'summary'> {
  const total = roundMoney(cost + fees.reduce((s, f) => s + (f.amount ?? 0), 0))
  const unknown = fees.filter((f) => f.amount === null)
  const unverified = fees.filter(
    (f) => f.amount !== null && f.amount > 0 && f.confidence && f.confidence !== 'official',
  )
  const parts = [`$${total.toFixed(2)}`]
  if (unknown.length > 0)
    parts.push(
      `plus ${unknown.length === 1 ? 'a fee that is' : 'fees that are'} not known (${unknown.map((f) => f.label).join('; ')})`,
    )
  if (unverified.length > 0)
    parts.push(
      `; not verified: ${unverified.map((f) => `${f.label} $${(f.amount as number).toFixed(2)}`).join(', ')}`,
    )
  return {
    total,
    totalComplete: unknown.length === 0,
    summary: parts.join(' ').replace(' ;', ';'),
  }
}
