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

/** The duration in whole minutes: `minutes`, else clock `hours` x 60 (0.83 h is 50 minutes). */
export function minutesOf(activity: Pick<ResolvedActivity, 'hours' | 'minutes'>): number | null {
  if (activity.minutes !== undefined) return Math.round(activity.minutes)
  return activity.hours === undefined || activity.hours === null
    ? null
    : Math.round(activity.hours * 60)
}

/**
 * What one activity is worth under the rule set, before caps and cycle dates: its points in the
 * issuer's unit by content area, whether they are approved points, or why it cannot count
 * (docs/rules.md "Units per issuer", "College work", "CPR cards").
 */
export function activityValue(rules: RuleSet, activity: ResolvedActivity): ActivityValue {
  if (activity.format === 'cpr-card') return cardValue(rules, activity)
  if (activity.format === 'college') return collegeValue(rules, activity)
  const approved = (activity.approvals ?? []).some((a) => approvalsOf(rules).includes(a))
  const minutes = minutesOf(activity)
  const credits = creditPoints(activity)
  if ((minutes === null || minutes === 0) && sumPoints(credits) <= 0) return noValue(activity)
  const minimum = rules.minimumHours
  if (minimum && !approved) {
    // The same activity is refused whichever of hours, minutes or credits carries the duration.
    const needed = minimum.hours * rules.units.minutesPerHour
    const short = minutes !== null ? minutes < needed : sumPoints(credits) < minimum.hours
    if (short)
      return {
        reason: `under ${minimum.hours} contact hour (${needed} minutes): a non-${approvalsOf(rules).join('/')} activity that short does not count`,
      }
  }
  const points = zeroPoints()
  const perPoint = rules.units.minutesPerHour * rules.units.hoursPerPoint
  if (rules.units.from === 'credits' && sumPoints(credits) > 0) Object.assign(points, credits)
  else if (minutes !== null && minutes > 0) points.unassigned = minutes / perPoint
  else points.unassigned = sumPoints(credits) / rules.units.hoursPerPoint
  if (sumPoints(points) <= 0) return noValue(activity)
  return { points, approved, cprCard: false }
}

/** Why an activity without a duration or credits counts nothing. */
function noValue(activity: ResolvedActivity): { reason: string } {
  return {
    reason: activity.generic
      ? 'no hours or credits of this occurrence: give its credits or duration (the catalog entry stands for a recurring event and has none of its own)'
      : 'no hours or credits known for this activity (give hours, minutes or credits)',
  }
}

/** The activity's content-area credits as points. */
function creditPoints(activity: ResolvedActivity): Points {
  const points = zeroPoints()
  for (const c of CATEGORIES) points[c] = activity.credits?.[c] ?? 0
  return points
}

/** A CPR card: a fixed value per card, or the person's own credits where that is the rule. */
function cardValue(rules: RuleSet, activity: ResolvedActivity): ActivityValue {
  const rule = rules.cprCards
  if (!rule) return { reason: `${rules.credential} has no verified rule counting CPR cards` }
  const points = zeroPoints()
  if (rule.pointsPerCard !== null) points[rule.category] = rule.pointsPerCard
  else Object.assign(points, creditPoints(activity))
  if (sumPoints(points) <= 0)
    return {
      reason: 'give the credits of this CPR card: its value is the credits it was issued with',
    }
  return { points, approved: rule.countsAsApproved, cprCard: true }
}

/**
 * College work: `collegeCredits` x the rule set's points, split across areas in proportion to
 * `credits`; `credits` alone are read as points, counted as given. College points are never the
 * issuer's approved points (AAMA: they count as non-AAMA points).
 */
function collegeValue(rules: RuleSet, activity: ResolvedActivity): ActivityValue {
  const credits = creditPoints(activity)
  const given = sumPoints(credits)
  const perCredit = rules.units.collegeCreditPoints
  if (!activity.collegeCredits) {
    if (given <= 0)
      return {
        reason:
          'college coursework needs its number of quarter or semester credits (collegeCredits) or its points by area (credits)',
      }
    if (perCredit === null) return activityValue(rules, { ...activity, format: 'online' })
    return { points: credits, approved: false, cprCard: false }
  }
  if (perCredit === null)
    return {
      reason: `${rules.credential} has no verified rule for college credit: give the points by area (credits)`,
    }
  const total = activity.collegeCredits * perCredit
  const points = zeroPoints()
  if (given > 0) for (const c of CATEGORIES) points[c] = (total * credits[c]) / given
  else points.unassigned = total
  return { points, approved: false, cprCard: false }
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
