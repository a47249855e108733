import type { RuleSet } from '../catalog/rule-set.js'
import type { Offer } from '../catalog/schemas.js'
import type { Progress } from './request.js'

type PathwayRule = RuleSet['pathways'][number]
type Fee = { label: string; amount: number | null }

/**
 * The exam's fees: the exam fee (a member's when `memberFee` is given), plus the reactivation
 * fee once the credential has lapsed. The one place that says what the exam costs.
 */
export function examFees(
  rules: RuleSet,
  pathway: PathwayRule,
  status: Progress['status'],
  memberFee?: number,
): { fees: Fee[]; reactivation: number } {
  const fees: Fee[] = [
    memberFee !== undefined
      ? { label: 'Exam fee (member)', amount: memberFee }
      : { label: 'Exam fee', amount: pathway.fee },
  ]
  const reactivation = status === 'lapsed' ? rules.lapse.reactivationFee : null
  if (reactivation !== null) fees.push({ label: 'Reactivation fee', amount: reactivation })
  return { fees, reactivation: reactivation ?? 0 }
}

/** The member exam fee an offer gives under the rule set, if any. */
export function memberExamFee(rules: RuleSet, pathway: PathwayRule, offer: Offer) {
  return pathway.feeKey ? offer.fees?.[rules.id]?.[pathway.feeKey] : undefined
}

/** Each pathway of the rule set: whether it is open at this status, and what it costs. */
export function pathwaysOf(
  rules: RuleSet,
  status: Progress['status'],
  held: readonly string[],
  offers: readonly Offer[],
): Progress['pathways'] {
  return rules.pathways.map((p) => {
    const provenance = { confidence: p.confidence, source: p.source }
    if (!p.satisfiesRecertification) {
      return {
        id: p.id,
        label: p.label,
        available: false,
        fee: p.fee,
        reason: p.note ?? 'does not satisfy recertification',
        ...provenance,
      }
    }
    if (p.id === 'continuing-education') {
      const available = status !== 'lapsed'
      // A pathway whose fee is one of the rule set's fees states it there (once).
      const fee = p.feeId ? (rules.fees.find((f) => f.id === p.feeId)?.amount ?? null) : p.fee
      return {
        id: p.id,
        label: p.label,
        available,
        fee,
        ...(!available && { reason: `lapsed: ${rules.lapse.note ?? rules.lapse.afterGrace}` }),
        ...provenance,
      }
    }
    if (p.onlyAfterLapse && status !== 'lapsed') {
      return {
        id: p.id,
        label: p.label,
        available: false,
        fee: p.fee,
        reason: `only once the credential has lapsed: ${rules.lapse.note ?? rules.lapse.afterGrace}`,
        ...provenance,
      }
    }
    // The exam: a membership may set a lower fee; after the lapse window a reactivation fee adds.
    const member = offers
      .filter((o) => held.includes(o.id))
      .map((o) => memberExamFee(rules, p, o))
      .find((fee) => fee !== undefined)
    const { fees } = examFees(rules, p, status, member)
    const total = fees.every((f) => f.amount !== null)
      ? fees.reduce((s, f) => s + (f.amount as number), 0)
      : null
    return { id: p.id, label: p.label, available: true, fee: total, fees, ...provenance }
  })
}
