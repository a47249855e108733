import type { Requirement, RuleSet } from '../catalog/rule-set.js'
import { CATEGORIES, type Offer } from '../catalog/schemas.js'
import { cycleOf, lastCountingDay, statusOf } from './calendar.js'
import { type Contribution, kindOf, type Standing } from './kinds.js'
import { pathwaysOf } from './pathways.js'
import type { Progress, ResolvedActivity } from './request.js'
import { canonicalJson, type Entry, select } from './select.js'
import { activityValue, type Points, round, sumPoints, zeroPoints } from './value.js'
import { warningsOf } from './warnings.js'

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
 * whichever points are chosen. Category rows report the points that count in the area.
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
  /** The requirement rows of this answer (the rule set's, plus any the lapse adds). */
  requirements: Requirement[]
}

type Outcome = Progress['activities'][number]

/** Points of one eligible activity, before caps. */
interface Eligible {
  index: number
  points: Points
  approved: boolean
  cprCard: boolean
}

/**
 * {@link evaluateProgress}, with the tally of counted points beside the answer. The story: the
 * calendar (cycle, status, lapse window), the eligible activities (dates, value, then the
 * refusals that keep what helps most), non-approved points within the allowance, the requirement
 * rows, the pathways, and the warnings with the figures they rest on.
 */
export function assessProgress(
  rules: RuleSet,
  request: { cycleEnd: string; offers?: readonly string[] },
  activities: readonly ResolvedActivity[],
  asOf: string,
  offers: readonly Offer[],
): { progress: Progress; tally: Tally } {
  const cycle = cycleOf(rules, request.cycleEnd)
  const calendar = statusOf(rules, cycle.end, asOf)
  const outcomes: Outcome[] = activities.map((_, index) => ({
    index,
    counted: 0,
    toward: {},
    reason: null,
  }))
  const window = {
    start: cycle.start,
    end: cycle.end,
    last: lastCountingDay(rules, cycle.end, asOf),
  }
  const entries = valued(rules, window, asOf, activities, outcomes)
  const selection = select(rules, entries)
  for (const r of selection.refused) (outcomes[r.index] as Outcome).reason = r.reason
  // Cards first: when the non-approved allowance runs out, what does not count is the rest.
  const eligible: Eligible[] = [...selection.kept]
    .sort((a, b) => Number(b.value.cprCard) - Number(a.value.cprCard))
    .map((e) => ({ index: e.index, ...e.value }))
  const requirementRules = requirementsOf(rules, cycle.end, asOf, calendar.status)
  const { standing, counted } = allowance(rules, requirementRules, eligible, outcomes)
  eligible.forEach((e, k) => {
    const activity = { points: e.points, counted: counted[k] as Points, approved: e.approved }
    towardRows(requirementRules, activity, standing, outcomes[e.index] as Outcome)
  })
  const requirements = requirementRules.map((row) => requirementRow(row, standing))
  const pathways = pathwaysOf(rules, calendar.status, request.offers ?? [], offers)
  const ceOpen = pathways.some((p) => p.id === 'continuing-education' && p.available)
  const cards = eligible.filter((e) => e.cprCard).length
  const countedIndexes = outcomes.filter((o) => o.counted > 0).map((o) => o.index)
  const afterEnd = countedIndexes.filter(
    (i) => (activities[i] as ResolvedActivity).completedOn > cycle.end,
  )
  const details = warningsOf(rules, {
    cycleEnd: cycle.end,
    asOf,
    calendar,
    selection,
    counted: countedIndexes,
    afterEnd,
    cards,
    activities,
  })
  const progress: Progress = {
    credential: rules.id,
    asOf,
    cycle,
    status: calendar.status,
    daysLeft: calendar.daysLeft,
    grace: calendar.grace,
    graceDeadlines: calendar.graceDeadlines,
    complete: ceOpen && requirements.every((r) => r.remaining === 0),
    requirements,
    activities: outcomes,
    pathways,
    fees: rules.fees.map(feeOf),
    warnings: details.map((d) => d.message),
    warningDetails: details,
  }
  const tally = {
    approved: standing.approved,
    unapproved: standing.unapproved,
    cprCards: cards,
    requirements: requirementRules,
  }
  return { progress, tally }
}

/** A fee of the answer, with where its amount comes from. */
const feeOf = ({ id, label, amount, confidence, source }: RuleSet['fees'][number]) => ({
  id,
  label,
  amount,
  confidence,
  source,
})

/**
 * The requirement rows: the rule set's, plus reinstatement after a lapse where the rule set has
 * one (ARMA: 12 points per missed calendar year, at least 24, inside the lapse window).
 */
function requirementsOf(
  rules: RuleSet,
  end: string,
  asOf: string,
  status: Progress['status'],
): Requirement[] {
  const rule = rules.lapse.reinstatement
  if (!rule || status !== 'grace') return rules.requirements
  const missed = Math.max(1, Number(asOf.slice(0, 4)) - Number(end.slice(0, 4)))
  const { source, confidence, effectiveFrom } = rules.lapse
  const reinstatement: Requirement = {
    id: 'reinstatement',
    label: `Reinstatement: ${rule.perMissedYear} per calendar year not renewed, at least ${rule.minimum}`,
    kind: 'total',
    required: Math.max(rule.minimum, rule.perMissedYear * missed),
    source,
    confidence,
    effectiveFrom,
  }
  return [...rules.requirements, reinstatement]
}

/**
 * Each activity's date checked against the cycle (and the lapse window where points earned in
 * it count) and its value under the rule set; refusals get their reason.
 */
function valued(
  rules: RuleSet,
  window: { start: string; end: string; last: string },
  asOf: string,
  activities: readonly ResolvedActivity[],
  outcomes: Outcome[],
): Entry[] {
  const entries: Entry[] = []
  activities.forEach((activity, index) => {
    const outcome = outcomes[index] as Outcome
    const on = activity.completedOn
    if (on > asOf) outcome.reason = `completed after ${asOf} (the date of this assessment)`
    else if (on < window.start)
      outcome.reason = `completed before the cycle started (${window.start})`
    else if (on > window.last)
      outcome.reason =
        window.last === window.end
          ? `completed after the cycle ended (${window.end})`
          : `completed after the lapse window closed (${window.last})`
    if (outcome.reason !== null) return
    const value = activityValue(rules, activity)
    if ('reason' in value) {
      outcome.reason = value.reason
      return
    }
    const key = `${on}|${canonicalJson(activity)}`
    entries.push({ index, activity, value, key, marked: activity.recurringTraining === true })
  })
  return entries
}

/**
 * Approved points all count; non-approved ones up to the allowance, category minimums first,
 * then what the allowance has left, in canonical order. Answers what counted of each activity.
 */
function allowance(
  rules: RuleSet,
  requirements: readonly Requirement[],
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
    requirements.flatMap((r) => (r.kind === 'category' ? [[r.category, r.required] as const] : [])),
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
  const total = zeroPoints()
  for (const c of counted) for (const k of Object.keys(total) as (keyof Points)[]) total[k] += c[k]
  return {
    standing: {
      approved: approvedPoints,
      unapproved: unapprovedPoints,
      counted: total,
      allowance: allowed,
    },
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
    confidence: row.confidence,
    source: row.source,
  }
}
