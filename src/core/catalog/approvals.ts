import type { Approval, Course } from './schemas.js'

type Approved = Pick<Course, 'approvals' | 'approvalsUntil'>

/**
 * The approvals a course carries when completed on `date`: an approval with a last day
 * (`approvalsUntil`) no longer holds after it.
 *
 * ```ts
 * approvalsOn({ approvals: ['AAMA', 'AMT'], approvalsUntil: { AAMA: '2019-08-29' } }, '2020-01-10')
 * // -> ['AMT']
 * ```
 */
export function approvalsOn(course: Approved, date: string): Approval[] {
  if (!course.approvalsUntil) return course.approvals
  return course.approvals.filter((a) => !isExpired(course, a, date))
}

/** The approvals that ended before `date`, with their last day. */
export function expiredApprovals(
  course: Approved,
  date: string,
): { approval: Approval; until: string }[] {
  return course.approvals.flatMap((approval) => {
    const until = course.approvalsUntil?.[approval]
    return until !== undefined && date > until ? [{ approval, until }] : []
  })
}

function isExpired(course: Approved, approval: Approval, date: string): boolean {
  const until = course.approvalsUntil?.[approval]
  return until !== undefined && date > until
}
