import type { Requirement, RuleSet } from '../catalog/rule-set.js'
import { CATEGORIES, type Offer } from '../catalog/schemas.js'
import { cycleOf, statusOf } from './calendar.js'
import { isMonthEnd } from './dates.js'
import { type Contribution, kindOf, type Standing } from './kinds.js'
import { pathwaysOf } from './pathways.js'
import type { Progress, ResolvedActivity } from './request.js'
import { activityValue, type Points, round, sumPoints, zeroPoints } from './value.js'

/**
 * What a person still needs to recertify: requirement rows with `required`, `earned` and
 * `remaining`, every activity counted or not (with the reason), status and pathways.
 *
 * ```ts
 * evaluateProgress(cmaRules, { credential: 'cma-aama', cycleEnd: '2027-06-30', activities }, '2026-11-24', [])
 * // -> { status: 'active', daysLeft: 218, requirements: [{ id: 'total', required: 60, earned: 23, remaining: 37 }, ...] }
 * ```
 *
 * Points from sources other than the approved body count where they help most: they fill the
 * category minimums first, then the rest of the allowance. This is exact, not a heuristic: the
 * category minimums sum to no more than the allowance (10 + 10 + 10 <= 30 for the CMA), so every
 * minimum that unapproved points can fill is filled, and the total counted is the allowance
 * whichever points are chosen. Category rows therefore report every eligible point in the area.
 */
export function evaluateProgress(
  rules: RuleSet,
  request: { cycleEnd: string; offers?: readonly string[] },
  activities: readonly ResolvedActivity[],
  asOf: string,
  offers: readonly Offer[],
): Progress {
  return assessProgress(rules, request, activities, asOf, offers).progress
}

/** Points already counted, by kind: what the planner builds on. */
export interface Tally {
  approved: Points
  unapproved: Points
  cprCards: number
}

type Outcome = Progress['activities'][number]

/** Points of one eligible activity, before caps. */
interface Eligible {
  index: number
  points: Points
  approved: boolean
}

/**
 * {@link evaluateProgress}, with the tally of counted points beside the answer. The story: put
 * the activities in canonical order, keep the eligible ones, count non-approved points within the
 * allowance, fill the requirement rows, and say which pathways are open.
 */
export function assessProgress(
  rules: RuleSet,
  request: { cycleEnd: string; offers?: readonly string[] },
  activities: readonly ResolvedActivity[],
  asOf: string,
  offers: readonly Offer[],
): { progress: Progress; tally: Tally } {
  const cycle = cycleOf(rules, request.cycleEnd)
  const warnings: string[] = []
  if (rules.cycle.endsOnMonthEnd && !isMonthEnd(request.cycleEnd)) {
    warnings.push(
      `${rules.credential} cycles end on the last day of a month; ${request.cycleEnd} is not one: check the expiration date on your card.`,
    )
  }
  const { status, daysLeft, grace } = statusOf(rules, cycle.end, asOf, warnings)
  warnExpiredApprovals(activities, warnings)
  const outcomes: Outcome[] = activities.map((_, index) => ({
    index,
    counted: 0,
    toward: {},
    reason: null,
  }))
  const { eligible, cards } = eligibility(rules, cycle, asOf, canonicalOrder(activities), outcomes)
  const { standing, counted } = allowance(rules, eligible, outcomes)
  eligible.forEach((e, k) => {
    const activity = { points: e.points, counted: counted[k] as Points, approved: e.approved }
    towardRows(rules.requirements, activity, standing, outcomes[e.index] as Outcome)
  })
  const requirements = rules.requirements.map((row) => requirementRow(row, standing))
  if (cards > 0 && rules.cprCards && !rules.cprCards.countsAsApproved) {
    warnings.push(
      'CPR card points are counted as non-AAMA points: whether they count toward the AAMA-approved minimum is not verified.',
    )
  }
  const pathways = pathwaysOf(rules, status, request.offers ?? [], offers)
  const ceOpen = pathways.some((p) => p.id === 'continuing-education' && p.available)
  const progress: Progress = {
    credential: rules.id,
    asOf,
    cycle,
    status,
    daysLeft,
    grace,
    complete: ceOpen && requirements.every((r) => r.remaining === 0),
    requirements,
    activities: outcomes,
    pathways,
    fees: rules.fees.map((f) => ({ id: f.id, label: f.label, amount: f.amount })),
    warnings,
  }
  const tally = { approved: standing.approved, unapproved: standing.unapproved, cprCards: cards }
  return { progress, tally }
}

/** Canonical order (date, then content), so that the result never depends on list order. */
function canonicalOrder(activities: readonly ResolvedActivity[]) {
  return activities
    .map((activity, index) => ({
      activity,
      index,
      key: `${activity.completedOn}|${JSON.stringify(activity)}`,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
}

/** The activities that may count (in the cycle, not repeated, worth points, within the card cap). */
function eligibility(
  rules: RuleSet,
  cycle: { start: string; end: string },
  asOf: string,
  ordered: ReturnType<typeof canonicalOrder>,
  outcomes: Outcome[],
): { eligible: Eligible[]; cards: number } {
  const eligible: Eligible[] = []
  const seen = new Map<string, number>()
  let cards = 0
  for (const { activity, index } of ordered) {
    const outcome = outcomes[index] as Outcome
    const refuse = (reason: string) => {
      outcome.reason = reason
    }
    if (activity.completedOn > asOf) {
      refuse(`completed after ${asOf} (the date of this assessment)`)
      continue
    }
    if (activity.completedOn < cycle.start) {
      refuse(`completed before the cycle started (${cycle.start})`)
      continue
    }
    if (activity.completedOn > cycle.end) {
      refuse(`completed after the cycle ended (${cycle.end})`)
      continue
    }
    const identity = activity.courseId
      ? `course:${activity.courseId}`
      : `adhoc:${(activity.title ?? '').trim().toLowerCase()}|${activity.completedOn}|${activity.format ?? ''}`
    const first = seen.get(identity)
    if (first !== undefined && (activity.courseId || activity.title)) {
      refuse(`duplicate of activity ${first}: a course counts once per cycle`)
      continue
    }
    seen.set(identity, index)

    const value = activityValue(rules, activity)
    if ('reason' in value) {
      refuse(value.reason)
      continue
    }
    if (value.cprCard) {
      if (cards >= (rules.cprCards?.maxCards ?? 0)) {
        refuse(`capped: at most ${rules.cprCards?.maxCards} CPR cards count per cycle`)
        continue
      }
      cards++
    }
    eligible.push({ index, points: value.points, approved: value.approved })
  }
  return { eligible, cards }
}

/**
 * Approved points all count; non-approved ones up to the allowance, category minimums first,
 * then what the allowance has left, in canonical order. Answers what counted of each activity.
 */
function allowance(
  rules: RuleSet,
  eligible: readonly Eligible[],
  outcomes: Outcome[],
): { standing: Standing; counted: Points[] } {
  const approvedPoints = zeroPoints()
  const unapprovedPoints = zeroPoints()
  for (const e of eligible) {
    const target = e.approved ? approvedPoints : unapprovedPoints
    for (const k of Object.keys(target) as (keyof Points)[]) target[k] += e.points[k]
  }
  const allowed = rules.unapprovedMax ? rules.unapprovedMax.max : Number.POSITIVE_INFINITY
  const minimums = new Map(
    rules.requirements.flatMap((r) =>
      r.kind === 'category' ? [[r.category, r.required] as const] : [],
    ),
  )
  const fill = zeroPoints()
  let budget = allowed
  for (const c of CATEGORIES) {
    const deficit = Math.max(0, (minimums.get(c) ?? 0) - approvedPoints[c])
    fill[c] = Math.min(deficit, unapprovedPoints[c], budget)
    budget -= fill[c]
  }
  const counted = eligible.map((e) => {
    const outcome = outcomes[e.index] as Outcome
    const counted = zeroPoints()
    if (e.approved) Object.assign(counted, e.points)
    else {
      for (const k of Object.keys(counted) as (keyof Points)[]) {
        const fromFill = k === 'unassigned' ? 0 : Math.min(e.points[k], fill[k])
        if (k !== 'unassigned') fill[k] -= fromFill
        counted[k] = fromFill
      }
    }
    outcome.counted = round(sumPoints(counted))
    if (!e.approved) {
      for (const k of Object.keys(counted) as (keyof Points)[]) {
        const extra = Math.min(e.points[k] - counted[k], budget)
        counted[k] += extra
        budget -= extra
      }
      outcome.counted = round(sumPoints(counted))
      if (outcome.counted < round(sumPoints(e.points))) {
        const max = rules.unapprovedMax?.max ?? 0
        const by = (rules.unapprovedMax?.approvals ?? []).join('/')
        outcome.reason = `${outcome.counted} of ${round(sumPoints(e.points))} points count: at most ${max} points may come from sources other than ${by}`
      }
    }
    return counted
  })
  return {
    standing: { approved: approvedPoints, unapproved: unapprovedPoints, allowance: allowed },
    counted,
  }
}

/** What one counted activity adds to each requirement row. */
function towardRows(
  rows: readonly Requirement[],
  activity: Contribution,
  standing: Standing,
  outcome: Outcome,
) {
  for (const row of rows) {
    const amount = kindOf(row).toward(row, activity, standing)
    if (amount > 0) outcome.toward[row.id] = round(amount)
  }
}

/** One requirement row of the answer: required, earned, remaining (and the closest option). */
function requirementRow(row: Requirement, standing: Standing): Progress['requirements'][number] {
  const { earned, option } = kindOf(row).earned(row, standing)
  return {
    id: row.id,
    label: row.label,
    required: row.required,
    earned: round(earned),
    remaining: round(Math.max(0, row.required - earned)),
    ...(option !== undefined && { option }),
  }
}

/** A warning for each catalog approval that had ended before the activity was completed. */
function warnExpiredApprovals(activities: readonly ResolvedActivity[], warnings: string[]): void {
  activities.forEach((a, index) => {
    for (const { approval, until } of a.expired ?? [])
      warnings.push(
        `Activity ${index} (${a.title ?? a.courseId}) was completed on ${a.completedOn}, after its ${approval} approval ended on ${until}: it is not counted as ${approval}-approved.`,
      )
  })
}
