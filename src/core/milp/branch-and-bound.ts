import { INTEGRALITY, type Lp, type Snapshot } from './lp.js'
import { infeasible, type Milp, type MilpResult, type SolveOptions } from './port.js'

/** A copy of a node with one column's bound changed. */
function withBound(node: Snapshot, j: number, side: 'lower' | 'upper', value: number): Snapshot {
  const bounds = node[side].slice()
  bounds[j] = value
  return { ...node, [side]: bounds }
}

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
  const { n } = lp
  const integral = options.integralObjective === true
  let best: number[] | null = null
  let bestObjective = Number.POSITIVE_INFINITY
  // A node is pruned when its bound cannot beat the best plan (by a whole unit when integral).
  const pruned = (bound: number) =>
    integral
      ? Math.ceil(bound - INTEGRALITY) >= bestObjective - INTEGRALITY
      : bound >= bestObjective - 1e-9
  const offer = (x: number[] | null) => {
    if (!x) return
    const objective = x.reduce((s, v, j) => s + (model.cost[j] as number) * v, 0)
    if (objective < bestObjective - 1e-9) {
      best = x
      bestObjective = integral ? Math.round(objective) : objective
    }
  }
  /** The LP bound of a child (infinite when infeasible), or null past the limits. */
  const childBound = (child: Snapshot): number | null => {
    lp.restore(child)
    if (!lp.propagate(model, model.integer)) return Number.POSITIVE_INFINITY
    const status = lp.solve()
    if (status === 'limit') return null
    if (status === 'infeasible') return Number.POSITIVE_INFINITY
    offer(lp.rounded(model))
    return lp.objective()
  }
  const stack = [lp.snapshot()]
  let nodes = 0
  while (stack.length > 0) {
    if (lp.work > workLimit) return null
    // Time is up (asked after the root, whose rounding usually gives a plan).
    if (nodes++ > 0 && options.shouldStop?.()) {
      return best
        ? { status: 'time-limit', x: best, objective: bestObjective, feasible: true }
        : { status: 'time-limit', x: [], objective: Number.NaN, feasible: false }
    }
    lp.restore(stack.pop() as Snapshot)
    if (!lp.propagate(model, model.integer)) continue
    const status = lp.solve()
    if (status === 'limit') return null
    if (status === 'infeasible') continue
    const bound = lp.objective()
    if (pruned(bound)) continue
    // The LP solution rounded (up, then trimmed) is often a plan, and often the best one.
    offer(lp.rounded(model))
    if (pruned(bound)) continue
    const fractional: number[] = []
    for (let j = 0; j < n; j++) {
      const v = lp.x[j] as number
      if (model.integer[j] && Math.abs(v - Math.round(v)) > INTEGRALITY) fractional.push(j)
    }
    if (fractional.length === 0) continue // the LP solution is a plan (offered above)
    // Columns whose reduced cost alone exceeds the room left stay where they are below here.
    const here = lp.snapshot()
    if (best) {
      // An improving plan costs at most the best less one unit (integral) or anything less.
      const room = bestObjective - bound - (integral ? 1 : 0)
      for (let j = 0; j < n; j++) {
        if (!model.integer[j] || lp.basic[j] !== -1 || here.lower[j] === here.upper[j]) continue
        const d = lp.reducedCost(j)
        if (!here.atUpper[j] && d > room + 1e-6) here.upper[j] = here.lower[j] as number
        else if (here.atUpper[j] && -d > room + 1e-6) here.lower[j] = here.upper[j] as number
      }
    }
    // Strong branching: solve both children of every fractional column (a few warm dual
    // simplex steps each) and branch where the weaker child's bound rises most. A child that
    // cannot beat the best plan settles its column here instead.
    let choice: { down: Snapshot; up: Snapshot; score: number } | null = null
    let dead = false
    let tightened = false
    for (const j of fractional) {
      const v = lp.x[j] as number
      const down = withBound(here, j, 'upper', Math.floor(v))
      const up = withBound(here, j, 'lower', Math.ceil(v))
      const downBound = childBound(down)
      const upBound = childBound(up)
      if (downBound === null || upBound === null) return null
      if (pruned(downBound) && pruned(upBound)) {
        dead = true
        break
      }
      if (pruned(downBound) || pruned(upBound)) {
        const keep = pruned(downBound) ? up : down
        here.lower[j] = keep.lower[j] as number
        here.upper[j] = keep.upper[j] as number
        tightened = true
        continue
      }
      const score = Math.max(downBound - bound, 1e-6) * Math.max(upBound - bound, 1e-6)
      if (!choice || score > choice.score) choice = { down, up, score }
    }
    if (dead) continue
    if (tightened)
      stack.push(here) // solve it again with the settled columns
    else if (choice) stack.push(choice.down, choice.up)
  }
  if (!best) return infeasible()
  return { status: 'optimal', x: best, objective: bestObjective, feasible: true }
}
