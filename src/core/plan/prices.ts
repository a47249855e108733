import type { Course, Offer } from '../catalog/schemas.js'
import type { Candidate } from './candidates.js'
import { keptWith } from './kept-sets.js'
import { EPS } from './model.js'

export const CENTS = 100
export const HUNDREDTHS = 100

export const roundMoney = (n: number) => Math.round(n * 100) / 100

/**
 * A course's sort key at a price: cents, then its index `j` of `n`, as one number (exact below
 * 2^53), so that sorting the numbers sorts the courses (cheapest first, then by index).
 */
export const priceKey = (price: number, j: number, n: number) => Math.round(price * CENTS) * n + j

/** What a set of offers costs to buy. */
export const offersCost = (offers: readonly Offer[]) =>
  offers.reduce((s, o) => s + (o.price ?? 0), 0)

/**
 * A priced course's price with one offer, when the offer applies to it (its provider's course
 * price, or a discount on its provider and format, whichever is lower); null when it does not.
 */
export function offerPrice(
  offer: Offer,
  course: Pick<Course, 'provider' | 'format' | 'price'>,
): number | null {
  let price: number | null = null
  if (offer.coursePrice && offer.coursePrice.provider === course.provider)
    price = offer.coursePrice.price
  const d = offer.courseDiscount
  if (d && d.provider === course.provider && (!d.formats || d.formats.includes(course.format))) {
    const discounted = roundMoney(((course.price as number) * (100 - d.percent)) / 100)
    price = price === null ? discounted : Math.min(price, discounted)
  }
  return price
}

/** Where one offer lowers the prices of a list: the positions, and the price there with it. */
export interface Lowering {
  index: number[]
  price: number[]
}

/**
 * The prices one offer lowers below `base`, each once: any choice of offers reads them. `runs`
 * (Model.runs) are of one offer group each, so the offer applies to all of a run or to none of
 * it: asked of its first, a run it does not apply to is passed over.
 */
export function loweringOf(
  candidates: readonly Candidate[],
  base: readonly number[],
  offer: Offer,
  runs: readonly number[][] = [],
): Lowering {
  const index: number[] = []
  const price: number[] = []
  const skip = new Uint8Array(candidates.length)
  for (const run of runs) {
    if (offerPrice(offer, candidates[run[0] as number] as Candidate) !== null) continue
    for (const j of run) skip[j] = 1
  }
  for (let j = 0; j < candidates.length; j++) {
    if (skip[j] === 1) continue
    const p = offerPrice(offer, candidates[j] as Candidate)
    if (p !== null && p < (base[j] as number)) {
      index.push(j)
      price.push(p)
    }
  }
  return { index, price }
}

/**
 * A candidate array's prices as offers change them, kept with a kept array: a set kept from one
 * request to the next (kept-sets.ts) is the same array, so its prices with the offers held, and
 * where each other offer lowers those, are read once for every request over it. Offers are
 * known by id: the array belongs to one catalog load, whose offers do not change.
 */
export interface CandidatePrices {
  /** The list prices lowered by these offers (the same array for the same offers). */
  base(held: readonly Offer[]): number[]
  /** Where one offer lowers a `base` of this array (the same object for the same offer). */
  lowering(base: readonly number[], offer: Offer): Lowering
}

const pricesKept = new WeakMap<readonly Candidate[], CandidatePrices>()
const BASES_KEPT = 8

/** The prices of a model's candidates (see {@link CandidatePrices}). */
export function pricesOf(model: {
  candidates: readonly Candidate[]
  runs: readonly number[][]
}): CandidatePrices {
  const { candidates, runs } = model
  return keptWith(pricesKept, candidates, () => readPrices(candidates, runs))
}

function readPrices(candidates: readonly Candidate[], runs: readonly number[][]): CandidatePrices {
  const bases = new Map<string, number[]>()
  const lowerings = new WeakMap<readonly number[], Map<string, Lowering>>()
  let list: number[] | null = null
  return {
    base(held) {
      const key = held.map((o) => o.id).join('\u0000')
      let base = bases.get(key)
      if (!base) {
        list ??= candidates.map((c) => c.price)
        const from = list
        base = lowered(
          from,
          held.map((o) => loweringOf(candidates, from, o, runs)),
        )
        bases.set(key, base)
        // A few sets of offers held (people's memberships) per candidate array, not every one.
        if (bases.size > BASES_KEPT) bases.delete(bases.keys().next().value as string)
      }
      return base
    },
    lowering(base, offer) {
      let byOffer = lowerings.get(base)
      if (!byOffer) {
        byOffer = new Map()
        lowerings.set(base, byOffer)
      }
      let lowering = byOffer.get(offer.id)
      if (!lowering) {
        lowering = loweringOf(candidates, base, offer, runs)
        byOffer.set(offer.id, lowering)
      }
      return lowering
    },
  }
}

/**
 * `base` lowered by each of these offers: with them all, a course costs the least of its price
 * and each offer's price for it.
 */
export function lowered(base: readonly number[], lowerings: readonly Lowering[]): number[] {
  const out = base.slice()
  for (const { index, price } of lowerings) {
    for (let k = 0; k < index.length; k++) {
      const j = index[k] as number
      if ((price[k] as number) < (out[j] as number)) out[j] = price[k] as number
    }
  }
  return out
}

/**
 * The offers worth considering buying: priced, not held, lowering some candidate's price; at
 * most 12 (2^12 choices), those that could save the most.
 */
export function relevantOffers(
  offers: readonly Offer[],
  held: readonly string[],
  base: readonly number[],
  lowering: (offer: Offer) => Lowering,
): Offer[] {
  // What an offer takes off the prices, counting only cuts of more than a rounding error.
  const cut = (o: Offer, least: number) => {
    const { index, price } = lowering(o)
    return price.reduce((s, p, k) => {
      const less = (base[index[k] as number] as number) - p
      return less > least ? s + less : s
    }, 0)
  }
  const relevant = offers.filter(
    (o) =>
      o.price !== null &&
      !held.includes(o.id) &&
      (o.coursePrice || o.courseDiscount) &&
      cut(o, EPS) > 0,
  )
  if (relevant.length <= 12) return relevant
  const saving = (o: Offer) => cut(o, 0) - (o.price ?? 0)
  return [...relevant].sort((a, b) => saving(b) - saving(a)).slice(0, 12)
}
