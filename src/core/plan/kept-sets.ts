import type { CoverRow } from '../rules/kinds.js'
import type { Candidate, CandidateSet, Window } from './candidates.js'
import type { CourseKinds } from './course-kinds.js'
import type { JointPlanInput } from './schemas.js'

/**
 * Candidate sets kept from one request to the next (README, "Cheapest way to recertify", how it
 * works: "Requests reuse what the transcript does not change").
 *
 * Which courses a plan may need depends on the transcript only through how many of each kind
 * its covering rows could use (course-kinds.ts, kindLimits). A set read for the most any
 * transcript of the credential could use (the rows of an empty transcript) serves every
 * transcript that needs no more: a plan over more candidates than it needs costs the same and
 * takes the same hours (the column reduction keeps each group's cheapest few, columns.ts;
 * among courses priced alike it may name others), and the set, being the same object, lets the
 * model, the prices and the column reduction reuse what they read of it (model.ts, prices.ts,
 * price-order.ts). The set a request gets never depends on the requests before
 * it: always the courses for the larger of its own limits and the empty transcript's, per kind;
 * kept (see {@link keepSet}) when those are the empty transcript's, read afresh in the rare case
 * they are not. A request that took or excluded catalog courses, or brought its own, reads its
 * own set (see {@link setKey}).
 */
export interface KeptSet {
  /** Per kind, how many of it the set holds at most (the empty transcript's limits). */
  limits: Int32Array
  set: CandidateSet
}

/**
 * The candidate arrays of kept sets: what is read of them (model.ts, prices.ts, price-order.ts)
 * is kept with them. A set read for one request alone keeps nothing: it would only be garbage.
 */
const keptArrays = new WeakSet<readonly Candidate[]>()

/** Whether these candidates are a kept set's. */
export const isKept = (candidates: readonly Candidate[]) => keptArrays.has(candidates)

/**
 * What `make` reads of these candidates: kept in `cache` with a kept set's array (read once for
 * every request over it), made afresh for any other array.
 */
export function keptWith<V>(
  cache: WeakMap<readonly Candidate[], V>,
  candidates: readonly Candidate[],
  make: () => V,
): V {
  if (!isKept(candidates)) return make()
  let value = cache.get(candidates)
  if (value === undefined) {
    value = make()
    cache.set(candidates, value)
  }
  return value
}

/**
 * Per course-kind index: its kept sets by key (least recently used first), each with the
 * request count at its last use, and the keys of the last few requests.
 */
interface Memo {
  clock: number
  sets: Map<string, KeptSet & { used: number }>
  seen: Set<string>
}
const memos = new WeakMap<CourseKinds, Memo>()
/**
 * At most this many sets per index (a catalog keeps an index per set of credentials and offers'
 * terms, eight at most: course-kinds.ts): one is about 0.7 MB at 10,000 hard courses (measured).
 */
const SETS_KEPT = 16
/** A kept set unused for this many requests to its index (those that could reuse one) may make way. */
const IDLE = 64
const SEEN_KEPT = 256

function memoOf(index: CourseKinds): Memo {
  let memo = memos.get(index)
  if (!memo) {
    memo = { clock: 0, sets: new Map(), seen: new Set() }
    memos.set(index, memo)
  }
  return memo
}

/** The set kept for this key, if any (counting the request). */
export function keptSet(index: CourseKinds, key: string): KeptSet | undefined {
  const memo = memoOf(index)
  memo.clock++
  const kept = memo.sets.get(key)
  if (kept) {
    kept.used = memo.clock
    memo.sets.delete(key)
    memo.sets.set(key, kept)
  }
  return kept
}

/**
 * Keeps a set for this key, when it is worth it: from its key's second request (keys no one
 * repeats, such as one person's cycle end, would push out sets that are reused), and, with
 * {@link SETS_KEPT} sets kept, only in place of one unused for {@link IDLE} requests (more keys
 * in use than that, in turn, would each push out the next one needed: the ones kept serve their
 * requests, the others are read for each request alone). The set a request gets is the same
 * either way; only what is read of it is kept or not.
 */
export function keepSet(index: CourseKinds, key: string, kept: KeptSet): void {
  const memo = memoOf(index)
  const before = memo.seen.has(key)
  memo.seen.delete(key)
  memo.seen.add(key)
  if (memo.seen.size > SEEN_KEPT) memo.seen.delete(memo.seen.values().next().value as string)
  if (!before) return
  if (memo.sets.size >= SETS_KEPT) {
    const [oldest, set] = memo.sets.entries().next().value as [string, { used: number }]
    if (memo.clock - set.used <= IDLE) return
    memo.sets.delete(oldest)
  }
  memo.sets.set(key, { ...kept, used: memo.clock })
  keptArrays.add(kept.set.candidates)
}

/**
 * What, besides the catalog, credentials and offers (the index's own key), decides the
 * candidates of a request that took and excluded no catalog course: the empty transcripts' rows
 * (by identity: per rule set, cycle end and day), the windows, the day, the formats and
 * providers allowed. (Courses taken or excluded differ from one person to the next: such a
 * request reads its own set, as many of each kind as its own rows could use, and keeps none.)
 */
export function setKey(
  input: JointPlanInput,
  windows: readonly Window[],
  fullest: readonly (readonly CoverRow[])[],
): string {
  const { formats, providers } = input.preferences
  return JSON.stringify([
    fullest.map(rowsId),
    windows,
    input.asOf,
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
