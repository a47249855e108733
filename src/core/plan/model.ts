import { assessProgress, type Tally } from '../rules/evaluate.js'
import { type CoverRow, type Demand, kindOf } from '../rules/kinds.js'
import type { Progress } from '../rules/request.js'
import { sumPoints } from '../rules/value.js'
import type { Candidate, Worth } from './candidates.js'
import { keptWith } from './kept-sets.js'
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
  /**
   * Demand rows (>=) and limit rows (<=) over candidate columns, plus extra columns; a
   * candidate's coefficient in a row is {@link coefficient}'s.
   */
  rows: ModelRow[]
  /** Extra binary columns after the candidates (the options of either-or requirements). */
  extra: { upper: number; integer: boolean }[]
  /** How many of one kind of course can ever help, per row index. */
  need: number[]
  /** Per credential: what every candidate together could add, per requirement id. */
  available: Map<string, number>[]
  /**
   * Per credential, each candidate's worth there as an id (-1: it does not count there). The
   * plain courses of a kind share one worth (candidates.ts), so a few dozen ids cover thousands
   * of candidates.
   */
  worthIds: Int32Array[]
  /**
   * Runs of plain candidates of one kind and offer group (candidates.ts, CandidateSet): the
   * same worth array and hours, cheapest first by list price, then by index.
   */
  runs: number[][]
}

/**
 * A row of the model. Its candidate coefficients come from one credential's worths (`source`):
 * `of[w]` for a candidate whose worth there has id w, 0 for one that does not count there; or,
 * for a row over single courses (one CPR card a date, one dating of a course), from its entries.
 * `index`/`value`: the entries the source does not give (those over single courses, and the
 * extra columns').
 */
export interface ModelRow {
  lower: number
  upper: number
  source: RowSource | null
  index: number[]
  value: number[]
}

export interface RowSource {
  credential: number
  of: number[]
}

/** Candidate j's coefficient in a row (see {@link ModelRow}). */
export function coefficient(row: ModelRow, worthIds: readonly Int32Array[], j: number): number {
  if (row.source) {
    const w = (worthIds[row.source.credential] as Int32Array)[j] as number
    return w < 0 ? 0 : (row.source.of[w] as number)
  }
  const k = row.index.indexOf(j)
  return k < 0 ? 0 : (row.value[k] as number)
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
export function buildModel(
  demands: readonly Demands[],
  candidates: Candidate[],
  runs: number[][] = [],
): Model {
  const model: Model = {
    candidates,
    rows: [],
    extra: [],
    need: [],
    available: [],
    worthIds: [],
    runs,
  }
  demands.forEach((d, i) => {
    addCredential(model, d, i)
  })
  for (const { index, value } of atMostOneRows(candidates)) {
    model.rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 1, source: null, index, value })
    model.need.push(0)
  }
  return model
}

/**
 * The rows taking at most one of some candidates: CPR cards of one date, the datings of one
 * course. They depend on the candidates alone, so they are read once per kept candidate array (a
 * set kept from one request to the next is the same array: kept-sets.ts); rows only read them.
 */
function atMostOneRows(candidates: readonly Candidate[]): { index: number[]; value: number[] }[] {
  return keptWith(atMostOneKept, candidates, () => readAtMostOne(candidates))
}

function readAtMostOne(candidates: readonly Candidate[]): { index: number[]; value: number[] }[] {
  const out: { index: number[]; value: number[] }[] = []
  const atMostOne = (index: number[]) => {
    if (index.length > 1) out.push({ index, value: index.map(() => 1) })
  }
  for (const cards of groupBy(
    positionsWhere(candidates, (c) => c.cprCard),
    (j) => (candidates[j] as Candidate).on,
  ))
    atMostOne(cards)
  // A course's datings come one after another (candidates.ts).
  let from = 0
  for (let j = 1; j <= candidates.length; j++) {
    if (j < candidates.length && candidates[j]?.course === candidates[from]?.course) continue
    if (j - from > 1) atMostOne(Array.from({ length: j - from }, (_, k) => from + k))
    from = j
  }
  return out
}

const atMostOneKept = new WeakMap<readonly Candidate[], { index: number[]; value: number[] }[]>()

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

/** Per rule set, the empty transcript's rows of the last few cycle ends and days. */
const fullestRows = new WeakMap<PlanTarget['rules'], Map<string, readonly CoverRow[]>>()
const DAYS_KEPT = 64

/**
 * The covering rows of a transcript with nothing done yet, for this credential, cycle and day:
 * the most its plans could ask of each kind of course. The same array while the rule set, cycle
 * end and day are the same (the set's key reads it by identity).
 */
export function emptyTranscriptRows(target: PlanTarget, asOf: string): readonly CoverRow[] {
  let byDay = fullestRows.get(target.rules)
  if (!byDay) {
    byDay = new Map()
    fullestRows.set(target.rules, byDay)
  }
  const key = `${target.cycleEnd}|${asOf}`
  let rows = byDay.get(key)
  // Read again, last to go (a kept set's key holds these rows by identity: kept-sets.ts).
  if (rows) {
    byDay.delete(key)
    byDay.set(key, rows)
  } else {
    // Offers held or sold change only the pathways, not the requirements' rows.
    const { progress, tally } = assessProgress(
      target.rules,
      { cycleEnd: target.cycleEnd },
      [],
      asOf,
      [],
    )
    rows = coverRows(demandsOf({ target, progress, tally }))
    byDay.set(key, rows)
    if (byDay.size > DAYS_KEPT) byDay.delete(byDay.keys().next().value as string)
  }
  return rows
}

/**
 * What the candidates are worth toward one credential, each distinct worth once: plain courses
 * of one kind share theirs (candidates.ts), so a row's coefficients are computed per worth and
 * each candidate is only looked up. `ids[j]`: candidate j's worth in `worths`, or -1.
 */
interface Worths {
  worths: Worth[]
  ids: Int32Array
}

/**
 * Per kept candidate array, each credential's worths, read once: a set kept from one request to
 * the next (kept-sets.ts) is the same array, and so are its worths (read-only, like the set).
 */
const worthsKept = new WeakMap<readonly Candidate[], Worths[]>()

function worthsOf(candidates: readonly Candidate[], runs: readonly number[][], i: number): Worths {
  const kept = keptWith(worthsKept, candidates, () => [] as Worths[])
  kept[i] ??= readWorths(candidates, runs, i)
  return kept[i]
}

function readWorths(
  candidates: readonly Candidate[],
  runs: readonly number[][],
  i: number,
): Worths {
  const worths: Worth[] = []
  const ids = new Int32Array(candidates.length)
  const seen = new Map<Worth, number>()
  const id = (j: number) => {
    const w = (candidates[j] as Candidate).worth[i]
    if (!w) return -1
    const k = idOf(seen, w)
    if (k === worths.length) worths.push(w)
    return k
  }
  // A run's candidates share their worth: looked up once (-2: not yet read).
  ids.fill(-2)
  for (const run of runs) {
    const k = id(run[0] as number)
    for (const j of run) ids[j] = k
  }
  for (let j = 0; j < candidates.length; j++) if (ids[j] === -2) ids[j] = id(j)
  return { worths, ids }
}

/** Appends one credential's requirement rows and CPR card cap (`i`: its index in the request). */
function addCredential(model: Model, { list, cardsLeft: left }: Demands, i: number) {
  const worths = worthsOf(model.candidates, model.runs, i)
  model.worthIds.push(worths.ids)
  const counts = countable(model.candidates, worths, left)
  const available = new Map<string, number>()
  model.available.push(available)
  for (const { id, demand } of list) {
    if (demand.available) available.set(id, demand.available(worths.worths, counts))
    compile(model, worths, i, demand)
  }
  if (Number.isFinite(left)) {
    model.rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.max(0, left),
      ...fromWorths(worths, i, (w) => (w.cprCard ? 1 : 0)),
    })
    model.need.push(0)
  }
}

/**
 * How many candidates of each worth can count for one credential together: every course, but
 * only one CPR card per date and as many as the cap still allows (the most valuable ones), so
 * that what is "available" respects both.
 */
function countable(
  candidates: readonly Candidate[],
  { worths, ids }: Worths,
  left: number,
): number[] {
  const counts = worths.map(() => 0)
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j] as number
    if (id >= 0) counts[id] = (counts[id] as number) + 1
  }
  if (!worths.some((w) => w.cprCard)) return counts
  const value = (w: Worth) => sumPoints(w.points)
  const worthOf = (j: number) => worths[ids[j] as number]
  const cardsByDate = groupBy(
    positionsWhere(candidates, (_, j) => worthOf(j)?.cprCard === true),
    (j) => (candidates[j] as Candidate).on,
  ).map((cards) => cards.map((j) => worthOf(j) as Worth).sort((a, b) => value(b) - value(a))[0])
  const cards = (cardsByDate as Worth[])
    .sort((a, b) => value(b) - value(a))
    .slice(0, Number.isFinite(left) ? Math.max(0, left) : undefined)
  return counts.map((n, k) =>
    !(worths[k] as Worth).cprCard || cards.includes(worths[k] as Worth) ? n : 0,
  )
}

/** Appends one requirement's rows (and option columns) to the model's arrays. */
function compile(model: Model, worths: Worths, i: number, demand: Demand) {
  const { candidates, rows, need, extra } = model
  const cover = (row: CoverRow) => fromWorths(worths, i, row.coefficient)
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
    source: null,
    index: demand.choice.map((_, k) => first + k),
    value: demand.choice.map(() => 1),
  })
  need.push(0)
  demand.choice.forEach((option, k) => {
    for (const row of option) {
      rows.push({
        lower: -EPS,
        upper: Number.POSITIVE_INFINITY,
        ...cover(row),
        index: [first + k],
        value: [-row.rhs],
      })
      need.push(row.rhs)
    }
  })
}

/** A row whose candidate coefficients are `f` of their worth toward credential `i`. */
function fromWorths({ worths }: Worths, i: number, f: (w: Worth) => number) {
  return {
    source: { credential: i, of: worths.map(f) },
    index: [] as number[],
    value: [] as number[],
  }
}

/** The id of `key` among `ids`, numbered in the order keys are first seen (a new key: the next). */
export function idOf<K>(ids: Map<K, number>, key: K): number {
  let id = ids.get(key)
  if (id === undefined) {
    id = ids.size
    ids.set(key, id)
  }
  return id
}

/** The positions of the items that pass `test` (a loop: thousands of candidates, few pass). */
function positionsWhere<T>(items: readonly T[], test: (item: T, j: number) => boolean): number[] {
  const out: number[] = []
  for (let j = 0; j < items.length; j++) if (test(items[j] as T, j)) out.push(j)
  return out
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
