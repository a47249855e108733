import { z } from 'zod'
import { approvalsOn, expiredApprovals } from './approvals.js'
import {
  APPROVALS,
  type Approval,
  CATEGORIES,
  type Category,
  type Course,
  creditsSchema,
  dateSchema,
  FORMATS,
  type Format,
  type Offer,
} from './catalog.js'
import type { RuleSet } from './credentials.js'
import { addDays, addMonths, daysBetween, isMonthEnd } from './dates.js'

export const MAX_ACTIVITIES = 2_000

const approvalInput = z.preprocess(
  (v) => (typeof v === 'string' && v.toUpperCase() === 'AMMA' ? 'AAMA' : v),
  z.enum(APPROVALS),
)

export const activitySchema = z
  .object({
    courseId: z.string().max(120).optional(),
    title: z.string().max(300).optional(),
    completedOn: dateSchema,
    hours: z.number().nonnegative().max(10_000).optional(),
    credits: creditsSchema.optional(),
    approvals: z.array(approvalInput).max(APPROVALS.length).optional(),
    format: z.enum(FORMATS).optional(),
    /** Quarter or semester college credits, for `format: "college"`. */
    collegeCredits: z.number().nonnegative().max(500).optional(),
  })
  .meta({ id: 'Activity', description: 'A catalog course by `courseId`, or an ad-hoc activity.' })

export const progressRequestSchema = z
  .object({
    credential: z.string().max(40),
    cycleEnd: dateSchema.meta({ description: "The credential's expiration date." }),
    asOf: dateSchema.optional().meta({ description: 'Defaults to today.' }),
    offers: z.array(z.string().max(120)).max(100).default([]),
    activities: z
      .array(activitySchema)
      .max(MAX_ACTIVITIES, `at most ${MAX_ACTIVITIES} activities`)
      .default([]),
  })
  .meta({ id: 'ProgressRequest' })

export type Activity = z.infer<typeof activitySchema>
export type ProgressRequest = z.infer<typeof progressRequestSchema>

const requirementRow = z.object({
  id: z.string(),
  label: z.string(),
  required: z.number(),
  earned: z.number(),
  remaining: z.number(),
  /** For an either-or requirement: the option closest to being met. */
  option: z.string().optional(),
})

export const progressSchema = z
  .object({
    credential: z.string(),
    asOf: z.string(),
    cycle: z.object({ start: z.string(), end: z.string() }),
    status: z.enum(['active', 'grace', 'lapsed']),
    daysLeft: z.number().int(),
    grace: z
      .object({
        until: z.string(),
        reading: z.string(),
        alternative: z.object({ until: z.string(), reading: z.string() }).optional(),
        readingsAgree: z.boolean(),
      })
      .nullable(),
    complete: z.boolean(),
    requirements: z.array(requirementRow),
    activities: z.array(
      z.object({
        index: z.number().int(),
        counted: z.number(),
        toward: z.record(z.string(), z.number()),
        reason: z.string().nullable(),
      }),
    ),
    pathways: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        available: z.boolean(),
        fee: z.number().nullable(),
        fees: z.array(z.object({ label: z.string(), amount: z.number().nullable() })).optional(),
        reason: z.string().optional(),
      }),
    ),
    fees: z.array(z.object({ id: z.string(), label: z.string(), amount: z.number().nullable() })),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Progress' })

export type Progress = z.infer<typeof progressSchema>

/** An activity with a catalog course's facts filled in. */
export interface ResolvedActivity {
  title?: string
  courseId?: string
  completedOn: string
  hours?: number | null
  credits?: Course['credits']
  approvals?: Approval[]
  format?: Format
  collegeCredits?: number
  /** Catalog approvals that had ended when the activity was completed (not counted). */
  expired?: { approval: Approval; until: string }[]
}

/** Fills in an activity from its catalog course; the activity's own fields win. */
export function resolveActivity(activity: Activity, course: Course | null): ResolvedActivity {
  if (!course) return activity
  return {
    courseId: course.id,
    title: activity.title ?? course.title,
    completedOn: activity.completedOn,
    hours: activity.hours ?? course.hours,
    credits: activity.credits ?? course.credits,
    approvals: activity.approvals ?? approvalsOn(course, activity.completedOn),
    format: activity.format ?? course.format,
    ...(!activity.approvals &&
      course.approvalsUntil && { expired: expiredApprovals(course, activity.completedOn) }),
    ...(activity.collegeCredits !== undefined && { collegeCredits: activity.collegeCredits }),
  }
}

/** The cycle ending on `cycleEnd` under the rule set. */
export function cycleOf(rules: RuleSet, cycleEnd: string): { start: string; end: string } {
  if (rules.cycle.kind === 'calendar-years') {
    const year = Number(cycleEnd.slice(0, 4)) - ((rules.cycle.years ?? 1) - 1)
    return { start: `${year}-01-01`, end: cycleEnd }
  }
  const before = addMonths(cycleEnd, -(rules.cycle.months ?? 12), rules.cycle.endsOnMonthEnd)
  return { start: addDays(before, 1), end: cycleEnd }
}

export type Points = Record<Category | 'unassigned', number>

const zeroPoints = (): Points => ({ administrative: 0, clinical: 0, general: 0, unassigned: 0 })
const sum = (p: Points) => p.administrative + p.clinical + p.general + p.unassigned

/** Points of one eligible activity, before caps. */
interface Eligible {
  index: number
  points: Points
  approved: boolean
}

/** Rounds away float noise (0.1 + 0.2) while keeping fractional points (0.5, 1.25). */
const round = (n: number) => Math.round(n * 1e6) / 1e6

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

/** {@link evaluateProgress}, with the tally of counted points beside the answer. */
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
  activities.forEach((a, index) => {
    for (const { approval, until } of a.expired ?? [])
      warnings.push(
        `Activity ${index} (${a.title ?? a.courseId}) was completed on ${a.completedOn}, after its ${approval} approval ended on ${until}: it is not counted as ${approval}-approved.`,
      )
  })

  const rows = rules.requirements
  const outcomes = activities.map((_, index) => ({
    index,
    counted: 0,
    toward: {} as Record<string, number>,
    reason: null as string | null,
  }))
  const eligible: Eligible[] = []
  const seen = new Map<string, number>()
  let cards = 0
  // Canonical order (date, then content) so that the result never depends on list order.
  const order = activities
    .map((activity, index) => ({
      activity,
      index,
      key: `${activity.completedOn}|${JSON.stringify(activity)}`,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))

  for (const { activity, index } of order) {
    const outcome = outcomes[index] as (typeof outcomes)[number]
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
    const { points, approved } = value
    eligible.push({ index, points, approved })
  }

  // Approved points all count; unapproved ones up to the allowance, category minimums first.
  const approvedPoints = zeroPoints()
  const unapprovedPoints = zeroPoints()
  for (const e of eligible) {
    const target = e.approved ? approvedPoints : unapprovedPoints
    for (const k of Object.keys(target) as (keyof Points)[]) target[k] += e.points[k]
  }
  const allowance = rules.unapprovedMax ? rules.unapprovedMax.max : Number.POSITIVE_INFINITY
  const minimums = new Map(
    rows.flatMap((r) => (r.kind === 'category' ? [[r.category, r.required] as const] : [])),
  )
  const fill = zeroPoints()
  let budget = allowance
  for (const c of CATEGORIES) {
    const deficit = Math.max(0, (minimums.get(c) ?? 0) - approvedPoints[c])
    fill[c] = Math.min(deficit, unapprovedPoints[c], budget)
    budget -= fill[c]
  }
  for (const e of eligible) {
    const outcome = outcomes[e.index] as (typeof outcomes)[number]
    const counted = zeroPoints()
    if (e.approved) Object.assign(counted, e.points)
    else {
      for (const k of Object.keys(counted) as (keyof Points)[]) {
        const fromFill = k === 'unassigned' ? 0 : Math.min(e.points[k], fill[k])
        if (k !== 'unassigned') fill[k] -= fromFill
        counted[k] = fromFill
      }
    }
    outcome.counted = round(sum(counted))
    if (!e.approved) {
      // Then what the allowance has left, in canonical order.
      for (const k of Object.keys(counted) as (keyof Points)[]) {
        const extra = Math.min(e.points[k] - counted[k], budget)
        counted[k] += extra
        budget -= extra
      }
      outcome.counted = round(sum(counted))
      if (outcome.counted < round(sum(e.points))) {
        const max = rules.unapprovedMax?.max ?? 0
        const by = (rules.unapprovedMax?.approvals ?? []).join('/')
        outcome.reason = `${outcome.counted} of ${round(sum(e.points))} points count: at most ${max} points may come from sources other than ${by}`
      }
    }
    for (const row of rows) {
      let amount = 0
      if (row.kind === 'total') amount = sum(counted)
      else if (row.kind === 'category') amount = e.points[row.category]
      else if (row.kind === 'approved') amount = e.approved ? sum(counted) : 0
      else {
        const option = bestOption(row, areaPoints(approvedPoints, unapprovedPoints)).option
        amount = option.parts
          .flatMap((part) => part.categories)
          .reduce((s, c) => s + e.points[c], 0)
      }
      if (amount > 0) outcome.toward[row.id] = round(amount)
    }
  }

  const requirements = rows.map((row) => {
    let earned: number
    let option: string | undefined
    if (row.kind === 'total')
      earned = sum(approvedPoints) + Math.min(allowance, sum(unapprovedPoints))
    else if (row.kind === 'category')
      earned = approvedPoints[row.category] + unapprovedPoints[row.category]
    else if (row.kind === 'approved') earned = sum(approvedPoints)
    else {
      const best = bestOption(row, areaPoints(approvedPoints, unapprovedPoints))
      earned = row.required - best.shortfall
      option = best.option.label
    }
    return {
      id: row.id,
      label: row.label,
      required: row.required,
      earned: round(earned),
      remaining: round(Math.max(0, row.required - earned)),
      ...(option !== undefined && { option }),
    }
  })

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
  return {
    progress,
    tally: { approved: approvedPoints, unapproved: unapprovedPoints, cprCards: cards },
  }
}

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
  if (sum(points) <= 0) return { reason: 'no hours or credits known for this activity' }
  return { points, approved, cprCard: false }
}

function areaPoints(a: Points, b: Points): Record<Category, number> {
  return {
    administrative: a.administrative + b.administrative,
    clinical: a.clinical + b.clinical,
    general: a.general + b.general,
  }
}

type AnyOf = Extract<RuleSet['requirements'][number], { kind: 'any-of' }>

/** The option of an either-or requirement with the smallest shortfall (the first on ties). */
function bestOption(row: AnyOf, points: Record<Category, number>) {
  const shortfallOf = (option: AnyOf['options'][number]) =>
    option.parts.reduce(
      (s, part) =>
        s + Math.max(0, part.points - part.categories.reduce((t, c) => t + points[c], 0)),
      0,
    )
  let best = {
    option: row.options[0] as AnyOf['options'][number],
    shortfall: Number.POSITIVE_INFINITY,
  }
  for (const option of row.options) {
    const shortfall = Math.min(row.required, shortfallOf(option))
    if (shortfall < best.shortfall) best = { option, shortfall }
  }
  return best
}

const approvalsCache = new WeakMap<RuleSet, Approval[]>()

/** Bodies whose approval makes points approved points; computed once per rule set, since the
 * planner asks for every course of the catalog. */
function approvalsOf(rules: RuleSet): Approval[] {
  let approvals = approvalsCache.get(rules)
  if (!approvals) {
    const fromRows = rules.requirements.flatMap((r) => (r.kind === 'approved' ? r.approvals : []))
    approvals = [...new Set([...fromRows, ...(rules.unapprovedMax?.approvals ?? [])])]
    approvalsCache.set(rules, approvals)
  }
  return approvals
}

function statusOf(rules: RuleSet, end: string, asOf: string, warnings: string[]) {
  const daysLeft = Math.max(0, daysBetween(asOf, end))
  const { graceMonths, graceDaysAlternative } = rules.lapse
  if (graceMonths === null) {
    return {
      status: asOf <= end ? ('active' as const) : ('lapsed' as const),
      daysLeft,
      grace: null,
    }
  }
  const until = addMonths(end, graceMonths, rules.cycle.endsOnMonthEnd)
  const alternative = graceDaysAlternative ? addDays(end, graceDaysAlternative) : null
  const inside = asOf <= until
  const readingsAgree = alternative === null || inside === asOf <= alternative
  const grace = {
    until,
    reading: `${graceMonths} months`,
    ...(alternative && {
      alternative: { until: alternative, reading: `${graceDaysAlternative} days` },
    }),
    readingsAgree,
  }
  if (asOf <= end) return { status: 'active' as const, daysLeft, grace }
  if (!readingsAgree) {
    warnings.push(
      `Lapse window: under the "${graceMonths} months" reading you may still recertify by continuing education until ${until}; under the "${graceDaysAlternative} days" reading that ended on ${alternative}. The "${graceMonths} months" reading decided the status: confirm with ${rules.issuer.id}.`,
    )
  }
  return { status: inside ? ('grace' as const) : ('lapsed' as const), daysLeft, grace }
}

function pathwaysOf(
  rules: RuleSet,
  status: Progress['status'],
  held: readonly string[],
  offers: readonly Offer[],
): Progress['pathways'] {
  return rules.pathways.map((p) => {
    if (!p.satisfiesRecertification) {
      return {
        id: p.id,
        label: p.label,
        available: false,
        fee: p.fee,
        reason: p.note ?? 'does not satisfy recertification',
      }
    }
    if (p.id === 'continuing-education') {
      const available = status !== 'lapsed'
      return {
        id: p.id,
        label: p.label,
        available,
        fee: p.fee,
        ...(!available && { reason: `lapsed: ${rules.lapse.note ?? rules.lapse.afterGrace}` }),
      }
    }
    // The exam: a membership may set a lower fee; after the lapse window a reactivation fee adds.
    const member = p.feeKey
      ? offers
          .filter((o) => held.includes(o.id))
          .map((o) => o.fees?.[rules.id]?.[p.feeKey as string])
          .find((fee) => fee !== undefined)
      : undefined
    const examFee = member ?? p.fee
    const fees = [
      { label: member !== undefined ? 'Exam fee (member)' : 'Exam fee', amount: examFee },
    ]
    if (status === 'lapsed' && rules.lapse.reactivationFee !== null) {
      fees.push({ label: 'Reactivation fee', amount: rules.lapse.reactivationFee })
    }
    const total = fees.every((f) => f.amount !== null)
      ? fees.reduce((s, f) => s + (f.amount as number), 0)
      : null
    return { id: p.id, label: p.label, available: true, fee: total, fees }
  })
}
