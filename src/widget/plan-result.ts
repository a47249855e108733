import type { PlanResponse } from './api.js'
import { type Child, h, money, titleCase, uid } from './dom.js'
import { localToday } from './fields.js'

type Progress = PlanResponse['progress']

/** The credential's status in plain words, with the dates that matter. */
export function statusLine(progress: Progress): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`
  const deadlines = [...progress.graceDeadlines].sort((a, b) => (a.date < b.date ? -1 : 1))
  const byReading = deadlines.map((d) => `${d.date} (read as "${d.reading}")`).join(' or ')
  const first = deadlines[0]
  const last = deadlines[deadlines.length - 1]
  switch (progress.status) {
    case 'active':
      return `Active: ${days(progress.daysLeft)} left, until ${progress.cycle.end}.`
    case 'grace':
      if (!first) return `Expired on ${progress.cycle.end}; continuing education still counts.`
      return deadlines.length > 1 && first.date !== last?.date
        ? `Expired on ${progress.cycle.end}. You can still recertify by continuing education until ${byReading}: the rules can be read both ways, so apply by ${first.date} to be safe.`
        : `Expired on ${progress.cycle.end}. You can still recertify by continuing education until ${first.date}.`
    case 'lapsed':
      return `Lapsed: expired on ${progress.cycle.end}${last ? `; the last day to recertify by continuing education was ${last.date}` : ''}. What remains is the exam and its fees (see the alternatives).`
  }
}

/** The answer to "what do I still need": progress, the cheapest plan, the alternatives. */
export function planResult(
  { progress, plan, alternatives }: PlanResponse,
  titleOf: (index: number) => string,
): Child[] {
  const reasons = progress.activities.filter((a) => a.reason)
  return [
    h(
      'section',
      { class: 'stack', 'aria-label': 'Progress' },
      h('h3', {}, 'Progress'),
      h('p', { class: 'status-line' }, statusLine(progress)),
      progress.requirements.map((r) => {
        const id = uid('ceu-req')
        return h(
          'div',
          { class: 'req' },
          h(
            'label',
            { for: id },
            `${r.label}: ${r.earned} of ${r.required}`,
            r.remaining > 0 ? ` (${r.remaining} to go)` : ' (done)',
          ),
          h('progress', {
            id,
            max: String(r.required || 1),
            value: String(Math.min(r.earned, r.required)),
          }),
        )
      }),
      reasons.length > 0 &&
        h(
          'div',
          {},
          h('h4', {}, 'Did not count'),
          h(
            'ul',
            {},
            reasons.map((a) => h('li', {}, `${titleOf(a.index)}: ${a.reason}`)),
          ),
        ),
    ),
    !progress.complete &&
      h(
        'section',
        { class: 'stack', 'aria-label': 'Cheapest plan', part: 'plan' },
        h('h3', {}, 'Cheapest plan'),
        plan.feasible ? planTable(plan) : h('p', {}, plan.reason ?? 'No plan closes the gap.'),
      ),
    h(
      'section',
      { class: 'stack', 'aria-label': 'Alternatives' },
      h('h3', {}, 'Alternatives'),
      h(
        'ul',
        {},
        alternatives.map((a) =>
          h(
            'li',
            {},
            `${titleCase(a.label)}: ${a.total === null ? 'cost unknown' : money(a.total)}`,
            a.plan ? ` (${a.plan.hours} hours)` : '',
            a.detail ? ` (${a.detail})` : '',
          ),
        ),
      ),
    ),
  ]
}

function planTable(plan: PlanResponse['plan']): Child[] {
  const today = localToday()
  return [
    h(
      'p',
      { class: 'total', 'data-total': String(plan.total) },
      `${money(plan.total)} total`,
      h(
        'span',
        { class: 'note' },
        ` · ${plan.hours} hours${plan.optimal ? ' · proved cheapest' : ''}`,
      ),
    ),
    h(
      'table',
      {},
      h('caption', { class: 'sr' }, 'What to buy and take'),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Price')),
      ),
      h(
        'tbody',
        {},
        plan.offers.map((o) => h('tr', {}, h('td', {}, o.name), h('td', {}, money(o.price)))),
        plan.courses.map((c) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              `${c.title} (${c.hours ?? '?'} h${c.on > today ? `, session on ${c.on}` : ''})`,
            ),
            h('td', {}, money(c.price)),
          ),
        ),
        plan.fees.map((f) => h('tr', {}, h('td', {}, f.label), h('td', {}, money(f.amount)))),
      ),
    ),
  ]
}
