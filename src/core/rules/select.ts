import type { RuleSet } from '../catalog/rule-set.js'
import { addMonths } from './dates.js'
import type { ResolvedActivity } from './request.js'
import { type ActivityValue, minutesOf, sumPoints } from './value.js'

/** An activity that passed the date and value checks, with its canonical key. */
export interface Entry {
  index: number
  activity: ResolvedActivity
  value: Exclude<ActivityValue, { reason: string }>
  /** Date, then the canonical JSON of the entry: the tie-break that ignores list order. */
  key: string
  /** Recurring employer training (every duplicate of it marked so). */
  marked: boolean
}

/** What the selection refused and what it noticed, for the outcomes and the warnings. */
export interface Selection {
  kept: Entry[]
  refused: { index: number; reason: string }[]
  /** Later occurrences of a repeated course that counted under an unverified repeat rule. */
  repeats: number[]
  /** Unmarked activities whose title looks like recurring employer training. */
  lookRecurring: number[]
}

/**
 * JSON with sorted keys, so that two equal entries give the same text (fields left undefined
 * are left out, as JSON.stringify leaves them). Built by hand in one string: every activity of
 * every assessment is keyed this way (a plan checks about twenty), and the entries, filter and
 * join of the plain way were a third of an assessment's time.
 */
export function canonicalJson(value: unknown): string {
  // Numbers and plain strings as JSON writes them, without asking it.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  if (typeof value === 'string' && !NEEDS_ESCAPE.test(value)) return `"${value}"`
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      // As join writes them: nothing for an undefined item.
      out += canonicalJson(value[i]) ?? ''
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  // Code-unit order, as `<` orders strings: the default sort's.
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const k of keys) {
    const v = record[k]
    if (v === undefined) continue
    if (out.length > 1) out += ','
    out += `${quoted(k)}:${canonicalJson(v)}`
  }
  return `${out}}`
}

/**
 * What JSON.stringify may escape in a string: quotes, backslashes, control characters and
 * surrogates (it escapes lone ones; a string with a pair goes to it too).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * A key as JSON writes it, each once: the same few keys come back in every activity (short
 * ones are kept, a thousand at most).
 */
const quotedKeys = new Map<string, string>()
function quoted(key: string): string {
  let q = quotedKeys.get(key)
  if (q === undefined) {
    q = JSON.stringify(key)
    if (key.length <= 64 && quotedKeys.size < 1_000) quotedKeys.set(key, q)
  }
  return q
}

/**
 * The order in which refusals keep what helps most: approved points first, then more points,
 * then training that is not subject to the recurring rule, then the canonical key.
 */
function better(a: Entry, b: Entry): number {
  if (a.value.approved !== b.value.approved) return a.value.approved ? -1 : 1
  const points = sumPoints(b.value.points) - sumPoints(a.value.points)
  if (Math.abs(points) > 1e-9) return points
  if (a.marked !== b.marked) return a.marked ? 1 : -1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

const byKey = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

function groupBy(entries: readonly Entry[], keyOf: (e: Entry) => string | null) {
  const groups = new Map<string, Entry[]>()
  for (const e of entries) {
    const key = keyOf(e)
    if (key === null) continue
    const group = groups.get(key)
    if (group) group.push(e)
    else groups.set(key, [e])
  }
  return [...groups.values()]
}

/** Two entries are the same activity only when identical in substance (docs/rules.md). */
function identity(e: Entry): string {
  const a = e.activity
  if (a.courseId) return `course:${a.courseId}|${a.completedOn}`
  const credits = Object.fromEntries(Object.entries(a.credits ?? {}).filter(([, v]) => v))
  return `adhoc:${canonicalJson([
    a.title ?? '',
    a.completedOn,
    minutesOf(a),
    credits,
    [...(a.approvals ?? [])].sort(),
    a.collegeCredits ?? null,
  ])}`
}

/**
 * Refuses duplicates, repeats the rule set forbids, recurring training beyond once in its
 * years and CPR cards beyond the cap, each time keeping the entries that help most whatever
 * their order in the list.
 */
export function select(rules: RuleSet, entries: readonly Entry[]): Selection {
  const refused: Selection['refused'] = []
  let kept = [...entries].sort(byKey)
  const keepBest = (group: Entry[], reason: (best: Entry) => string) => {
    const [best, ...rest] = [...group].sort(better) as [Entry, ...Entry[]]
    for (const e of rest) refused.push({ index: e.index, reason: reason(best) })
    return rest
  }
  const drop = (gone: Entry[]) => {
    const set = new Set(gone)
    kept = kept.filter((e) => !set.has(e))
  }
  for (const group of groupBy(kept, identity)) {
    const marked = group.every((e) => e.marked)
    for (const e of group) e.marked = marked
    drop(
      keepBest(group, (b) => `duplicate of activity ${b.index}: the same activity entered twice`),
    )
  }
  const repeats: number[] = []
  for (const group of groupBy(kept, (e) =>
    e.activity.courseId && !e.activity.generic ? e.activity.courseId : null,
  )) {
    if (group.length < 2) continue
    if (!rules.repeatCourses.repeatable) {
      drop(
        keepBest(
          group,
          (b) =>
            `${rules.issuer.id} courses cannot be repeated: activity ${b.index} already counts this course`,
        ),
      )
    } else if (rules.repeatCourses.confidence !== 'official') {
      const first = [...group].sort(byKey)[0] as Entry
      repeats.push(...group.filter((e) => e !== first).map((e) => e.index))
    }
  }
  drop(recurring(rules, kept, refused))
  drop(cappedCards(rules, kept, refused))
  return {
    kept,
    refused,
    repeats: repeats.sort((a, b) => a - b),
    lookRecurring: looksRecurring(rules, kept),
  }
}

/** The same recurring training counts once in the rule's years: the most helpful occurrence. */
function recurring(rules: RuleSet, kept: readonly Entry[], refused: Selection['refused']) {
  const rule = rules.recurringTraining
  if (!rule) return []
  const gone: Entry[] = []
  const groups = groupBy(kept, (e) =>
    e.marked ? (e.activity.courseId ?? `title:${e.activity.title ?? ''}`) : null,
  )
  for (const group of groups) {
    const counted: Entry[] = []
    for (const e of [...group].sort(better)) {
      const near = counted.find((c) => {
        const [from, to] = [c.activity.completedOn, e.activity.completedOn].sort() as [
          string,
          string,
        ]
        return to < addMonths(from, rule.onceInYears * 12)
      })
      if (!near) counted.push(e)
      else {
        gone.push(e)
        refused.push({
          index: e.index,
          reason: `recurring employer training counts once in ${rule.onceInYears} years: activity ${near.index} already counts it`,
        })
      }
    }
  }
  return gone
}

/** Unmarked activities whose title matches the rule's patterns: counted, with a question. */
function looksRecurring(rules: RuleSet, kept: readonly Entry[]): number[] {
  const patterns = (rules.recurringTraining?.titlePatterns ?? []).map((p) => new RegExp(p, 'i'))
  return kept
    .filter((e) => !e.marked && patterns.some((p) => p.test(e.activity.title ?? '')))
    .map((e) => e.index)
    .sort((a, b) => a - b)
}

/** At most the rule's number of CPR cards count: those worth most, then the earliest. */
function cappedCards(rules: RuleSet, kept: readonly Entry[], refused: Selection['refused']) {
  const max = rules.cprCards?.maxCards ?? null
  if (max === null) return []
  const gone = kept
    .filter((e) => e.value.cprCard)
    .sort(better)
    .slice(max)
  for (const e of gone)
    refused.push({ index: e.index, reason: `capped: at most ${max} CPR cards count per cycle` })
  return gone
}
