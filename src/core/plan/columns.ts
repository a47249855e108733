import { EPS, type Model } from './model.js'
import { CENTS } from './prices.js'

/**
 * Column reduction for one model: courses grouped once by identical contributions, then, at any
 * prices, the cheapest few of each group as integer columns.
 */
export class ColumnReducer {
  constructor(private readonly model: Model) {}

  /**
   * The model's columns at these prices. Among courses whose contributions to every row are
   * identical, an optimal plan never needs more than the cheapest few (as many as the largest
   * row could use), so the rest are dropped; so are courses that help no requirement. Kept
   * courses that are identical in price too are one integer column (how many of them to take):
   * interchangeable binaries would only make the search try each of them in turn.
   */
  columns(prices: readonly number[]): number[][] {
    const columns: number[][] = []
    const cents = (j: number) => Math.round((prices[j] as number) * CENTS)
    for (const { members, limit } of this.groups()) {
      const sorted = [...members].sort((a, b) => cents(a) - cents(b) || a - b).slice(0, limit)
      let last: number[] | null = null
      for (const j of sorted) {
        if (last && cents(last[0] as number) === cents(j)) last.push(j)
        else {
          last = [j]
          columns.push(last)
        }
      }
    }
    return columns.sort((a, b) => (a[0] as number) - (b[0] as number))
  }

  private groupCache: { members: number[]; limit: number }[] | null = null

  /** Courses grouped by identical contributions, with how many of each could ever help. */
  private groups(): { members: number[]; limit: number }[] {
    if (this.groupCache) return this.groupCache
    const { model } = this
    const n = model.candidates.length
    const coefficients: number[][] = model.candidates.map(() => [])
    model.rows.forEach((row, r) => {
      row.index.forEach((j, k) => {
        if (j < n) (coefficients[j] as number[])[r] = row.value[k] as number
      })
    })
    const byKey = new Map<string, number[]>()
    model.candidates.forEach((c, j) => {
      const coef = coefficients[j] as number[]
      const helps = model.rows.some(
        (row, r) => row.lower > Number.NEGATIVE_INFINITY && (coef[r] ?? 0) > EPS,
      )
      if (!helps) return
      const key = `${model.rows.map((_, r) => coef[r] ?? 0).join(',')}|${c.weight}`
      const group = byKey.get(key)
      if (group) group.push(j)
      else byKey.set(key, [j])
    })
    this.groupCache = [...byKey.values()].map((members) => {
      const coef = coefficients[members[0] as number] as number[]
      let limit = 1
      model.rows.forEach((_, r) => {
        const v = coef[r] ?? 0
        const need = model.need[r] as number
        if (v > EPS && need > 0) limit = Math.max(limit, Math.ceil(need / v - EPS))
      })
      return { members, limit }
    })
    return this.groupCache
  }
}
