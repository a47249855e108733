import { INTEGRALITY, type Lp, type Snapshot } from './lp.js'
import { infeasible, type Milp, type MilpResult, type SolveOptions } from './port.js'

/** A copy of a node with one column's bound changed. */
function withBound(node: Snapshot, j: number, side: 'lower' | 'upper', value: number): Snapshot {
  const bounds = node[side].slice()
  bounds[j] = value
  return { ...node, [side]: bounds }
}

/** What strong branching decided for a node; null when a limit was reached. */
type Branching =
  | { kind: 'dead' }
  | { kind: 'tightened' }
  | { kind: 'branch'; down: Snapshot; up: Snapshot }
  | { kind: 'none' }

/**
 * Depth-first branch-and-bound over the integer columns; null when the node limit is reached
 * (the caller then asks the fallback solver).
 */
export function branchAndBound(
  lp: Lp,
  model: Milp,
  options: SolveOptions,
  workLimit: number,
): MilpResult | null {
  return new Search(lp, model, options).run(workLimit)
}

class Search {
  private best: number[] | null = null
  private bestObjective = Number.POSITIVE_INFINITY
  private readonly integral: boolean

  constructor(
    private readonly lp: Lp,
    private readonly model: Milp,
    private readonly options: SolveOptions,
  ) {
    this.integral = options.integralObjective === true
  }

  run(workLimit: number): MilpResult | null {
    const { lp, model } = this
    const stack = [lp.snapshot()]
    let nodes = 0
    while (stack.length > 0) {
      if (lp.work > workLimit) return null
      // Time is up (asked after the root, whose rounding usually gives a plan).
      if (nodes++ > 0 && this.options.shouldStop?.()) {
        return this.best
          ? { status: 'time-limit', x: this.best, objective: this.bestObjective, feasible: true }
          : { status: 'time-limit', x: [], objective: Number.NaN, feasible: false }
      }
      lp.restore(stack.pop() as Snapshot)
      if (!lp.propagate(model, model.integer)) continue
      const status = lp.solve()
      if (status === 'limit') return null
      if (status === 'infeasible') continue
      const bound = lp.objective()
      if (this.pruned(bound)) continue
      // The LP solution rounded (up, then trimmed) is often a plan, and often the best one.
      this.offer(lp.rounded(model))
      if (this.pruned(bound)) continue
      const fractional: number[] = []
      for (let j = 0; j < lp.n; j++) {
        const v = lp.x[j] as number
        if (model.integer[j] && Math.abs(v - Math.round(v)) > INTEGRALITY) fractional.push(j)
      }
      if (fractional.length === 0) continue // the LP solution is a plan (offered above)
      const here = this.fixedByReducedCost(bound)
      const branching = this.branch(here, fractional, bound)
      if (branching === null) return null
      if (branching.kind === 'tightened')
        stack.push(here) // solve it again with the settled columns
      else if (branching.kind === 'branch') stack.push(branching.down, branching.up)
    }
    if (!this.best) return infeasible()
    return { status: 'optimal', x: this.best, objective: this.bestObjective, feasible: true }
  }

  /** A node is pruned when its bound cannot beat the best plan (by a whole unit when integral). */
  private pruned(bound: number): boolean {
    return this.integral
      ? Math.ceil(bound - INTEGRALITY) >= this.bestObjective - INTEGRALITY
      : bound >= this.bestObjective - 1e-9
  }

  private offer(x: number[] | null) {
    if (!x) return
    const objective = x.reduce((s, v, j) => s + (this.model.cost[j] as number) * v, 0)
    if (objective < this.bestObjective - 1e-9) {
      this.best = x
      this.bestObjective = this.integral ? Math.round(objective) : objective
    }
  }

  /** The LP bound of a child (infinite when infeasible), or null past the limits. */
  private childBound(child: Snapshot): number | null {
    const { lp, model } = this
    lp.restore(child)
    if (!lp.propagate(model, model.integer)) return Number.POSITIVE_INFINITY
    const status = lp.solve()
    if (status === 'limit') return null
    if (status === 'infeasible') return Number.POSITIVE_INFINITY
    this.offer(lp.rounded(model))
    return lp.objective()
  }

  /** The current node, with columns whose reduced cost alone exceeds the room left fixed. */
  private fixedByReducedCost(bound: number): Snapshot {
    const { lp, model } = this
    const here = lp.snapshot()
    if (!this.best) return here
    // An improving plan costs at most the best less one unit (integral) or anything less.
    const room = this.bestObjective - bound - (this.integral ? 1 : 0)
    for (let j = 0; j < lp.n; j++) {
      if (!model.integer[j] || lp.basic[j] !== -1 || here.lower[j] === here.upper[j]) continue
      const d = lp.reducedCost(j)
      if (!here.atUpper[j] && d > room + 1e-6) here.upper[j] = here.lower[j] as number
      else if (here.atUpper[j] && -d > room + 1e-6) here.lower[j] = here.upper[j] as number
    }
    return here
  }

  /**
   * Strong branching: solve both children of every fractional column (a few warm dual simplex
   * steps each) and branch where the weaker child's bound rises most. A child that cannot beat
   * the best plan settles its column here instead.
   */
  private branch(here: Snapshot, fractional: readonly number[], bound: number): Branching | null {
    let choice: { down: Snapshot; up: Snapshot; score: number } | null = null
    let tightened = false
    for (const j of fractional) {
      const v = this.lp.x[j] as number
      const down = withBound(here, j, 'upper', Math.floor(v))
      const up = withBound(here, j, 'lower', Math.ceil(v))
      const downBound = this.childBound(down)
      const upBound = this.childBound(up)
      if (downBound === null || upBound === null) return null
      if (this.pruned(downBound) && this.pruned(upBound)) return { kind: 'dead' }
      if (this.pruned(downBound) || this.pruned(upBound)) {
        const keep = this.pruned(downBound) ? up : down
        here.lower[j] = keep.lower[j] as number
        here.upper[j] = keep.upper[j] as number
        tightened = true
        continue
      }
      const score = Math.max(downBound - bound, 1e-6) * Math.max(upBound - bound, 1e-6)
      if (!choice || score > choice.score) choice = { down, up, score }
    }
    if (tightened) return { kind: 'tightened' }
    return choice ? { kind: 'branch', down: choice.down, up: choice.up } : { kind: 'none' }
  }
}
