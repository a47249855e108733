import { APPROVALS, CATEGORIES, FORMATS } from '../core/catalog/constants.js'
import type { Activity as ApiActivity } from '../core/rules/request.js'
import { h, titleCase, uid } from './dom.js'
import { checkNumber, checkPastDate, type Field, field, setError } from './fields.js'

/** One line of the transcript: what the API is sent, with a title to show. */
export type Activity = ApiActivity & { title: string }

const KIND_LABELS: Partial<Record<(typeof FORMATS)[number], string>> = {
  workshop: 'Workshop or in-service',
  online: 'Online course',
  article: 'Article with a test',
  'cpr-card': 'CPR card',
  college: 'College course',
}
export const kindLabel = (format: string) =>
  KIND_LABELS[format as keyof typeof KIND_LABELS] ?? titleCase(format)

/** Limits of the API's activity fields, so a refusal is caught here, next to the field. */
const MAX = { hours: 10_000, credits: 1_000, collegeCredits: 500 }

/**
 * The form for anything not taken from the catalog: a CE activity (contact hours, credits by
 * content area, approving bodies), a CPR card (just the date) or college work (its quarter or
 * semester credits and how it splits by content area). Fields that do not apply to the chosen
 * kind are hidden; each is checked on submit, with the message next to it.
 */
export function activityForm(add: (activity: Activity) => void): HTMLFormElement {
  const kind = field(
    'Kind',
    h(
      'select',
      { onchange: () => show() },
      FORMATS.map((f) => h('option', { value: f, selected: f === 'workshop' }, kindLabel(f))),
    ),
  )
  kind.wrap.className = 'wide'
  const title = field('What', h('input', { type: 'text', maxlength: '300' }))
  const date = field('Completed on', h('input', { type: 'date' }))
  const number = () => h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' })
  const hours = field('Contact hours', number())
  const college = field(
    ['College credits ', h('span', { class: 'hint' }, '(quarter or semester credits)')],
    number(),
  )
  const areas = CATEGORIES.map((a) => field(titleCase(a), number()))
  const areaLegend = h('legend')
  const approvals = APPROVALS.map((a) => {
    const box = h('input', { type: 'checkbox', value: a, id: uid('ceu-appr') })
    return { box, label: h('label', { class: 'check', for: box.id }, box, a) }
  })
  const approvalSet = h(
    'fieldset',
    {},
    h('legend', {}, 'Approved by (as printed on the certificate)'),
    h(
      'div',
      { class: 'row' },
      approvals.map((a) => a.label),
    ),
  )
  const areaSet = h(
    'fieldset',
    {},
    areaLegend,
    h(
      'div',
      { class: 'row narrow' },
      areas.map((a) => a.wrap),
    ),
  )
  const summary = h('p', { class: 'field-error', role: 'alert' })

  function show() {
    const k = kind.control.value
    hours.wrap.hidden = k === 'cpr-card' || k === 'college'
    college.wrap.hidden = k !== 'college'
    areaSet.hidden = k === 'cpr-card'
    approvalSet.hidden = k === 'cpr-card' || k === 'college'
    areaLegend.textContent =
      k === 'college'
        ? 'How the course splits by content area (optional: the share of time on each, e.g. 2 and 1)'
        : 'Credits by content area (as printed on the certificate)'
    for (const f of [title, date, hours, college, ...areas]) setError(f, null)
    summary.textContent = ''
  }

  /** The activity the form describes, or `null` with every problem shown next to its field. */
  function read(): Activity | null {
    const k = kind.control.value as (typeof FORMATS)[number]
    const name = title.control.value.trim()
    const titleOk = k === 'cpr-card' || name !== ''
    setError(title, titleOk ? null : 'Enter what you did, e.g. its title.')
    const completedOn = checkPastDate(date, k === 'cpr-card' ? 'got the card' : 'completed it')
    const split: ApiActivity['credits'] = {}
    let areasOk = true
    CATEGORIES.forEach((a, i) => {
      const value = checkNumber(areas[i] as Field, MAX.credits)
      if (value === null) areasOk = false
      else if (value !== undefined && value > 0) split[a] = value
    })
    const base = { title: name || kindLabel(k), completedOn: completedOn ?? '', format: k }
    let activity: Activity | null = null
    if (k === 'cpr-card') activity = base
    else if (k === 'college') {
      const credits = checkNumber(college, MAX.collegeCredits)
      if (credits === undefined || credits === 0)
        setError(college, 'Enter how many credits the course gave, e.g. 3.')
      else if (credits !== null) activity = { ...base, collegeCredits: credits, credits: split }
    } else {
      const contact = checkNumber(hours, MAX.hours)
      if (contact === undefined && Object.keys(split).length === 0 && areasOk)
        setError(hours, 'Enter the contact hours, or the credits by content area below.')
      else if (contact !== null)
        activity = {
          ...base,
          ...(contact !== undefined && { hours: contact }),
          credits: split,
          approvals: approvals
            .filter((a) => a.box.checked)
            .map((a) => a.box.value) as ApiActivity['approvals'],
        }
    }
    const ok = activity !== null && completedOn !== null && areasOk && titleOk
    summary.textContent = ok ? '' : 'Check the fields marked above.'
    return ok ? activity : null
  }

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault()
        const activity = read()
        if (!activity) {
          form.querySelector<HTMLElement>('[aria-invalid=true]')?.focus()
          return
        }
        add(activity)
        form.reset()
        show()
      },
    },
    h('div', { class: 'row' }, kind.wrap, date.wrap),
    h('div', { class: 'row' }, title.wrap, hours.wrap, college.wrap),
    areaSet,
    approvalSet,
    summary,
    h('div', {}, h('button', { type: 'submit', class: 'quiet' }, 'Add to my courses')),
  )
  show()
  return form
}
