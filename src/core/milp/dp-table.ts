import type { ClassLp } from './class-lp.js'
import type { RowGrid } from './row-grid.js'

/**
 * A bound for dynamic programming over classes: for a few rows of the model (the relaxation
 * that drops the others), per position p of the class order and per vector of those rows'
 * coordinates, a least (cost, tie) that the units the classes order[p..] may still add cost to
 * finish those rows. Infinite when they cannot.
 *
 * Classes whose steps in those rows are the same are one group, next to each other in the order,
 * and the table has a layer per group, not per class: a group's units are one sorted run of
 * costs (the cheapest t of them is the least any t of its units cost). Within a group the layer
 * of its first class bounds every position (it may count units the classes before took: a lower
 * bound still); at a group's end the bound is exact for those rows. On the planner's models a
 * few dozen classes are about ten groups, and filling the table is most of the program's time.
 *
 * Values are stored as one number, `cost * scale + tie`, whose order is the lexicographic one
 * (ties are whole, non-negative and below `scale`); `scale` 0 stores the cost alone (the tie is
 * then unknown).
 */
export interface BoundTable {
  rows: number[]
  stride: number[]
  cells: number
  /** One per group of classes with the same steps in the table's rows, then the last. */
  layers: Float64Array[]
  /** Per position p of the class order (and its end): the layer of p's group. */
  layerOf: Int32Array
  scale: number
}

/**
 * A row's coordinate in the table at this activity: what a covering row still needs, or the
 * room a limit row has left.
 */
export const coordOf = (grid: RowGrid, g: number, activity: number) =>
  grid.covering[g]
    ? Math.max(0, (grid.lower[g] as number) - activity)
    : (grid.upper[g] as number) - activity

/** The table cell of an activity vector. */
export function cellOf(table: BoundTable, grid: RowGrid, act: Int32Array): number {
  let cell = 0
  for (let r = 0; r < table.rows.length; r++) {
    const g = table.rows[r] as number
    cell += coordOf(grid, g, act[g] as number) * (table.stride[r] as number)
  }
  return cell
}

/** The least (cost, tie) stored for position p's cell; the tie is -Infinity when not kept. */
export function boundAt(table: BoundTable, p: number, cell: number): [number, number] {
  const v = (table.layers[table.layerOf[p] as number] as Float64Array)[cell] as number
  if (v === Number.POSITIVE_INFINITY) return [v, v]
  if (table.scale === 0) return [v, Number.NEGATIVE_INFINITY]
  const cost = Math.floor(v / table.scale)
  return [cost, v - cost * table.scale]
}

/**
 * The table for the classes `order` (free between `lp.lo` and `lp.hi`), from the activity
 * `start` (every class at its lower bound), and the order the program is to take them in: the
 * same, each class moved up to the first of its group. Its rows: those the LP's duals price (for
 * the cost, then for the tie: with a cost that is the same per point everywhere, only the tie's
 * duals tell which rows bind), then the largest needs, at most three, while the table fits in
 * `cells` over all classes. Covering rows and limits of non-negative coefficients only.
 */
export function boundTable(
  lp: ClassLp,
  grid: RowGrid,
  order: readonly number[],
  start: Int32Array,
  cells: number,
): { table: BoundTable; order: number[] } {
  const span = (g: number) => coordOf(grid, g, start[g] as number) + 1
  const weight = (g: number, y: Float64Array) =>
    Math.abs(grid.sources[g]?.reduce((s, { row, unit }) => s + (y[row] as number) / unit, 0) ?? 0) *
    span(g)
  const priced = (g: number) => weight(g, lp.y1) > 1e-9 || weight(g, lp.y2) > 1e-9
  const candidates = [...Array(grid.count).keys()]
    .filter((g) => (grid.covering[g] && span(g) > 1) || (isLimit(grid, g) && span(g) >= 1))
    .sort(
      (a, b) =>
        weight(b, lp.y1) - weight(a, lp.y1) ||
        weight(b, lp.y2) - weight(a, lp.y2) ||
        span(b) - span(a),
    )
  const chosen: number[] = []
  let size = 1
  for (const g of candidates) {
    // Unpriced rows only to make two: a third costs more than it usually prunes.
    if (chosen.length === 3 || (!priced(g) && chosen.length >= 2)) continue
    if (size * span(g) * (order.length + 1) > cells) continue
    chosen.push(g)
    size *= span(g)
  }
  // The longest coordinate innermost: the table is filled along it in long runs.
  const rows = chosen.sort((a, b) => span(b) - span(a) || a - b)
  const stride: number[] = []
  size = 1
  for (const g of rows) {
    stride.push(size)
    size *= span(g)
  }
  const groups = new Map<string, number[]>()
  for (const k of order) {
    const key = rows.map((g) => stepOf(grid, k, g)).join(',')
    const group = groups.get(key)
    if (group) group.push(k)
    else groups.set(key, [k])
  }
  const members = [...groups.values()]
  const layerOf = new Int32Array(order.length + 1)
  let p = 0
  members.forEach((group, j) => {
    layerOf.fill(j, p, p + group.length)
    p += group.length
  })
  layerOf[order.length] = members.length
  const table: BoundTable = {
    rows,
    stride,
    cells: size,
    layers: [],
    layerOf,
    scale: scaleFor(lp, order),
  }
  fill(table, lp, grid, members, start)
  return { table, order: members.flat() }
}

/** A limit row: non-negative coefficients and a finite upper bound. */
function isLimit(grid: RowGrid, g: number): boolean {
  if (grid.covering[g] || (grid.upper[g] as number) >= 2 ** 30) return false
  return grid.steps.every((steps, k) =>
    steps.every((v, q) => v >= 0 || (grid.index[k] as Int32Array)[q] !== g),
  )
}

/**
 * A power of two above any sum of ties the free units can make, when costs and ties are whole
 * and non-negative and `cost * scale + tie` stays exact; 0 otherwise.
 */
function scaleFor(lp: ClassLp, order: readonly number[]): number {
  let cost = 0
  let tie = 0
  for (const k of order) {
    for (let u = lp.lo[k] as number; u < (lp.hi[k] as number); u++) {
      const c = lp.cost1(k, u)
      const t = lp.cost2(k, u)
      if (!Number.isInteger(c) || !Number.isInteger(t) || c < 0 || t < 0) return 0
      cost += c
      tie += t
    }
  }
  const scale = 2 ** Math.ceil(Math.log2(tie + 1))
  return (cost + 1) * scale < 2 ** 52 ? scale : 0
}

/** The table's shape: each coordinate's extent and whether its row is a covering one. */
interface Shape {
  extent: [number, number, number]
  cover: [number, number, number]
}

/** Fills the table's layers backwards, one group of classes at a time. */
function fill(
  table: BoundTable,
  lp: ClassLp,
  grid: RowGrid,
  groups: readonly number[][],
  start: Int32Array,
) {
  const shape: Shape = { extent: [1, 1, 1], cover: [1, 1, 1] }
  table.rows.forEach((g, d) => {
    shape.extent[d] = coordOf(grid, g, start[g] as number) + 1
    shape.cover[d] = grid.covering[g] ? 1 : 0
  })
  table.layers = new Array(groups.length + 1)
  table.layers[groups.length] = finished(table, grid, shape)
  for (let j = groups.length - 1; j >= 0; j--) {
    const first = groups[j]?.[0] as number
    const step = (d: number) => {
      const g = table.rows[d]
      return g === undefined ? 0 : stepOf(grid, first, g)
    }
    // An array literal: one array shape for every call (a mapped array's shape varies, and the
    // optimised fill was dropped for it).
    const a: [number, number, number] = [step(0), step(1), step(2)]
    const next = table.layers[j + 1] as Float64Array
    table.layers[j] = addUnits(unitsOf(lp, groups[j] as number[], table.scale), a, shape, next)
  }
}

/**
 * The sums of a group's cheapest units, as the table stores values (`cost * scale + tie`, or
 * the cost): entry t is the least t of its units cost.
 */
function unitsOf(lp: ClassLp, group: readonly number[], scale: number): Float64Array {
  const units: number[] = []
  for (const k of group)
    for (let u = lp.lo[k] as number; u < (lp.hi[k] as number); u++)
      units.push(scale === 0 ? lp.cost1(k, u) : lp.cost1(k, u) * scale + lp.cost2(k, u))
  const sums = new Float64Array(units.length + 1)
  Float64Array.from(units)
    .sort()
    .forEach((v, t) => {
      sums[t + 1] = (sums[t] as number) + v
    })
  return sums
}

/**
 * The last layer: 0 where every covering coordinate is 0 and every limit row's activity
 * reaches its lower bound (its room is at most upper - lower), infinite elsewhere.
 */
function finished(table: BoundTable, grid: RowGrid, { extent, cover }: Shape): Float64Array {
  const [e0, e1, e2] = extent
  const done = (d: number, v: number) => {
    const g = table.rows[d]
    if (g === undefined) return true
    return cover[d] ? v === 0 : v <= (grid.upper[g] as number) - (grid.lower[g] as number)
  }
  const last = new Float64Array(table.cells).fill(Number.POSITIVE_INFINITY)
  for (let c2 = 0; c2 < e2; c2++)
    for (let c1 = 0; c1 < e1; c1++)
      for (let c0 = 0; c0 < e0; c0++)
        if (done(0, c0) && done(1, c1) && done(2, c2)) last[(c2 * e1 + c1) * e0 + c0] = 0
  return last
}

/**
 * The layer before a group of units (steps `a` in the table's rows; `sums[t]`: the least t of
 * them cost): the least over how many to take of their cost plus the next layer where they lead.
 */
function addUnits(
  sums: Float64Array,
  a: [number, number, number],
  shape: Shape,
  next: Float64Array,
): Float64Array {
  const { extent, cover } = shape
  const [e0, e1, e2] = extent
  // More units than the largest need calls for only cost more, more than fit in a limit row
  // lead nowhere; none help a group that counts toward no row of the table.
  let useful = 0
  let fit = Number.POSITIVE_INFINITY
  for (let d = 0; d < 3; d++) {
    const v = a[d] as number
    if (v <= 0) continue
    const room = (extent[d] as number) - 1
    if (cover[d]) useful = Math.max(useful, Math.ceil(room / v))
    else {
      useful = Math.max(useful, Math.floor(room / v))
      fit = Math.min(fit, Math.floor(room / v))
    }
  }
  const range = Math.min(sums.length - 1, useful, fit)
  if (range === 0) return next
  const here = next.slice()
  // Where t units move the second and third coordinates.
  const m1 = new Int32Array(e1)
  const m2 = new Int32Array(e2)
  for (let t = 1; t <= range; t++) {
    moveBy(m1, cover[1], t * a[1])
    moveBy(m2, cover[2], t * a[2])
    const d = sums[t] as number
    // Along the first coordinate the move is a shift; cells below it are the pass after this.
    const shift = t * a[0]
    if (shift >= e0) continue
    for (let n2 = 0; n2 < e2; n2++) {
      const to2 = m2[n2] as number
      if (to2 < 0) continue
      for (let n1 = 0; n1 < e1; n1++) {
        const to1 = m1[n1] as number
        if (to1 < 0) continue
        const from = (to2 * e1 + to1) * e0 - shift
        const at = (n2 * e1 + n1) * e0
        for (let n0 = shift; n0 < e0; n0++) {
          const v = d + (next[from + n0] as number)
          if (v < (here[at + n0] as number)) here[at + n0] = v
        }
      }
    }
  }
  if (cover[0] && a[0] > 0) meetFirst(here, sums, a, range, shape, next)
  return here
}

/**
 * Where a move of `by` takes coordinate v of a row: a need falls to 0 at least; room below 0 is
 * nowhere (-1).
 */
const movedTo = (covering: number, v: number, by: number) =>
  covering ? Math.max(0, v - by) : v - by >= 0 ? v - by : -1

/** {@link movedTo} for each coordinate of a row. */
function moveBy(out: Int32Array, covering: number, by: number) {
  for (let v = 0; v < out.length; v++) out[v] = movedTo(covering, v, by)
}

/**
 * The cells of {@link addUnits} whose first coordinate, a need, t units meet outright (below
 * t * a[0]): each takes the least over every t' >= t of what t' units cost plus the next layer
 * at that need met. A running minimum from the most units down visits each cell once (taken
 * per t, the cells below each shift were visited again for every larger t).
 */
function meetFirst(
  here: Float64Array,
  sums: Float64Array,
  a: [number, number, number],
  range: number,
  { extent, cover }: Shape,
  next: Float64Array,
) {
  const [e0, e1, e2] = extent
  for (let n2 = 0; n2 < e2; n2++) {
    for (let n1 = 0; n1 < e1; n1++) {
      const at = (n2 * e1 + n1) * e0
      let least = Number.POSITIVE_INFINITY
      for (let t = range; t >= 1; t--) {
        const to2 = movedTo(cover[2], n2, t * a[2])
        const to1 = movedTo(cover[1], n1, t * a[1])
        if (to2 >= 0 && to1 >= 0) {
          const v = (sums[t] as number) + (next[(to2 * e1 + to1) * e0] as number)
          if (v < least) least = v
        }
        const end = Math.min(e0, t * a[0])
        for (let i = (t - 1) * a[0]; i < end; i++)
          if (least < (here[at + i] as number)) here[at + i] = least
      }
    }
  }
}

/** Class k's steps in grid row g (0 when it does not count there). */
function stepOf(grid: RowGrid, k: number, g: number): number {
  const index = grid.index[k] as Int32Array
  for (let q = 0; q < index.length; q++)
    if (index[q] === g) return (grid.steps[k] as Int32Array)[q] as number
  return 0
}
