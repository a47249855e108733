import type { ClassLp } from './class-lp.js'
import type { ClassModel, UnitClass } from './classes.js'

/** Scales tried to make a row's coefficients whole numbers (quarters, tenths, cents...). */
const SCALES = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 25, 40, 48, 50, 100, 200, 1000]

/**
 * The rows of a class model on a grid of whole steps, for dynamic programming: each row's
 * coefficients scaled to integers and divided by their common divisor, its bounds rounded
 * inward (exact: an activity on the grid meets a bound iff it meets the rounded one). Rows
 * whose coefficients are identical are one row with the tighter bounds; rows without
 * coefficients are checked once and dropped.
 *
 * A row is tracked between the least and the most activity the classes' bounds allow; a
 * covering row (coefficients >= 0, no upper bound) only up to its lower bound (more than enough
 * is enough), a row of non-negative coefficients only up to its upper bound (beyond it nothing
 * comes back).
 */
export interface RowGrid {
  /** Rows kept, in the grid's order. */
  count: number
  /** Per class: the grid rows it counts toward and its steps there. */
  index: Int32Array[]
  steps: Int32Array[]
  lower: Int32Array
  upper: Int32Array
  covering: Uint8Array
  /** Lowest activity the bounds allow, and how many values a row's state takes from there. */
  base: Int32Array
  size: Int32Array
  /** The original rows of each grid row (several when rows were merged), and for each how
   * many grid steps make one unit of its activity. */
  sources: { row: number; unit: number }[][]
}

/**
 * The grid for the classes' current bounds in `lp`, or null when a row cannot be put on a grid
 * of at most a few thousand steps per coefficient unit, or the model is infeasible on its face.
 * The rows' steps do not depend on the bounds: they are found once per set of class coefficient
 * arrays (models sharing them share the grid's shape, with bounds of their own).
 */
export function rowGrid(model: ClassModel, lp: ClassLp): RowGrid | null {
  const rows = gridRowsOf(model)
  if (!rows) return null
  const { kept, ...steps } = rows
  const grid: RowGrid = {
    ...steps,
    base: new Int32Array(kept.length),
    size: new Int32Array(kept.length),
  }
  const n = model.classes.length
  for (let g = 0; g < kept.length; g++) {
    const coef = (kept[g] as { coef: number[] }).coef
    let least = 0
    let most = 0
    for (let k = 0; k < n; k++) {
      const v = coef[k] as number
      least += v * (v > 0 ? (lp.lo[k] as number) : (lp.hi[k] as number))
      most += v * (v > 0 ? (lp.hi[k] as number) : (lp.lo[k] as number))
    }
    if (least > (grid.upper[g] as number) || most < (grid.lower[g] as number)) return null
    grid.base[g] = least
    // More than a covering row needs is as good as enough; above a limit no row of
    // non-negative coefficients comes back.
    const top = grid.covering[g]
      ? Math.max(least, grid.lower[g] as number)
      : coef.every((v) => v >= 0)
        ? Math.min(most, grid.upper[g] as number)
        : most
    grid.size[g] = top - least + 1
  }
  return grid
}

type GridRows = Omit<RowGrid, 'base' | 'size'> & { kept: { coef: number[] }[] }

/**
 * Per model, its rows on the grid (null: they do not fit one, or are infeasible on their face).
 * Every grid of the model shares these arrays: they are only read.
 */
const stepsOf = new WeakMap<ClassModel, GridRows | null>()

/**
 * The grid rows last found for a rows array, with the coefficient arrays of the model's classes:
 * another model with the same rows array and the same coefficient arrays, class by class, has
 * the same grid rows (its costs may differ). The planner's models of one request without an
 * hour limit share them (every offer choice, both objectives: plan/columns.ts).
 */
const byRows = new WeakMap<
  ClassModel['rows'],
  { columns: Pick<UnitClass, 'index' | 'value'>[]; rows: GridRows | null }
>()

function gridRowsOf(model: ClassModel): GridRows | null {
  let rows = stepsOf.get(model)
  if (rows !== undefined) return rows
  const shared = byRows.get(model.rows)
  const { classes } = model
  if (
    shared &&
    shared.columns.length === classes.length &&
    shared.columns.every((c, k) => c.index === classes[k]?.index && c.value === classes[k]?.value)
  )
    rows = shared.rows
  else {
    rows = gridRows(model)
    byRows.set(model.rows, { columns: classes.map(({ index, value }) => ({ index, value })), rows })
  }
  stepsOf.set(model, rows)
  return rows
}

/**
 * The rows on the grid: the grid's shape for these coefficients (the same for any bounds), then
 * each grid row's bounds, the tighter of its rows' (rounded inward), and the rows without
 * coefficients checked against theirs.
 */
function gridRows(model: ClassModel): GridRows | null {
  const shape = shapeOf(model)
  if (!shape) return null
  const bounds = (source: { row: number; unit: number }) =>
    integerBounds(model.rows[source.row] as ClassModel['rows'][number], source.unit)
  for (const zero of shape.zeros) {
    const { lower, upper } = bounds(zero)
    if (lower > 0 || upper < 0) return null
  }
  const count = shape.kept.length
  const lower = new Int32Array(count)
  const upper = new Int32Array(count)
  const covering = new Uint8Array(count)
  shape.kept.forEach((r, g) => {
    let least = Number.NEGATIVE_INFINITY
    let most = Number.POSITIVE_INFINITY
    for (const source of r.sources) {
      const b = bounds(source)
      least = Math.max(least, b.lower)
      most = Math.min(most, b.upper)
    }
    lower[g] = clampInt(least)
    upper[g] = clampInt(most)
    covering[g] = most === Number.POSITIVE_INFINITY && r.coef.every((v) => v >= 0) ? 1 : 0
  })
  return {
    kept: shape.kept,
    count,
    index: shape.index,
    steps: shape.steps,
    lower,
    upper,
    covering,
    sources: shape.kept.map((r) => r.sources),
  }
}

/** What of the grid depends on the coefficients alone (see {@link gridRows}). */
interface GridShape {
  kept: { coef: number[]; sources: { row: number; unit: number }[] }[]
  /** Rows whose coefficients are all zero: only their bounds are checked. */
  zeros: { row: number; unit: number }[]
  index: Int32Array[]
  steps: Int32Array[]
}

/**
 * Per first class's coefficient array, the shapes last found, with the coefficient arrays of
 * every class and the number of rows: a model with the same arrays, class by class, has the
 * same shape whatever its bounds. The planner's models over a kept candidate set share their
 * classes' arrays from one request to the next (plan/columns.ts).
 */
const shapes = new WeakMap<
  readonly number[],
  { columns: Pick<UnitClass, 'index' | 'value'>[]; rows: number; shape: GridShape | null }[]
>()
const SHAPES_KEPT = 8

function shapeOf(model: ClassModel): GridShape | null {
  const { classes } = model
  const first = classes[0]?.index
  const kept = first ? shapes.get(first) : undefined
  const found = kept?.find(
    (e) =>
      e.rows === model.rows.length &&
      e.columns.length === classes.length &&
      e.columns.every((c, k) => c.index === classes[k]?.index && c.value === classes[k]?.value),
  )
  if (found) return found.shape
  const shape = readShape(model)
  if (first) {
    const list = kept ?? []
    list.unshift({
      columns: classes.map(({ index, value }) => ({ index, value })),
      rows: model.rows.length,
      shape,
    })
    list.length = Math.min(list.length, SHAPES_KEPT)
    shapes.set(first, list)
  }
  return shape
}

function readShape(model: ClassModel): GridShape | null {
  const m = model.rows.length
  const n = model.classes.length
  const dense: number[][] = Array.from({ length: m }, () => new Array(n).fill(0))
  model.classes.forEach((c, k) => {
    c.index.forEach((i, p) => {
      ;(dense[i] as number[])[k] = c.value[p] as number
    })
  })
  const rows = new Map<string, GridShape['kept'][number]>()
  const zeros: GridShape['zeros'] = []
  for (let i = 0; i < m; i++) {
    const scaled = integerRow(dense[i] as number[])
    if (!scaled) return null
    if (scaled.coef.every((v) => v === 0)) {
      zeros.push({ row: i, unit: scaled.unit })
      continue
    }
    const key = scaled.coef.join(',')
    const same = rows.get(key)
    if (same) same.sources.push({ row: i, unit: scaled.unit })
    else rows.set(key, { coef: scaled.coef, sources: [{ row: i, unit: scaled.unit }] })
  }
  const kept = [...rows.values()]
  const shape: GridShape = { kept, zeros, index: [], steps: [] }
  for (let k = 0; k < n; k++) {
    const index: number[] = []
    const steps: number[] = []
    kept.forEach((r, g) => {
      const v = r.coef[k] as number
      if (v !== 0) {
        index.push(g)
        steps.push(v)
      }
    })
    shape.index.push(Int32Array.from(index))
    shape.steps.push(Int32Array.from(steps))
  }
  return shape
}

function clampInt(v: number): number {
  return v === Number.POSITIVE_INFINITY ? 2 ** 30 : v === Number.NEGATIVE_INFINITY ? -(2 ** 30) : v
}

/** A row's coefficients as small integers, and the grid steps in one unit; null when none fit. */
function integerRow(coef: number[]): { coef: number[]; unit: number } | null {
  const scale = SCALES.find((s) =>
    coef.every((v) => Math.abs(v * s - Math.round(v * s)) <= 1e-7 * Math.max(1, Math.abs(v * s))),
  )
  if (scale === undefined) return null
  const whole = coef.map((v) => Math.round(v * scale))
  const divisor = whole.reduce((g, v) => gcd(g, Math.abs(v)), 0) || 1
  return { coef: whole.map((v) => v / divisor), unit: scale / divisor }
}

/** A row's bounds on a grid of `unit` steps per unit, rounded inward. */
function integerBounds(row: ClassModel['rows'][number], unit: number) {
  const tolerance = (b: number) => 1e-7 * Math.max(1, Math.abs(b * unit))
  const lower =
    row.lower === Number.NEGATIVE_INFINITY
      ? Number.NEGATIVE_INFINITY
      : Math.ceil(row.lower * unit - tolerance(row.lower))
  const upper =
    row.upper === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : Math.floor(row.upper * unit + tolerance(row.upper))
  return { lower, upper }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}
