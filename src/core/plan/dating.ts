import type { RuleSet } from '../catalog/rule-set.js'
import type { Course } from '../catalog/schemas.js'
import { courseValueOn } from '../rules/counts-for.js'
import { type ActivityValue, sumPoints } from '../rules/value.js'
import type { Candidate, Window, Worth } from './candidates.js'
import type { PlanTarget } from './schemas.js'

/*
 * When a course may be done and what it is worth then, toward each credential of a request:
 * the dates the candidates of candidates.ts are built on.
 */

/**
 * What a course is worth toward a rule set (the date it is taken does not change it), kept per
 * rule set and course object: a loaded catalog's courses and rule sets are the same objects from
 * one plan to the next, so a plan over thousands of courses evaluates each course once per
 * catalog load, not once per request. Weak maps: a replaced catalog is let go with its values.
 */
class CourseValueCache {
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

export type Dated = Pick<Candidate, 'on' | 'by' | 'worth' | 'cprCard' | 'weight'>

/**
 * An on-demand course whose worth does not depend on the day, the quick way: it serves every
 * credential it counts for on the latest of their windows' first days, when that day is in all
 * their windows (what {@link datings} would find, without trying each day). Null: it serves
 * none; false: the windows do not meet, so {@link datings} decides.
 */
export function onDemand(
  targets: readonly PlanTarget[],
  course: Course,
  windows: readonly Window[],
) {
  const worth: (Worth | null)[] = []
  let on = ''
  let by = ''
  let cprCard = false
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as Window
    const value = w.start <= w.last ? worthOn(targets[i] as PlanTarget, course, w.start) : null
    worth.push(value)
    if (value === null) continue
    if (w.start > on) on = w.start
    if (by === '' || w.last < by) by = w.last
    cprCard ||= value.cprCard
  }
  if (on === '') return null
  if (on > by) return false
  return { on, by, worth, cprCard, weight: weightOf(course, worth) } satisfies Dated
}

/**
 * A course's tie-break weight: its contact hours, or, when they are not known, the most points
 * it is worth toward any credential (at least 0.01, so that no course is free of hours).
 */
export function weightOf(course: Course, worth: readonly (Worth | null)[]): number {
  const best = worth.reduce((s, w) => Math.max(s, w ? sumPoints(w.points) : 0), 0)
  return Math.max(0.01, course.hours ?? best)
}

/** The dates worth planning a course on: each that serves a set of credentials no other beats. */
export function datings(
  targets: readonly PlanTarget[],
  course: Course,
  days: readonly string[],
  windows: readonly Window[],
): Dated[] {
  const options: Dated[] = []
  for (const on of days) {
    const worth = windows.map((w, i) =>
      on >= w.start && on <= w.last ? worthOn(targets[i] as PlanTarget, course, on) : null,
    )
    if (worth.every((w) => w === null)) continue
    const serves = (d: Dated) => d.worth.map((w) => w !== null)
    const mine = worth.map((w) => w !== null)
    // Keep the earliest date for each set of credentials not contained in another's.
    if (options.some((o) => mine.every((s, i) => !s || serves(o)[i]))) continue
    const kept = options.filter((o) => !serves(o).every((s, i) => !s || mine[i]))
    kept.push({
      on,
      by: course.sessions
        ? on
        : (windows
            .filter((_, i) => mine[i])
            .map((w) => w.last)
            .sort()[0] as string),
      worth,
      cprCard: worth.some((w) => w?.cprCard === true),
      weight: weightOf(course, worth),
    })
    options.splice(0, options.length, ...kept)
  }
  return options
}

/** The course's worth toward one credential when done on `on`, or null when it does not count. */
export function worthOn(target: PlanTarget, course: Course, on: string): Worth | null {
  const { rules } = target
  // An approval that ends before the course can be taken does not count (not cached: it
  // depends on the date).
  const value = course.approvalsUntil
    ? courseValueOn(rules, course, on)
    : courseValues.of(rules, course)
  return 'reason' in value ? null : value
}
