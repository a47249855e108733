import type { Course } from '../catalog/schemas.js'
import type { ExtraCourse } from './schemas.js'

/** The provider id of the courses a person brings. */
export const OWN_PROVIDER = 'own'

/**
 * The courses of `preferences.extraCourses` as catalog-shaped courses, ids `own-<id>` (or
 * `own-<n>`), so that the planner treats them like any other; their figures are the person's.
 *
 * ```ts
 * ownCourses([{ title: 'In-service: infection control', price: 0, hours: 2, credits: {},
 *               approvals: [], format: 'workshop' }])
 * // -> [{ id: 'own-1', provider: 'own', title: 'In-service: infection control', ... }]
 * ```
 */
export function ownCourses(extra: readonly ExtraCourse[] = []): Course[] {
  return extra.map((e, k) => ({
    id: `own-${e.id ?? k + 1}`,
    provider: OWN_PROVIDER,
    title: e.title,
    format: e.format,
    hours: e.hours,
    credits: e.credits,
    approvals: e.approvals,
    price: e.price,
    ...(e.on !== undefined && { sessions: [{ start: e.on }] }),
    tags: [],
    source: {
      confidence: 'unverified',
      note: e.provider
        ? `your own course (${e.provider}): the figures are as you gave them`
        : 'your own course: the figures are as you gave them',
    },
  }))
}
