import {
  infeasible,
  type Milp,
  type MilpResult,
  type MilpRow,
  type SolveOptions,
  type Solver,
  satisfies,
} from './port.js'

const objectiveOf = (model: Milp, x: readonly number[]) =>
  model.cost.reduce((s, c, j) => s + c * (x[j] as number), 0)

/**
 * Solves a MILP exactly, smaller first: the LP relaxation gives a lower bound and reduced
 * costs; rounding its solution up gives a feasible plan (an upper bound) for covering models;
 * every binary whose reduced cost exceeds the gap cannot be in an optimal solution at the other
 * bound, so it is fixed, and the solver branches only on what is left. With a handful of rows
 * the LP has at most that many fractional columns, the gap is small, and nearly every column is
 * fixed. `cutoff`: when the LP bound already reaches it, null is returned (nothing better).
 */
export async function solveExact(
  solver: Solver,
  model: Milp,
  options: ExactOptions = {},
): Promise<ExactResult | null> {
  const lp = await solver.solve(model, { ...options, relax: true })
  if (lp.status === 'infeasible') return infeasible()
  if (lp.status !== 'optimal' || !lp.reducedCosts) return solver.solve(model, options)
  const bound = lp.objective
  // With an integral objective no solution beats the LP bound rounded up.
  const reachable = options.integralObjective ? Math.ceil(bound - 1e-6) : bound
  if (options.cutoff !== undefined && reachable >= options.cutoff - 1e-6) return null
  const start = startingPoint(model, lp.x, options)
  if (!start) {
    if (options.cutoff === undefined) return solveCompact(solver, model, options)
    // No solution at hand, but only one below the cutoff is wanted: fix against that instead.
    const reduced = await solveCompact(
      solver,
      { ...model, ...fixByReducedCost(model, lp, options.cutoff - bound) },
      options,
    )
    return reduced.feasible && reduced.objective < options.cutoff - 1e-6 ? reduced : null
  }
  // An integral objective is rounded: row tolerances leave float noise (899.9999982 for 900)
  // that would otherwise fix a column belonging to an optimal solution.
  const exact = (v: number) => (options.integralObjective ? Math.round(v) : v)
  const incumbent = exact(objectiveOf(model, start))
  const tighten = (gap: number) => fixByReducedCost(model, lp, gap)
  if (incumbent - reachable <= 1e-6) {
    return {
      status: 'optimal',
      x: start,
      objective: incumbent,
      feasible: true,
      within: tighten(incumbent - bound),
    }
  }
  if (options.cutoff !== undefined && options.cutoff < incumbent) {
    // Only a solution below the cutoff is wanted, and the incumbent is not one: fix against
    // the cutoff, a smaller gap.
    const reduced = await solveCompact(
      solver,
      { ...model, ...tighten(options.cutoff - bound) },
      options,
    )
    return reduced.feasible && reduced.objective < options.cutoff - 1e-6 ? reduced : null
  }
  const fixed = tighten(incumbent - bound)
  const reduced = await solveCompact(solver, { ...model, ...fixed }, options)
  if (reduced.status === 'time-limit') {
    // Stopped early: the better of the two solutions at hand, not proved optimal.
    const better = reduced.feasible && reduced.objective < incumbent - 1e-6
    return better
      ? reduced
      : { status: 'time-limit', x: start, objective: incumbent, feasible: true }
  }
  if (
    reduced.status === 'infeasible' ||
    (reduced.feasible && reduced.objective > incumbent + 1e-6)
  ) {
    // Cannot happen when the fixing is valid; keep the incumbent rather than trust it.
    return { status: 'optimal', x: start, objective: incumbent, feasible: true, within: fixed }
  }
  return reduced.feasible
    ? { ...reduced, within: tighten(exact(reduced.objective) - bound) }
    : reduced
}

/** An exact result, with bounds that every solution at least as good as it satisfies. */
export type ExactResult = MilpResult & { within?: { lower: number[]; upper: number[] } }

/**
 * Reduced-cost fixing: a column at a bound in the LP whose reduced cost exceeds `gap` cannot
 * move off that bound in any solution costing at most the LP bound plus `gap`.
 */
function fixByReducedCost(
  model: Milp,
  lp: MilpResult,
  gap: number,
): { lower: number[]; upper: number[] } {
  const upper = [...model.upper]
  const lower = [...model.lower]
  model.cost.forEach((_, j) => {
    if (!model.integer[j]) return
    const d = lp.reducedCosts?.[j] as number
    // A margin well above float noise and well below one unit of an integral objective.
    if (d > gap + 1e-3 && (lp.x[j] as number) <= (model.lower[j] as number) + 1e-6)
      upper[j] = model.lower[j] as number
    else if (d < -gap - 1e-3 && (lp.x[j] as number) >= (model.upper[j] as number) - 1e-6)
      lower[j] = model.upper[j] as number
  })
  return { lower, upper }
}

export interface ExactOptions extends SolveOptions {
  /** Answer null when the LP bound reaches this (nothing better exists). */
  cutoff?: number
  /** A known feasible solution. */
  incumbent?: number[]
}

/**
 * A feasible solution to start from: the one given, or the LP solution rounded up with what
 * that made redundant dropped again, dearest first (covering models).
 */
function startingPoint(model: Milp, lp: readonly number[], options: ExactOptions): number[] | null {
  if (options.incumbent && satisfies(model, options.incumbent)) return [...options.incumbent]
  const x = lp.map((v, j) =>
    model.integer[j] ? (v > 1e-6 ? Math.min(model.upper[j] as number, Math.ceil(v - 1e-6)) : 0) : v,
  )
  if (!satisfies(model, x)) return null
  const ones = x
    .map((v, j) => ({ v, j }))
    .filter(({ v, j }) => model.integer[j] && v > 0.5 && (model.lower[j] as number) < 0.5)
    .sort((a, b) => (model.cost[b.j] as number) - (model.cost[a.j] as number))
  for (const { j, v } of ones) {
    x[j] = v - 1
    if (!satisfies(model, x)) x[j] = v
  }
  return x
}

/** Solves with fixed columns (lower = upper) substituted out, so the solver sees only the rest. */
async function solveCompact(
  solver: Solver,
  model: Milp,
  options: SolveOptions,
): Promise<MilpResult> {
  const free: number[] = []
  const position = new Map<number, number>()
  model.cost.forEach((_, j) => {
    if ((model.lower[j] as number) < (model.upper[j] as number)) {
      position.set(j, free.length)
      free.push(j)
    }
  })
  let constant = 0
  model.cost.forEach((c, j) => {
    if (!position.has(j)) constant += c * (model.lower[j] as number)
  })
  const rows: MilpRow[] = []
  for (const row of model.rows) {
    let fixedSum = 0
    const index: number[] = []
    const value: number[] = []
    row.index.forEach((j, k) => {
      const at = position.get(j)
      if (at === undefined) fixedSum += (row.value[k] as number) * (model.lower[j] as number)
      else {
        index.push(at)
        value.push(row.value[k] as number)
      }
    })
    if (index.length === 0) {
      if (fixedSum < row.lower - 1e-6 || fixedSum > row.upper + 1e-6) {
        return infeasible()
      }
      continue
    }
    rows.push({ lower: row.lower - fixedSum, upper: row.upper - fixedSum, index, value })
  }
  // Everything fixed (and every row checked above): nothing is left to solve.
  if (free.length === 0)
    return { status: 'optimal', x: [...model.lower], objective: constant, feasible: true }
  const result = await solver.solve(
    {
      cost: free.map((j) => model.cost[j] as number),
      lower: free.map((j) => model.lower[j] as number),
      upper: free.map((j) => model.upper[j] as number),
      integer: free.map((j) => model.integer[j] as boolean),
      rows,
    },
    options,
  )
  if (!result.feasible) return result
  const x = model.lower.map((l) => l)
  free.forEach((j, k) => {
    x[j] = result.x[k] as number
  })
  return { ...result, x, objective: result.objective + constant }
}
