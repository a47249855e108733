/**
 * What the API says about a course beyond its record: which facts are not known (so that a
 * reader checks with the provider instead of guessing) and which approvals have ended.
 */
import { z } from 'zod'
import { expiredApprovals } from './approvals.js'
import { APPROVALS, type Course, totalCredits } from './schemas.js'

/** Facts a course may lack; a course without them cannot be planned. */
export const KNOWABLE = ['price', 'hours', 'credits'] as const
export type Knowable = (typeof KNOWABLE)[number]

export const courseFactsSchema = z.object({
  unknown: z.array(z.enum(KNOWABLE)).meta({
    description:
      'Facts the catalog does not know (price, hours, credits): not known — check with the provider.',
  }),
  expiredApprovals: z
    .array(z.object({ approval: z.enum(APPROVALS), until: z.string() }))
    .optional()
    .meta({
      description: 'Approvals that ended before today (approvalsUntil): they no longer count.',
    }),
})

/** Which of price, hours and credits a course does not know. */
export function unknownFacts(course: Pick<Course, 'price' | 'hours' | 'credits'>): Knowable[] {
  const unknown: Knowable[] = []
  if (course.price === null) unknown.push('price')
  if (course.hours === null) unknown.push('hours')
  if (totalCredits(course) === 0) unknown.push('credits')
  return unknown
}

/** The course as the API shows it on `today` (`YYYY-MM-DD`). */
export function viewCourse<T extends Course>(
  course: T,
  today: string,
): T & z.infer<typeof courseFactsSchema> {
  const expired = expiredApprovals(course, today)
  return {
    ...course,
    unknown: unknownFacts(course),
    ...(expired.length > 0 && { expiredApprovals: expired }),
  }
}
