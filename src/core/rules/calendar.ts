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

/**
 * The status on `asOf` (active, in the grace window, lapsed), the days left and the grace window
 * under each published reading; a warning when the readings disagree on the status.
 */
export function statusOf(
  rules: RuleSet,
  end: string,
  asOf: string,
  warnings: string[],
): { status: Progress['status']; daysLeft: number; grace: Progress['grace'] } {
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
