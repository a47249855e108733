import { ClassColumns } from './class-columns.js'
import type { ClassModel } from './classes.js'
import { invert, pivotInverse } from './dense.js'

/** Primal feasibility (relative to the bound), pivot size, and reduced-cost noise. */
const FEASIBILITY = 1e-9
const PIVOT = 1e-9
const NOISE = 1e-9
export const INTEGRALITY = 1e-6

/** Where a column may enter from in the ratio test. */
interface Candidate {
  /** A class index, or `n + i` for row i's slack. */
  column: number
  /** Class: the unit that moves is the one above the breakpoint (up) or below it (down). */
  up: boolean
  r1: number
  r2: number
  alpha: number
}

export type LpStatus = 'optimal' | 'infeasible' | 'limit'

/**
 * The LP relaxation of a {@link ClassModel}, solved by a bounded dual simplex on the slack form
 * `A y - s = 0`, `row.lower <= s <= row.upper`, with a dense basis inverse (a few rows make it a
 * few dozen numbers) and warm starts from a parent's basis.
 *
 * A class is a column with a convex piecewise-linear cost: its units are segments of width 1
 * (or one segment of width `upper` for a continuous class). Out of the basis a class sits at a
 * breakpoint `at` (its first `at` units taken); in the basis, units below `at` are taken and unit
 * `at` is the basic, possibly fractional, value. Because identical units are one column, a pivot
 * costs a pass over the classes, not over every course, and the ratio test looks at one unit per
 * class (the next up or the last down; convexity makes them the nearest). The objective is a
 * pair (cost, tie) minimised lexicographically, as a cost plus an infinitely small tie.
 *
 * Node bounds `lo <= count <= hi` (breakpoints) fix units: a unit below `lo` is taken, one at or
 * above `hi` is not. Tightening them keeps the basis dual feasible (convexity), so a child is
 * re-solved warm from its parent's basis.
 */
export class ClassLp extends ClassColumns {
  /** Breakpoint (nonbasic) or segment (basic) of each class. */
  readonly at: Int32Array
  /** Basis row of each class, or -1. */
  readonly row: Int32Array
  /** Arithmetic done so far, roughly: what a work limit counts. */
  work = 0
  private readonly head: Int32Array
  private readonly slackRow: Int32Array
  private readonly slackUp: Uint8Array
  private binv: Float64Array
  private readonly xb: Float64Array
  private readonly scratch: Float64Array
  private pivots = 0

  constructor(model: ClassModel) {
    super(model)
    const { n, m } = this
    // Dual feasible from the start: every unit that lowers the objective is taken.
    this.at = this.firstNonNegative.slice()
    this.row = new Int32Array(n).fill(-1)
    this.head = new Int32Array(m)
    this.slackRow = new Int32Array(m)
    this.slackUp = new Uint8Array(m)
    this.binv = new Float64Array(m * m)
    for (let i = 0; i < m; i++) {
      this.head[i] = n + i
      this.slackRow[i] = i
      this.binv[i * m + i] = -1
    }
    this.xb = new Float64Array(m)
    this.scratch = new Float64Array(m)
  }

  /** The value of class k in the current solution. */
  countOf(k: number): number {
    const r = this.row[k] as number
    return (
      (this.at[k] as number) * (this.width[k] as number) + (r >= 0 ? (this.xb[r] as number) : 0)
    )
  }

  /** The basic unit's value of class k (0 when the class is not basic). */
  fraction(k: number): number {
    const r = this.row[k] as number
    return r >= 0 ? (this.xb[r] as number) : 0
  }

  /** The objective's cost (and tie) at the current solution. */
  objective1(): number {
    let a = 0
    for (let k = 0; k < this.n; k++) {
      const at = this.at[k] as number
      a += this.prefix1(k, at)
      const r = this.row[k] as number
      if (r >= 0) a += this.cost1(k, at) * (this.xb[r] as number)
    }
    return a
  }

  objective2(): number {
    let b = 0
    for (let k = 0; k < this.n; k++) {
      const at = this.at[k] as number
      b += this.prefix2(k, at)
      const r = this.row[k] as number
      if (r >= 0) b += this.cost2(k, at) * (this.xb[r] as number)
    }
    return b
  }

  /** Copies of the bounds and the basis, to restore a node. */
  snapshot(): LpSnapshot {
    return {
      lo: this.lo.slice(),
      hi: this.hi.slice(),
      at: this.at.slice(),
      row: this.row.slice(),
      head: this.head.slice(),
      slackRow: this.slackRow.slice(),
      slackUp: this.slackUp.slice(),
      binv: this.binv.slice(),
    }
  }

  restore(s: LpSnapshot) {
    this.lo.set(s.lo)
    this.hi.set(s.hi)
    this.at.set(s.at)
    this.row.set(s.row)
    this.head.set(s.head)
    this.slackRow.set(s.slackRow)
    this.slackUp.set(s.slackUp)
    this.binv.set(s.binv)
    this.clamp()
  }

  /** Moves every nonbasic class inside its bounds (dual feasibility survives: convex costs). */
  clamp() {
    for (let k = 0; k < this.n; k++) {
      if (this.row[k] !== -1) continue
      const v = this.at[k] as number
      if (v < (this.lo[k] as number)) this.at[k] = this.lo[k] as number
      else if (v > (this.hi[k] as number)) this.at[k] = this.hi[k] as number
    }
  }

  /** Dual simplex from the current basis. */
  solve(): LpStatus {
    const limit = 5_000 + 50 * (this.n + this.m)
    const perIteration = 4 * (this.start[this.n] as number) + 3 * this.m * this.m + this.n
    for (let iteration = 0; iteration < limit; iteration++) {
      this.work += perIteration
      if (this.pivots === 0 && !this.factor()) return 'limit'
      this.primal()
      const r = this.leaving()
      this.duals()
      if (r < 0) return 'optimal'
      const q = this.entering(r)
      if (!q) return 'infeasible'
      this.pivot(r, q)
    }
    return 'limit'
  }

  /** Bounds of the value of the basic variable in row r. */
  private basicBounds(r: number): [number, number] {
    const v = this.head[r] as number
    if (v >= this.n) return [this.rlo[v - this.n] as number, this.rhi[v - this.n] as number]
    const p = this.at[v] as number
    const w = this.width[v] as number
    return [p < (this.lo[v] as number) ? w : 0, p >= (this.hi[v] as number) ? 0 : w]
  }

  /** The row whose basic variable is furthest outside its bounds (scaled), or -1. */
  private leaving(): number {
    const { m } = this
    let best = -1
    let score = 0
    for (let r = 0; r < m; r++) {
      const [lo, up] = this.basicBounds(r)
      const x = this.xb[r] as number
      const out = Math.max(
        lo - x - FEASIBILITY * (1 + Math.abs(lo)),
        x - up - FEASIBILITY * (1 + Math.abs(up)),
      )
      if (out <= 0) continue
      let norm = 0
      for (let j = 0; j < m; j++) norm += (this.binv[r * m + j] as number) ** 2
      const s = (out * out) / Math.max(norm, 1e-12)
      if (s > score) {
        score = s
        best = r
      }
    }
    return best
  }

  /** The entering column by the dual ratio test (lexicographic ratios, then the largest pivot). */
  private entering(r: number): Candidate | null {
    const { m, n } = this
    const increase = (this.xb[r] as number) < this.basicBounds(r)[0]
    const best = this.best
    best.column = -1
    const own = this.head[r] as number
    for (let k = 0; k < n; k++) {
      if (this.row[k] !== -1) continue
      let alpha = 0
      for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
        alpha +=
          (this.binv[r * m + (this.index[p] as number)] as number) * (this.value[p] as number)
      if (alpha <= PIVOT && alpha >= -PIVOT) continue
      // Raising a unit (from 0) moves x_r by -alpha; lowering one (from 1) by +alpha.
      const up = increase ? alpha < 0 : alpha > 0
      const s = up ? (this.at[k] as number) : (this.at[k] as number) - 1
      if (s < (this.lo[k] as number) || s >= (this.hi[k] as number)) continue
      const d1 = this.cost1(k, s) - this.priced1(k)
      const d2 = this.cost2(k, s) - this.priced2(k)
      this.offer(k, up, d1, d2, alpha)
    }
    if (own < n) {
      // The leaving class's neighbouring unit: the same column, so alpha is 1.
      const p = this.at[own] as number
      const s = increase ? p - 1 : p + 1
      if (s >= (this.lo[own] as number) && s < (this.hi[own] as number)) {
        const d1 = this.cost1(own, s) - this.cost1(own, p)
        const d2 = this.cost2(own, s) - this.cost2(own, p)
        this.offer(own, !increase, d1, d2, 1)
      }
    }
    for (let i = 0; i < m; i++) {
      if ((this.slackRow[i] as number) >= 0 || this.rlo[i] === this.rhi[i]) continue
      const alpha = -(this.binv[r * m + i] as number)
      if (alpha <= PIVOT && alpha >= -PIVOT) continue
      const atUpper = this.slackUp[i] === 1
      const eligible = increase
        ? atUpper
          ? alpha > 0
          : alpha < 0
        : atUpper
          ? alpha < 0
          : alpha > 0
      if (eligible) this.offer(n + i, !atUpper, this.y1[i] as number, this.y2[i] as number, alpha)
    }
    return best.column < 0 ? null : best
  }

  private readonly best: Candidate = { column: -1, up: true, r1: 0, r2: 0, alpha: 0 }

  /** A ratio-test candidate: kept when its ratio is lexicographically least (ties: larger pivot). */
  private offer(column: number, up: boolean, d1: number, d2: number, alpha: number) {
    const a = alpha < 0 ? -alpha : alpha
    // Reduced costs have the right sign up to noise: a negative ratio is a zero step.
    let r1 = (up ? d1 : -d1) / a
    let r2 = (up ? d2 : -d2) / a
    if (r1 < NOISE) {
      r1 = 0
      if (r2 < 0) r2 = 0
    }
    const best = this.best
    if (
      best.column < 0 ||
      r1 < best.r1 - NOISE ||
      (r1 <= best.r1 + NOISE &&
        (r2 < best.r2 - NOISE || (r2 <= best.r2 + NOISE && a > Math.abs(best.alpha))))
    ) {
      best.column = column
      best.up = up
      best.r1 = r1
      best.r2 = r2
      best.alpha = alpha
    }
  }

  private pivot(r: number, q: Candidate) {
    const { m, n } = this
    const [lo] = this.basicBounds(r)
    const increase = (this.xb[r] as number) < lo
    const leaving = this.head[r] as number
    if (leaving < n && q.column === leaving) {
      // The same class moves to the next segment: the basis matrix is unchanged.
      this.at[leaving] = (this.at[leaving] as number) + (q.up ? 1 : -1)
      return
    }
    if (leaving < n) {
      const [tlo, thi] = this.basicBounds(r)
      const to = increase ? tlo : thi
      this.row[leaving] = -1
      const at = (this.at[leaving] as number) + (to > 0 ? 1 : 0)
      this.at[leaving] = Math.min(
        Math.max(at, this.lo[leaving] as number),
        this.hi[leaving] as number,
      )
    } else {
      this.slackRow[leaving - n] = -1
      this.slackUp[leaving - n] = increase ? 0 : 1
    }
    const w = this.scratch
    w.fill(0)
    if (q.column < n) {
      const k = q.column
      for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++) {
        const i = this.index[p] as number
        const v = this.value[p] as number
        for (let j = 0; j < m; j++) w[j] = (w[j] as number) + (this.binv[j * m + i] as number) * v
      }
      this.row[k] = r
      if (!q.up) this.at[k] = (this.at[k] as number) - 1
    } else {
      const i = q.column - n
      for (let j = 0; j < m; j++) w[j] = -(this.binv[j * m + i] as number)
      this.slackRow[i] = r
    }
    this.head[r] = q.column
    this.update(r, w)
  }

  /** Product-form update of the inverse for a pivot in row r on column w = B^-1 a. */
  private update(r: number, w: Float64Array) {
    this.pivots++
    if (Math.abs(w[r] as number) < 1e-11 || this.pivots > 40) {
      this.pivots = 0 // refactor from scratch next iteration
      return
    }
    pivotInverse(this.binv, this.m, r, w)
  }

  /** Inverts the basis matrix; false when singular. */
  private factor(): boolean {
    const { m, n } = this
    const a = new Float64Array(m * m)
    for (let c = 0; c < m; c++) {
      const v = this.head[c] as number
      if (v >= n) a[(v - n) * m + c] = -1
      else
        for (let p = this.start[v] as number; p < (this.start[v + 1] as number); p++)
          a[(this.index[p] as number) * m + c] = this.value[p] as number
    }
    if (!invert(a, this.binv, m)) return false
    this.pivots = 1
    return true
  }

  /** Basic values: B x_B = -(what the nonbasic classes and slacks contribute). */
  private primal() {
    const { m, n } = this
    const q = this.scratch
    q.fill(0)
    for (let k = 0; k < n; k++) {
      const v = (this.at[k] as number) * (this.width[k] as number)
      if (v === 0) continue
      for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++) {
        const i = this.index[p] as number
        q[i] = (q[i] as number) + (this.value[p] as number) * v
      }
    }
    for (let i = 0; i < m; i++) {
      if ((this.slackRow[i] as number) >= 0) continue
      q[i] = (q[i] as number) - ((this.slackUp[i] ? this.rhi[i] : this.rlo[i]) as number)
    }
    for (let r = 0; r < m; r++) {
      let v = 0
      for (let j = 0; j < m; j++) v -= (this.binv[r * m + j] as number) * (q[j] as number)
      this.xb[r] = v
    }
  }

  /** Row duals of both objectives: c_B B^-1. */
  private duals() {
    const { m, n } = this
    this.y1.fill(0)
    this.y2.fill(0)
    for (let r = 0; r < m; r++) {
      const v = this.head[r] as number
      if (v >= n) continue
      const c1 = this.cost1(v, this.at[v] as number)
      const c2 = this.cost2(v, this.at[v] as number)
      for (let j = 0; j < m; j++) {
        const b = this.binv[r * m + j] as number
        this.y1[j] = (this.y1[j] as number) + c1 * b
        this.y2[j] = (this.y2[j] as number) + c2 * b
      }
    }
  }
}

/** Bounds and basis of a node. */
export interface LpSnapshot {
  lo: Int32Array
  hi: Int32Array
  at: Int32Array
  row: Int32Array
  head: Int32Array
  slackRow: Int32Array
  slackUp: Uint8Array
  binv: Float64Array
}
