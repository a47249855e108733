import { assessProgress } from '../rules/evaluate.js'
import type { CoverRow } from '../rules/kinds.js'
import type { CandidateSet, Window } from './candidates.js'
import type { CourseKinds } from './course-kinds.js'
import { coverRows, demandsOf } from './model.js'
import type { JointPlanInput, PlanTarget } from './schemas.js'

/**
 * Candidate sets kept from one request to the next (README, "Cheapest way to recertify", how it
 * works: "Requests reuse what the transcript does not change").
 *
 * Which courses a plan may need depends on the transcript only through how many of each kind
 * its covering rows could use (course-kinds.ts, kindLimits). A set read for the most any
 * transcript of the credential could use (the rows of an empty transcript) serves every
 * transcript that needs no more: a plan over more candidates than it needs is the same plan
 * (the column reduction keeps each group's cheapest few, columns.ts), and the set, being the
 * same object, lets the model, the prices and the column reduction reuse what they read of it
 * (model.ts, search.ts, columns.ts). The set a request gets never depends on the requests before
 * it: always the courses for the larger of its own limits and the empty transcript's, per kind;
 * kept when those are the empty transcript's, read afresh in the rare case they are not.
 */
export interface KeptSet {
  /** Per kind, how many of it the set holds at most (the empty transcript's limits). */
  limits: Int32Array
  set: CandidateSet
}

/** Per course-kind index, the sets of the last few keys (credentials, windows, filters). */
const sets = new WeakMap<CourseKinds, Map<string, KeptSet>>()
const SETS_KEPT = 8

/** The set kept for this key, if any. */
export function keptSet(index: CourseKinds, key: string): KeptSet | undefined {
  return sets.get(index)?.get(key)
}

/** Keeps a set for this key, letting the least recently kept go past {@link SETS_KEPT}. */
export function keepSet(index: CourseKinds, key: string, kept: KeptSet): void {
  let byKey = sets.get(index)
  if (!byKey) {
    byKey = new Map()
    sets.set(index, byKey)
  }
  byKey.delete(key)
  byKey.set(key, kept)
  if (byKey.size > SETS_KEPT) byKey.delete(byKey.keys().next().value as string)
}

/**
 * What, besides the catalog, credentials and offers (the index's own key), decides a request's
 * candidates: the empty transcripts' rows (by identity: per rule set, cycle end and day), the
 * windows, the day, the courses taken or excluded, the formats and providers allowed.
 */
export function setKey(
  input: JointPlanInput,
  windows: readonly Window[],
  fullest: readonly (readonly CoverRow[])[],
  blocked: ReadonlySet<string>,
): string {
  const { formats, providers } = input.preferences
  return JSON.stringify([
    fullest.map(rowsId),
    windows,
    input.asOf,
    [...blocked].sort(),
    formats ?? null,
    providers ?? null,
  ])
}

/** Whether `limits` asks no more of any kind than `kept` holds. */
export function covers(kept: Int32Array, limits: Int32Array): boolean {
  for (let k = 0; k < limits.length; k++)
    if ((limits[k] as number) > (kept[k] as number)) return false
  return true
}

/** The larger of two limits, per kind. */
export function atLeast(a: Int32Array, b: Int32Array): Int32Array {
  return a.map((n, k) => Math.max(n, b[k] as number))
}

const rowIds = new WeakMap<readonly CoverRow[], number>()
let nextRowsId = 0

function rowsId(rows: readonly CoverRow[]): number {
  let id = rowIds.get(rows)
  if (id === undefined) {
    id = nextRowsId++
    rowIds.set(rows, id)
  }
  return id
}

/** Per rule set, the empty transcript's rows of the last few cycle ends and days. */
const fullestRows = new WeakMap<PlanTarget['rules'], Map<string, readonly CoverRow[]>>()
const DAYS_KEPT = 8

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
  if (!rows) {
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
