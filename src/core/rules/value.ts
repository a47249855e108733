import type { RuleSet } from '../catalog/rule-set.js'
import { type Approval, CATEGORIES, type Category } from '../catalog/schemas.js'
import type { ResolvedActivity } from './request.js'

export type Points = Record<Category | 'unassigned', number>

export const zeroPoints = (): Points => ({
  administrative: 0,
  clinical: 0,
  general: 0,
  unassigned: 0,
})
export const sumPoints = (p: Points) => p.administrative + p.clinical + p.general + p.unassigned

/** Rounds away float noise (0.1 + 0.2) while keeping fractional points (0.5, 1.25). */
export const round = (n: number) => Math.round(n * 1e6) / 1e6

export type ActivityValue =
  | { points: Points; approved: boolean; cprCard: boolean }
  | { reason: string }

/**
 * What one activity is worth under the rule set, before caps and cycle dates: its points in the
 * issuer's unit by content area, whether they are approved points, or why it cannot count.
 */
export function activityValue(rules: RuleSet, activity: ResolvedActivity): ActivityValue {
  const points = zeroPoints()
  if (activity.format === 'cpr-card') {
    if (!rules.cprCards)
      return { reason: `${rules.credential} has no verified rule counting CPR cards` }
    points[rules.cprCards.category] = rules.cprCards.pointsPerCard
    return { points, approved: rules.cprCards.countsAsApproved, cprCard: true }
  }
  const approved = (activity.approvals ?? []).some((a) => approvalsOf(rules).includes(a))
  if (activity.format === 'college') {
    if (rules.units.collegeCreditPoints === null) {
      return { reason: `${rules.credential} has no verified rule for college credit` }
    }
    if (!activity.collegeCredits) {
      return {
        reason:
          'college coursework needs its number of quarter or semester credits (collegeCredits)',
      }
    }
    const area = CATEGORIES.find((c) => (activity.credits?.[c] ?? 0) > 0)
    points[area ?? 'unassigned'] = activity.collegeCredits * rules.units.collegeCreditPoints
    return { points, approved, cprCard: false }
  }
  const hours = activity.hours ?? null
  if (rules.minimumHours && hours !== null && hours < rules.minimumHours.hours) {
    return {
      reason: `shorter than ${rules.minimumHours.hours} contact hour (${hours} h): does not count`,
    }
  }
  const credits = activity.credits ?? {}
  const creditSum = CATEGORIES.reduce((s, c) => s + (credits[c] ?? 0), 0)
  if (rules.units.from === 'credits') {
    if (creditSum > 0) for (const c of CATEGORIES) points[c] = credits[c] ?? 0
    else if (hours !== null) points.unassigned = hours / rules.units.hoursPerPoint
  } else {
    // Hour-based issuers: contact hours, or AAMA credits (one per contact hour) when the hours
    // are unknown.
    const h = hours ?? (creditSum > 0 ? creditSum : null)
    if (h !== null) points.unassigned = h / rules.units.hoursPerPoint
  }
  if (sumPoints(points) <= 0) return { reason: 'no hours or credits known for this activity' }
  return { points, approved, cprCard: false }
}

/** Points of two tallies added, by content area. */
export function areaPoints(a: Points, b: Points): Record<Category, number> {
  return {
    administrative: a.administrative + b.administrative,
    clinical: a.clinical + b.clinical,
    general: a.general + b.general,
  }
}

const approvalsCache = new WeakMap<RuleSet, Approval[]>()

/** Bodies whose approval makes points approved points; computed once per rule set, since the
 * planner asks for every course of the catalog. */
export function approvalsOf(rules: RuleSet): Approval[] {
  let approvals = approvalsCache.get(rules)
  if (!approvals) {
    const fromRows = rules.requirements.flatMap((r) => (r.kind === 'approved' ? r.approvals : []))
    approvals = [...new Set([...fromRows, ...(rules.unapprovedMax?.approvals ?? [])])]
    approvalsCache.set(rules, approvals)
  }
  return approvals
}
