import type { ClassModel, ClassOptions, ClassResult } from './classes.js'

/**
 * A mixed-integer linear program in row form, and the port that solves it. The planner builds
 * these; an adapter (HiGHS) solves them. Everything minimises.
 */
export interface Milp {
  cost: number[]
  lower: number[]
  upper: number[]
  integer: boolean[]
  /** `lower <= sum(value[k] * x[index[k]]) <= upper` */
  rows: MilpRow[]
}

export interface MilpRow {
  lower: number
  upper: number
  index: number[]
  value: number[]
}

export type MilpStatus = 'optimal' | 'infeasible' | 'time-limit' | 'error'

export interface MilpResult {
  status: MilpStatus
  /** Values of the columns; meaningful for `optimal`, and for `time-limit` when `feasible`. */
  x: number[]
  objective: number
  /** A feasible solution is at hand (always for `optimal`). */
  feasible: boolean
  /** With `relax`: the LP's reduced costs (column duals). */
  reducedCosts?: number[]
  /** With `relax`: the LP's row duals. */
  rowDuals?: number[]
  detail?: string
}

export interface SolveOptions {
  timeLimitSeconds?: number
  /** Solve the LP relaxation (integrality dropped) and report reduced costs. */
  relax?: boolean
  /** Every objective coefficient is an integer on integer columns: a gap below 1 is proof. */
  integralObjective?: boolean
  /**
   * Asked between steps of a search; once it answers true the solver stops and returns the best
   * solution it has as `time-limit` (feasible when it has one).
   */
  shouldStop?: () => boolean
}

export interface Solver {
  solve(model: Milp, options?: SolveOptions): Promise<MilpResult>
  /**
   * Solves a model of interchangeable units (classes.ts) itself, when the solver knows how;
   * `solveClasses` in covering.ts hands any other solver the model expanded into a MILP.
   */
  solveClasses?(model: ClassModel, options?: ClassOptions): Promise<ClassResult>
}

/** Checks a solution against the model. */
export function satisfies(model: Milp, x: readonly number[], tolerance = 1e-6): boolean {
  for (let j = 0; j < model.cost.length; j++) {
    const v = x[j] as number
    if (v < (model.lower[j] as number) - tolerance || v > (model.upper[j] as number) + tolerance)
      return false
    if (model.integer[j] && Math.abs(v - Math.round(v)) > tolerance) return false
  }
  return model.rows.every((row) => {
    let sum = 0
    row.index.forEach((j, k) => {
      sum += (row.value[k] as number) * (x[j] as number)
    })
    return sum >= row.lower - tolerance && sum <= row.upper + tolerance
  })
}

/** The answer when no solution exists. */
export const infeasible = (): MilpResult => ({
  status: 'infeasible',
  x: [],
  objective: Number.NaN,
  feasible: false,
})
