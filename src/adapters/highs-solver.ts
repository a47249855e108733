import loadHighs from 'highs'
import type { Milp, MilpResult, Solver } from '../core/milp.js'

type Highs = Awaited<ReturnType<typeof loadHighs>>

/**
 * The `Solver` port on HiGHS (WebAssembly). The module is loaded once and reused. Models go in
 * as sparse arrays, never as LP text (the package aborts on very long LP lines), and the
 * module is reloaded every `reloadEvery` solves: a failure after about 4,094 calls in one
 * process has been reported, and a fresh instance costs ~35 ms.
 */
export class HighsSolver implements Solver {
  private highs: Promise<Highs> | null = null
  private solves = 0

  constructor(private readonly options: { reloadEvery?: number } = {}) {}

  async solve(model: Milp, options: { timeLimitSeconds?: number } = {}): Promise<MilpResult> {
    const reloadEvery = this.options.reloadEvery ?? 2_000
    if (this.highs === null || this.solves >= reloadEvery) {
      this.highs = loadHighs()
      this.solves = 0
    }
    this.solves++
    const highs = await this.highs
    const numCols = model.cost.length
    const starts = [0]
    const indices: number[] = []
    const values: number[] = []
    for (const row of model.rows) {
      indices.push(...row.index)
      values.push(...row.value)
      starts.push(indices.length)
    }
    const clamp = (v: number) =>
      v === Number.POSITIVE_INFINITY
        ? highs.infinity
        : v === Number.NEGATIVE_INFINITY
          ? -highs.infinity
          : v
    try {
      return highs.withModel(
        {
          numCols,
          numRows: model.rows.length,
          colCost: model.cost,
          colLower: model.lower,
          colUpper: model.upper.map(clamp),
          rowLower: model.rows.map((r) => clamp(r.lower)),
          rowUpper: model.rows.map((r) => clamp(r.upper)),
          matrix: { format: 'csr', numRows: model.rows.length, numCols, starts, indices, values },
          integrality: model.integer.map((i) => (i ? 1 : 0)),
        },
        (m) => {
          m.options.set({ output_flag: false, time_limit: options.timeLimitSeconds ?? 10 })
          m.run()
          const status = m.getModelStatus()
          const codes = highs.constants.modelStatus
          const solution = m.getSolution()
          const x = Array.from(solution.colValue ?? [])
          // Only "optimal" proves optimality; a time limit may still leave a feasible incumbent.
          if (status === codes.optimal)
            return { status: 'optimal', x, objective: m.getObjectiveValue(), feasible: true }
          if (status === codes.infeasible)
            return { status: 'infeasible', x: [], objective: Number.NaN, feasible: false }
          if (
            status === codes.timeLimit ||
            status === codes.interrupted ||
            status === codes.solutionLimit
          ) {
            const feasible = x.length === numCols && satisfies(model, x)
            return {
              status: 'time-limit',
              x,
              objective: feasible ? m.getObjectiveValue() : Number.NaN,
              feasible,
            }
          }
          return {
            status: 'error',
            x: [],
            objective: Number.NaN,
            feasible: false,
            detail: `HiGHS model status ${status}`,
          }
        },
      ) as MilpResult
    } catch (error) {
      // A WebAssembly abort poisons the instance: load a fresh one next time.
      this.highs = null
      return {
        status: 'error',
        x: [],
        objective: Number.NaN,
        feasible: false,
        detail: String(error),
      }
    }
  }
}

/** Checks a solution against the model (HiGHS' messages on infeasible models mislead). */
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
