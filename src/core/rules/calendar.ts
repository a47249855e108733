import type { RuleSet } from '../catalog/rule-set.js'
import { addDays, addMonths, daysBetween } from './dates.js'
import type { Progress } from './request.js'

/** The cycle ending on `cycleEnd` under the rule set. */
export function cycleOf(rules: RuleSet, cycleEnd: string): { start: string; end: string } {
  if (rules.cycle.kind === 'calendar-years') {
    const year = Number(cycleEnd.slice(0, 4)) - ((rules.cycle.years ?? 1) - 1)
    return { start: `${year}-01-01`, end: cycleEnd }
  }
  const before = addMonths(cycleEnd, -(rules.cycle.months ?? 12), rules.cycle.endsOnMonthEnd)
  return { start: addDays(before, 1), end: cycleEnd }
}

/** The last day continuing education can still be used after `end`, one per published reading. */
export function graceDeadlinesOf(rules: RuleSet, end: string): Progress['graceDeadlines'] {
  return rules.lapse.graceReadings.map((r) => ({
    reading: r.reading,
    date:
      r.months !== undefined
        ? addMonths(end, r.months, rules.cycle.endsOnMonthEnd)
        : addDays(end, r.days ?? 0),
  }))
}

/** The later of the readings' deadlines: the reading that costs the person nothing. */
export function latestDeadline(deadlines: Progress['graceDeadlines']): string | null {
  return (
    deadlines
      .map((d) => d.date)
      .sort()
      .at(-1) ?? null
  )
}

/**
 * The last day an activity may be completed and still count: the cycle's end, or, once the cycle
 * has ended (`asOf` after it), the latest deadline of the lapse window where points earned in it
 * count (the CMA's `gracePoints`, ARMA's reinstatement). Progress and plan both read it here, so
 * a plan made before the end never leans on the lapse window.
 */
export function lastCountingDay(rules: RuleSet, end: string, asOf: string): string {
  const extend = rules.gracePoints?.counts === true || rules.lapse.reinstatement !== undefined
  if (!extend || asOf <= end) return end
  return latestDeadline(graceDeadlinesOf(rules, end)) ?? end
}

/** What the calendar says on `asOf`: status, days left, the grace window by reading. */
export interface CalendarState {
  status: Progress['status']
  daysLeft: number
  grace: Progress['grace']
  graceDeadlines: Progress['graceDeadlines']
  /** The readings disagree on whether the window is still open on `asOf`. */
  readingsDiffer: boolean
  /** The lapse rule is not verified, so continuing education was left open. */
  lapseUnverified: boolean
}

/**
 * The status on `asOf`: `active` up to the end, `grace` while a sourced lapse window (its later
 * reading) is open, or while no lapse rule is verified (continuing education is not closed on an
 * unverified rule), `lapsed` otherwise.
 */
export function statusOf(rules: RuleSet, end: string, asOf: string): CalendarState {
  const daysLeft = Math.max(0, daysBetween(asOf, end))
  const graceDeadlines = graceDeadlinesOf(rules, end)
  const [first, second] = graceDeadlines
  const open = (d: { date: string }) => asOf <= d.date
  const readingsDiffer =
    asOf > end && graceDeadlines.some((d) => open(d) !== open(graceDeadlines[0] as typeof d))
  const grace = first
    ? {
        until: first.date,
        reading: first.reading,
        ...(second && { alternative: { until: second.date, reading: second.reading } }),
        readingsAgree: !readingsDiffer,
      }
    : null
  const lapseUnverified = asOf > end && rules.lapse.confidence === 'unverified' && !first
  const latest = latestDeadline(graceDeadlines)
  const status =
    asOf <= end
      ? ('active' as const)
      : lapseUnverified || (latest !== null && asOf <= latest)
        ? ('grace' as const)
        : ('lapsed' as const)
  return { status, daysLeft, grace, graceDeadlines, readingsDiffer, lapseUnverified }
}
