import type { Course } from '../catalog/schemas.js'
import { cycleOf, lastCountingDay } from '../rules/calendar.js'
import type { CoverRow } from '../rules/kinds.js'
import type { Points } from '../rules/value.js'
import { type CourseKinds, courseKinds, kindLimits, neededPositions } from './course-kinds.js'
import { type Dated, datings, onDemand } from './dating.js'
import { atLeast, covers, keepSet, keptSet, setKey } from './kept-sets.js'
import type { JointPlanInput, PlanTarget } from './schemas.js'

/** What a course is worth toward one credential's rule set. */
export interface Worth {
  points: Points
  approved: boolean
  cprCard: boolean
}

/** A course the plan may use, on one date, with what it is worth toward each credential. */
export interface Candidate {
  course: Course
  /** The date the plan assumes: a session's, or the first day it counts on demand. */
  on: string
  /** The last day it may be done and still count for every credential it serves. */
  by: string
  /** Per credential of the request, in order: its worth there, or null when it does not count. */
  worth: (Worth | null)[]
  cprCard: boolean
  /** A course the person brought (`preferences.extraCourses`), not a catalog one. */
  own: boolean
  /** Tie-break weight: contact hours, or credits when hours are unknown. */
  weight: number
  /**
   * What offers read of the course (prices.ts), kept beside it: every offer choice reads them
   * for every candidate, and the candidate is at hand where the course object is not.
   */
  price: number
  provider: string
  format: Course['format']
}

/** The days a course may be done and count for one credential: inside its cycle, from `asOf`. */
export interface Window {
  start: string
  last: string
}

/**
 * Each credential's window: never before its cycle starts nor before `asOf`; never after the
 * last day its points count (the cycle's end, or the lapse window's) nor the deadline asked for.
 */
export function windowsOf(input: JointPlanInput): Window[] {
  const { asOf, preferences } = input
  return input.targets.map(({ rules, cycleEnd }: PlanTarget) => {
    const start = [cycleOf(rules, cycleEnd).start, asOf].sort()[1] as string
    const last = lastCountingDay(rules, cycleEnd, asOf)
    return { start, last: [preferences.deadline ?? last, last].sort()[0] as string }
  })
}

/**
 * The courses a plan may use (`candidates`), and, read from the course kinds, the runs of plain
 * candidates alike in all but price (indices into `candidates`), each cheapest first by list
 * price (then by index): the column reduction keys and orders a run at once (columns.ts).
 */
export interface CandidateSet {
  candidates: Candidate[]
  runs: number[][]
}

/**
 * The courses a plan may use: priced, not taken or excluded, within the preferences, with a date
 * inside some credential's window, and worth points there. A course is dated where it serves
 * the most credentials (the earliest such date); when its dates serve different credentials that
 * no one date serves together, it is one candidate per date and the model takes at most one.
 *
 * With `rows` (each credential's covering rows), only the courses some optimal plan may need
 * are read: of each kind of interchangeable course, the cheapest few (plan/course-kinds.ts);
 * without them, every course, and no runs. With `fullest` too (an empty transcript's rows), at
 * least as many as those could use: that set is kept from one request to the next
 * (kept-sets.ts), the same object for every transcript that needs no more.
 */
export function candidateSet(
  input: JointPlanInput,
  windows = windowsOf(input),
  rows?: readonly (readonly CoverRow[])[],
  fullest?: readonly (readonly CoverRow[])[],
): CandidateSet {
  const { preferences } = input
  // What a course must pass, written once: not taken nor excluded, and, unless the person
  // brought it, of a format and provider the preferences allow. Plain catalog courses are asked
  // the same by position below (their place, and the positions of these ids).
  const blocked = new Set([
    ...input.activities.flatMap((a) => (a.courseId ? [a.courseId] : [])),
    ...(preferences.exclude ?? []),
  ])
  const allowed = (provider: string, format: Course['format']) =>
    (!preferences.formats || preferences.formats.includes(format)) &&
    (!preferences.providers || preferences.providers.includes(provider))
  const accept = (course: Course, mine: boolean) =>
    course.price !== null &&
    !blocked.has(course.id) &&
    (mine || allowed(course.provider, course.format))
  const last = windows.map((w) => w.last).sort()[windows.length - 1] as string
  const candidates: Candidate[] = []
  let runs: number[][] = []
  const consider = (course: Course, mine: boolean) => {
    if (!accept(course, mine)) return
    // Most courses: on demand, worth the same whatever the day (no approval ends).
    const simple =
      !course.sessions && !course.approvalsUntil && onDemand(input.targets, course, windows)
    if (simple !== false) {
      if (simple) {
        const { on, by, worth, cprCard, weight } = simple
        candidates.push(new CandidateOf(course, on, by, worth, cprCard, mine, weight))
      }
      return
    }
    const days = course.sessions
      ? course.sessions.map((s) => s.start).filter((d) => d >= input.asOf && d <= last)
      : windows.map((w) => w.start).filter((d) => d <= last)
    for (const { on, by, worth, cprCard, weight } of datings(
      input.targets,
      course,
      [...new Set(days)].sort(),
      windows,
    ))
      candidates.push(new CandidateOf(course, on, by, worth, cprCard, mine, weight))
  }
  const { courses } = input
  if (rows) {
    const index = courseKinds(
      courses,
      input.targets.map((t) => t.rules),
      input.offers,
    )
    const open = windows.map((w) => w.start <= w.last)
    const meet = (served: readonly boolean[]) => {
      const ws = windows.filter((_, i) => served[i])
      return ws.every((a) => ws.every((b) => a.start <= b.last))
    }
    let limits = kindLimits(index, open, meet, rows)
    // At least the empty transcript's limits, whose set is kept (kept-sets.ts), unless the
    // person took or excluded catalog courses, or brought their own: theirs is read as needed.
    const reuse = fullest && blocked.size === 0 && !input.extraCourses?.length
    const key = reuse ? setKey(input, windows, fullest) : null
    const kept = key === null ? undefined : keptSet(index, key)
    if (kept && covers(kept.limits, limits)) return kept.set
    const most = reuse && (kept?.limits ?? kindLimits(index, open, meet, fullest))
    if (most) limits = atLeast(limits, most)
    // accept(), by position (the kinds hold priced courses only).
    const blockedAt = new Set([...blocked].flatMap((id) => index.positionsOf(id)))
    const placeOk = index.places.map(({ provider, format }) => allowed(provider, format))
    const needed = neededPositions(
      index,
      limits,
      blockedAt.size === 0 && placeOk.every(Boolean)
        ? null
        : (p) => placeOk[index.placeOf[p] as number] === true && !blockedAt.has(p),
    )
    const plain = plainCandidates(index, input, windows)
    // Each position's candidate index, when it is one plain candidate (-1: none, or dated
    // day by day); positions not read this time are never looked at.
    const at = index.scratch()
    for (const p of needed.positions) {
      const kind = index.kindOf[p] as number
      // A plain course neededPositions read is accepted already; its candidate is kept.
      const candidate = kind >= 0 ? plain.of(p, kind) : false
      at[p] = candidate ? candidates.length : -1
      if (candidate === false) consider(courses[p] as Course, false)
      else if (candidate) candidates.push(candidate)
    }
    runs = needed.runs.flatMap((run) => alikeRuns(candidates, run, at))
    if (key !== null && most && covers(most, limits)) {
      const set = { candidates, runs }
      keepSet(index, key, { limits: most, set })
      return set
    }
  } else for (const course of courses) consider(course, false)
  for (const course of input.extraCourses ?? []) consider(course, true)
  return { candidates, runs }
}

/**
 * A run of positions as runs of candidates alike in all but price: those dated day by day left
 * out, and cut where the worth array or the hours change. A kind is keyed on the hours over
 * every credential, a candidate's on those whose window is open (a course of unknown hours
 * weighs its points where it counts), so one kind's candidates may differ there.
 */
function alikeRuns(candidates: readonly Candidate[], run: readonly number[], at: Int32Array) {
  const out: number[][] = []
  let current: number[] = []
  for (const p of run) {
    const j = at[p] as number
    if (j < 0) continue
    const first = candidates[current[0] ?? j] as Candidate
    const c = candidates[j] as Candidate
    if (c.worth !== first.worth || c.weight !== first.weight) {
      out.push(current)
      current = []
    }
    current.push(j)
  }
  if (current.length > 0) out.push(current)
  return out
}

/**
 * A candidate, of one shape (quick to read; a spread one made every later read slow), made by
 * a class: built as object literals, the 2,400 candidates of a request whose windows the memo
 * below does not hold took about a millisecond more (measured; why is V8's own business).
 * Courses without a price are never candidates.
 */
class CandidateOf implements Candidate {
  readonly price: number
  readonly provider: string
  readonly format: Course['format']
  constructor(
    readonly course: Course,
    readonly on: string,
    readonly by: string,
    readonly worth: (Worth | null)[],
    readonly cprCard: boolean,
    readonly own: boolean,
    readonly weight: number,
  ) {
    this.price = course.price as number
    this.provider = course.provider
    this.format = course.format
  }
}

/** Per course-kind index, the plain courses' candidates of the last few sets of windows. */
const plainMemo = new WeakMap<CourseKinds, { key: string; plain: PlainCandidates }[]>()
const WINDOWS_KEPT = 4

interface PlainCandidates {
  /**
   * The candidate of the plain course at position p (of kind `kind`): the same object from one
   * request to the next while the catalog, credentials and windows are the same; null when it
   * counts nowhere, false when its windows do not meet (then it is dated day by day).
   */
  of(p: number, kind: number): Candidate | null | false
}

/**
 * The candidates of a catalog's plain courses for these credentials' windows, made once: a plain
 * course's candidate depends on nothing else. Courses of one kind share one worth vector, so the
 * model computes a coefficient once per kind (model.ts).
 */
function plainCandidates(
  index: CourseKinds,
  { courses, targets }: Pick<JointPlanInput, 'courses' | 'targets'>,
  windows: readonly Window[],
): PlainCandidates {
  const key = JSON.stringify(windows)
  let kept = plainMemo.get(index)
  if (!kept) {
    kept = []
    plainMemo.set(index, kept)
  }
  const found = kept.find((k) => k.key === key)
  if (found) return found.plain
  // By position, in an array (undefined: not read yet): a plan reads thousands of them.
  const byPosition: (Candidate | null | false | undefined)[] = new Array(courses.length).fill(
    undefined,
  )
  // Per kind, and whether the course's hours are known (null or absent, as weightOf reads them):
  // its dating, with one worth array per kind. Courses of one kind are worth the same everywhere,
  // so they are dated alike, and weigh alike (their hours when known; otherwise their points
  // where a window is open, which a kind's key does not fix: course-kinds.ts).
  const datedOf = new Map<number, Dated | null | false>()
  const worthOf = new Map<number, (Worth | null)[]>()
  const plain: PlainCandidates = {
    of(p, kind) {
      let candidate = byPosition[p]
      if (candidate !== undefined) return candidate
      const course = courses[p] as Course
      const key = 2 * kind + ((course.hours ?? null) === null ? 1 : 0)
      let dated = datedOf.get(key)
      if (dated === undefined) {
        dated = onDemand(targets, course, windows)
        if (dated) {
          dated.worth = worthOf.get(kind) ?? dated.worth
          worthOf.set(kind, dated.worth)
        }
        datedOf.set(key, dated)
      }
      candidate = dated
        ? new CandidateOf(
            course,
            dated.on,
            dated.by,
            dated.worth,
            dated.cprCard,
            false,
            dated.weight,
          )
        : dated
      byPosition[p] = candidate
      return candidate
    },
  }
  kept.unshift({ key, plain })
  kept.length = Math.min(kept.length, WINDOWS_KEPT)
  return plain
}
