/**
 * The choices of offers a plan may buy, and what a request learns of each: the bound one solved
 * choice gives another (README, "Cheapest way to recertify": the offer-choice search).
 */
import type { Offer } from '../catalog/schemas.js'
import type { ClassModel } from '../milp/classes.js'
import { CENTS, type Lowering, offersCost } from './prices.js'

/** A choice of offers within one request: where its offers lower prices, and what follows. */
export interface Choice {
  lowerings: Lowering[]
  /** Course prices with these offers: built when the choice gets its own LP or is solved. */
  prices?: number[]
  members?: number[][]
  /**
   * Its covering model by cost with no hour limit: one object for its LP bound and its solve,
   * so that the solve starts from the LP already solved (milp/class-search.ts, SolvedRoots).
   */
  costModel?: ClassModel
  /**
   * Course costs (dollars) at least: the value of the choice's LP relaxation rounded up to a
   * cent, or 0 when the LP was not solved.
   */
  bound?: number
  /** That LP's value in cents, as solved (to bound other choices by). */
  lp?: number
  /**
   * Course costs (cents) at least, scaled from other choices' LPs (leastRatio), and how many of
   * the request's solved LPs that has read.
   */
  scaled?: { cents: number; read: number }
}

/**
 * How far a choice's bound has got: its offers' price alone, then with a bound scaled from the
 * LPs already solved, then with its own LP's value.
 */
export type Stage = 'offers' | 'scaled' | 'lp'

/**
 * The least ratio of a choice's course prices to another's (solved: its prices are built),
 * over the courses that cost something there (in cents, as the models price them), at most 1.
 * With every price at least this ratio times the other's, any plan here costs at least the
 * ratio times what it costs there, so at least the ratio times the other choice's LP value: the
 * LP of a covering model scales with its prices, and each group of identical courses is capped
 * the same way at any prices (columns.ts), so a plan here, made of the other choice's cheapest
 * members instead, is one of its LP's solutions, never dearer there.
 *
 * Only courses an offer of this choice lowers can have a ratio below 1: any other costs its
 * base price here, no less than there. Read from the offers' lowerings, without building this
 * choice's prices: its price for a course is the least of its offers' there, and each offer's,
 * being no less, gives a ratio no less than that one.
 */
export function leastRatio(here: Choice, there: Choice): number {
  const prices = there.prices as number[]
  let ratio = 1
  for (const { index, price } of here.lowerings) {
    for (let k = 0; k < index.length; k++) {
      const other = Math.round((prices[index[k] as number] as number) * CENTS)
      if (other <= 0) continue
      const own = Math.round((price[k] as number) * CENTS)
      if (own < ratio * other) {
        ratio = own / other
        if (ratio === 0) return 0
      }
    }
  }
  return ratio
}

/** A choice's key in the request's memo. */
export function choiceKey(offers: readonly Offer[]): string {
  return offers.map((o) => o.id).join('\u0000')
}

/**
 * The least whole cents a plan can cost when an LP's value (cents) bounds it: costs are whole
 * cents, so the value rounded up, less a margin for the LP's own error (HiGHS is exact to
 * about 1e-7 a column); never below 0.
 */
export const leastCents = (lpValue: number) => Math.max(0, Math.ceil(lpValue - 0.01))

/** A choice of offers to try: which, its key in a request's memo, and what they cost. */
export interface OfferChoice {
  offers: Offer[]
  key: string
  offerCost: number
}

/** Every choice of these offers (2^n of them), cheapest first, then by fewer offers. */
export function offerChoices(relevant: readonly Offer[]): OfferChoice[] {
  const out: OfferChoice[] = []
  for (let mask = 0; mask < 1 << relevant.length; mask++) {
    const offers = relevant.filter((_, i) => mask & (1 << i))
    out.push({ offers, key: choiceKey(offers), offerCost: offersCost(offers) })
  }
  return out.sort((a, b) => a.offerCost - b.offerCost || a.offers.length - b.offers.length)
}
