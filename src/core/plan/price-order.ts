import type { Candidate } from './candidates.js'
import { CENTS } from './prices.js'

/**
 * The order the column reduction (columns.ts) reads a model's courses in at any prices:
 * cheapest first, then the lower list price, then the lower index. Of courses an offer prices
 * alike (a membership's course price), a plan takes those dearer without it last: so a plan is
 * the same whether the candidate set holds only the few cheapest of a kind at list price or a
 * few more (kept-sets.ts).
 *
 * A key is one number (exact below 2^53): the price in cents times `n`, plus the course's rank
 * by list price and index; sorting keys sorts the courses.
 */
export class PriceOrder {
  readonly n: number
  /** Per course, its rank by list price, then index; and per rank, the course. */
  private readonly rank: Int32Array
  private readonly byRank: Int32Array
  private readonly keysKept = new WeakMap<readonly number[], Float64Array>()

  constructor(candidates: readonly Candidate[]) {
    const n = candidates.length
    this.n = n
    const list = new Float64Array(n)
    for (let j = 0; j < n; j++)
      list[j] = Math.round((candidates[j] as Candidate).price * CENTS) * n + j
    list.sort()
    this.byRank = Int32Array.from(list, (key) => key % n)
    this.rank = new Int32Array(n)
    this.byRank.forEach((j, r) => {
      this.rank[j] = r
    })
  }

  /** Course j's key at this price. */
  key(price: number, j: number): number {
    return Math.round(price * CENTS) * this.n + (this.rank[j] as number)
  }

  /** The course a key is of. */
  course(key: number): number {
    return this.byRank[key % this.n] as number
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

/** The order of these candidates, made once per array (a kept set's is made once). */
export function priceOrderOf(candidates: readonly Candidate[]): PriceOrder {
  let order = orders.get(candidates)
  if (!order) {
    order = new PriceOrder(candidates)
    orders.set(candidates, order)
  }
  return order
}

/**
 * The first `limit` courses of a group made of runs, in key order, merged from the runs when
 * each is in that order at these prices (`keys`: every course's key there; runs list their
 * courses by list price, then index, so they are at list prices and at any prices that keep a
 * run's courses apart or make them equal); null when one is not, and the group is sorted instead.
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
