import { isSample } from '../core/catalog/constants.js'
import type { JointPlanResponse, Plan, PlanResponse, Progress } from './api.js'
import { type Child, h, money, titleCase, uid, usd } from './dom.js'
import { localToday } from './fields.js'

/** The answer of `POST /v1/plan`: for one credential, or for several at once. */
export type Answer = PlanResponse | JointPlanResponse

/** How the result names what the answer gives as ids and indexes. */
export interface Names {
  /** "CMA (AAMA)" for `cma-aama`. */
  credential: (id: string) => string
  /** The title of the transcript's activity at this index. */
  activity: (index: number) => string
}

/** Where each credential of the answer stands, in request order. */
export const progressOf = (answer: Answer): Progress[] =>
  'credentials' in answer ? answer.credentials : [answer.progress]

/**
 * The credential's status in plain words, with the dates that matter. `joint`: planned with
 * other credentials, where the exam is not among the alternatives.
 */
export function statusLine(progress: Progress, joint = false): string {
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
      return `Lapsed: expired on ${progress.cycle.end}${last ? `; the last day to recertify by continuing education was ${last.date}` : ''}. What remains is the exam and its fees${joint ? ', which this plan leaves out' : ' (see the alternatives)'}.`
  }
}

/**
 * The plan's total as far as it is known: "$39 total", or "$39 plus a fee that is not known"
 * when a fee's amount is not known. Only for a feasible plan.
 */
export function headline(plan: Plan): string {
  const total = plan.total ?? 0
  if (plan.totalComplete) return total === 0 ? 'Nothing to pay' : `${usd(total)} total`
  const unknown = plan.fees.filter((f) => f.amount === null).length
  return `${usd(total)} plus ${unknown > 1 ? `${unknown} fees that are` : 'a fee that is'} not known`
}

/** "A", "A and B", "A, B and C". */
const inWords = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '')

/** "one plan saves $8" as a sentence: "One plan saves $8." */
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1).replace(/\.?$/, '.')}`

/**
 * The answer to "what do I still need": progress for each credential, the cheapest plan (with
 * a notice when it uses invented sample data, and for several credentials which ones each
 * course serves and what planning them together saves), and the alternatives.
 */
export function planResult(answer: Answer, names: Names): Child[] {
  const all = progressOf(answer)
  const joint = 'credentials' in answer
  const { plan, alternatives } = answer
  return [
    h(
      'section',
      { class: 'stack', 'aria-label': 'Progress' },
      h('h3', {}, 'Progress'),
      all.map((p) => progressBlock(p, joint, names)),
    ),
    !all.every((p) => p.complete) &&
      h(
        'section',
        { class: 'stack', 'aria-label': 'Cheapest plan', part: 'plan' },
        h('h3', {}, 'Cheapest plan'),
        answer.sample &&
          h(
            'p',
            { class: 'notice', part: 'notice' },
            h('strong', {}, 'Sample data. '),
            'Some courses or offers here are invented samples, not real ones (each is marked "Sample data"). They show how the planner works; you cannot take or buy them.',
          ),
        plan.feasible
          ? [
              h(
                'p',
                { class: 'total', 'data-total': String(plan.total) },
                headline(plan),
                h(
                  'span',
                  { class: 'note' },
                  `${plan.hours} hours${plan.optimal ? ' · proved cheapest' : ''}`,
                ),
              ),
              joint &&
                answer.saving &&
                h('p', { class: 'saving' }, sentence(answer.saving.summary)),
              planTable(plan, joint, names),
            ]
          : noPlan(plan, all, joint, names),
      ),
    alternatives.length > 0 &&
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
              `${titleCase(a.label)}: ${a.plan?.feasible ? headline(a.plan) : a.total === null ? 'cost unknown' : money(a.total)}`,
              a.plan ? ` (${a.plan.hours} hours)` : '',
              a.detail ? ` (${a.detail})` : '',
            ),
          ),
        ),
      ),
  ]
}

/** One credential's status, a bar per requirement, and what did not count toward it. */
function progressBlock(progress: Progress, joint: boolean, names: Names): HTMLElement {
  const reasons = progress.activities.filter((a) => a.reason)
  return h(
    'div',
    { class: 'stack held' },
    joint && h('h4', {}, names.credential(progress.credential)),
    h('p', { class: 'status-line' }, statusLine(progress, joint)),
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
        h(joint ? 'h5' : 'h4', {}, 'Did not count'),
        h(
          'ul',
          {},
          reasons.map((a) => h('li', {}, `${names.activity(a.index)}: ${a.reason}`)),
        ),
      ),
  )
}

/** Why there is no plan: each requirement the courses available cannot meet, and by how much. */
function noPlan(plan: Plan, all: Progress[], joint: boolean, names: Names): Child[] {
  const shortfalls = plan.shortfalls ?? []
  if (shortfalls.length === 0)
    return [h('p', {}, sentence(plan.reason ?? 'no plan closes the gap'))]
  return [
    h('p', {}, 'No plan: the courses that can be done in time cannot meet these requirements.'),
    h(
      'ul',
      {},
      shortfalls.map((s) => {
        const progress = all.find((p) => p.credential === s.credential) ?? all[0]
        const label =
          progress?.requirements.find((r) => r.id === s.requirement)?.label ?? s.requirement
        return h(
          'li',
          {},
          `${joint && s.credential ? `${names.credential(s.credential)}, ` : ''}${label}: ${s.needed} more needed, ${s.available} available in time (short by ${s.short})`,
        )
      }),
    ),
  ]
}

/** A label beside an item: invented sample data, the person's own course, an unchecked fee. */
const tag = (text: string) => [' ', h('span', { class: 'tag' }, text)]

function planTable(plan: Plan, joint: boolean, names: Names): HTMLElement {
  const today = localToday()
  const sample = (x: { source: { confidence: string } }) => isSample(x) && tag('Sample data')
  return h(
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
      plan.offers.map((o) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            o.name,
            sample(o),
            o.includedIn && h('span', { class: 'meta' }, `Included in ${o.includedIn}`),
          ),
          h('td', {}, o.includedIn ? 'Included' : money(o.price)),
        ),
      ),
      plan.courses.map((c) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            `${c.title} (${c.hours ?? '?'} h${c.on > today ? `, session on ${c.on}` : ''})`,
            sample(c),
            c.own && tag('Your course'),
            joint &&
              h(
                'span',
                { class: 'meta serves' },
                `Counts for ${inWords(c.serves.map((s) => names.credential(s.credential)))} · do by ${c.by}`,
              ),
          ),
          h('td', {}, money(c.price)),
        ),
      ),
      plan.fees.map((f) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            f.label,
            f.confidence && f.confidence !== 'official' && tag('Not verified'),
            joint &&
              f.credential &&
              h('span', { class: 'meta' }, `For ${names.credential(f.credential)}`),
          ),
          h('td', {}, f.amount === null ? 'Not known' : money(f.amount)),
        ),
      ),
    ),
  )
}
