import type { ClassModel, UnitClass } from '../milp/classes.js'
import type { Candidate } from './candidates.js'
import { groupsOf, limitOf } from './groupings.js'
import { coefficient, EPS, idOf, type Model } from './model.js'
import { cheapestOf, mergedRuns, priceOrderOf } from './price-order.js'
import { CENTS, HUNDREDTHS, type Lowering } from './prices.js'

export interface Group {
  members: number[]
  /** How many of the group could ever help. */
  limit: number
  /** The members' coefficients (identical for all of them): rows and values. */
  index: number[]
  value: number[]
  /** Hours of one member, in hundredths (identical too: hours are part of what groups them). */
  hundredths: number
  /** The model's runs (Model.runs) that make up the group, when they make up all of it. */
  runs: number[][] | null
}

/**
 * Column reduction for one model: courses grouped once by identical contributions, then, at any
 * prices, the cheapest few of each group as a class of interchangeable units.
 */
export class ColumnReducer {
  /** The order courses are read in at any prices: cheapest, then index (price-order.ts). */
  private readonly order
  constructor(private readonly model: Model) {
    this.order = priceOrderOf(model.candidates)
  }

  /**
   * Each group's members at these prices, in price order (price-order.ts). Among courses whose
   * contributions to every row are identical, an optimal plan never needs more than the cheapest
   * few (as many as the largest row could use), so the rest are dropped; so are courses that help
   * no requirement. The groups come in one fixed order, whatever the prices.
   *
   * `prices` are `base` lowered by some offers (`lowerings`, prices.ts). A member among a
   * group's cheapest few at these prices is among the cheapest few at the base prices or among
   * those of some offer's lowered prices (its price here is one of those, and each that ranks
   * before it there ranks before it here too), so only those few are sorted per choice.
   */
  classes(
    prices: readonly number[],
    base: readonly number[] = prices,
    lowerings: readonly Lowering[] = [],
  ): number[][] {
    const first = this.cheapestAt(base)
    const tops = lowerings.map((l) => this.cheapestLowered(l))
    const { order } = this
    return this.groups().map(({ limit }, g) => {
      const own = first[g] as number[]
      let size = own.length
      for (let o = 0; o < tops.length; o++) size += ((tops[o] as number[][])[g] as number[]).length
      if (size === own.length) return own
      const keys = this.scratch(size)
      // A member found twice has the same key twice (its price here).
      let k = 0
      for (let o = -1; o < tops.length; o++) {
        const list = o < 0 ? own : ((tops[o] as number[][])[g] as number[])
        for (let i = 0; i < list.length; i++) {
          const j = list[i] as number
          keys[k++] = order.key(prices[j] as number, j)
        }
      }
      return cheapestOf(keys, k, limit, order)
    })
  }

  private readonly lowered = new WeakMap<Lowering, number[][]>()

  private keys = new Float64Array(256)

  /** A buffer for at least `size` sort keys, reused: a request sorts hundreds of short lists. */
  private scratch(size: number): Float64Array {
    if (this.keys.length < size) this.keys = new Float64Array(size * 2)
    return this.keys
  }

  /**
   * Per group, the `limit` cheapest of the members an offer lowers, at its lowered prices (in
   * price order); kept per lowering.
   */
  private cheapestLowered(lowering: Lowering): number[][] {
    let tops = this.lowered.get(lowering)
    if (tops) return tops
    const groups = this.groups()
    const groupOf = this.groupOf()
    const { order } = this
    const keys: number[][] = groups.map(() => [])
    lowering.index.forEach((j, k) => {
      const g = groupOf[j] as number
      if (g >= 0) keys[g]?.push(order.key(lowering.price[k] as number, j))
    })
    tops = keys.map((own, g) => {
      const scratch = this.scratch(own.length)
      scratch.set(own)
      return cheapestOf(scratch, own.length, (groups[g] as Group).limit, order)
    })
    this.lowered.set(lowering, tops)
    return tops
  }

  private cheapest: { base: readonly number[]; order: number[][] } | null = null

  /**
   * Each group's `limit` cheapest members at these prices, in price order (price-order.ts),
   * kept for the next call with the same array.
   */
  private cheapestAt(base: readonly number[]): number[][] {
    if (this.cheapest?.base === base) return this.cheapest.order
    const at = this.order.keysAt(base)
    const order = this.groups().map(({ members, limit, runs }) => {
      const merged = runs && mergedRuns(runs, at, limit)
      if (merged) return merged
      const keys = this.scratch(members.length)
      for (let i = 0; i < members.length; i++) keys[i] = at[members[i] as number] as number
      return cheapestOf(keys, members.length, limit, this.order)
    })
    this.cheapest = { base, order }
    return order
  }

  private groupIndex: Int32Array | null = null

  /** The group of each candidate (-1: in none). */
  private groupOf(): Int32Array {
    if (this.groupIndex) return this.groupIndex
    const out = new Int32Array(this.model.candidates.length).fill(-1)
    this.groups().forEach(({ members }, g) => {
      for (const j of members) out[j] = g
    })
    this.groupIndex = out
    return out
  }

  /**
   * The covering model over classes (milp/classes.ts) for these members (from {@link classes}):
   * one class per group, its units the members in order; "cost": cents, then hours (hundredths)
   * as the tie; "hours": hours alone (the fewest hours is all the planner asks of that solve: it
   * then finds the cheapest plan within them, per offer choice, so a tie would only slow it);
   * then the model's extra columns; rows as the model's, plus an hour limit when finite.
   */
  classModel(
    members: readonly number[][],
    prices: readonly number[],
    objective: 'cost' | 'hours',
    hoursLimit: number,
  ): ClassModel {
    const groups = this.groups()
    const hoursRow = this.model.rows.length
    const classes: UnitClass[] = groups.map((g, k) => {
      const own = members[k] as number[]
      const hours = this.repeated(g.hundredths, own.length)
      const limited = Number.isFinite(hoursLimit)
      return {
        index: limited ? [...g.index, hoursRow] : g.index,
        value: limited ? [...g.value, g.hundredths] : g.value,
        cost:
          objective === 'cost' ? own.map((j) => Math.round((prices[j] as number) * CENTS)) : hours,
        tie: objective === 'cost' ? hours : this.repeated(0, own.length),
        integer: true,
      }
    })
    for (const column of this.extraColumns()) classes.push(column)
    if (!Number.isFinite(hoursLimit)) {
      // One rows array for every model without an hour limit: models sharing it and their
      // coefficients share their rows on the DP's grid (milp/row-grid.ts).
      this.rows ??= this.model.rows.map((r) => ({ lower: r.lower, upper: r.upper }))
      return { rows: this.rows, classes }
    }
    const rows = this.model.rows.map((r) => ({ lower: r.lower, upper: r.upper }))
    rows.push({ lower: Number.NEGATIVE_INFINITY, upper: Math.round(hoursLimit * HUNDREDTHS) + EPS })
    return { rows, classes }
  }

  private rows: ClassModel['rows'] | null = null

  /**
   * An array of `length` times `value` (a class's hours per unit, or zeros), one per value and
   * length for the whole request: the models only read their classes' arrays.
   */
  private repeated(value: number, length: number): number[] {
    let byLength = this.constants.get(value)
    if (!byLength) {
      byLength = new Map()
      this.constants.set(value, byLength)
    }
    let array = byLength.get(length)
    if (!array) {
      array = new Array<number>(length).fill(value)
      byLength.set(length, array)
    }
    return array
  }

  private readonly constants = new Map<number, Map<number, number[]>>()

  private extraCache: UnitClass[] | null = null

  /** The model's extra columns (either-or options), as classes that cost nothing. */
  private extraColumns(): UnitClass[] {
    if (this.extraCache) return this.extraCache
    if (this.model.extra.length === 0) {
      this.extraCache = []
      return this.extraCache
    }
    const n = this.model.candidates.length
    const extra = this.model.extra.map((e) => ({
      index: [] as number[],
      value: [] as number[],
      cost: e.integer ? Array.from({ length: e.upper }, () => 0) : [0],
      tie: e.integer ? Array.from({ length: e.upper }, () => 0) : [0],
      integer: e.integer,
      ...(!e.integer && { upper: e.upper }),
    }))
    this.model.rows.forEach((row, r) => {
      row.index.forEach((j, k) => {
        const column = extra[j - n]
        if (!column) return
        column.index.push(r)
        column.value.push(row.value[k] as number)
      })
    })
    this.extraCache = extra
    return extra
  }

  private groupCache: Group[] | null = null

  /**
   * The groups of this model, with each one's limit for this request's needs. Over a kept set
   * (kept-sets.ts) the grouping is read once per set and shape of rows (which rows, and each
   * one's coefficients per worth), and only the limits per request: the groups' arrays are then
   * the same from one request to the next, and so are the program's grid rows over them
   * (milp/row-grid.ts).
   */
  private groups(): Group[] {
    if (this.groupCache) return this.groupCache
    this.groupCache = groupsOf(this.model, () => this.readGroups())
    return this.groupCache
  }

  /**
   * Courses grouped by identical contributions, with how many of each could ever help. Rows
   * from worths give every candidate of one worth the same coefficient, so candidates are first
   * keyed by their worths (and hours, and their entries in rows over single courses, which few
   * have); then one candidate of each key spells out its coefficients, and keys with the same
   * coefficients and hours are one group. Groups come in order of their first candidate.
   */
  private readGroups(): Group[] {
    const { model } = this
    const { candidates, rows, worthIds } = model
    const n = candidates.length
    // Entries of rows over single courses, per candidate: rare, spelled out in its key.
    const single = new Map<number, string>()
    rows.forEach((row, r) => {
      if (row.source) return
      row.index.forEach((j, k) => {
        if (j < n) single.set(j, `${single.get(j) ?? ''}${r}:${row.value[k]},`)
      })
    })
    const radix: number[] = []
    let size = 1
    for (const ids of worthIds) {
      radix.push(size)
      let most = -1
      for (let j = 0; j < ids.length; j++) if ((ids[j] as number) > most) most = ids[j] as number
      size *= most + 2
    }
    const weights = new Map<number, number>()
    const keys = new Map<number | string, number>()
    const firsts: number[] = []
    const keyOf = new Int32Array(n).fill(-1)
    // A run's candidates are alike (same worths and hours): keyed once, when its first in
    // index order comes (keys are numbered in order of their first candidate).
    const runs =
      single.size === 0 ? model.runs : model.runs.filter((run) => !run.some((j) => single.has(j)))
    const runOf = new Int32Array(n).fill(-1)
    runs.forEach((run, r) => {
      for (const j of run) runOf[j] = r
    })
    const runKeys = runs.map(() => -1)
    for (let j = 0; j < n; j++) {
      if ((keyOf[j] as number) >= 0) continue
      const k = keyFor(j)
      keyOf[j] = k
      const r = runOf[j] as number
      if (r < 0) continue
      runKeys[r] = k
      for (const i of runs[r] as number[]) keyOf[i] = k
    }
    function keyFor(j: number): number {
      const w = idOf(weights, (candidates[j] as Candidate).weight)
      let key: number | string = w * size
      for (let i = 0; i < worthIds.length; i++) {
        key +=
          ((worthIds[i] as Int32Array)[j] as number) * (radix[i] as number) + (radix[i] as number)
      }
      // Past 2^53 a number no longer keys exactly: the worths spelled out then.
      if (key > Number.MAX_SAFE_INTEGER) key = `${w}:${worthIds.map((ids) => ids[j]).join(',')}`
      const own = single.get(j)
      if (own !== undefined) key = `${key}|${own}`
      const k = idOf(keys, key)
      if (k === firsts.length) firsts.push(j)
      return k
    }
    // Each key's coefficients from its first candidate; keys alike are one group.
    const byColumn = new Map<string, number>()
    const groups: Group[] = []
    const groupOfKey = firsts.map((first) => {
      const index: number[] = []
      const value: number[] = []
      let helps = false
      rows.forEach((row, r) => {
        const v = coefficient(row, worthIds, first)
        if (v === 0) return
        index.push(r)
        value.push(v)
        if (v > 0 && row.lower > Number.NEGATIVE_INFINITY) helps = true
      })
      if (!helps) return -1
      const hundredths = Math.round((candidates[first] as Candidate).weight * HUNDREDTHS)
      const column = `${index.join(',')}|${value.join(',')}|${(candidates[first] as Candidate).weight}`
      const g = idOf(byColumn, column)
      if (g === groups.length)
        groups.push({
          members: [],
          limit: limitOf({ index, value }, model.need),
          index,
          value,
          hundredths,
          runs: [],
        })
      return g
    })
    for (let j = 0; j < n; j++) {
      const g = groupOfKey[keyOf[j] as number] as number
      if (g >= 0) (groups[g] as Group).members.push(j)
    }
    const inRuns = groups.map(() => 0)
    runs.forEach((run, r) => {
      const g = groupOfKey[runKeys[r] as number] as number
      if (g < 0) return
      ;(groups[g] as Group).runs?.push(run)
      inRuns[g] = (inRuns[g] as number) + run.length
    })
    groups.forEach((group, g) => {
      if (inRuns[g] !== group.members.length) group.runs = null
    })
    return groups
  }
}
