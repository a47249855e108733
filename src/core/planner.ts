import { z } from 'zod'
import { approvalsOn } from './approvals.js'
import { type Course, dateSchema, FORMATS, type Offer } from './catalog.js'
import type { RuleSet } from './credentials.js'
import { type Milp, type MilpRow, type Solver, solveExact } from './milp.js'
import {
  activityValue,
  assessProgress,
  type Points,
  type Progress,
  progressRequestSchema,
  progressSchema,
  type ResolvedActivity,
} from './progress.js'

export const preferencesSchema = z
  .object({
    formats: z.array(z.enum(FORMATS)).max(FORMATS.length).optional(),
    providers: z.array(z.string().max(120)).max(100).optional(),
    exclude: z.array(z.string().max(120)).max(2_000).optional(),
    maxHours: z.number().nonnegative().max(10_000).optional(),
    budget: z.number().nonnegative().max(1_000_000).optional(),
    deadline: dateSchema.optional(),
    objective: z.enum(['cost', 'hours']).default('cost'),
  })
  .meta({ id: 'PlanPreferences' })

export const planRequestSchema = progressRequestSchema
  .extend({ preferences: preferencesSchema.default({ objective: 'cost' }) })
  .meta({ id: 'PlanRequest' })

export type Preferences = z.infer<typeof preferencesSchema>

const plannedCourse = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  price: z.number(),
  hours: z.number().nullable(),
  /** The date the plan assumes: the first session in the window, or `asOf` on demand. */
  on: z.string(),
  toward: z.record(z.string(), z.number()),
})

const planSchema = z.object({
  feasible: z.boolean(),
  optimal: z.boolean(),
  cost: z.number(),
  fees: z.array(z.object({ label: z.string(), amount: z.number().nullable() })),
  total: z.number(),
  hours: z.number(),
  offers: z.array(z.object({ id: z.string(), name: z.string(), price: z.number() })),
  courses: z.array(plannedCourse),
  after: z.array(z.object({ id: z.string(), remaining: z.number() })),
  reason: z.string().optional(),
  shortfalls: z
    .array(
      z.object({
        requirement: z.string(),
        needed: z.number(),
        available: z.number(),
        short: z.number(),
      }),
    )
    .optional(),
})

export const planResponseSchema = z
  .object({
    progress: progressSchema,
    plan: planSchema,
    alternatives: z.array(
      z.object({
        label: z.string(),
        total: z.number().nullable(),
        plan: planSchema.optional(),
        detail: z.string().optional(),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PlanResponse' })

export type Plan = z.infer<typeof planSchema>
export type PlanResponse = z.infer<typeof planResponseSchema>

export interface PlanOptions {
  /** Off for the benchmark: the primary plan only. */
  alternatives?: boolean
  /**
   * Asked between solver steps; once true, planning stops and answers the best plan found with
   * `optimal: false` (the HTTP layer passes a deadline).
   */
  shouldStop?: () => boolean
  /** Longest any single solve may take (for the HiGHS fallback). */
  timeLimitSeconds?: number
}

export interface PlanInput {
  rules: RuleSet
  cycleEnd: string
  asOf: string
  /** Offers the person already holds. */
  held: readonly string[]
  activities: readonly ResolvedActivity[]
  /** Every catalog course with a known price (the planner filters them). */
  courses: readonly Course[]
  offers: readonly Offer[]
  preferences: Preferences
}

/** A course the plan may use, with what it is worth toward the rule set. */
interface Candidate {
  course: Course
  on: string
  points: Points
  approved: boolean
  cprCard: boolean
  /** Tie-break weight: contact hours, or credits when hours are unknown. */
  weight: number
}

/** Everything that does not depend on which offers are bought. */
interface Model {
  candidates: Candidate[]
  /** Demand rows (>=) and limit rows (<=) over candidate columns, plus extra columns. */
  rows: MilpRow[]
  rowLabels: string[]
  /** Extra continuous/binary columns after the candidates (counted unapproved points, options). */
  extra: { upper: number; integer: boolean }[]
  /** How many of one kind of course can ever help, per row index. */
  need: number[]
  /** Non-approved points the allowance still admits; null when there is no allowance. */
  capLeft: number | null
}

const CENTS = 100
const HUNDREDTHS = 100
const EPS = 1e-9

/**
 * The cheapest set of courses and offers that completes the credential, proved optimal.
 *
 * ```ts
 * await buildPlan({ rules, cycleEnd: '2027-06-30', asOf: '2026-11-24', held: [], activities,
 *                   courses, offers, preferences: { objective: 'cost' } }, solver)
 * // -> { plan: { feasible: true, optimal: true, total: 29.95, offers: [ace-membership], ... } }
 * ```
 *
 * The model is a covering MILP: a binary per course, covering rows for the requirements the
 * transcript leaves open, a continuous column for non-approved points counted under the
 * allowance, a row capping CPR cards, binaries choosing an either-or option. Offers change
 * prices, so instead of linking them to courses in one model (whose LP relaxation is weak),
 * every choice of offers is solved as a pure covering problem with fixed prices, cheapest offer
 * sets first, skipping a choice whose offers alone cost more than the best plan. Among courses
 * that contribute identically, only the cheapest that could ever be needed are kept. Ties in
 * cost go to fewer hours, so no course of a plan can be dropped.
 */
export async function buildPlan(
  input: PlanInput,
  solver: Solver,
  options: PlanOptions = {},
): Promise<PlanResponse> {
  const { rules, asOf, preferences } = input
  const { progress, tally } = assessProgress(
    rules,
    { cycleEnd: input.cycleEnd, offers: input.held },
    input.activities,
    asOf,
    input.offers,
  )
  const warnings: string[] = []
  const fees = ceFees(rules)
  const examAlternative = exam(rules, input.offers, progress)
  const empty = (reason?: string): Plan => ({
    feasible: reason === undefined,
    optimal: true,
    cost: 0,
    fees,
    total: knownTotal(0, fees),
    hours: 0,
    offers: [],
    courses: [],
    after: progress.requirements.map((r) => ({ id: r.id, remaining: r.remaining })),
    ...(reason !== undefined && { reason }),
  })
  if (progress.complete)
    return { progress, plan: empty(), alternatives: [examAlternative], warnings }
  if (!progress.pathways.some((p) => p.id === 'continuing-education' && p.available)) {
    return {
      progress,
      plan: empty(`continuing education is closed: ${progress.status}; recertify by exam`),
      alternatives: [examAlternative],
      warnings,
    }
  }

  const model = buildModel(input, progress, tally)
  const shortfalls = shortfallsOf(model, progress)
  if (shortfalls.length > 0) {
    const plan = empty(shortfalls.map((s) => s.text).join('; '))
    plan.shortfalls = shortfalls.map(({ text: _text, ...s }) => s)
    return { progress, plan, alternatives: [examAlternative], warnings }
  }

  const search = new PlanSearch(input, model, solver, options)
  const primary = await search.best(preferences.objective, preferences.maxHours, preferences.budget)
  if (!primary) {
    const limits = [
      preferences.budget !== undefined && `a budget of $${preferences.budget}`,
      preferences.maxHours !== undefined && `at most ${preferences.maxHours} hours`,
    ].filter(Boolean)
    const reason =
      limits.length > 0
        ? `no plan within ${limits.join(' and ')}`
        : 'the requirements cannot all be met together with the courses available'
    return { progress, plan: empty(reason), alternatives: [examAlternative], warnings }
  }
  const plan = finish(input, model, primary, fees, warnings)
  if (search.stopped) {
    warnings.push(
      'planning reached its time limit: this is the best plan found, not proved the cheapest; alternatives were skipped',
    )
    return { progress, plan, alternatives: [examAlternative], warnings }
  }
  if (options.alternatives === false) return { progress, plan, alternatives: [], warnings }

  const alternatives: PlanResponse['alternatives'] = []
  const other = preferences.objective === 'cost' ? 'hours' : 'cost'
  const second = await search.best(other, preferences.maxHours, preferences.budget)
  if (second) {
    const alt = finish(input, model, second, fees, warnings)
    alternatives.push({
      label: other === 'hours' ? 'fewest hours' : 'cheapest',
      total: alt.total,
      plan: alt,
    })
  }
  if (preferences.maxHours !== undefined) {
    const free = await search.best('cost', undefined, preferences.budget)
    if (free && free.cost < primary.cost - EPS) {
      const alt = finish(input, model, free, fees, warnings)
      alternatives.push({ label: 'cheapest without the hour limit', total: alt.total, plan: alt })
    }
  }
  for (const point of await search.pareto(primary, second, preferences)) {
    const alt = finish(input, model, point, fees, warnings)
    alternatives.push({
      label: `trade-off: $${alt.total} for ${alt.hours} hours`,
      total: alt.total,
      plan: alt,
    })
  }
  alternatives.push(examAlternative)
  return { progress, plan, alternatives, warnings: [...new Set(warnings)] }
}

/** Fees of the continuing-education route; unknown amounts stay null. */
function ceFees(rules: RuleSet): Plan['fees'] {
  const ce = rules.pathways.find((p) => p.id === 'continuing-education')
  const out: Plan['fees'] = rules.fees.map((f) => ({ label: f.label, amount: f.amount }))
  if (ce)
    out.unshift({
      label: `${ce.label}: fee${ce.fee === null ? ' (not verified)' : ''}`,
      amount: ce.fee,
    })
  return out
}

function knownTotal(cost: number, fees: Plan['fees']): number {
  return roundMoney(cost + fees.reduce((s, f) => s + (f.amount ?? 0), 0))
}

const roundMoney = (n: number) => Math.round(n * 100) / 100

/** The exam pathway's cost, with a membership when that makes the exam cheaper. */
function exam(
  rules: RuleSet,
  offers: readonly Offer[],
  progress: Progress,
): PlanResponse['alternatives'][number] {
  const pathway = progress.pathways.find((p) => p.id === 'exam')
  const rule = rules.pathways.find((p) => p.id === 'exam')
  if (!pathway || !rule)
    return {
      label: 'recertify by exam',
      total: null,
      detail: `${rules.credential} has no exam pathway`,
    }
  if (!rule.satisfiesRecertification)
    return { label: 'recertify by exam', total: null, detail: rule.note ?? 'does not recertify' }
  let best = {
    total: pathway.fee,
    detail: (pathway.fees ?? []).map((f) => `${f.label} $${f.amount}`).join(' + '),
  }
  const reactivation = (pathway.fees ?? []).find((f) => f.label === 'Reactivation fee')?.amount ?? 0
  for (const offer of offers) {
    const fee = rule.feeKey ? offer.fees?.[rules.id]?.[rule.feeKey] : undefined
    if (fee === undefined || offer.price === null) continue
    const total = roundMoney(offer.price + fee + reactivation)
    if (best.total === null || total < best.total) {
      best = {
        total,
        detail: `${offer.name} $${offer.price} + member exam fee $${fee}${reactivation ? ` + reactivation $${reactivation}` : ''}`,
      }
    }
  }
  return { label: 'recertify by exam', total: best.total, detail: best.detail }
}

function buildModel(
  input: PlanInput,
  progress: Progress,
  tally: ReturnType<typeof assessProgress>['tally'],
): Model {
  const { rules, preferences } = input
  const deadline = [preferences.deadline ?? input.cycleEnd, input.cycleEnd].sort()[0] as string
  const taken = new Set(input.activities.flatMap((a) => (a.courseId ? [a.courseId] : [])))
  const exclude = new Set(preferences.exclude ?? [])
  const candidates: Candidate[] = []
  for (const course of input.courses) {
    if (course.price === null || taken.has(course.id) || exclude.has(course.id)) continue
    if (preferences.formats && !preferences.formats.includes(course.format)) continue
    if (preferences.providers && !preferences.providers.includes(course.provider)) continue
    const on = course.sessions
      ? course.sessions
          .map((s) => s.start)
          .filter((d) => d >= input.asOf && d <= deadline)
          .sort()[0]
      : input.asOf
    if (on === undefined || on > deadline) continue
    // An approval that ends before the course can be taken does not count (not cached: it
    // depends on the date).
    const value = course.approvalsUntil
      ? activityValue(rules, {
          ...course,
          approvals: approvalsOn(course, on),
          completedOn: on,
          courseId: course.id,
        })
      : courseValue(rules, course)
    if ('reason' in value) continue
    const total = sum(value.points)
    candidates.push({ course, on, ...value, weight: Math.max(0.01, course.hours ?? total) })
  }

  const remaining = new Map(progress.requirements.map((r) => [r.id, r.remaining]))
  const rows: MilpRow[] = []
  const rowLabels: string[] = []
  const need: number[] = []
  const extra: Model['extra'] = []
  const n = candidates.length
  const column = (f: (c: Candidate) => number) => {
    const index: number[] = []
    const value: number[] = []
    candidates.forEach((c, j) => {
      const v = f(c)
      if (v !== 0) {
        index.push(j)
        value.push(v)
      }
    })
    return { index, value }
  }
  const demand = (
    label: string,
    rhs: number,
    f: (c: Candidate) => number,
    needOverride?: number,
  ) => {
    if (rhs <= EPS) return null
    rows.push({ lower: rhs - EPS, upper: Number.POSITIVE_INFINITY, ...column(f) })
    rowLabels.push(label)
    need.push(needOverride ?? rhs)
    return rows.length - 1
  }

  const cap = rules.unapprovedMax
  const capLeft = cap ? Math.max(0, cap.max - Math.min(cap.max, sum(tally.unapproved))) : 0
  for (const requirement of rules.requirements) {
    const rhs = remaining.get(requirement.id) ?? 0
    if (requirement.kind === 'total') {
      // Non-approved points count up to what the allowance has left (capLeft). "approved +
      // min(capLeft, non-approved) >= rhs" is exactly the two covering rows "approved +
      // non-approved >= rhs" and "approved >= rhs - capLeft": no continuous column needed.
      demand(
        requirement.id,
        rhs,
        (c) => sum(c.points) * (c.approved || !cap || capLeft > 0 ? 1 : 0),
      )
      if (cap && capLeft > 0)
        demand(`${requirement.id}: beyond the non-approved allowance`, rhs - capLeft, (c) =>
          c.approved ? sum(c.points) : 0,
        )
    } else if (requirement.kind === 'category') {
      demand(requirement.id, rhs, (c) => c.points[requirement.category])
    } else if (requirement.kind === 'approved') {
      demand(requirement.id, rhs, (c) => (c.approved ? sum(c.points) : 0))
    } else if (rhs > EPS) {
      // Either-or: a binary per option; the chosen option's parts must be covered.
      const have = {
        administrative: tally.approved.administrative + tally.unapproved.administrative,
        clinical: tally.approved.clinical + tally.unapproved.clinical,
        general: tally.approved.general + tally.unapproved.general,
      }
      const first = n + extra.length
      for (const _ of requirement.options) extra.push({ upper: 1, integer: true })
      rows.push({
        lower: 1,
        upper: Number.POSITIVE_INFINITY,
        index: requirement.options.map((_, k) => first + k),
        value: requirement.options.map(() => 1),
      })
      rowLabels.push(`${requirement.id}: one option`)
      need.push(0)
      requirement.options.forEach((option, k) => {
        for (const part of option.parts) {
          const gap = part.points - part.categories.reduce((s, c) => s + have[c], 0)
          if (gap <= EPS) continue
          const r = column((c) => part.categories.reduce((s, cat) => s + c.points[cat], 0))
          rows.push({
            lower: -EPS,
            upper: Number.POSITIVE_INFINITY,
            index: [...r.index, first + k],
            value: [...r.value, -gap],
          })
          rowLabels.push(`${requirement.id}: ${option.label}`)
          need.push(gap)
        }
      })
    }
  }
  if (rules.cprCards) {
    const left = rules.cprCards.maxCards - tally.cprCards
    rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: Math.max(0, left),
      ...column((c) => (c.cprCard ? 1 : 0)),
    })
    rowLabels.push('CPR cards')
    need.push(0)
  }
  return { candidates, rows, rowLabels, extra, need, capLeft: cap ? capLeft : null }
}

/**
 * What a course is worth toward a rule set (the date it is taken does not change it), kept per
 * course object: a loaded catalog's courses are the same objects from one plan to the next.
 */
function courseValue(rules: RuleSet, course: Course): ReturnType<typeof activityValue> {
  let values = valueCache.get(rules)
  if (!values) {
    values = new WeakMap()
    valueCache.set(rules, values)
  }
  let value = values.get(course)
  if (!value) {
    value = activityValue(rules, { ...course, completedOn: '', courseId: course.id })
    values.set(course, value)
  }
  return value
}

const valueCache = new WeakMap<RuleSet, WeakMap<Course, ReturnType<typeof activityValue>>>()

function sum(points: Points): number {
  return points.administrative + points.clinical + points.general + points.unassigned
}

/** Requirements that even every available course together cannot meet. */
function shortfallsOf(model: Model, progress: Progress) {
  const out: {
    requirement: string
    needed: number
    available: number
    short: number
    text: string
  }[] = []
  for (const requirement of progress.requirements) {
    const r = model.rowLabels.indexOf(requirement.id)
    if (r < 0) continue
    const row = model.rows[r] as MilpRow
    let available = 0
    const n = model.candidates.length
    row.index.forEach((j, k) => {
      if (j < n) available += row.value[k] as number
    })
    if (requirement.id === 'total' && model.capLeft !== null) {
      // Non-approved points count up to what the allowance has left.
      let approved = 0
      let other = 0
      for (const c of model.candidates) {
        if (c.approved) approved += sum(c.points)
        else other += sum(c.points)
      }
      available = approved + Math.min(other, model.capLeft)
    }
    const needed = requirement.remaining
    if (available + EPS < needed) {
      const short = Math.round((needed - available) * 1e6) / 1e6
      out.push({
        requirement: requirement.id,
        needed,
        available: Math.round(available * 1e6) / 1e6,
        short,
        text: `${requirement.label}: ${needed} more needed, only ${Math.round(available * 1e6) / 1e6} available from courses that can be completed before the deadline (short by ${short})`,
      })
    }
  }
  return out
}

/** A solved plan before it is dressed for the response. */
interface Found {
  offers: Offer[]
  chosen: number[]
  prices: number[]
  cost: number
  hours: number
  optimal: boolean
}

/** Searches the offer choices for the best plan under an objective and limits. */
class PlanSearch {
  private readonly relevant: Offer[]
  private readonly heldOffers: Offer[]

  constructor(
    input: PlanInput,
    private readonly model: Model,
    private readonly solver: Solver,
    private readonly limits: Pick<PlanOptions, 'shouldStop' | 'timeLimitSeconds'> = {},
  ) {
    this.heldOffers = input.offers.filter((o) => input.held.includes(o.id))
    const base = this.pricesWith([])
    this.relevant = input.offers.filter(
      (o) =>
        o.price !== null &&
        !input.held.includes(o.id) &&
        (o.coursePrice || o.courseDiscount) &&
        this.pricesWith([o]).some((p, j) => p < (base[j] as number) - EPS),
    )
    if (this.relevant.length > 12) {
      // 2^12 choices at most: keep the offers that could save the most.
      const saving = (o: Offer) =>
        this.pricesWith([o]).reduce((s, p, j) => s + Math.max(0, (base[j] as number) - p), 0) -
        (o.price ?? 0)
      this.relevant = [...this.relevant].sort((a, b) => saving(b) - saving(a)).slice(0, 12)
    }
  }

  /** Whether planning ran out of time at some point (the plan is then not proved optimal). */
  stopped = false

  private stop(): boolean {
    if (!this.stopped && this.limits.shouldStop?.()) this.stopped = true
    return this.stopped
  }

  private solveLimits() {
    const { shouldStop, timeLimitSeconds } = this.limits
    return {
      ...(shouldStop && { shouldStop: () => this.stop() }),
      ...(timeLimitSeconds !== undefined && { timeLimitSeconds }),
    }
  }

  /** Course prices when these offers are bought (held offers always apply). */
  pricesWith(bought: readonly Offer[]): number[] {
    const active = [...this.heldOffers, ...bought]
    return this.model.candidates.map(({ course }) => {
      let price = course.price as number
      for (const offer of active) {
        if (offer.coursePrice && offer.coursePrice.provider === course.provider) {
          price = Math.min(price, offer.coursePrice.price)
        }
        const d = offer.courseDiscount
        if (
          d &&
          d.provider === course.provider &&
          (!d.formats || d.formats.includes(course.format))
        ) {
          price = Math.min(price, roundMoney(((course.price as number) * (100 - d.percent)) / 100))
        }
      }
      return price
    })
  }

  /**
   * The best plan for `objective` ("cost": total, then hours; "hours": hours, then total),
   * within the limits; null when none exists.
   */
  async best(
    objective: 'cost' | 'hours',
    maxHours: number | undefined,
    budget: number | undefined,
    hoursBelow?: number,
  ): Promise<Found | null> {
    const hoursCap = Math.min(
      maxHours ?? Number.POSITIVE_INFINITY,
      hoursBelow ?? Number.POSITIVE_INFINITY,
    )
    let hoursLimit = hoursCap
    if (objective === 'hours') {
      // Hours do not depend on offers: find the fewest, then the cheapest way to get them.
      const fewest = await this.solveFor([], 'hours', hoursCap, Number.POSITIVE_INFINITY)
      if (!fewest) return null
      hoursLimit = fewest.hours
    }
    // Best first: order the offer choices by a lower bound on their cost, then solve exactly
    // while a choice's bound can still beat the best plan found. The bound comes from one LP's
    // duals: by weak duality any dual vector bounds every choice, whose prices only change the
    // objective, so each choice costs a pass over the courses instead of a solve.
    const bound = await this.dualBound()
    const bounded: { offers: Offer[]; offerCost: number; moneyLeft: number; bound: number }[] = []
    for (const offers of this.subsets()) {
      const offerCost = offers.reduce((s, o) => s + (o.price ?? 0), 0)
      const moneyLeft = (budget ?? Number.POSITIVE_INFINITY) - offerCost
      if (moneyLeft < -EPS) continue
      bounded.push({
        offers,
        offerCost,
        moneyLeft,
        bound: offerCost + bound(this.pricesWith(offers)),
      })
    }
    bounded.sort((a, b) => a.bound - b.bound || a.offerCost - b.offerCost)
    let best: Found | null = null
    let optimal = true
    for (const { offers, offerCost, moneyLeft, bound } of bounded) {
      if (best && bound >= best.cost + 0.005) continue
      if (best && this.stop()) {
        // Out of time with choices left that might be cheaper: the best so far is unproved.
        optimal = false
        break
      }
      const cutoff = best ? (best.cost - offerCost) * CENTS + 0.5 : undefined
      const found = await this.solveFor(offers, 'cost', hoursLimit, moneyLeft, cutoff)
      if (!found) continue
      optimal &&= found.optimal
      const better =
        !best ||
        found.cost < best.cost - EPS ||
        (Math.abs(found.cost - best.cost) <= EPS && found.hours < best.hours - EPS)
      if (better) best = found
    }
    return best ? { ...best, optimal: best.optimal && optimal } : null
  }

  /**
   * A function giving, for any prices, a lower bound (in dollars) on the cost of the courses of
   * a plan, from the duals y of the LP relaxation at the prices without bought offers:
   * `sum of row bounds * y + sum over columns of min(0, cost - column . y) * upper`.
   */
  private async dualBound(): Promise<(prices: number[]) => number> {
    const { model } = this
    const n = model.candidates.length
    const cents = this.pricesWith([]).map((p) => Math.round(p * CENTS))
    const lp = await this.solver.solve(
      {
        cost: [...cents, ...model.extra.map(() => 0)],
        lower: [...cents.map(() => 0), ...model.extra.map(() => 0)],
        upper: [...cents.map(() => 1), ...model.extra.map((e) => e.upper)],
        integer: [...cents.map(() => true), ...model.extra.map((e) => e.integer)],
        rows: model.rows,
      },
      { relax: true },
    )
    const y = lp.rowDuals
    if (lp.status !== 'optimal' || !y || y.length !== model.rows.length) return () => 0
    let constant = 0
    const aty = new Float64Array(n + model.extra.length)
    model.rows.forEach((row, r) => {
      const dual = y[r] as number
      if (dual > 0 && Number.isFinite(row.lower)) constant += dual * row.lower
      else if (dual < 0 && Number.isFinite(row.upper)) constant += dual * row.upper
      else return // no dual, or the side it prices is unbounded: leave the row out
      row.index.forEach((j, k) => {
        aty[j] = (aty[j] as number) + dual * (row.value[k] as number)
      })
    })
    model.extra.forEach((e, k) => {
      constant += Math.min(0, -(aty[n + k] as number)) * e.upper
    })
    return (prices) => {
      let bound = constant
      for (let j = 0; j < n; j++) {
        bound += Math.min(0, Math.round((prices[j] as number) * CENTS) - (aty[j] as number))
      }
      return Math.max(0, bound - 1e-6) / CENTS
    }
  }

  /** Up to five cost-vs-hours trade-offs strictly between the cheapest and the fastest plans. */
  async pareto(primary: Found, second: Found | null, preferences: Preferences): Promise<Found[]> {
    const cheapest = primary.cost <= (second?.cost ?? Number.POSITIVE_INFINITY) ? primary : second
    const fastest = second && second.hours < primary.hours ? second : primary
    if (!cheapest || !second || fastest.hours >= cheapest.hours - EPS) return []
    const points: Found[] = []
    let hours = cheapest.hours
    for (let k = 0; k < 5; k++) {
      const next = await this.best(
        'cost',
        preferences.maxHours,
        preferences.budget,
        hours - 1 / HUNDREDTHS,
      )
      if (!next || next.hours <= fastest.hours + EPS) break
      points.push(next)
      hours = next.hours
    }
    return points
  }

  private subsets(): Offer[][] {
    const out: Offer[][] = []
    const k = this.relevant.length
    for (let mask = 0; mask < 1 << k; mask++) {
      out.push(this.relevant.filter((_, i) => mask & (1 << i)))
    }
    const cost = (s: Offer[]) => s.reduce((t, o) => t + (o.price ?? 0), 0)
    return out.sort((a, b) => cost(a) - cost(b) || a.length - b.length)
  }

  /**
   * Solves the covering MILP for fixed offers: cost (in cents) first, then hours among the
   * cheapest; or hours alone. Returns null when infeasible.
   */
  private async solveFor(
    offers: Offer[],
    objective: 'cost' | 'hours',
    hoursLimit: number,
    moneyLeft: number,
    cutoff?: number,
  ): Promise<Found | null> {
    const { model } = this
    const prices = this.pricesWith(offers)
    const columns = this.reduce(prices)
    const keep = columns.map((members) => members[0] as number)
    const n = keep.length
    const colOf = new Map(keep.map((j, k) => [j, k]))
    const remap = (row: MilpRow): MilpRow => {
      const index: number[] = []
      const value: number[] = []
      row.index.forEach((j, k) => {
        const to = j < model.candidates.length ? colOf.get(j) : n + (j - model.candidates.length)
        if (to !== undefined) {
          index.push(to)
          value.push(row.value[k] as number)
        }
      })
      return { lower: row.lower, upper: row.upper, index, value }
    }
    const cents = keep.map((j) => Math.round((prices[j] as number) * CENTS))
    const hundredths = keep.map((j) =>
      Math.round((model.candidates[j] as Candidate).weight * HUNDREDTHS),
    )
    const base: Milp = {
      cost: [],
      lower: [...keep.map(() => 0), ...model.extra.map(() => 0)],
      upper: [...columns.map((members) => members.length), ...model.extra.map((e) => e.upper)],
      integer: [...keep.map(() => true), ...model.extra.map((e) => e.integer)],
      rows: model.rows.map(remap),
    }
    const all = keep.map((_, k) => k)
    if (Number.isFinite(hoursLimit)) {
      base.rows.push({
        lower: Number.NEGATIVE_INFINITY,
        upper: Math.round(hoursLimit * HUNDREDTHS) + EPS,
        index: all,
        value: hundredths,
      })
    }
    if (Number.isFinite(moneyLeft)) {
      base.rows.push({
        lower: Number.NEGATIVE_INFINITY,
        upper: Math.round(moneyLeft * CENTS) + 1e-6,
        index: all,
        value: cents,
      })
    }
    const pad = (v: number[]) => [...v, ...model.extra.map(() => 0)]
    const [primary, secondary] = objective === 'cost' ? [cents, hundredths] : [hundredths, cents]
    const found = await solveExact(
      this.solver,
      { ...base, cost: pad(primary) },
      { ...this.solveLimits(), integralObjective: true, ...(cutoff !== undefined && { cutoff }) },
    )
    if (!found?.feasible) return null
    // Tie-break on the other measure among the optimal plans: only columns that can be part of
    // an optimal plan stay free (the first solve's reduced-cost fixing at its final gap).
    const tie = await solveExact(
      this.solver,
      {
        ...base,
        ...(found.within ?? {}),
        cost: pad(secondary),
        rows: [
          ...base.rows,
          {
            lower: Number.NEGATIVE_INFINITY,
            upper: Math.round(found.objective) + 1e-6,
            index: all,
            value: primary,
          },
        ],
      },
      { ...this.solveLimits(), incumbent: found.x, integralObjective: true },
    )
    const optimal = found.status === 'optimal' && tie?.status === 'optimal'
    const x = tie?.feasible ? tie.x : found.x
    const chosen = columns
      .flatMap((members, k) => members.slice(0, Math.round(x[k] as number)))
      .sort((a, b) => a - b)
    return {
      offers,
      chosen,
      prices,
      cost: roundMoney(
        offers.reduce((s, o) => s + (o.price ?? 0), 0) +
          chosen.reduce((s, j) => s + (prices[j] as number), 0),
      ),
      hours:
        Math.round(
          chosen.reduce((s, j) => s + (model.candidates[j] as Candidate).weight, 0) * 100,
        ) / 100,
      optimal,
    }
  }

  /**
   * The model's columns at these prices. Among courses whose contributions to every row are
   * identical, an optimal plan never needs more than the cheapest few (as many as the largest
   * row could use), so the rest are dropped; so are courses that help no requirement. Kept
   * courses that are identical in price too are one integer column (how many of them to take):
   * interchangeable binaries would only make the search try each of them in turn.
   */
  private reduce(prices: number[]): number[][] {
    const columns: number[][] = []
    const cents = (j: number) => Math.round((prices[j] as number) * CENTS)
    for (const { members, limit } of this.groups()) {
      const sorted = [...members].sort((a, b) => cents(a) - cents(b) || a - b).slice(0, limit)
      let last: number[] | null = null
      for (const j of sorted) {
        if (last && cents(last[0] as number) === cents(j)) last.push(j)
        else {
          last = [j]
          columns.push(last)
        }
      }
    }
    return columns.sort((a, b) => (a[0] as number) - (b[0] as number))
  }

  private groupCache: { members: number[]; limit: number }[] | null = null

  /** Courses grouped by identical contributions, with how many of each could ever help. */
  private groups(): { members: number[]; limit: number }[] {
    if (this.groupCache) return this.groupCache
    const { model } = this
    const n = model.candidates.length
    const coefficients: number[][] = model.candidates.map(() => [])
    model.rows.forEach((row, r) => {
      row.index.forEach((j, k) => {
        if (j < n) (coefficients[j] as number[])[r] = row.value[k] as number
      })
    })
    const byKey = new Map<string, number[]>()
    model.candidates.forEach((c, j) => {
      const coef = coefficients[j] as number[]
      const helps = model.rows.some(
        (row, r) => row.lower > Number.NEGATIVE_INFINITY && (coef[r] ?? 0) > EPS,
      )
      if (!helps) return
      const key = `${model.rows.map((_, r) => coef[r] ?? 0).join(',')}|${c.weight}`
      const group = byKey.get(key)
      if (group) group.push(j)
      else byKey.set(key, [j])
    })
    this.groupCache = [...byKey.values()].map((members) => {
      const coef = coefficients[members[0] as number] as number[]
      let limit = 1
      model.rows.forEach((_, r) => {
        const v = coef[r] ?? 0
        const need = model.need[r] as number
        if (v > EPS && need > 0) limit = Math.max(limit, Math.ceil(need / v - EPS))
      })
      return { members, limit }
    })
    return this.groupCache
  }
}

/** Dresses a solution for the response and verifies it with the rules engine. */
function finish(
  input: PlanInput,
  model: Model,
  found: Found,
  fees: Plan['fees'],
  warnings: string[],
): Plan {
  const chosen = found.chosen.map((j) => model.candidates[j] as Candidate)
  const activities: ResolvedActivity[] = [
    ...input.activities,
    ...chosen.map((c) => ({ ...c.course, courseId: c.course.id, completedOn: c.on })),
  ]
  const held = [...input.held, ...found.offers.map((o) => o.id)]
  // Judged on the day the last planned course is done, so that future sessions count.
  const done = [input.asOf, ...chosen.map((c) => c.on)].sort().at(-1) as string
  const { progress: after } = assessProgress(
    input.rules,
    { cycleEnd: input.cycleEnd, offers: held },
    activities,
    done,
    input.offers,
  )
  if (!after.complete)
    warnings.push('internal check: the plan did not verify as complete; please report this')
  const start = input.activities.length
  return {
    feasible: true,
    optimal: found.optimal && after.complete,
    cost: found.cost,
    fees,
    total: knownTotal(found.cost, fees),
    hours: found.hours,
    offers: found.offers.map((o) => ({ id: o.id, name: o.name, price: o.price as number })),
    courses: chosen.map((c, k) => ({
      id: c.course.id,
      title: c.course.title,
      provider: c.course.provider,
      price: found.prices[found.chosen[k] as number] as number,
      hours: c.course.hours,
      on: c.on,
      toward: after.activities[start + k]?.toward ?? {},
    })),
    after: after.requirements.map((r) => ({ id: r.id, remaining: r.remaining })),
  }
}
