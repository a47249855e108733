import type { MilpRow } from '../milp/port.js'
import type { Tally } from '../rules/evaluate.js'
import { type CoverRow, type Demand, kindOf } from '../rules/kinds.js'
import type { Progress } from '../rules/request.js'
import { sumPoints } from '../rules/value.js'
import type { Candidate } from './candidates.js'
import type { PlanInput } from './schemas.js'

export const EPS = 1e-9

/** Everything that does not depend on which offers are bought. */
export interface Model {
  candidates: Candidate[]
  /** Demand rows (>=) and limit rows (<=) over candidate columns, plus extra columns. */
  rows: MilpRow[]
  /** Extra binary columns after the candidates (the options of either-or requirements). */
  extra: { upper: number; integer: boolean }[]
  /** How many of one kind of course can ever help, per row index. */
  need: number[]
  /** What every candidate together could add, per requirement id (where it is reported). */
  available: Map<string, number>
}

/**
 * The covering model: each requirement's rows from its kind (rules/kinds.ts), keyed by
 * requirement id, compiled once to the solver's arrays in rule-set order; then the CPR card cap.
 */
export function buildModel(
  input: PlanInput,
  progress: Progress,
  tally: Tally,
  candidates: Candidate[],
): Model {
  const { rules } = input
  const remaining = new Map(progress.requirements.map((r) => [r.id, r.remaining]))
  const cap = rules.unapprovedMax
  const capLeft = cap ? Math.max(0, cap.max - Math.min(cap.max, sumPoints(tally.unapproved))) : 0
  const standing = { ...tally, capped: cap !== null, capLeft }
  const demands = new Map<string, Demand>(
    tally.requirements.map((r) => [r.id, kindOf(r).demand(r, remaining.get(r.id) ?? 0, standing)]),
  )
  const model: Model = { candidates, rows: [], extra: [], need: [], available: new Map() }
  const left =
    rules.cprCards && rules.cprCards.maxCards !== null
      ? rules.cprCards.maxCards - tally.cprCards
      : Number.POSITIVE_INFINITY
  const countable = withinCardCap(candidates, left)
  for (const [id, demand] of demands) compile(model, countable, id, demand)
  if (Number.isFinite(left)) {
    model.rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.max(0, left),
      ...column(candidates, (c) => (c.cprCard ? 1 : 0)),
    })
    model.need.push(0)
  }
  return model
}

/**
 * The candidates that can count together: every course, but only as many CPR cards as the cap
 * still allows (the most valuable ones), so that what is "available" respects the cap.
 */
function withinCardCap(candidates: Candidate[], left: number): Candidate[] {
  if (!Number.isFinite(left)) return candidates
  const cards = candidates
    .filter((c) => c.cprCard)
    .sort((a, b) => sumPoints(b.points) - sumPoints(a.points))
    .slice(0, Math.max(0, left))
  return candidates.filter((c) => !c.cprCard || cards.includes(c))
}

/** Appends one requirement's rows (and option columns) to the model's arrays. */
function compile(model: Model, countable: Candidate[], id: string, demand: Demand) {
  const { candidates, rows, need, extra } = model
  if (demand.available) model.available.set(id, demand.available(countable))
  for (const row of demand.rows) {
    if (row.rhs <= EPS) continue
    rows.push({ lower: row.rhs - EPS, upper: Number.POSITIVE_INFINITY, ...cover(model, row) })
    need.push(row.rhs)
  }
  if (!demand.choice) return
  // A binary per option, exactly one chosen; a chosen option's rows must be covered.
  const first = candidates.length + extra.length
  for (const _ of demand.choice) extra.push({ upper: 1, integer: true })
  rows.push({
    lower: 1,
    upper: Number.POSITIVE_INFINITY,
    index: demand.choice.map((_, k) => first + k),
    value: demand.choice.map(() => 1),
  })
  need.push(0)
  demand.choice.forEach((option, k) => {
    for (const row of option) {
      const r = cover(model, row)
      rows.push({
        lower: -EPS,
        upper: Number.POSITIVE_INFINITY,
        index: [...r.index, first + k],
        value: [...r.value, -row.rhs],
      })
      need.push(row.rhs)
    }
  })
}

const cover = (model: Model, row: CoverRow) => column(model.candidates, row.coefficient)

/** A row's sparse coefficients over the candidate columns. */
function column(candidates: readonly Candidate[], f: (c: Candidate) => number) {
  const index: number[] = []
  const value: number[] = []
  candidates.forEach((c, j) => {
    const v = f(c)
    if (v !== 0) {
      index.push(j)
      value.push(v)
    }
  })
  return { index, value }
}
