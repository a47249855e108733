import { type Activity, activityForm, kindLabel } from './activity-form.js'
import { Api, type SearchResult } from './api.js'
import { warnIgnored } from './attributes.js'
import { type Choice, CredentialList, type CredentialName } from './credentials.js'
import { debounce, fill, h, heading } from './dom.js'
import { checkPastDate, type Field, field } from './fields.js'
import { type Answer, headline, planResult, progressOf } from './plan-result.js'
import { adoptStyles } from './styles.js'

const STORE_KEY = 'ceu-planner'

/**
 * `<ceu-planner api="https://HOST">`: what a person still needs, and the cheapest way to get
 * it. Nothing leaves the browser but API calls; the transcript is kept in localStorage only
 * when the page opts in with the `remember` attribute. No heading of its own unless the page
 * asks (`heading="…"` or an element with `slot="heading"`).
 */
export class CeuPlanner extends HTMLElement {
  static observedAttributes = ['heading']

  private api = new Api(null)
  private activities: Activity[] = []
  private built = false
  private saved: { credential?: string; cycleEnd?: string; credentials?: Choice[] } | null = null
  private readonly el = {} as {
    heading: HTMLSlotElement
    credentials: CredentialList
    search: HTMLInputElement
    found: HTMLUListElement
    done: Field
    transcript: HTMLElement
    result: HTMLElement
    status: HTMLElement
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

  attributeChangedCallback() {
    if (this.built) heading(this.el.heading, this.getAttribute('heading'))
  }

  private build() {
    const root = this.shadowRoot as ShadowRoot
    this.el.heading = h('slot', { name: 'heading' })
    heading(this.el.heading, this.getAttribute('heading'))
    const saved = this.saved
    this.el.credentials = new CredentialList(
      saved?.credentials ?? [{ credential: saved?.credential, cycleEnd: saved?.cycleEnd }],
      () => this.save(),
    )
    this.el.done = field('Completed on', h('input', { type: 'date' }))
    const find = debounce(() => this.find(), 250)
    this.el.search = h('input', { type: 'search', autocomplete: 'off', oninput: find })
    this.el.found = h('ul', { class: 'items', 'aria-label': 'Matching courses' })
    this.el.transcript = h('div')
    this.el.result = h('div', { class: 'stack', part: 'result' })
    this.el.status = h('p', { role: 'status', 'aria-live': 'polite', part: 'status' })
    const adhoc = activityForm((activity) => {
      this.activities.push(activity)
      this.changed(`Added ${activity.title}.`)
    })
    root.append(
      h(
        'div',
        { part: 'root', class: 'stack' },
        this.el.heading,
        h(
          'section',
          { class: 'stack', 'aria-label': 'Your credentials' },
          this.el.credentials.wrap,
        ),
        h(
          'section',
          { class: 'stack', 'aria-label': 'Completed courses' },
          h('h3', {}, 'Courses you have completed'),
          this.el.transcript,
          h(
            'div',
            { class: 'row' },
            field('Find a course in the catalog', this.el.search).wrap,
            this.el.done.wrap,
          ),
          this.el.found,
          h(
            'details',
            {},
            h(
              'summary',
              {},
              'Add something not in the catalog (a workshop, a CPR card, college work)',
            ),
            adhoc,
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
    this.loadCredentials()
  }

  private loadCredentials() {
    this.api
      .get<CredentialName[]>('/v1/credentials')
      .then((list) => {
        const preset = this.getAttribute('credential')?.trim().toLowerCase()
        if (preset && !list.some((r) => r.id === preset))
          warnIgnored('ceu-planner', [['credential', [preset]]])
        this.el.credentials.setNames(list, preset)
      })
      .catch(() => {
        this.el.status.textContent =
          'The list of credentials is not available right now. Reload the page to try again.'
      })
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
            { class: 'item' },
            h('span', {}, `${hit.title} (${hit.hours ?? '?'} h)`),
            h(
              'button',
              {
                type: 'button',
                class: 'quiet small',
                'aria-label': `Add ${hit.title}`,
                onclick: () => {
                  const completedOn = checkPastDate(this.el.done, 'completed the course')
                  if (completedOn === null) return this.el.done.control.focus()
                  this.activities.push({ courseId: hit.id, title: hit.title, completedOn })
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
    } catch {
      fill(
        this.el.found,
        h('li', { class: 'error' }, 'The catalog could not be searched just now.'),
      )
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
            { class: 'items', 'aria-label': 'Your courses' },
            this.activities.map((a, k) =>
              h(
                'li',
                { class: 'item' },
                h('span', {}, describe(a)),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'quiet small',
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

  /**
   * The request the API answers: a progress request, which a plan request extends; with
   * several credentials, one `credentials` list over the same transcript.
   */
  request() {
    const chosen = this.el.credentials.values()
    const activities = this.activities.map(({ title, courseId, ...rest }) =>
      courseId ? { courseId, completedOn: rest.completedOn } : { title, ...rest },
    )
    return chosen.length === 1 ? { ...chosen[0], activities } : { credentials: chosen, activities }
  }

  private async plan() {
    if (!this.el.credentials.check()) {
      this.el.status.textContent = 'Check your credentials and their expiration dates first.'
      return
    }
    this.el.status.textContent = 'Working out your plan…'
    this.el.result.setAttribute('aria-busy', 'true')
    try {
      const answer = await this.api.post<Answer>('/v1/plan', this.request())
      fill(
        this.el.result,
        planResult(answer, {
          credential: (id) => this.el.credentials.name(id),
          activity: (i) => this.activities[i]?.title ?? `Activity ${i + 1}`,
        }),
      )
      this.el.status.textContent = progressOf(answer).every((p) => p.complete)
        ? 'You have everything you need.'
        : answer.plan.feasible
          ? `Cheapest plan: ${headline(answer.plan)}.`
          : 'No plan found.'
    } catch (error) {
      fill(this.el.result, h('p', { class: 'error' }, (error as Error).message))
      this.el.status.textContent = 'The plan could not be worked out.'
    } finally {
      this.el.result.removeAttribute('aria-busy')
    }
  }

  private restore() {
    if (!this.hasAttribute('remember')) return
    try {
      const data = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null')
      if (data && Array.isArray(data.activities)) {
        this.activities = data.activities
        const credentials = Array.isArray(data.credentials)
          ? (data.credentials as Choice[]).filter(
              (c) => typeof c?.credential === 'string' && typeof c.cycleEnd === 'string',
            )
          : undefined
        this.saved = { ...data, credentials }
      }
    } catch {}
  }

  private save() {
    if (!this.hasAttribute('remember') || !this.el.credentials) return
    localStorage.setItem(
      STORE_KEY,
      JSON.stringify({ credentials: this.el.credentials.values(), activities: this.activities }),
    )
  }
}

/** A transcript line: "Anatomy (college course, 3 credits), 2026-01-10". */
function describe(a: Activity): string {
  if (a.courseId) return `${a.title}, ${a.completedOn}`
  if (a.format === 'cpr-card') return `CPR card, ${a.completedOn}`
  const detail =
    a.format === 'college'
      ? `${a.collegeCredits} college credit${a.collegeCredits === 1 ? '' : 's'}`
      : a.hours !== undefined
        ? `${a.hours} h`
        : 'credits by area'
  return `${a.title} (${kindLabel(a.format ?? 'workshop').toLowerCase()}, ${detail}), ${a.completedOn}`
}
