import type { RuleSet } from '../catalog/rule-set.js'
import type { Course } from '../catalog/schemas.js'
import { lastCountingDay } from '../rules/calendar.js'
import { courseValueOn } from '../rules/counts-for.js'
import { type ActivityValue, type Points, sumPoints } from '../rules/value.js'
import type { PlanInput } from './schemas.js'

/** A course the plan may use, with what it is worth toward the rule set. */
export interface Candidate {
  course: Course
  on: string
  points: Points
  approved: boolean
  cprCard: boolean
  /** Tie-break weight: contact hours, or credits when hours are unknown. */
  weight: number
}

/**
 * What a course is worth toward a rule set (the date it is taken does not change it), kept per
 * rule set and course object: a loaded catalog's courses and rule sets are the same objects from
 * one plan to the next, so a plan over thousands of courses evaluates each course once per
 * catalog load, not once per request. Weak maps: a replaced catalog is let go with its values.
 */
export class CourseValueCache {
  private readonly byRules = new WeakMap<RuleSet, WeakMap<Course, ActivityValue>>()

  of(rules: RuleSet, course: Course): ActivityValue {
    let values = this.byRules.get(rules)
    if (!values) {
      values = new WeakMap()
      this.byRules.set(rules, values)
    }
    let value = values.get(course)
    if (!value) {
      value = courseValueOn(rules, course)
      values.set(course, value)
    }
    return value
  }
}

/** The process-wide cache every plan reads through. */
export const courseValues = new CourseValueCache()

/**
 * The courses a plan may use: priced, not taken or excluded, within the preferences, with a
 * session (or on demand) between `asOf` and the deadline, and worth points toward the rule set.
 */
export function candidatesOf(input: PlanInput): Candidate[] {
  const { rules, preferences } = input
  // The last day a course still counts: the cycle's end, or the lapse window's where points
  // earned in it count (the same day the rules engine uses).
  const last = lastCountingDay(rules, input.cycleEnd, input.asOf)
  const deadline = [preferences.deadline ?? last, last].sort()[0] as string
  const taken = new Set(input.activities.flatMap((a) => (a.courseId ? [a.courseId] : [])))
  const exclude = new Set(preferences.exclude ?? [])
  const candidates: Candidate[] = []
  for (const course of input.courses) {
    if (course.price === null || taken.has(course.id) || exclude.has(course.id)) continue
    if (preferences.formats && !preferences.formats.includes(course.format)) continue
    if (preferences.providers && !preferences.providers.includes(course.provider)) continue
    const on = course.sessions
      ? course.sessions
          .map((s) => s.start)
          .filter((d) => d >= input.asOf && d <= deadline)
          .sort()[0]
      : input.asOf
    if (on === undefined || on > deadline) continue
    // An approval that ends before the course can be taken does not count (not cached: it
    // depends on the date).
    const value = course.approvalsUntil
      ? courseValueOn(rules, course, on)
      : courseValues.of(rules, course)
    if ('reason' in value) continue
    const total = sumPoints(value.points)
    candidates.push({ course, on, ...value, weight: Math.max(0.01, course.hours ?? total) })
  }
  return candidates
}
