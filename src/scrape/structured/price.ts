/**
 * The price a page's offers state for one course: `Offer`, `AggregateOffer` (its `lowPrice`, or
 * its own offers) and `priceSpecification` (`PriceSpecification`, `UnitPriceSpecification`,
 * `CompoundPriceSpecification`), on the course and on its instances, with the currency.
 */
import type {
  AggregateOffer,
  CompoundPriceSpecification,
  Offer,
  PriceSpecification,
  UnitPriceSpecification,
} from 'schema-dts'
import type { Item } from './graph.js'
import { items, text, textOf, values } from './schema.js'

export interface StatedPrice {
  amount: number
  /** ISO 4217 code as stated; null when the page names none. */
  currency: string | null
}

interface Candidate extends StatedPrice {
  audience: 'member' | 'non-member' | 'any'
}

const MEMBER = /\bmembers?\b|\bmembership\b/i
const NON_MEMBER = /\bnon[-\s]?members?\b|\bnot a member\b|\bgeneral public\b/i

/**
 * The list price of these offers: the one for non-members when offers are labelled by
 * membership, otherwise the first offer open to anyone, in page order (a page lists its main
 * price first; `AggregateOffer` states its range from `lowPrice`). Null when none is priced.
 */
export function statedPrice(offers: readonly Item[]): StatedPrice | null {
  const all = offers.flatMap((o) => candidates(o, null, 0))
  const chosen =
    all.find((c) => c.audience === 'non-member') ?? all.find((c) => c.audience === 'any') ?? null
  return chosen && { amount: chosen.amount, currency: chosen.currency }
}

function candidates(offer: Item, currency: string | null, depth: number): Candidate[] {
  if (depth > 3) return []
  const own = text<Offer>(offer, 'priceCurrency').toUpperCase() || currency
  const audience = audienceOf(offer)
  const out: Candidate[] = []
  const direct = amountOf(text<Offer>(offer, 'price'))
  const low = amountOf(text<AggregateOffer>(offer, 'lowPrice'))
  if (direct !== null) out.push({ amount: direct, currency: own, audience })
  else if (low !== null) out.push({ amount: low, currency: own, audience })
  for (const spec of items<Offer>(offer, 'priceSpecification')) {
    const amount = specAmount(spec)
    if (amount === null) continue
    const specAudience = audienceOf(spec)
    out.push({
      amount,
      currency: text<PriceSpecification>(spec, 'priceCurrency').toUpperCase() || own,
      audience: specAudience === 'any' ? audience : specAudience,
    })
  }
  for (const inner of items<AggregateOffer>(offer, 'offers'))
    out.push(...candidates(inner, own, depth + 1))
  return out
}

function audienceOf(item: Item): Candidate['audience'] {
  const words = ['name', 'category', 'eligibleCustomerType', 'description', 'validForMemberTier']
    .flatMap((p) => (item.props[p] ?? []).map(textOf))
    .join(' ')
  if (NON_MEMBER.test(words)) return 'non-member'
  if (MEMBER.test(words)) return 'member'
  return 'any'
}

/** `"13.00"`, `"1,234.50"`, `"$29.95"`, `"Free"` -> numbers; null when not a price. */
export function amountOf(raw: string): number | null {
  const t = raw.trim()
  if (!t) return null
  if (/^free$/i.test(t)) return 0
  const m = /^[^\d-]{0,4}(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(t)
  if (!m) return null
  const n = Number(`${(m[1] as string).replace(/,/g, '')}${m[2] ?? ''}`)
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) / 100 : null
}

/**
 * A one-off amount: `price` (or `minPrice`), or the sum of a compound price's parts. A price per
 * unit or per period (`unitCode`, `referenceQuantity`, `billingDuration`) has no one total: null.
 */
function specAmount(spec: Item): number | null {
  const perUnit = (['unitCode', 'unitText', 'referenceQuantity', 'billingDuration'] as const).some(
    (p) => values<UnitPriceSpecification>(spec, p).length > 0,
  )
  if (perUnit) return null
  const own =
    amountOf(text<PriceSpecification>(spec, 'price')) ??
    amountOf(text<PriceSpecification>(spec, 'minPrice'))
  if (own !== null) return own
  const parts = items<CompoundPriceSpecification>(spec, 'priceComponent').map(specAmount)
  if (parts.length === 0 || parts.some((p) => p === null)) return null
  return Math.round((parts as number[]).reduce((a, b) => a + b, 0) * 100) / 100
}
