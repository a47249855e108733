import type { RuleSet } from '../catalog/rule-set.js'
import type { Course } from '../catalog/schemas.js'
import { type ResolvedActivity, resolveActivity } from './request.js'
import { type ActivityValue, activityValue } from './value.js'

/** The last day of a course that counts with no end: later than any real date. */
export const COUNTS_WITHOUT_END = '9999-12-31'

/**
 * What a catalog course is worth under a rule set if completed on `on`, with the approvals it
 * still carries that day (all of them when no day is given), whatever the person's cycle.
 * "Counts for a credential" means this has points: search's `credential` filter and the
 * planner's candidates both ask it.
 *
 * ```ts
 * courseValueOn(cma, { ...course, hours: 0.5, approvals: ['AAMA'], approvalsUntil: { AAMA: '2019-08-29' } }, '2020-01-10')
 * // -> { reason: 'under 1 contact hour (50 minutes): …' } (the AAMA approval had ended)
 * ```
 */
export function courseValueOn(rules: RuleSet, course: Course, on?: string): ActivityValue {
  return activityValue(rules, courseOn(course, on))
}

/** Whether the course is worth points under the rule set when completed on `on`. */
export function countsFor(rules: RuleSet, course: Course, on?: string): boolean {
  return !('reason' in courseValueOn(rules, course, on))
}

/**
 * The course as a transcript entry completed on `on`, read as progress reads one (its approvals
 * of that day; all of them without a day). Built field by field: copying a whole course record
 * (`{ ...course }`) costs ten times more, which matters over 100,000 courses.
 */
function courseOn(course: Course, on: string | undefined): ResolvedActivity {
  return resolveActivity(
    on === undefined
      ? { courseId: course.id, completedOn: '', approvals: course.approvals }
      : { courseId: course.id, completedOn: on },
    course,
  )
}

/**
 * The last day the course counts under the rule set (`COUNTS_WITHOUT_END` when no ending
 * approval changes that), or null when it never counts. The days a course counts run up to
 * that day: an approval only ever ends, and fewer approvals never make a course worth more.
 */
export function countsUntil(rules: RuleSet, course: Course): string | null {
  return countsFor(rules, course) ? lastDay(rules, course) : null
}

/** The last day a course that counts with all its approvals still counts. */
function lastDay(rules: RuleSet, course: Course): string {
  const ends = [...new Set(Object.values(course.approvalsUntil ?? {}))].sort().reverse()
  if (ends.length === 0 || countsFor(rules, course, COUNTS_WITHOUT_END)) return COUNTS_WITHOUT_END
  // The latest approval end on which it still counts (it counts on the earliest: nothing has
  // ended yet that day).
  return ends.find((day) => countsFor(rules, course, day)) ?? (ends.at(-1) as string)
}

/**
 * For each rule set the course counts for, the last day it counts (see `countsUntil`), keyed by
 * credential id. Computed when a catalog is loaded, for search's `credential` filter.
 */
export function countingDays(ruleSets: readonly RuleSet[], course: Course): Record<string, string> {
  const days: Record<string, string> = {}
  const always = courseOn(course, undefined)
  for (const rules of ruleSets) {
    if ('reason' in activityValue(rules, always)) continue
    days[rules.id] = course.approvalsUntil ? lastDay(rules, course) : COUNTS_WITHOUT_END
  }
  return days
}
