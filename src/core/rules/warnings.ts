import type { RuleSet } from '../catalog/rule-set.js'
import type { CalendarState } from './calendar.js'
import { isMonthEnd } from './dates.js'
import type { ResolvedActivity, WarningDetail } from './request.js'
import type { Selection } from './select.js'

/** What the evaluation noticed that the warnings speak of. */
export interface Noticed {
  cycleEnd: string
  asOf: string
  calendar: CalendarState
  selection: Selection
  /** Activities that counted, and those of them completed after the cycle's end. */
  counted: number[]
  afterEnd: number[]
  cards: number
  /** The activities of the request, to name them in messages by content, not by position. */
  activities: readonly ResolvedActivity[]
}

/** Activities named by title and date, sorted: a message never depends on the list's order. */
function named(n: Noticed, indexes: readonly number[]): string {
  return indexes
    .map((i) => {
      const a = n.activities[i] as ResolvedActivity
      return `${a.title ? `"${a.title}"` : (a.courseId ?? a.format ?? 'an activity')} on ${a.completedOn}`
    })
    .sort()
    .join(', ')
}

const figureId = (rules: RuleSet, ...parts: string[]) => [rules.id, ...parts].join(':')

/**
 * The warnings of one answer, in a fixed order (docs/rules.md "Confidence and warnings"): each a
 * code, the message, the non-official figures it rests on and the activities it is about.
 */
export function warningsOf(rules: RuleSet, n: Noticed): WarningDetail[] {
  const out: WarningDetail[] = []
  const issuer = rules.issuer.id
  if (rules.cycle.endsOnMonthEnd && !isMonthEnd(n.cycleEnd)) {
    out.push({
      code: 'cycle-end-not-month-end',
      message: `${rules.credential} cycles end on the last day of a month; ${n.cycleEnd} is not one: check the expiration date on your card.`,
    })
  }
  const deadlines = n.calendar.graceDeadlines
  if (n.calendar.readingsDiffer) {
    const text = deadlines.map((d) => `"${d.reading}": until ${d.date}`).join('; ')
    out.push({
      code: 'grace-readings-differ',
      message: `The lapse window depends on the reading (${text}). The later date decides the status here, since it costs you nothing; confirm with ${issuer} before relying on it.`,
    })
  }
  if (n.calendar.lapseUnverified) {
    out.push({
      code: 'lapse-rule-unverified',
      message: `${issuer}'s rule after the expiration date is not verified: continuing education is left open here; confirm with ${issuer}.`,
      figures: [figureId(rules, 'lapse')],
    })
  }
  const grace = rules.gracePoints
  if (grace && grace.confidence !== 'official' && n.afterEnd.length > 0) {
    out.push({
      code: 'grace-points-unverified',
      message: `Activities completed after the expiration date (${n.cycleEnd}) were counted (${named(n, n.afterEnd)}): whether ${issuer} accepts points earned inside the lapse window is not verified.`,
      figures: [figureId(rules, 'gracePoints')],
      activities: n.afterEnd,
    })
  }
  if (n.selection.repeats.length > 0) {
    out.push({
      code: 'repeat-course-unverified',
      message: `A course taken again on another date was counted again (${named(n, n.selection.repeats)}): whether ${issuer} accepts a repeated course is not verified.`,
      figures: [figureId(rules, 'repeatCourses')],
      activities: n.selection.repeats,
    })
  }
  if (n.selection.lookRecurring.length > 0) {
    out.push({
      code: 'recurring-training-unmarked',
      message: `${issuer} accepts recurring employer training (HIPAA, OSHA, bloodborne pathogens...) once every ${rules.recurringTraining?.onceInYears} years. Is this such training: ${named(n, n.selection.lookRecurring)}? If so, mark it "recurringTraining": true.`,
      activities: n.selection.lookRecurring,
    })
  }
  const cards = rules.cprCards
  if (n.cards > 0 && cards && !cards.countsAsApproved && cards.pointsPerCard !== null) {
    out.push({
      code: 'cpr-approval-unknown',
      message:
        'CPR card points are counted as non-AAMA points: whether they count toward the AAMA-approved minimum is not verified.',
    })
  }
  const figures = unverifiedFigures(rules, n)
  if (figures.length > 0) {
    out.push({
      code: 'unverified-figure',
      message: `Not confirmed on ${issuer}'s own pages (each item's confidence and source are in the answer): ${figures.map((f) => f.label).join('; ')}. Check them with ${issuer}.`,
      figures: figures.map((f) => f.id),
    })
  }
  n.activities.forEach((a, index) => {
    for (const { approval, until } of a.expired ?? [])
      out.push({
        code: 'approval-expired',
        message: `${a.title ?? a.courseId} was completed on ${a.completedOn}, after its ${approval} approval ended on ${until}: it is not counted as ${approval}-approved.`,
        activities: [index],
      })
  })
  return out
}

/** The non-official figures this answer rests on (those the other warnings do not name). */
function unverifiedFigures(rules: RuleSet, n: Noticed): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = []
  const add = (rule: { confidence: string } | null | undefined, label: string, ...id: string[]) => {
    if (rule && rule.confidence !== 'official')
      out.push({ id: figureId(rules, ...id), label: `${label} (${rule.confidence})` })
  }
  add(rules.cycle, 'the cycle', 'cycle')
  if (n.counted.length > 0) add(rules.units, `the unit (${rules.unit})`, 'units')
  for (const r of rules.requirements) add(r, `${r.label}: ${r.required}`, 'requirements', r.id)
  for (const f of rules.fees)
    add(f, `${f.label}: ${f.amount === null ? 'unknown' : `$${f.amount}`}`, 'fees', f.id)
  for (const p of rules.pathways) add(p, p.label, 'pathways', p.id)
  if (n.cards > 0) add(rules.cprCards, 'CPR cards', 'cprCards')
  if (n.asOf > n.cycleEnd && !n.calendar.lapseUnverified)
    add(
      rules.lapse,
      `after the expiration date: ${rules.lapse.note ?? rules.lapse.afterGrace}`,
      'lapse',
    )
  return out
}
