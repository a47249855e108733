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
  detail?: string
}

export interface Solver {
  solve(model: Milp, options?: { timeLimitSeconds?: number }): Promise<MilpResult>
}
