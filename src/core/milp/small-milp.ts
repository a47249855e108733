import { branchAndBound } from './branch-and-bound.js'
import { searchClasses } from './class-search.js'
import { type ClassModel, type ClassOptions, type ClassResult, isConvex } from './classes.js'
import { solveExpanded } from './covering.js'
import { Lp } from './lp.js'
import { infeasible, type Milp, type MilpResult, type SolveOptions, type Solver } from './port.js'

/**
 * An exact solver for MILPs with few rows and bounded columns, the shape of every model the
 * planner builds (a handful of covering rows, a few limits, binaries). Anything else goes to
 * `fallback` (HiGHS), and so does a search that outgrows its work limit, so an answer is always
 * proved. On the planner's models it is several times faster than HiGHS, whose fixed cost per
 * MIP (presolve, cut rounds, heuristics) dominates at this size.
 *
 * LP relaxations are solved by a bounded dual simplex on the slack form `A x - s = 0`,
 * `lower <= (x, s) <= upper`, with a dense basis inverse (a few rows make it a few dozen
 * numbers). Every column at its cheaper bound is dual feasible from the start, and stays so
 * when branching tightens a bound, so every node is re-solved warm from its parent's basis.
 * Branch-and-bound goes depth first; each node tightens bounds from the rows' activity ranges,
 * tries its LP solution rounded up (covering models find plans that way), fixes columns by
 * reduced cost against the best plan so far, and branches strongly: both children of every
 * fractional column are solved (with few rows there are few) and the column whose weaker
 * child's bound rises most is chosen. Nodes are pruned on the LP bound, rounded up when the
 * objective is integral.
 *
 * Row duals and reduced costs follow HiGHS' signs: reduced cost = cost - A^T dual.
 */
export class SmallMilpSolver implements Solver {
  constructor(
    private readonly fallback: Solver,
    private readonly limits: { rows: number; work: number; classWork?: number } = {
      rows: 64,
      work: 2e6,
    },
  ) {}

  /**
   * Class models (the planner's covering models, classes.ts) are searched class by class
   * (class-search.ts); one with too many rows or units out of order, or a search past its work
   * limit, goes to the fallback expanded into a MILP. An LP relaxation solved alone is kept for
   * an exact solve of the same model object when the options say where (`roots`).
   */
  async solveClasses(model: ClassModel, options: ClassOptions = {}): Promise<ClassResult> {
    const found =
      model.rows.length <= this.limits.rows && isConvex(model)
        ? searchClasses(model, options, this.limits.classWork ?? 5e8)
        : null
    return found ?? solveExpanded(this.fallback, model, options)
  }

  async solve(model: Milp, options: SolveOptions = {}): Promise<MilpResult> {
    const lp = model.rows.length <= this.limits.rows ? Lp.of(model) : null
    if (!lp) return this.fallback.solve(model, options)
    const root = lp.solve()
    if (root === 'limit') return this.fallback.solve(model, options)
    if (root === 'infeasible') return infeasible()
    if (options.relax) return lp.result()
    const found = branchAndBound(lp, model, options, this.limits.work)
    return found ?? this.fallback.solve(model, options)
  }
}
