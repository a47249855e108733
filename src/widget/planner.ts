import { CATEGORIES as AREAS } from '../core/catalog/constants.js'
import { Api, type PlanResponse, type SearchResult } from './api.js'
import { debounce, fill, h, money, titleCase, uid } from './dom.js'
import { adoptStyles } from './styles.js'

interface Activity {
  courseId?: string
  title: string
  completedOn: string
  hours?: number
  credits?: Record<string, number>
  approvals?: string[]
  format?: string
}

const STORE_KEY = 'ceu-planner'

/**
 * `<ceu-planner api="https://HOST">`: what a person still needs, and the cheapest way to get
 * it. Nothing leaves the browser but API calls; the transcript is kept in localStorage only
 * when the page opts in with the `remember` attribute.
 */
export class CeuPlanner extends HTMLElement {
  private api = new Api(null)
  private activities: Activity[] = []
  private built = false
  private readonly el = {} as {
    credential: HTMLSelectElement
    cycleEnd: HTMLInputElement
    search: HTMLInputElement
    found: HTMLUListElement
    done: HTMLInputElement
    transcript: HTMLElement
    result: HTMLElement
    status: HTMLElement
    adhoc: HTMLFormElement
  }

  constructor() {
    super()
    adoptStyles(this.attachShadow({ mode: 'open' }))
  }

  connectedCallback() {
    if (this.built) return
    this.built = true
    this.api = new Api(this.getAttribute('api'))
    this.restore()
    this.build()
  }

  private build() {
    const root = this.shadowRoot as ShadowRoot
    const field = (label: string, control: HTMLElement) => {
      control.id ||= uid('ceu-f')
      return h('div', {}, h('label', { for: control.id }, label), control)
    }
    this.el.credential = h(
      'select',
      { onchange: () => this.save() },
      h('option', { value: '' }, 'Loading credentials…'),
    )
    this.el.cycleEnd = h('input', {
      type: 'date',
      required: true,
      value: (this.saved as { cycleEnd?: string } | null)?.cycleEnd,
      onchange: () => this.save(),
    })
    this.el.done = h('input', { type: 'date' })
    const find = debounce(() => this.find(), 250)
    this.el.search = h('input', { type: 'search', autocomplete: 'off', oninput: find })
    this.el.found = h('ul', { class: 'stack', 'aria-label': 'Matching courses' })
    this.el.transcript = h('div')
    this.el.result = h('div', { class: 'stack', part: 'result' })
    this.el.status = h('p', { role: 'status', 'aria-live': 'polite', part: 'status' })
    this.el.adhoc = this.adhocForm(field)
    root.append(
      h(
        'div',
        { part: 'root', class: 'stack' },
        h('h2', {}, 'Plan your recertification'),
        h(
          'div',
          { class: 'row' },
          field('Credential', this.el.credential),
          field('Credential expires on', this.el.cycleEnd),
        ),
        h(
          'section',
          { class: 'stack', 'aria-label': 'Completed courses' },
          h('h3', {}, 'Courses you have completed'),
          this.el.transcript,
          h(
            'div',
            { class: 'row' },
            field('Find a course in the catalog', this.el.search),
            field('Completed on', this.el.done),
          ),
          this.el.found,
          h(
            'details',
            {},
            h('summary', {}, 'Add something not in the catalog (a workshop, a CPR card)'),
            this.el.adhoc,
          ),
        ),
        h(
          'div',
          {},
          h(
            'button',
            { type: 'button', part: 'button', onclick: () => this.plan() },
            'Show what I still need and the cheapest plan',
          ),
        ),
        this.el.status,
        this.el.result,
      ),
    )
    this.renderTranscript()
    this.api
      .get<{ id: string; credential: string }[]>('/v1/credentials')
      .then((list) => {
        const chosen =
          this.el.credential.value ||
          this.getAttribute('credential') ||
          this.saved?.credential ||
          'cma-aama'
        fill(
          this.el.credential,
          list.map((r) => h('option', { value: r.id, selected: r.id === chosen }, r.credential)),
        )
      })
      .catch((error: Error) => {
        this.el.status.textContent = `Credentials could not be loaded: ${error.message}`
      })
  }

  private adhocForm(field: (label: string, control: HTMLElement) => HTMLElement): HTMLFormElement {
    const title = h('input', { type: 'text', required: true })
    const date = h('input', { type: 'date', required: true })
    const hours = h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' })
    const format = h(
      'select',
      {},
      ['workshop', 'conference', 'online', 'self-study', 'cpr-card', 'college'].map((f) =>
        h('option', { value: f }, f === 'cpr-card' ? 'CPR card' : titleCase(f)),
      ),
    )
    const credits = AREAS.map((a) =>
      h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal', 'data-area': a }),
    )
    const aama = h('input', { type: 'checkbox' })
    aama.id = uid('ceu-aama')
    const form: HTMLFormElement = h(
      'form',
      {
        class: 'stack',
        onsubmit: (e: Event) => {
          e.preventDefault()
          const activity: Activity = {
            title: title.value.trim() || 'Activity',
            completedOn: date.value,
            format: format.value,
          }
          if (format.value !== 'cpr-card') {
            if (hours.value !== '') activity.hours = Number(hours.value)
            const c: Record<string, number> = {}
            for (const input of credits)
              if (input.value !== '') c[input.dataset.area as string] = Number(input.value)
            activity.credits = c
            activity.approvals = aama.checked ? ['AAMA'] : []
          }
          this.activities.push(activity)
          form.reset()
          this.changed(`Added ${activity.title}.`)
        },
      },
      h(
        'div',
        { class: 'row' },
        field('What', title),
        field('Completed on', date),
        field('Kind', format),
      ),
      h(
        'div',
        { class: 'row' },
        field('Contact hours', hours),
        AREAS.map((a, k) => field(`${titleCase(a)} credits`, credits[k] as HTMLElement)),
      ),
      h('label', { class: 'check', for: aama.id }, aama, 'Carries AAMA CEUs'),
      h('div', {}, h('button', { type: 'submit', class: 'quiet' }, 'Add to my courses')),
    )
    return form
  }

  private async find() {
    const q = this.el.search.value.trim()
    if (q.length < 2) return fill(this.el.found)
    try {
      const result = await this.api.get<SearchResult>(
        '/v1/courses',
        new URLSearchParams({ q, perPage: '5' }),
      )
      fill(
        this.el.found,
        result.hits.map((hit) =>
          h(
            'li',
            { class: 'row' },
            h('span', {}, `${hit.title} (${hit.hours ?? '?'} h)`),
            h(
              'button',
              {
                type: 'button',
                class: 'quiet',
                'aria-label': `Add ${hit.title}`,
                onclick: () => {
                  this.activities.push({
                    courseId: hit.id,
                    title: hit.title,
                    completedOn: this.el.done.value || today(),
                  })
                  this.changed(`Added ${hit.title}.`)
                  this.el.search.focus()
                },
              },
              'Add',
            ),
          ),
        ),
        result.hits.length === 0 && h('li', { class: 'note' }, 'No course matches.'),
      )
    } catch (error) {
      fill(this.el.found, h('li', { class: 'error' }, (error as Error).message))
    }
  }

  private changed(message: string) {
    this.el.status.textContent = message
    this.save()
    this.renderTranscript()
  }

  private renderTranscript() {
    fill(
      this.el.transcript,
      this.activities.length === 0
        ? h(
            'p',
            { class: 'note' },
            'None yet: add what you have done in this cycle, or plan from nothing.',
          )
        : h(
            'ul',
            { class: 'stack' },
            this.activities.map((a, k) =>
              h(
                'li',
                { class: 'row' },
                h(
                  'span',
                  {},
                  `${a.format === 'cpr-card' ? 'CPR card' : a.title}, ${a.completedOn}`,
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'quiet',
                    'aria-label': `Remove ${a.title}`,
                    onclick: () => {
                      this.activities.splice(k, 1)
                      this.changed(`Removed ${a.title}.`)
                    },
                  },
                  'Remove',
                ),
              ),
            ),
          ),
    )
  }

  /** The request the API answers: a progress request, which a plan request extends. */
  request() {
    return {
      credential: this.el.credential.value,
      cycleEnd: this.el.cycleEnd.value,
      activities: this.activities.map(({ title, courseId, ...rest }) =>
        courseId ? { courseId, completedOn: rest.completedOn } : { title, ...rest },
      ),
    }
  }

  private async plan() {
    if (!this.el.cycleEnd.value) {
      this.el.status.textContent = 'Enter the date your credential expires first.'
      this.el.cycleEnd.focus()
      return
    }
    this.el.status.textContent = 'Working out your plan…'
    this.el.result.setAttribute('aria-busy', 'true')
    try {
      const response = await this.api.post<PlanResponse>('/v1/plan', this.request())
      this.renderPlan(response)
      this.el.status.textContent = response.progress.complete
        ? 'You have everything you need.'
        : response.plan.feasible
          ? `Cheapest plan: ${money(response.plan.total)}.`
          : 'No plan found.'
    } catch (error) {
      fill(this.el.result, h('p', { class: 'error' }, (error as Error).message))
      this.el.status.textContent = 'The plan could not be worked out.'
    } finally {
      this.el.result.removeAttribute('aria-busy')
    }
  }

  private renderPlan({ progress, plan, alternatives }: PlanResponse) {
    const reasons = progress.activities.filter((a) => a.reason)
    fill(
      this.el.result,
      h(
        'section',
        { class: 'stack', 'aria-label': 'Progress' },
        h('h3', {}, 'Progress'),
        h('p', {}, `Status: ${progress.status}; ${progress.daysLeft} days left.`),
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
              reasons.map((a) =>
                h(
                  'li',
                  {},
                  `${this.activities[a.index]?.title ?? `Activity ${a.index + 1}`}: ${a.reason}`,
                ),
              ),
            ),
          ),
      ),
      !progress.complete &&
        h(
          'section',
          { class: 'stack', 'aria-label': 'Cheapest plan', part: 'plan' },
          h('h3', {}, 'Cheapest plan'),
          plan.feasible
            ? [
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
                    h(
                      'tr',
                      {},
                      h('th', { scope: 'col' }, 'Item'),
                      h('th', { scope: 'col' }, 'Price'),
                    ),
                  ),
                  h(
                    'tbody',
                    {},
                    plan.offers.map((o) =>
                      h('tr', {}, h('td', {}, o.name), h('td', {}, money(o.price))),
                    ),
                    plan.courses.map((c) =>
                      h(
                        'tr',
                        {},
                        h(
                          'td',
                          {},
                          `${c.title} (${c.hours ?? '?'} h${c.on > today() ? `, session on ${c.on}` : ''})`,
                        ),
                        h('td', {}, money(c.price)),
                      ),
                    ),
                    plan.fees.map((f) =>
                      h('tr', {}, h('td', {}, f.label), h('td', {}, money(f.amount))),
                    ),
                  ),
                ),
              ]
            : h('p', {}, plan.reason ?? 'No plan closes the gap.'),
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
    )
  }

  private saved: { credential?: string } | null = null

  private restore() {
    if (!this.hasAttribute('remember')) return
    try {
      const data = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null')
      if (data && Array.isArray(data.activities)) {
        this.activities = data.activities
        this.saved = data
      }
    } catch {}
  }

  private save() {
    if (!this.hasAttribute('remember') || !this.el.credential) return
    localStorage.setItem(
      STORE_KEY,
      JSON.stringify({
        credential: this.el.credential.value,
        cycleEnd: this.el.cycleEnd.value,
        activities: this.activities,
      }),
    )
  }
}

const today = () => new Date().toISOString().slice(0, 10)
