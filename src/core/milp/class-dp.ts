import type { ClassLp } from './class-lp.js'
import { type BoundTable, boundAt, boundTable, cellOf } from './dp-table.js'
import type { RowGrid } from './row-grid.js'

/** What is wanted: an objective lexicographically below (t1, t2). */
export interface Target {
  t1: number
  t2: number
}

export interface ProgramLimits {
  /** Transitions allowed before giving up (the caller then searches otherwise). */
  work: number
  shouldStop?: () => boolean
  /** Cells of the bounding table, over all its layers, at most. */
  cells?: number
}

/** A better solution (null: none exists), 'stopped' when asked to stop, null past the limits. */
export type ProgramAnswer = { counts: number[] | null } | 'stopped' | null

/**
 * Dynamic programming over the classes still free in `lp` (between `lp.lo` and `lp.hi`),
 * exact: it finds the best solution lexicographically below `target`, or proves there is none.
 *
 * A state is the rows' activities on the grid (row-grid.ts), covering rows counted only up to
 * what they need, so the many ways of taking near-equally priced courses to the same points are
 * one state, kept at its least (cost, tie). Classes are added one at a time, and a state is
 * dropped when its cost plus a lower bound on what the remaining classes must add cannot beat
 * the target. The bound (dp-table.ts) is exact for the rows the LP's duals price; on the
 * planner's models those rows (total points, approved points) are where the integrality gap
 * lies, so the bound at the start is usually the optimum itself. A dive along the bound first
 * finds that plan, and then nothing is left to prove.
 */
export function programClasses(
  lp: ClassLp,
  grid: RowGrid,
  target: Target,
  integral: boolean,
  limits: ProgramLimits,
): ProgramAnswer {
  const plan = prepare(lp, grid, limits.cells ?? 1_000_000)
  if (!plan) return null
  return new Program(lp, grid, plan, target, integral, limits).run()
}

interface Prepared {
  order: number[]
  /** Raw activity of the starting state (every class at its lower bound) per grid row. */
  start: Int32Array
  cost0: number
  tie0: number
  radix: number[]
  table: BoundTable
  /** Rows with a negative coefficient somewhere: tracked exactly, checked at the end only. */
  negative: Uint8Array
}

/** The order of the free classes, the starting state and the bound; null when not applicable. */
function prepare(lp: ClassLp, grid: RowGrid, cells: number): Prepared | null {
  const free: number[] = []
  for (let k = 0; k < lp.n; k++) {
    const lo = lp.lo[k] as number
    const hi = lp.hi[k] as number
    if (hi <= lo) continue
    if (!lp.integer[k]) return null
    // More units never make a plan cheaper: what lets a state stop once it covers everything.
    for (let u = lo; u < hi; u++) {
      const c = lp.cost1(k, u)
      if (c < 0 || (c === 0 && lp.cost2(k, u) < 0)) return null
    }
    free.push(k)
  }
  // Classes whose next unit the LP prices dearest first (most of their moves are cut at once),
  // the LP's basic classes last; the table then moves each class up to the first of its group.
  const dearness = (k: number) => {
    if ((lp.row[k] as number) >= 0) return -1
    const s = Math.min(lp.at[k] as number, lp.segments(k) - 1)
    return Math.abs(lp.cost1(k, s) - lp.priced1(k))
  }
  const dear = new Map(free.map((k) => [k, dearness(k)]))
  free.sort((a, b) => (dear.get(b) as number) - (dear.get(a) as number) || a - b)
  const G = grid.count
  const start = new Int32Array(G)
  let cost0 = 0
  let tie0 = 0
  for (let k = 0; k < lp.n; k++) {
    const lo = lp.lo[k] as number
    cost0 += lp.prefix1(k, lo)
    tie0 += lp.prefix2(k, lo)
    const index = grid.index[k] as Int32Array
    const steps = grid.steps[k] as Int32Array
    for (let q = 0; q < index.length; q++) {
      const g = index[q] as number
      start[g] = (start[g] as number) + (steps[q] as number) * lo
    }
  }
  const radix: number[] = []
  let states = 1
  for (let g = 0; g < G; g++) {
    radix.push(states)
    states *= grid.size[g] as number
  }
  if (states > 2 ** 52) return null
  const negative = new Uint8Array(G)
  grid.steps.forEach((steps, k) => {
    steps.forEach((v, q) => {
      if (v < 0) negative[(grid.index[k] as Int32Array)[q] as number] = 1
    })
  })
  const { table, order } = boundTable(lp, grid, free, start, cells)
  return { order, start, cost0, tie0, radix, table, negative }
}

/** One layer of states: raw activities (G per state), objective, and how each was reached. */
interface Layer {
  count: number
  act: Int32Array
  c1: Float64Array
  c2: Float64Array
  parent: Int32Array
  take: Int32Array
}

class Program {
  /** The best solution: a dive's counts, or where the breadth-first pass reached it. */
  private dived: number[] | null = null
  private best: { layer: number; parent: number; take: number } | null = null
  private work = 0
  private readonly layers: Layer[] = []

  constructor(
    private readonly lp: ClassLp,
    private readonly grid: RowGrid,
    private readonly plan: Prepared,
    private readonly target: Target,
    private readonly integral: boolean,
    private readonly limits: ProgramLimits,
  ) {}

  run(): ProgramAnswer {
    const { plan, grid } = this
    this.dive(20 * (plan.order.length + 1))
    // The bound of the whole problem: when the best plan meets it, it is proved.
    if (!this.wanted(...this.bound(0, plan.start, plan.cost0, plan.tie0)))
      return { counts: this.dived }
    let layer = emptyLayer(grid.count, 1)
    layer.act.set(plan.start)
    layer.c1[0] = plan.cost0
    layer.c2[0] = plan.tie0
    layer.parent[0] = -1
    layer.count = 1
    this.layers.push(layer)
    if (this.complete(plan.start)) this.offer(plan.cost0, plan.tie0, 0, -1, 0)
    for (let p = 0; p < plan.order.length; p++) {
      const next = this.extend(p, layer)
      if (next === null || next === 'stopped') return next
      layer = next
      this.layers.push(layer)
    }
    return { counts: this.best ? this.counts() : this.dived }
  }

  /** Cost and tie so far plus the least the classes from layer p on must add. */
  private bound(p: number, act: Int32Array, c1: number, c2: number): [number, number] {
    const [b1, b2] = boundAt(this.plan.table, p, cellOf(this.plan.table, this.grid, act))
    return [c1 + b1, c2 + b2]
  }

  /**
   * Depth first, children in the order of their bound, for at most `budget` states: the bound
   * is usually the optimum, so this finds the best plan at once.
   */
  private dive(budget: number) {
    const { plan, grid, lp } = this
    const act = plan.start.slice()
    const takes = new Int32Array(plan.order.length)
    let left = budget
    const visit = (p: number, c1: number, c2: number): void => {
      if (left-- <= 0) return
      if (this.complete(act)) {
        if (!this.better(c1, c2)) return
        this.target.t1 = c1
        this.target.t2 = c2
        this.dived = Array.from(lp.lo, (v) => v)
        for (let q = 0; q < p; q++) {
          const k = plan.order[q] as number
          this.dived[k] = (this.dived[k] as number) + (takes[q] as number)
        }
        return
      }
      if (p === plan.order.length) return
      const k = plan.order[p] as number
      const lo = lp.lo[k] as number
      const index = grid.index[k] as Int32Array
      const steps = grid.steps[k] as Int32Array
      const children: { t: number; b: [number, number]; c1: number; c2: number }[] = []
      const trial = act.slice()
      for (let t = 0; t <= (lp.hi[k] as number) - lo; t++) {
        if (t > 0 && !this.step(trial, index, steps)) break
        const d1 = c1 + lp.prefix1(k, lo + t) - lp.prefix1(k, lo)
        const d2 = c2 + lp.prefix2(k, lo + t) - lp.prefix2(k, lo)
        const b = this.bound(p + 1, trial, d1, d2)
        if (this.wanted(...b)) children.push({ t, b, c1: d1, c2: d2 })
      }
      children.sort((x, y) => x.b[0] - y.b[0] || x.b[1] - y.b[1] || x.t - y.t)
      for (const child of children) {
        if (!this.wanted(...child.b)) continue
        for (let q = 0; q < index.length; q++) {
          const g = index[q] as number
          act[g] = (act[g] as number) + child.t * (steps[q] as number)
        }
        takes[p] = child.t
        visit(p + 1, child.c1, child.c2)
        for (let q = 0; q < index.length; q++) {
          const g = index[q] as number
          act[g] = (act[g] as number) - child.t * (steps[q] as number)
        }
      }
      takes[p] = 0
    }
    visit(0, plan.cost0, plan.tie0)
  }

  /** The states after class order[p], from those before it; null past the work limit. */
  private extend(p: number, layer: Layer): Layer | 'stopped' | null {
    const { lp, grid, plan } = this
    const G = grid.count
    const k = plan.order[p] as number
    const lo = lp.lo[k] as number
    const range = (lp.hi[k] as number) - lo
    const index = grid.index[k] as Int32Array
    const steps = grid.steps[k] as Int32Array
    const seen = new Map<number, number>()
    let out = emptyLayer(G, Math.max(16, layer.count * 2))
    const act = new Int32Array(G)
    for (let s = 0; s < layer.count; s++) {
      this.work += range + 1
      if (this.work > this.limits.work) return null
      if ((s & 1023) === 0 && this.limits.shouldStop?.()) return 'stopped'
      for (let g = 0; g < G; g++) act[g] = layer.act[s * G + g] as number
      for (let t = 0; t <= range; t++) {
        if (t > 0 && !this.step(act, index, steps)) break
        const c1 = (layer.c1[s] as number) + lp.prefix1(k, lo + t) - lp.prefix1(k, lo)
        const c2 = (layer.c2[s] as number) + lp.prefix2(k, lo + t) - lp.prefix2(k, lo)
        if (!this.wanted(...this.bound(p + 1, act, c1, c2))) continue
        if (this.complete(act)) {
          this.offer(c1, c2, p + 1, s, t)
          continue // more units never make it cheaper (checked in prepare)
        }
        let key = 0
        for (let g = 0; g < G; g++)
          key += this.stateOf(g, act[g] as number) * (plan.radix[g] as number)
        const at = seen.get(key)
        if (at === undefined) {
          if (out.count === out.c1.length) out = grow(out, G)
          const i = out.count++
          seen.set(key, i)
          out.act.set(act, i * G)
          out.c1[i] = c1
          out.c2[i] = c2
          out.parent[i] = s
          out.take[i] = t
        } else if (
          c1 < (out.c1[at] as number) ||
          (c1 === out.c1[at] && c2 < (out.c2[at] as number))
        ) {
          out.c1[at] = c1
          out.c2[at] = c2
          out.parent[at] = s
          out.take[at] = t
        }
      }
    }
    return out
  }

  /** Adds one unit of a class to the activities; false when a limit is passed for good. */
  private step(act: Int32Array, index: Int32Array, steps: Int32Array): boolean {
    const { grid, plan } = this
    for (let q = 0; q < index.length; q++) {
      const g = index[q] as number
      const v = (act[g] as number) + (steps[q] as number)
      act[g] = v
      if (!plan.negative[g] && v > (grid.upper[g] as number)) return false
    }
    return true
  }

  /** A row's state: its activity from the least possible, covering rows capped at their need. */
  private stateOf(g: number, activity: number): number {
    const v = activity - (this.grid.base[g] as number)
    return Math.min(v, (this.grid.size[g] as number) - 1)
  }

  private complete(act: Int32Array): boolean {
    const { grid } = this
    for (let g = 0; g < grid.count; g++) {
      const v = act[g] as number
      if (v < (grid.lower[g] as number) || v > (grid.upper[g] as number)) return false
    }
    return true
  }

  /** Whether an objective bound may still beat the target (exact with whole numbers). */
  private wanted(b1: number, b2: number): boolean {
    const { t1, t2 } = this.target
    if (this.integral) return b1 < t1 || (b1 === t1 && b2 < t2)
    // Float ties could overstate the tie: keep them.
    return b1 <= t1 + 1e-9 * Math.max(1, Math.abs(t1))
  }

  private better(c1: number, c2: number): boolean {
    const { t1, t2 } = this.target
    return this.integral
      ? c1 < t1 || (c1 === t1 && c2 < t2)
      : c1 < t1 - 1e-9 || (Math.abs(c1 - t1) <= 1e-9 && c2 < t2 - 1e-9)
  }

  private offer(c1: number, c2: number, layer: number, parent: number, take: number) {
    if (!this.better(c1, c2)) return
    this.target.t1 = c1
    this.target.t2 = c2
    this.best = { layer, parent, take }
  }

  /** The counts of the best solution, walking back through the layers. */
  private counts(): number[] {
    const { lp, plan } = this
    const counts = Array.from(lp.lo, (v) => v)
    let { layer, parent, take } = this.best as { layer: number; parent: number; take: number }
    while (layer > 0) {
      const k = plan.order[layer - 1] as number
      counts[k] = (counts[k] as number) + take
      const from = this.layers[layer - 1] as Layer
      take = from.take[parent] as number
      parent = from.parent[parent] as number
      layer--
    }
    return counts
  }
}

function emptyLayer(G: number, capacity: number): Layer {
  return {
    count: 0,
    act: new Int32Array(capacity * G),
    c1: new Float64Array(capacity),
    c2: new Float64Array(capacity),
    parent: new Int32Array(capacity),
    take: new Int32Array(capacity),
  }
}

function grow(layer: Layer, G: number): Layer {
  const bigger = emptyLayer(G, layer.c1.length * 2)
  bigger.count = layer.count
  bigger.act.set(layer.act)
  bigger.c1.set(layer.c1)
  bigger.c2.set(layer.c2)
  bigger.parent.set(layer.parent)
  bigger.take.set(layer.take)
  return bigger
}
