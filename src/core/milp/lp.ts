import { invert } from './dense.js'
import type { Milp, MilpResult } from './port.js'

export const FEASIBILITY = 1e-9
export const PIVOT = 1e-9
export const INTEGRALITY = 1e-6

/** A bounded LP in slack form with a warm-startable basis. */
export class Lp {
  /** Columns 0..n-1 are the model's, n..n+m-1 the rows' slacks. */
  readonly lower: Float64Array
  readonly upper: Float64Array
  readonly head: Int32Array
  readonly atUpper: Uint8Array
  readonly basic: Int32Array
  x: Float64Array
  /** Arithmetic done so far, roughly: what the work limit counts. */
  work = 0
  private binv: Float64Array
  private dual: Float64Array

  private constructor(
    readonly n: number,
    readonly m: number,
    readonly cost: Float64Array,
    /** Compressed columns of A. */
    private readonly start: Int32Array,
    private readonly index: Int32Array,
    private readonly value: Float64Array,
    bounds: { lower: Float64Array; upper: Float64Array },
  ) {
    this.lower = bounds.lower
    this.upper = bounds.upper
    this.head = new Int32Array(m)
    this.basic = new Int32Array(n + m).fill(-1)
    this.atUpper = new Uint8Array(n + m)
    for (let i = 0; i < m; i++) {
      this.head[i] = n + i
      this.basic[n + i] = i
    }
    // At the cheaper bound every reduced cost has the right sign: dual feasible.
    for (let j = 0; j < n; j++) this.atUpper[j] = (cost[j] as number) < 0 ? 1 : 0
    this.x = new Float64Array(n + m)
    this.binv = new Float64Array(m * m)
    this.dual = new Float64Array(m)
  }

  /** The model in slack form, or null when a column has no finite bound to rest at. */
  static of(model: Milp): Lp | null {
    const n = model.cost.length
    const m = model.rows.length
    const lower = new Float64Array(n + m)
    const upper = new Float64Array(n + m)
    const cost = new Float64Array(n + m)
    for (let j = 0; j < n; j++) {
      lower[j] = model.lower[j] as number
      upper[j] = model.upper[j] as number
      cost[j] = model.cost[j] as number
      const rest = (cost[j] as number) < 0 ? upper[j] : lower[j]
      if (!Number.isFinite(rest as number) || (lower[j] as number) > (upper[j] as number))
        return null
    }
    const count = new Int32Array(n + 1)
    model.rows.forEach((row, i) => {
      lower[n + i] = row.lower
      upper[n + i] = row.upper
      for (const j of row.index) count[j + 1] = (count[j + 1] as number) + 1
    })
    for (let j = 0; j < n; j++) count[j + 1] = (count[j + 1] as number) + (count[j] as number)
    const start = Int32Array.from(count)
    const fill = Int32Array.from(count)
    const index = new Int32Array(start[n] as number)
    const value = new Float64Array(start[n] as number)
    model.rows.forEach((row, i) => {
      row.index.forEach((j, k) => {
        const at = fill[j] as number
        index[at] = i
        value[at] = row.value[k] as number
        fill[j] = at + 1
      })
    })
    return new Lp(n, m, cost, start, index, value, { lower, upper })
  }

  /** Copies of the bounds and basis, to restore a node. */
  snapshot() {
    return {
      lower: this.lower.slice(),
      upper: this.upper.slice(),
      head: this.head.slice(),
      atUpper: this.atUpper.slice(),
    }
  }

  restore(s: ReturnType<Lp['snapshot']>) {
    this.lower.set(s.lower)
    this.upper.set(s.upper)
    this.head.set(s.head)
    this.atUpper.set(s.atUpper)
    this.basic.fill(-1)
    s.head.forEach((k, i) => {
      this.basic[k] = i
    })
  }

  objective(): number {
    let sum = 0
    for (let j = 0; j < this.n; j++) sum += (this.cost[j] as number) * (this.x[j] as number)
    return sum
  }

  /** Reduced cost of column k under the current duals. */
  reducedCost(k: number): number {
    if (k >= this.n) return this.dual[k - this.n] as number
    let d = this.cost[k] as number
    for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
      d -= (this.dual[this.index[p] as number] as number) * (this.value[p] as number)
    return d
  }

  result(): MilpResult {
    const reducedCosts: number[] = []
    for (let j = 0; j < this.n; j++) reducedCosts.push(this.reducedCost(j))
    return {
      status: 'optimal',
      x: Array.from(this.x.subarray(0, this.n)),
      objective: this.objective(),
      feasible: true,
      reducedCosts,
      rowDuals: Array.from(this.dual),
    }
  }

  /**
   * Tightens integer columns' bounds from the rows' activity ranges (a row that even at its
   * most favourable cannot spare a column's coefficient forces the column); false when a row
   * cannot be satisfied at all.
   */
  propagate(model: Milp, integer: readonly boolean[]): boolean {
    const { lower, upper } = this
    for (let pass = 0; pass < 8; pass++) {
      this.work += (this.start[this.n] as number) * 2
      let changed = false
      for (let i = 0; i < this.m; i++) {
        const row = model.rows[i] as Milp['rows'][number]
        let least = 0
        let most = 0
        row.index.forEach((j, k) => {
          const a = row.value[k] as number
          least += a * ((a > 0 ? lower[j] : upper[j]) as number)
          most += a * ((a > 0 ? upper[j] : lower[j]) as number)
        })
        const lo = row.lower
        const up = row.upper
        if (least > up + FEASIBILITY * (1 + Math.abs(up))) return false
        if (most < lo - FEASIBILITY * (1 + Math.abs(lo))) return false
        const spare = up - least // room above the least activity
        const short = most - lo // room below the most activity
        if (spare === Number.POSITIVE_INFINITY && short === Number.POSITIVE_INFINITY) continue
        row.index.forEach((j, k) => {
          const a = row.value[k] as number
          if (a === 0 || !integer[j] || lower[j] === upper[j]) return
          const l = lower[j] as number
          const u = upper[j] as number
          // How many units the column may move away from its favourable bound.
          const rise = Math.floor((a > 0 ? spare / a : short / -a) + INTEGRALITY)
          const fall = Math.floor((a > 0 ? short / a : spare / -a) + INTEGRALITY)
          if (l + rise < u) {
            upper[j] = l + rise
            changed = true
          }
          if (u - fall > l) {
            lower[j] = u - fall
            changed = true
          }
        })
      }
      if (!changed) return true
    }
    return true
  }

  /**
   * The LP solution with fractional integer columns rounded up, then integer columns stepped
   * down again, dearest first, where every row stays satisfied; null when rounding up breaks a
   * row. With the LP integral this is the LP solution itself.
   */
  rounded(model: Milp): number[] | null {
    const { n, m } = this
    const x = Array.from(this.x.subarray(0, n), (v, j) => {
      if (!model.integer[j]) return v
      const r = Math.round(v)
      return Math.abs(v - r) <= INTEGRALITY ? r : Math.min(this.upper[j] as number, Math.ceil(v))
    })
    const activity = new Float64Array(m)
    for (let j = 0; j < n; j++) {
      const v = x[j] as number
      if (v === 0) continue
      for (let p = this.start[j] as number; p < (this.start[j + 1] as number); p++) {
        const i = this.index[p] as number
        activity[i] = (activity[i] as number) + (this.value[p] as number) * v
      }
    }
    const slack = (i: number, a: number) => {
      const lo = this.lower[this.n + i] as number
      const up = this.upper[this.n + i] as number
      return (
        a >= lo - FEASIBILITY * (1 + Math.abs(lo)) && a <= up + FEASIBILITY * (1 + Math.abs(up))
      )
    }
    for (let i = 0; i < m; i++) if (!slack(i, activity[i] as number)) return null
    const down: number[] = []
    for (let j = 0; j < n; j++)
      if (
        model.integer[j] &&
        (this.cost[j] as number) > 0 &&
        (x[j] as number) > (this.lower[j] as number)
      )
        down.push(j)
    down.sort((a, b) => (this.cost[b] as number) - (this.cost[a] as number) || a - b)
    for (const j of down) {
      let fits = true
      for (let p = this.start[j] as number; fits && p < (this.start[j + 1] as number); p++) {
        const i = this.index[p] as number
        fits = slack(i, (activity[i] as number) - (this.value[p] as number))
      }
      if (!fits) continue
      x[j] = (x[j] as number) - 1
      for (let p = this.start[j] as number; p < (this.start[j + 1] as number); p++) {
        const i = this.index[p] as number
        activity[i] = (activity[i] as number) - (this.value[p] as number)
      }
    }
    return x
  }

  /** Dual simplex from the current basis. */
  solve(): 'optimal' | 'infeasible' | 'limit' {
    const { n, m } = this
    const limit = 50 * (n + m) + 1_000
    const perIteration = (this.start[n] as number) * 2 + m * m * m + n
    for (let iteration = 0; iteration < limit; iteration++) {
      this.work += perIteration
      if (!this.factor()) return 'limit'
      this.primal()
      // Leaving row: the basic variable furthest outside its bounds.
      let r = -1
      let worst = 0
      for (let i = 0; i < m; i++) {
        const k = this.head[i] as number
        const v = this.x[k] as number
        const lo = this.lower[k] as number
        const up = this.upper[k] as number
        const below = lo - v - FEASIBILITY * (1 + Math.abs(lo))
        const above = v - up - FEASIBILITY * (1 + Math.abs(up))
        if (below > worst) {
          worst = below
          r = i
        }
        if (above > worst) {
          worst = above
          r = i
        }
      }
      this.duals()
      if (r < 0) return 'optimal'
      const leaving = this.head[r] as number
      const increase = (this.x[leaving] as number) < (this.lower[leaving] as number)
      // Entering column: the smallest dual ratio among those that move the leaving one the right
      // way; ties go to the largest pivot.
      let q = -1
      let best = Number.POSITIVE_INFINITY
      let bestPivot = 0
      for (let k = 0; k < n + m; k++) {
        if (this.basic[k] !== -1 || this.lower[k] === this.upper[k]) continue
        const alpha = this.rowEntry(r, k)
        if (Math.abs(alpha) <= PIVOT) continue
        const up = this.atUpper[k] === 1
        // x_leaving = beta - sum(alpha_k x_k): raise it by raising x_k with alpha < 0 (from its
        // lower bound) or lowering x_k with alpha > 0 (from its upper bound); the reverse to
        // lower it.
        const eligible = increase ? (up ? alpha > 0 : alpha < 0) : up ? alpha < 0 : alpha > 0
        if (!eligible) continue
        const d = this.reducedCost(k)
        const ratio = Math.max(0, up ? -d : d) / Math.abs(alpha)
        if (ratio < best - 1e-12 || (ratio <= best + 1e-12 && Math.abs(alpha) > bestPivot)) {
          best = ratio
          bestPivot = Math.abs(alpha)
          q = k
        }
      }
      if (q < 0) return 'infeasible'
      this.atUpper[leaving] = increase ? 0 : 1
      this.basic[leaving] = -1
      this.head[r] = q
      this.basic[q] = r
      this.atUpper[q] = 0
    }
    return 'limit'
  }

  /** Entry (r, k) of B^-1 [A -I]. */
  private rowEntry(r: number, k: number): number {
    const { m, n } = this
    if (k >= n) return -(this.binv[r * m + (k - n)] as number)
    let sum = 0
    for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
      sum += (this.binv[r * m + (this.index[p] as number)] as number) * (this.value[p] as number)
    return sum
  }

  /** Inverts the basis matrix (Gauss-Jordan, partial pivoting); false when singular. */
  private factor(): boolean {
    const { m, n } = this
    const a = new Float64Array(m * m)
    for (let i = 0; i < m; i++) {
      const k = this.head[i] as number
      if (k >= n) a[(k - n) * m + i] = -1
      else
        for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
          a[(this.index[p] as number) * m + i] = this.value[p] as number
    }
    return invert(a, this.binv, m)
  }

  /** Values: non-basic columns at their bounds, basic ones solving B x_B = -N x_N. */
  private primal() {
    const { m, n } = this
    const rhs = new Float64Array(m)
    for (let k = 0; k < n + m; k++) {
      if (this.basic[k] !== -1) continue
      const v = (this.atUpper[k] ? this.upper[k] : this.lower[k]) as number
      this.x[k] = v
      if (v === 0) continue
      if (k >= n) rhs[k - n] = (rhs[k - n] as number) + v
      else
        for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++) {
          const i = this.index[p] as number
          rhs[i] = (rhs[i] as number) - (this.value[p] as number) * v
        }
    }
    for (let i = 0; i < m; i++) {
      let v = 0
      for (let j = 0; j < m; j++) v += (this.binv[i * m + j] as number) * (rhs[j] as number)
      this.x[this.head[i] as number] = v
    }
  }

  /** Row duals: c_B B^-1. */
  private duals() {
    const { m } = this
    this.dual.fill(0)
    for (let i = 0; i < m; i++) {
      const c = this.cost[this.head[i] as number] ?? 0
      if (c === 0) continue
      for (let j = 0; j < m; j++)
        this.dual[j] = (this.dual[j] as number) + c * (this.binv[i * m + j] as number)
    }
  }
}

export type Snapshot = ReturnType<Lp['snapshot']>
