import type { Candidate } from './candidates.js'
import { keptWith } from './kept-sets.js'
import { priceKey } from './prices.js'

/**
 * The order the column reduction (columns.ts) reads a model's courses in at any prices:
 * cheapest first, then the lower index. A key is one number (exact below 2^53, prices.ts,
 * priceKey): the price in cents times `n`, plus the index; sorting keys sorts the courses.
 */
export class PriceOrder {
  private readonly keysKept = new WeakMap<readonly number[], Float64Array>()

  constructor(readonly n: number) {}

  /** Course j's key at this price. */
  key(price: number, j: number): number {
    return priceKey(price, j, this.n)
  }

  /** The course a key is of. */
  course(key: number): number {
    return key % this.n
  }

  /**
   * Every course's key at these prices, once per price array (a base kept with its set is the
   * same array from one request to the next: prices.ts): runs are checked and merged on them,
   * groups sorted.
   */
  keysAt(prices: readonly number[]): Float64Array {
    let at = this.keysKept.get(prices)
    if (!at) {
      at = new Float64Array(prices.length)
      for (let j = 0; j < prices.length; j++) at[j] = this.key(prices[j] as number, j)
      this.keysKept.set(prices, at)
    }
    return at
  }
}

const orders = new WeakMap<readonly Candidate[], PriceOrder>()

/** The order of these candidates: one per kept set (kept-sets.ts), whose keys it keeps. */
export function priceOrderOf(candidates: readonly Candidate[]): PriceOrder {
  return keptWith(orders, candidates, () => new PriceOrder(candidates.length))
}

/**
 * The first `limit` courses of a group made of runs, in key order, merged from the runs when
 * each is in that order at these prices (`keys`: every course's key there; so at list prices,
 * and at any prices that keep a run's courses apart); null when one is not, and the group is
 * sorted instead.
 */
export function mergedRuns(runs: readonly number[][], keys: Float64Array, limit: number) {
  for (const run of runs)
    for (let i = 1; i < run.length; i++)
      if ((keys[run[i - 1] as number] as number) >= (keys[run[i] as number] as number)) return null
  const at = runs.map(() => 0)
  const out: number[] = []
  while (out.length < limit) {
    let best = -1
    let least = Number.POSITIVE_INFINITY
    for (let r = 0; r < runs.length; r++) {
      const j = (runs[r] as number[])[at[r] as number]
      if (j === undefined) continue
      const key = keys[j] as number
      if (key < least) {
        least = key
        best = r
      }
    }
    if (best < 0) break
    out.push((runs[best] as number[])[at[best] as number] as number)
    at[best] = (at[best] as number) + 1
  }
  return out
}

/** The first `limit` courses of `count` keys, in key order, each once. */
export function cheapestOf(
  keys: Float64Array,
  count: number,
  limit: number,
  order: PriceOrder,
): number[] {
  const sorted = sortKeys(keys, count)
  const out: number[] = []
  for (let i = 0; i < count && out.length < limit; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(order.course(sorted[i] as number))
  }
  return out
}

/**
 * The first `count` keys sorted in place. A group's lists are short (a few dozen keys, often
 * in order already, as course kinds list their courses by price), and there the built-in sort's
 * set-up costs more than an insertion sort's whole work.
 */
function sortKeys(keys: Float64Array, count: number): Float64Array {
  if (count > 64) return keys.subarray(0, count).sort()
  for (let i = 1; i < count; i++) {
    const key = keys[i] as number
    let k = i - 1
    while (k >= 0 && (keys[k] as number) > key) {
      keys[k + 1] = keys[k] as number
      k--
    }
    keys[k + 1] = key
  }
  return keys
}
