import type { RuleSet } from '../catalog/rule-set.js'
import type { Course, Offer } from '../catalog/schemas.js'
import { DomainError, type FieldError } from '../errors.js'
import {
  type JointProgressRequest,
  type ProgressRequest,
  type ResolvedActivity,
  resolveActivity,
} from './request.js'

/** What a transcript is resolved against: the loaded rule sets, offers and the courses it names. */
export interface TranscriptCatalog {
  ruleSets: readonly RuleSet[]
  /** At least the courses of {@link transcriptCourseIds}; others are ignored. */
  courses: readonly Course[]
  offers: Offer[]
}

/** The catalog course ids a progress (or plan) request names, each once. */
export function transcriptCourseIds(request: Pick<ProgressRequest, 'activities'>): string[] {
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
  const errors: FieldError[] = []
  const rules = ruleSetOf(request.credential, 'credential', catalog, errors)
  const activities = resolveShared(request, catalog, errors)
  if (errors.length > 0 || !rules) throw DomainError.invalid(errors)
  return { rules, activities, offers: catalog.offers }
}

/** A request naming several credentials: the same checks, each credential once. */
export function resolveJointTranscript(
  request: JointProgressRequest,
  catalog: TranscriptCatalog,
): {
  targets: { rules: RuleSet; cycleEnd: string }[]
  held: string[]
  activities: ResolvedActivity[]
  offers: Offer[]
} {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const targets = request.credentials.flatMap((c, i) => {
    const path = `credentials[${i}].credential`
    if (seen.has(c.credential)) {
      errors.push({ path, message: `"${c.credential}" is named twice` })
      return []
    }
    seen.add(c.credential)
    const rules = ruleSetOf(c.credential, path, catalog, errors)
    checkOffers(c.offers, `credentials[${i}].offers`, catalog, errors)
    return rules ? [{ rules, cycleEnd: c.cycleEnd }] : []
  })
  const activities = resolveShared(request, catalog, errors)
  if (errors.length > 0) throw DomainError.invalid(errors)
  const held = [...new Set([...request.offers, ...request.credentials.flatMap((c) => c.offers)])]
  return { targets, held, activities, offers: catalog.offers }
}

function ruleSetOf(
  id: string,
  path: string,
  catalog: TranscriptCatalog,
  errors: FieldError[],
): RuleSet | undefined {
  const rules = catalog.ruleSets.find((r) => r.id === id)
  if (!rules)
    errors.push({
      path,
      message: `unknown credential; one of ${catalog.ruleSets.map((r) => r.id).join(', ')}`,
    })
  return rules
}

function checkOffers(
  ids: readonly string[],
  path: string,
  catalog: TranscriptCatalog,
  errors: FieldError[],
) {
  const known = new Set(catalog.offers.map((o) => o.id))
  errors.push(...unknownIds(ids, known, path, 'offer'))
}

/** One error per id of a request's list that the catalog does not have (`path[i]`). */
export function unknownIds(
  ids: readonly string[],
  known: ReadonlySet<string>,
  path: string,
  what: string,
): FieldError[] {
  return ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `${path}[${i}]`, message: `unknown ${what} "${id}"` }],
  )
}

/** The activities with their catalog courses filled in; unknown course ids and offers reported. */
function resolveShared(
  request: Pick<ProgressRequest, 'activities' | 'offers'>,
  catalog: TranscriptCatalog,
  errors: FieldError[],
): ResolvedActivity[] {
  const courses = new Map<string, Course>(catalog.courses.map((course) => [course.id, course]))
  request.activities.forEach((activity, i) => {
    if (activity.courseId && !courses.has(activity.courseId)) {
      errors.push({
        path: `activities[${i}].courseId`,
        message: `unknown course "${activity.courseId}"`,
      })
    }
  })
  checkOffers(request.offers, 'offers', catalog, errors)
  return request.activities.map((a) =>
    resolveActivity(a, a.courseId ? (courses.get(a.courseId) ?? null) : null),
  )
}
