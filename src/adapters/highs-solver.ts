import loadHighs from 'highs'
import {
  type Milp,
  type MilpResult,
  type SolveOptions,
  type Solver,
  satisfies,
} from '../core/milp/port.js'

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

  constructor(
    private readonly options: {
      reloadEvery?: number
      /** Loads the module; Workers pass one that instantiates the bundled `.wasm` module. */
      load?: () => Promise<Highs>
      /** Presolve for integer programs (on unless set; the plan benchmark's baseline is off). */
      presolve?: 'on' | 'off'
    } = {},
  ) {}

  async solve(model: Milp, options: SolveOptions = {}): Promise<MilpResult> {
    const reloadEvery = this.options.reloadEvery ?? 2_000
    if (this.highs === null || this.solves >= reloadEvery) {
      this.highs = (this.options.load ?? loadHighs)()
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
          // No integrality at all makes it an LP, which reports duals.
          ...(!options.relax && { integrality: model.integer.map((i) => (i ? 1 : 0)) }),
        },
        (m) => {
          // No relative gap: "optimal" must mean proved. With an integral objective (cents), a
          // gap below 1 proves it.
          m.options.set({
            output_flag: false,
            time_limit: options.timeLimitSeconds ?? 10,
            mip_rel_gap: 0,
            mip_abs_gap: options.integralObjective ? 0.99 : 1e-6,
            // Measured on the planner's residual models (tens to hundreds of binaries, a handful
            // of rows, a good incumbent already known): symmetry detection, restarts and the
            // primal heuristics (feasibility jump above all) cost far more than they save;
            // presolve pays off on the MIPs but not on the LP relaxations.
            presolve: options.relax ? 'off' : (this.options.presolve ?? 'on'),
            mip_detect_symmetry: false,
            mip_allow_restart: false,
            mip_heuristic_effort: 0,
            mip_heuristic_run_feasibility_jump: false,
          })
          m.run()
          const status = m.getModelStatus()
          const codes = highs.constants.modelStatus
          const solution = m.getSolution()
          const x = Array.from(solution.colValue ?? [])
          // Only "optimal" proves optimality; a time limit may still leave a feasible incumbent.
          // (HiGHS' own messages on infeasible models mislead: the status code is what counts.)
          if (status === codes.optimal) {
            const objective = m.getObjectiveValue()
            if (!options.relax) return { status: 'optimal', x, objective, feasible: true }
            const reducedCosts = Array.from(solution.colDual ?? [])
            const rowDuals = Array.from(solution.rowDual ?? [])
            return { status: 'optimal', x, objective, feasible: true, reducedCosts, rowDuals }
          }
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
