import { Api, type Course, type SearchResult } from './api.js'
import { CATALOG_FILTER_ATTRIBUTES } from './attributes.js'
import { debounce, fill, h, marked, money, titleCase, uid } from './dom.js'
import { adoptStyles } from './styles.js'

const FACETS = [
  ['category', 'Content area'],
  ['approval', 'Approved by'],
  ['provider', 'Provider'],
  ['format', 'Format'],
] as const
type Facet = (typeof FACETS)[number][0]

const SORTS = [
  ['relevance', 'Relevance'],
  ['price', 'Price, lowest first'],
  ['credits', 'Credits, most first'],
  ['value', 'Credits per dollar'],
  ['title', 'Title'],
] as const

const AREAS = ['administrative', 'clinical', 'general'] as const

/**
 * `<ceu-catalog api="https://HOST" category="clinical" approval="AAMA" per-page="10">`: the
 * searchable course catalog. Attributes preset the filters (comma-separated for several).
 */
export class CeuCatalog extends HTMLElement {
  static observedAttributes = ['api', ...CATALOG_FILTER_ATTRIBUTES]

  private api = new Api(null)
  private readonly selected: Record<Facet, Set<string>> = {
    category: new Set(),
    approval: new Set(),
    provider: new Set(),
    format: new Set(),
  }
  private q = ''
  private page = 1
  private maxPrice = ''
  private maxHours = ''
  private sort = 'relevance'
  private providers = new Map<string, string>()
  private controller: AbortController | null = null
  private built = false
  private readonly el = {} as {
    search: HTMLInputElement
    facets: Record<Facet, HTMLElement>
    status: HTMLElement
    list: HTMLUListElement
    pages: HTMLElement
    sort: HTMLSelectElement
    message: HTMLElement
  }

  constructor() {
    super()
    adoptStyles(this.attachShadow({ mode: 'open' }))
  }

  connectedCallback() {
    if (!this.built) this.build()
    this.load()
  }

  attributeChangedCallback() {
    if (!this.built) return
    this.readAttributes()
    this.load()
  }

  private readAttributes() {
    this.api = new Api(this.getAttribute('api'))
    for (const [facet] of FACETS) {
      const preset = (this.getAttribute(facet) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      this.selected[facet] = new Set(preset)
    }
    this.sort = this.getAttribute('sort') ?? 'relevance'
    this.page = 1
  }

  private build() {
    this.built = true
    this.readAttributes()
    const root = this.shadowRoot as ShadowRoot
    const searchId = uid('ceu-q')
    const reload = debounce(() => {
      this.page = 1
      this.load()
    }, 250)
    this.el.search = h('input', {
      id: searchId,
      type: 'search',
      part: 'input',
      autocomplete: 'off',
      placeholder: 'e.g. phlebotomy, HIPAA, cardiology',
      oninput: () => {
        this.q = this.el.search.value
        reload()
      },
    })
    const limit = (label: string, set: (v: string) => void) => {
      const id = uid('ceu-limit')
      return h(
        'div',
        {},
        h('label', { for: id }, label),
        h('input', {
          id,
          type: 'number',
          min: '0',
          step: 'any',
          inputmode: 'decimal',
          oninput: (e: Event) => {
            set((e.target as HTMLInputElement).value)
            reload()
          },
        }),
      )
    }
    this.el.facets = {} as Record<Facet, HTMLElement>
    const fieldsets = FACETS.map(([facet, legend]) => {
      const box = h('div')
      this.el.facets[facet] = box
      return h('fieldset', {}, h('legend', {}, legend), box)
    })
    const sortId = uid('ceu-sort')
    this.el.sort = h(
      'select',
      {
        id: sortId,
        onchange: () => {
          this.sort = this.el.sort.value
          this.page = 1
          this.load()
        },
      },
      SORTS.map(([value, label]) => h('option', { value, selected: value === this.sort }, label)),
    )
    this.el.status = h('p', {
      role: 'status',
      'aria-live': 'polite',
      part: 'status',
      tabindex: '-1',
    })
    this.el.list = h('ul', { class: 'cards', part: 'list' })
    this.el.pages = h('nav', { class: 'pages', 'aria-label': 'Result pages', part: 'pagination' })
    this.el.message = h('div', { class: 'stack' })
    root.append(
      h(
        'div',
        { part: 'root' },
        h(
          'form',
          { role: 'search', part: 'search', onsubmit: (e: Event) => e.preventDefault() },
          h('label', { for: searchId }, 'Search continuing-education courses'),
          this.el.search,
        ),
        h(
          'div',
          { class: 'layout' },
          // Open beside the results when there is room; folded above them on a phone.
          h(
            'details',
            { part: 'filters', class: 'filters', open: this.getBoundingClientRect().width >= 704 },
            h('summary', {}, 'Filters'),
            fieldsets,
            h(
              'fieldset',
              {},
              h('legend', {}, 'Limits'),
              h(
                'div',
                { class: 'stack' },
                limit('Highest price ($)', (v) => {
                  this.maxPrice = v
                }),
                limit('Most hours', (v) => {
                  this.maxHours = v
                }),
              ),
            ),
          ),
          h(
            'section',
            { part: 'results', 'aria-label': 'Courses' },
            h(
              'div',
              { class: 'bar' },
              this.el.status,
              h('label', { for: sortId }, 'Sort by', this.el.sort),
            ),
            this.el.message,
            this.el.list,
            this.el.pages,
          ),
        ),
      ),
    )
    this.api
      .get<{ id: string; name: string }[]>('/v1/providers')
      .then((list) => {
        this.providers = new Map(list.map((p) => [p.id, p.name]))
        this.load()
      })
      .catch(() => {}) // provider ids stand in for names
  }

  private params(): URLSearchParams {
    const p = new URLSearchParams()
    if (this.q.trim()) p.set('q', this.q.trim())
    for (const [facet] of FACETS) for (const v of this.selected[facet]) p.append(facet, v)
    const credential = this.getAttribute('credential')
    if (credential) p.set('credential', credential)
    if (this.maxPrice !== '' && Number(this.maxPrice) >= 0) p.set('maxPrice', this.maxPrice)
    if (this.maxHours !== '' && Number(this.maxHours) >= 0) p.set('maxHours', this.maxHours)
    if (this.sort !== 'relevance') p.set('sort', this.sort)
    p.set('page', String(this.page))
    p.set(
      'perPage',
      String(Math.min(100, Math.max(1, Number(this.getAttribute('per-page')) || 10))),
    )
    return p
  }

  private async load() {
    this.controller?.abort()
    const controller = new AbortController()
    this.controller = controller
    this.el.list.setAttribute('aria-busy', 'true')
    this.el.status.textContent = 'Loading courses…'
    try {
      const result = await this.api.get<SearchResult>(
        '/v1/courses',
        this.params(),
        controller.signal,
      )
      if (controller.signal.aborted) return
      this.render(result)
    } catch (error) {
      if (controller.signal.aborted) return
      this.el.status.textContent = 'Courses could not be loaded.'
      fill(this.el.list)
      fill(this.el.pages)
      fill(
        this.el.message,
        h('p', { class: 'error' }, `Something went wrong: ${(error as Error).message}`),
        h('button', { type: 'button', onclick: () => this.load() }, 'Try again'),
      )
    } finally {
      if (this.controller === controller) this.el.list.removeAttribute('aria-busy')
    }
  }

  private render(result: SearchResult) {
    const { total, page, perPage, hits, facets } = result
    const pages = Math.max(1, Math.ceil(total / perPage))
    this.el.status.textContent =
      total === 0
        ? 'No courses found'
        : `${total} course${total === 1 ? '' : 's'} found, page ${page} of ${pages}`
    fill(
      this.el.message,
      total === 0 &&
        h(
          'p',
          { class: 'note' },
          'No course matches. Check the spelling or clear some filters. ',
          h(
            'button',
            { type: 'button', class: 'quiet', onclick: () => this.clear() },
            'Clear all filters',
          ),
        ),
    )
    fill(
      this.el.list,
      hits.map((hit) => this.card(hit)),
    )
    for (const [facet] of FACETS) this.renderFacet(facet, facets[facet] ?? {})
    const go = (to: number) => () => {
      this.page = to
      this.load()
      this.el.status.focus()
    }
    fill(
      this.el.pages,
      pages > 1 && [
        h(
          'button',
          { type: 'button', class: 'quiet', disabled: page <= 1, onclick: go(page - 1) },
          'Previous page',
        ),
        h('span', {}, `Page ${page} of ${pages}`),
        h(
          'button',
          { type: 'button', class: 'quiet', disabled: page >= pages, onclick: go(page + 1) },
          'Next page',
        ),
      ],
    )
  }

  /** Rebuilds one facet's checkboxes, keeping keyboard focus on the same value. */
  private renderFacet(facet: Facet, counts: Record<string, number>) {
    const box = this.el.facets[facet]
    const focused = (this.shadowRoot as ShadowRoot).activeElement as HTMLInputElement | null
    const refocus = focused?.name === facet ? focused.value : null
    // Values with no course left are hidden, unless selected (so they can be unticked).
    const values = [
      ...new Set([
        ...Object.keys(counts).filter((v) => (counts[v] ?? 0) > 0),
        ...this.selected[facet],
      ]),
    ].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b))
    fill(
      box,
      values.map((value) => {
        const id = uid(`ceu-${facet}`)
        const label =
          facet === 'provider'
            ? (this.providers.get(value) ?? value)
            : facet === 'approval'
              ? value
              : titleCase(value)
        return h(
          'label',
          { class: 'check', for: id },
          h('input', {
            id,
            type: 'checkbox',
            name: facet,
            value,
            checked: this.selected[facet].has(value),
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked
              if (on) this.selected[facet].add(value)
              else this.selected[facet].delete(value)
              this.page = 1
              this.load()
            },
          }),
          h('span', {}, label),
          h(
            'span',
            { class: 'count' },
            String(counts[value] ?? 0),
            h('span', { class: 'sr' }, ' courses'),
          ),
        )
      }),
    )
    if (refocus !== null)
      box.querySelector<HTMLInputElement>(`input[value="${CSS.escape(refocus)}"]`)?.focus()
  }

  private card(hit: Course & { highlight: { title: string } }) {
    const credits = AREAS.filter((a) => (hit.credits[a] ?? 0) > 0).map(
      (a) => `${titleCase(a)} ${hit.credits[a]}`,
    )
    const title = marked(hit.highlight.title)
    return h(
      'li',
      { class: 'card', part: 'card' },
      h(
        'h3',
        { part: 'title' },
        hit.url ? h('a', { href: hit.url, target: '_blank', rel: 'noopener' }, title) : title,
      ),
      h(
        'p',
        { class: 'meta' },
        `${this.providers.get(hit.provider) ?? hit.provider} · ${titleCase(hit.format)}`,
      ),
      h(
        'p',
        {},
        credits.length > 0 ? `Credits: ${credits.join(', ')}` : 'Credits: not known',
        ' · ',
        hit.hours === null ? 'hours not known' : `${hit.hours} h`,
      ),
      h('p', { class: 'price' }, money(hit.price)),
      (hit.unknown?.length ?? 0) > 0 &&
        h(
          'p',
          { class: 'meta unknown' },
          `Not known (${hit.unknown?.join(', ')}) — check with the provider`,
        ),
      h(
        'p',
        { class: 'meta' },
        hit.approvals.length > 0
          ? `Approved by ${hit.approvals.join(', ')}`
          : 'No approving body listed',
      ),
      hit.source.confidence === 'sample' && h('p', {}, h('span', { class: 'tag' }, 'Sample data')),
    )
  }

  private clear() {
    for (const [facet] of FACETS) this.selected[facet].clear()
    this.q = ''
    this.el.search.value = ''
    this.page = 1
    this.load()
    this.el.search.focus()
  }
}
