import type { MilpRow } from '../milp/port.js'
import type { Tally } from '../rules/evaluate.js'
import { type CoverRow, type Demand, kindOf } from '../rules/kinds.js'
import type { Progress } from '../rules/request.js'
import { sumPoints } from '../rules/value.js'
import type { Candidate, Worth } from './candidates.js'
import type { PlanTarget } from './schemas.js'

export const EPS = 1e-9

/** Where one credential stands before the plan. */
export interface Standing {
  target: PlanTarget
  progress: Progress
  tally: Tally
}

/** Everything that does not depend on which offers are bought. */
export interface Model {
  candidates: Candidate[]
  /** Demand rows (>=) and limit rows (<=) over candidate columns, plus extra columns. */
  rows: MilpRow[]
  /** Extra binary columns after the candidates (the options of either-or requirements). */
  extra: { upper: number; integer: boolean }[]
  /** How many of one kind of course can ever help, per row index. */
  need: number[]
  /** Per credential: what every candidate together could add, per requirement id. */
  available: Map<string, number>[]
}

/** One credential's demands on a plan: each open requirement's rows, and its CPR cards left. */
export interface Demands {
  list: { id: string; demand: Demand }[]
  cardsLeft: number
}

/**
 * The covering model: for each credential, each requirement's rows from its kind
 * (rules/kinds.ts) over what the candidates are worth there, then its CPR card cap; then the
 * rows every plan shares: at most one CPR card per date, and a course dated more than one way
 * taken at most once. `demands`: each credential's, from {@link demandsOf}.
 */
export function buildModel(demands: readonly Demands[], candidates: Candidate[]): Model {
  const model: Model = { candidates, rows: [], extra: [], need: [], available: [] }
  demands.forEach((d, i) => {
    addCredential(model, d, i)
  })
  const indexOf = new Map(candidates.map((c, j) => [c, j]))
  const atMostOne = (members: Candidate[]) => {
    if (members.length < 2) return
    const index = members.map((c) => indexOf.get(c) as number).sort((a, b) => a - b)
    model.rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 1, index, value: index.map(() => 1) })
    model.need.push(0)
  }
  for (const cards of groupBy(
    candidates.filter((c) => c.cprCard),
    (c) => c.on,
  ))
    atMostOne(cards)
  // A course's datings come one after another (candidates.ts).
  let from = 0
  for (let j = 1; j <= candidates.length; j++) {
    if (j < candidates.length && candidates[j]?.course === candidates[from]?.course) continue
    if (j - from > 1) atMostOne(candidates.slice(from, j))
    from = j
  }
  return model
}

/** What one credential's open requirements ask of a plan (rules/kinds.ts), and its card cap. */
export function demandsOf({ target, progress, tally }: Standing): Demands {
  const { rules } = target
  const remaining = new Map(progress.requirements.map((r) => [r.id, r.remaining]))
  const cap = rules.unapprovedMax
  const capLeft = cap ? Math.max(0, cap.max - Math.min(cap.max, sumPoints(tally.unapproved))) : 0
  const standing = { ...tally, capped: cap !== null, capLeft }
  const list = tally.requirements.map((requirement) => ({
    id: requirement.id,
    demand: kindOf(requirement).demand(requirement, remaining.get(requirement.id) ?? 0, standing),
  }))
  const cardsLeft =
    rules.cprCards && rules.cprCards.maxCards !== null
      ? rules.cprCards.maxCards - tally.cprCards
      : Number.POSITIVE_INFINITY
  return { list, cardsLeft }
}

/** Every covering row of a credential's demands, the options' rows of an either-or included. */
export function coverRows({ list }: Demands): CoverRow[] {
  return list.flatMap(({ demand }) => [...demand.rows, ...(demand.choice ?? []).flat()])
}

/** Appends one credential's requirement rows and CPR card cap (`i`: its index in the request). */
function addCredential(model: Model, { list, cardsLeft: left }: Demands, i: number) {
  const view = (c: Candidate) => c.worth[i] ?? null
  const countable = withinCardCap(model.candidates, view, left)
  const available = new Map<string, number>()
  model.available.push(available)
  for (const { id, demand } of list) {
    if (demand.available) available.set(id, demand.available(countable))
    compile(model, view, demand)
  }
  if (Number.isFinite(left)) {
    model.rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.max(0, left),
      ...column(model.candidates, (c) => (view(c)?.cprCard ? 1 : 0)),
    })
    model.need.push(0)
  }
}

/**
 * What the candidates can count for one credential together: every course, but only one CPR
 * card per date and as many as the cap still allows (the most valuable ones), so that what is
 * "available" respects both.
 */
function withinCardCap(
  candidates: readonly Candidate[],
  view: (c: Candidate) => Worth | null,
  left: number,
): Worth[] {
  const worth: Worth[] = []
  let anyCard = false
  for (const c of candidates) {
    const w = view(c)
    if (!w) continue
    worth.push(w)
    anyCard ||= w.cprCard
  }
  if (!anyCard) return worth
  const value = (w: Worth) => sumPoints(w.points)
  const cardsByDate = groupBy(
    candidates.filter((c) => view(c)?.cprCard),
    (c) => c.on,
  ).map((cards) => cards.map((c) => view(c) as Worth).sort((a, b) => value(b) - value(a))[0])
  const cards = (cardsByDate as Worth[])
    .sort((a, b) => value(b) - value(a))
    .slice(0, Number.isFinite(left) ? Math.max(0, left) : undefined)
  return worth.filter((w) => !w.cprCard || cards.includes(w))
}

/** Appends one requirement's rows (and option columns) to the model's arrays. */
function compile(model: Model, view: (c: Candidate) => Worth | null, demand: Demand) {
  const { candidates, rows, need, extra } = model
  const cover = (row: CoverRow) => {
    // Candidates of one kind of course share their worth (candidates.ts): once per kind.
    const memo = new Map<Worth, number>()
    return column(candidates, (c) => {
      const w = view(c)
      if (!w) return 0
      let v = memo.get(w)
      if (v === undefined) {
        v = row.coefficient(w)
        memo.set(w, v)
      }
      return v
    })
  }
  for (const row of demand.rows) {
    if (row.rhs <= EPS) continue
    rows.push({ lower: row.rhs - EPS, upper: Number.POSITIVE_INFINITY, ...cover(row) })
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
      const r = cover(row)
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

/** A row's sparse coefficients over the candidate columns. */
function column(candidates: readonly Candidate[], f: (c: Candidate) => number) {
  const index: number[] = []
  const value: number[] = []
  for (let j = 0; j < candidates.length; j++) {
    const v = f(candidates[j] as Candidate)
    if (v !== 0) {
      index.push(j)
      value.push(v)
    }
  }
  return { index, value }
}

/** The groups of items sharing a key, in first-seen order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): T[][] {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return [...groups.values()]
}
