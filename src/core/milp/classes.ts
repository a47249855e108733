import type { SolvedRoots } from './class-search.js'
import type { Milp } from './port.js'

/**
 * A covering model over classes of interchangeable units, with a lexicographic objective: the
 * planner's models, where courses that contribute identically to every row form a class and an
 * optimal plan takes the cheapest of each class first. A class is one variable (how many units
 * to take) whose cost is convex: the sum of its first units' costs.
 *
 * `lower <= sum over classes of value * count <= upper` for every row; minimise the sum of the
 * taken units' `cost`, then among those the sum of their `tie`.
 */
export interface ClassModel {
  rows: { lower: number; upper: number }[]
  /** Read only: models may share arrays (rows, a class's coefficients, costs or ties). */
  classes: UnitClass[]
}

export interface UnitClass {
  /** The rows a unit counts toward, and how much. */
  index: number[]
  value: number[]
  /**
   * Per unit, in the order they are taken: `cost` then `tie` never decreases (lexicographically),
   * which makes the class's cost convex. An integer class has `cost.length` units.
   */
  cost: number[]
  tie: number[]
  /** False: a continuous column in `[0, upper]` with `cost[0]` and `tie[0]` per unit of value. */
  integer: boolean
  upper?: number
}

/** A class model's solution: how much of each class, and its objective (cost, tie). */
export interface ClassSolution {
  counts: number[]
  cost: number
  tie: number
}

export type ClassStatus = 'optimal' | 'infeasible' | 'time-limit'

export interface ClassResult {
  status: ClassStatus
  /** The best solution found (for 'optimal', proved best); absent when none was found. */
  solution?: ClassSolution
  /** With `relax`: the LP's value of the first objective, at most every solution's cost. */
  bound?: number
}

export interface ClassOptions {
  /** Only solutions whose cost is below this are wanted: none found answers 'infeasible'. */
  cutoff?: number
  /** Asked between nodes; once true the search stops and answers 'time-limit'. */
  shouldStop?: () => boolean
  /** Solutions of earlier models of the same classes, tried first (see {@link CountPool}). */
  pool?: CountPool
  /** Longest a fallback solve may take. */
  timeLimitSeconds?: number
  /** Only the LP relaxation: answers its value (`bound`), no solution. */
  relax?: boolean
  /**
   * Where LPs solved alone are kept for an exact solve of the same model object, and taken
   * from (class-search.ts, SolvedRoots): a caller's, kept for as long as its models are.
   */
  roots?: SolvedRoots
}

/** Whether every class's units come in order: (cost, tie) never decreases, so its cost is convex. */
export function isConvex(model: ClassModel): boolean {
  return model.classes.every(inOrder)
}

/** Whether a class's units come in order. Loops: asked of every unit of every model solved. */
function inOrder({ cost, tie }: UnitClass): boolean {
  for (let u = 1; u < cost.length; u++) {
    const a = cost[u] as number
    const b = cost[u - 1] as number
    if (a < b || (a === b && (tie[u] as number) < (tie[u - 1] as number))) return false
  }
  return true
}

/** How many units (or, for a continuous class, how much value) a class can take. */
export const unitsOf = (c: UnitClass) => (c.integer ? c.cost.length : (c.upper ?? 0))

/** The objective of taking `count` of a class: the sum of its first units' costs. */
export function classObjective(c: UnitClass, count: number): { cost: number; tie: number } {
  if (!c.integer) return { cost: (c.cost[0] ?? 0) * count, tie: (c.tie[0] ?? 0) * count }
  let cost = 0
  let tie = 0
  for (let u = 0; u < count; u++) {
    cost += c.cost[u] as number
    tie += c.tie[u] as number
  }
  return { cost, tie }
}

/** The objective of a solution, or null when it breaks a bound or a row (by more than `tolerance`). */
export function evaluate(
  model: ClassModel,
  counts: readonly number[],
  tolerance = 1e-6,
): { cost: number; tie: number } | null {
  const activity = new Float64Array(model.rows.length)
  let cost = 0
  let tie = 0
  for (let k = 0; k < model.classes.length; k++) {
    const c = model.classes[k] as UnitClass
    const v = counts[k] as number
    if (!(v >= -tolerance && v <= unitsOf(c) + tolerance)) return null
    if (c.integer && Math.abs(v - Math.round(v)) > tolerance) return null
    const o = classObjective(c, c.integer ? Math.round(v) : v)
    cost += o.cost
    tie += o.tie
    c.index.forEach((i, p) => {
      activity[i] = (activity[i] as number) + (c.value[p] as number) * v
    })
  }
  const fits = model.rows.every(
    (row, i) =>
      (activity[i] as number) >= row.lower - tolerance * (1 + Math.abs(row.lower)) &&
      (activity[i] as number) <= row.upper + tolerance * (1 + Math.abs(row.upper)),
  )
  return fits ? { cost, tie } : null
}

/** Whether (a, b) comes before (c, d), lexicographically, by more than float noise. */
export const lexBefore = (a: number, b: number, c: number, d: number) =>
  a < c - 1e-7 || (Math.abs(a - c) <= 1e-7 && b < d - 1e-7)

/**
 * Solutions of earlier models over the same classes (the same offer choice's neighbours, the
 * alternatives of one request): a solution of one is often good, sometimes optimal, for the
 * next, which only changes costs and limits. Kept most recent first, at most `size`.
 */
export class CountPool {
  private readonly entries: number[][] = []

  constructor(private readonly size = 24) {}

  add(counts: readonly number[]) {
    const key = counts.join(',')
    const at = this.entries.findIndex((e) => e.join(',') === key)
    if (at >= 0) this.entries.splice(at, 1)
    this.entries.unshift([...counts])
    if (this.entries.length > this.size) this.entries.pop()
  }

  /** The best pooled solution that is feasible in `model` (null when none is). */
  best(model: ClassModel): ClassSolution | null {
    let best: ClassSolution | null = null
    for (const counts of this.entries) {
      if (counts.length !== model.classes.length) continue
      const o = evaluate(model, counts)
      if (o && (!best || lexBefore(o.cost, o.tie, best.cost, best.tie)))
        best = { counts: [...counts], ...o }
    }
    return best
  }
}

/**
 * The same model as a MILP with one column per unit (a continuous class is one column), for a
 * general solver, with rows that keep a class's units in order where they are not cheapest
 * first; `columns[k]` lists class k's columns in order. `objective` picks which
 * objective the MILP's cost carries.
 */
export function expand(
  model: ClassModel,
  objective: 'cost' | 'tie',
): { milp: Milp; columns: number[][]; other: number[] } {
  const milp: Milp = { cost: [], lower: [], upper: [], integer: [], rows: [] }
  const other: number[] = []
  const rows = model.rows.map((row) => ({ ...row, index: [] as number[], value: [] as number[] }))
  const columns = model.classes.map((c) => {
    const units = c.integer ? c.cost.length : 1
    const own: number[] = []
    for (let u = 0; u < units; u++) {
      const j = milp.cost.length
      own.push(j)
      milp.cost.push((objective === 'cost' ? c.cost[u] : c.tie[u]) as number)
      other.push((objective === 'cost' ? c.tie[u] : c.cost[u]) as number)
      milp.lower.push(0)
      milp.upper.push(c.integer ? 1 : (c.upper ?? 0))
      milp.integer.push(c.integer)
      c.index.forEach((i, p) => {
        rows[i]?.index.push(j)
        rows[i]?.value.push(c.value[p] as number)
      })
    }
    return own
  })
  // A class takes its units in order. Where they are not cheapest first, the MILP would take a
  // later unit without the earlier ones: each unit then needs the one before it.
  model.classes.forEach((c, k) => {
    if (!c.integer || inOrder(c)) return
    const own = columns[k] as number[]
    for (let u = 1; u < own.length; u++)
      rows.push({
        lower: 0,
        upper: Number.POSITIVE_INFINITY,
        index: [own[u - 1] as number, own[u] as number],
        value: [1, -1],
      })
  })
  milp.rows = rows
  return { milp, columns, other }
}
