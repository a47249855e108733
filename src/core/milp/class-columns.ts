import type { ClassModel } from './classes.js'

/**
 * The columns of a {@link ClassModel} as flat arrays, for the LP and the searches: each class's
 * coefficients (compressed by column), and its units' costs and ties with their prefix sums.
 * A class has `segments(k)` units of width 1, or, continuous, one of width `upper`.
 */
export class ClassColumns {
  readonly n: number
  readonly m: number
  readonly width: Float64Array
  readonly integer: Uint8Array
  /** Units a class can take (breakpoints), and the lowest and highest allowed. */
  readonly lo: Int32Array
  readonly hi: Int32Array
  /** Row duals of the cost and of the tie (the LP fills them). */
  readonly y1: Float64Array
  readonly y2: Float64Array
  protected readonly start: Int32Array
  protected readonly index: Int32Array
  protected readonly value: Float64Array
  /** Segment costs of class k at `seg[k] + s`; prefix sums at `seg[k] + k + s`. */
  protected readonly seg: Int32Array
  protected readonly c1: Float64Array
  protected readonly c2: Float64Array
  protected readonly p1: Float64Array
  protected readonly p2: Float64Array
  /** Row bounds. */
  protected readonly rlo: Float64Array
  protected readonly rhi: Float64Array
  /** The first unit of each class that does not lower the objective. */
  protected readonly firstNonNegative: Int32Array

  constructor(model: ClassModel) {
    const n = model.classes.length
    const m = model.rows.length
    this.n = n
    this.m = m
    let entries = 0
    let segments = 0
    for (const c of model.classes) {
      entries += c.index.length
      segments += segmentsOf(c)
    }
    // One buffer of each type, cut into the arrays: a request builds several of these models,
    // and each typed array of its own is an allocation.
    const ints = new Int32Array(2 * (n + 1) + entries + 3 * n)
    const floats = new Float64Array(entries + 4 * segments + 3 * n + 4 * m)
    let i = 0
    let f = 0
    const int = (size: number) => {
      i += size
      return ints.subarray(i - size, i)
    }
    const float = (size: number) => {
      f += size
      return floats.subarray(f - size, f)
    }
    this.start = int(n + 1)
    this.seg = int(n + 1)
    model.classes.forEach((c, k) => {
      this.start[k + 1] = (this.start[k] as number) + c.index.length
      this.seg[k + 1] = (this.seg[k] as number) + segmentsOf(c)
    })
    this.index = int(entries)
    this.lo = int(n)
    this.hi = int(n)
    this.firstNonNegative = int(n)
    this.value = float(entries)
    this.c1 = float(segments)
    this.c2 = float(segments)
    this.p1 = float(segments + n)
    this.p2 = float(segments + n)
    this.width = float(n)
    this.y1 = float(m)
    this.y2 = float(m)
    this.rlo = float(m)
    this.rhi = float(m)
    this.integer = new Uint8Array(n)
    model.classes.forEach((c, k) => {
      this.load(k, c)
    })
    model.rows.forEach((r, k) => {
      this.rlo[k] = r.lower
      this.rhi[k] = r.upper
    })
  }

  private load(k: number, c: ClassModel['classes'][number]) {
    const s0 = this.seg[k] as number
    const count = (this.seg[k + 1] as number) - s0
    this.integer[k] = c.integer ? 1 : 0
    this.width[k] = c.integer ? 1 : (c.upper ?? 0)
    c.index.forEach((i, p) => {
      this.index[(this.start[k] as number) + p] = i
      this.value[(this.start[k] as number) + p] = c.value[p] as number
    })
    let negative = 0
    for (let s = 0; s < count; s++) {
      const a = c.cost[s] as number
      const b = c.tie[s] as number
      this.c1[s0 + s] = a
      this.c2[s0 + s] = b
      this.p1[s0 + k + s + 1] = (this.p1[s0 + k + s] as number) + a * (this.width[k] as number)
      this.p2[s0 + k + s + 1] = (this.p2[s0 + k + s] as number) + b * (this.width[k] as number)
      if (a < 0 || (a === 0 && b < 0)) negative = s + 1
    }
    this.hi[k] = count
    this.firstNonNegative[k] = negative
  }

  /** Units (breakpoints) of class k. */
  segments(k: number): number {
    return (this.seg[k + 1] as number) - (this.seg[k] as number)
  }

  /** Cost and tie of unit s of class k. */
  cost1(k: number, s: number): number {
    return this.c1[(this.seg[k] as number) + s] as number
  }

  cost2(k: number, s: number): number {
    return this.c2[(this.seg[k] as number) + s] as number
  }

  /** Sum of the first `count` units' costs (and ties) of class k, whole units. */
  prefix1(k: number, count: number): number {
    return this.p1[(this.seg[k] as number) + k + count] as number
  }

  prefix2(k: number, count: number): number {
    return this.p2[(this.seg[k] as number) + k + count] as number
  }

  /** `a_k . y` for the cost's duals (and the tie's). */
  priced1(k: number): number {
    let a = 0
    for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
      a += (this.y1[this.index[p] as number] as number) * (this.value[p] as number)
    return a
  }

  priced2(k: number): number {
    let b = 0
    for (let p = this.start[k] as number; p < (this.start[k + 1] as number); p++)
      b += (this.y2[this.index[p] as number] as number) * (this.value[p] as number)
    return b
  }

  /** Coefficients of class k: rows and values (shared arrays, read only). */
  column(k: number): { from: number; to: number; index: Int32Array; value: Float64Array } {
    return {
      from: this.start[k] as number,
      to: this.start[k + 1] as number,
      index: this.index,
      value: this.value,
    }
  }

  rowBounds(i: number): [number, number] {
    return [this.rlo[i] as number, this.rhi[i] as number]
  }
}

/** A class's segments in the LP: its units, or one for a continuous class. */
const segmentsOf = (c: ClassModel['classes'][number]) => (c.integer ? c.cost.length : 1)
