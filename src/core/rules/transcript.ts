import type { RuleSet } from '../catalog/rule-set.js'
import type { Course, Offer } from '../catalog/schemas.js'
import { DomainError, type FieldError } from '../errors.js'
import { type ProgressRequest, type ResolvedActivity, resolveActivity } from './request.js'

/** What a transcript is resolved against: the loaded rule sets, offers and the courses it names. */
export interface TranscriptCatalog {
  ruleSets: readonly RuleSet[]
  /** At least the courses of {@link transcriptCourseIds}; others are ignored. */
  courses: readonly Course[]
  offers: Offer[]
}

/** The catalog course ids a progress (or plan) request names, each once. */
export function transcriptCourseIds(request: ProgressRequest): string[] {
  return [...new Set(request.activities.flatMap((a) => (a.courseId ? [a.courseId] : [])))]
}

/**
 * Checks a progress (or plan) request against the catalog: the credential, every course id and
 * every offer must exist. All problems are reported together in one `INVALID_INPUT`
 * {@link DomainError}, each with its path in the request (`activities[2].courseId`).
 */
export function resolveTranscript(
  request: ProgressRequest,
  catalog: TranscriptCatalog,
): { rules: RuleSet; activities: ResolvedActivity[]; offers: Offer[] } {
  const rules = catalog.ruleSets.find((r) => r.id === request.credential)
  const errors: FieldError[] = []
  if (!rules) {
    errors.push({
      path: 'credential',
      message: `unknown credential; one of ${catalog.ruleSets.map((r) => r.id).join(', ')}`,
    })
  }
  const courses = new Map<string, Course>(catalog.courses.map((course) => [course.id, course]))
  request.activities.forEach((activity, i) => {
    if (activity.courseId && !courses.has(activity.courseId)) {
      errors.push({
        path: `activities[${i}].courseId`,
        message: `unknown course "${activity.courseId}"`,
      })
    }
  })
  const { offers } = catalog
  request.offers.forEach((id, i) => {
    if (!offers.some((o) => o.id === id))
      errors.push({ path: `offers[${i}]`, message: `unknown offer "${id}"` })
  })
  if (errors.length > 0 || !rules) throw DomainError.invalid(errors)
  const activities = request.activities.map((a) =>
    resolveActivity(a, a.courseId ? (courses.get(a.courseId) ?? null) : null),
  )
  return { rules, activities, offers }
}
