import { isSample } from '../catalog/constants.js'
import { APPROVALS, CATEGORIES, type Course, totalCredits } from '../catalog/schemas.js'

/** The filterable fields of one course, as stored beside its full record. */
export interface CourseFacts {
  seq: number
  id: string
  provider: string
  title: string
  format: string
  price: number | null
  hours: number | null
  credits: number
  categoryMask: number
  approvalMask: number
  lastSession: string | null
  /**
   * For each credential the course counts for, the last day it counts (`YYYY-MM-DD`), keyed by
   * credential id. Computed by the rules engine when the catalog is loaded (search does not
   * evaluate rules), and given to `factsOf`.
   */
  countsUntil: Record<string, string>
  /** Invented demo data (`source.confidence: "sample"`), hidden by `sample: exclude`. */
  sample: boolean
}

/** The filterable fields of a course; `countsUntil` comes from the rules engine. */
export function factsOf(
  course: Course,
  seq: number,
  countsUntil: Record<string, string>,
): CourseFacts {
  let categoryMask = 0
  CATEGORIES.forEach((category, bit) => {
    if ((course.credits[category] ?? 0) > 0) categoryMask |= 1 << bit
  })
  let approvalMask = 0
  for (const approval of course.approvals) approvalMask |= 1 << APPROVALS.indexOf(approval)
  const starts = (course.sessions ?? []).map((s) => s.start).sort()
  return {
    seq,
    id: course.id,
    provider: course.provider,
    title: course.title,
    format: course.format,
    price: course.price,
    hours: course.hours,
    credits: totalCredits(course),
    categoryMask,
    approvalMask,
    // No `sessions` means on demand; an empty list means scheduled, with no known date.
    lastSession: course.sessions ? (starts.at(-1) ?? NO_SESSION) : null,
    countsUntil,
    sample: isSample(course),
  }
}

const NO_SESSION = '0000-00-00'
/** A date as the number `YYYYMMDD`, which orders as the date does. */
export const dayNumber = (date: string) => Number(date.replaceAll('-', ''))
