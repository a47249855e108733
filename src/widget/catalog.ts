import { SORTS as SORT_IDS } from '../core/catalog/constants.js'
import { Api, ApiError, type SearchResult } from './api.js'
import {
  CATALOG_FILTER_ATTRIBUTES,
  type Facet,
  readCatalogPresets,
  warnIgnored,
} from './attributes.js'
import { courseCard } from './course-card.js'
import { debounce, fill, h, heading, uid } from './dom.js'
import { FACETS, facetLabel, facetOptions, filterPanel } from './filters.js'
import { adoptStyles } from './styles.js'

const SORT_LABELS: Record<(typeof SORT_IDS)[number], string> = {
  relevance: 'Relevance',
  price: 'Price, lowest first',
  credits: 'Credits, most first',
  value: 'Credits per dollar',
  title: 'Title',
}

/**
 * `<ceu-catalog api="https://HOST" category="clinical" approval="AAMA" per-page="10">`: the
 * searchable course catalog. Attributes preset the filters (comma-separated for several).
 */
export class CeuCatalog extends HTMLElement {
  static observedAttributes = ['api', 'heading', ...CATALOG_FILTER_ATTRIBUTES]

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
  private perPage = 10
  private credential = ''
  private providers = new Map<string, string>()
  private last: SearchResult | null = null
  private controller: AbortController | null = null
  private built = false
  private queued = false
  private readonly el = {} as {
    heading: HTMLSlotElement
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
    this.schedule()
  }

  attributeChangedCallback(name: string) {
    if (!this.built) return
    if (name === 'heading') return heading(this.el.heading, this.getAttribute('heading'))
    this.readAttributes()
    this.schedule()
  }

  /** One search for everything that changed in the same task (e.g. several attributes set). */
  private schedule() {
    if (this.queued) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.load()
    })
  }

  /** Reads the presets forgivingly; what is not understood is dropped with one warning. */
  private readAttributes() {
    this.api = new Api(this.getAttribute('api'))
    const presets = readCatalogPresets(this)
    for (const [facet] of FACETS) this.selected[facet] = new Set(presets.facets[facet])
    this.sort = presets.sort
    this.perPage = presets.perPage
    this.credential = presets.credential
    this.page = 1
  }

  /**
   * A credential the API does not know (the widget has no list of them): dropped with one
   * warning; answers whether to search again.
   */
  private dropRefused(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.status !== 400 || !this.credential) return false
    if (!error.errors.some((e) => e.path.startsWith('query.credential'))) return false
    warnIgnored('ceu-catalog', [['credential', [this.credential]]])
    this.credential = ''
    return true
  }

  /** Provider presets the catalog does not know: dropped with one warning. */
  private checkProviders() {
    const unknown = [...this.selected.provider].filter((p) => !this.providers.has(p))
    if (unknown.length === 0) return false
    for (const p of unknown) this.selected.provider.delete(p)
    warnIgnored('ceu-catalog', [['provider', unknown]])
    return true
  }

  private build() {
    this.built = true
    this.readAttributes()
    const root = this.shadowRoot as ShadowRoot
    this.el.heading = h('slot', { name: 'heading' })
    heading(this.el.heading, this.getAttribute('heading'))
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
    const filters = filterPanel(this.getBoundingClientRect().width >= 704, (name, value) => {
      this[name] = value
      reload()
    })
    this.el.facets = filters.boxes
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
      SORT_IDS.map((value) =>
        h('option', { value, selected: value === this.sort }, SORT_LABELS[value]),
      ),
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
        this.el.heading,
        h(
          'form',
          { role: 'search', part: 'search', onsubmit: (e: Event) => e.preventDefault() },
          h('label', { for: searchId }, 'Search continuing-education courses'),
          this.el.search,
        ),
        h(
          'div',
          { class: 'layout' },
          filters.panel,
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
        // The first page is already on its way or shown: only names change, unless a preset
        // provider turned out unknown.
        if (this.checkProviders()) this.schedule()
        else if (this.last && !this.controller) this.render(this.last)
      })
      .catch(() => {}) // provider ids stand in for names
  }

  private params(): URLSearchParams {
    const p = new URLSearchParams()
    if (this.q.trim()) p.set('q', this.q.trim())
    for (const [facet] of FACETS) for (const v of this.selected[facet]) p.append(facet, v)
    if (this.credential) p.set('credential', this.credential)
    if (this.maxPrice !== '' && Number(this.maxPrice) >= 0) p.set('maxPrice', this.maxPrice)
    if (this.maxHours !== '' && Number(this.maxHours) >= 0) p.set('maxHours', this.maxHours)
    if (this.sort !== 'relevance') p.set('sort', this.sort)
    p.set('page', String(this.page))
    p.set('perPage', String(this.perPage))
    return p
  }

  private async load(): Promise<void> {
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
      this.last = result
      this.render(result)
    } catch (error) {
      if (controller.signal.aborted) return
      if (this.dropRefused(error)) {
        this.controller = null
        return this.load()
      }
      this.el.status.textContent = 'Courses could not be loaded.'
      fill(this.el.list)
      fill(this.el.pages)
      fill(
        this.el.message,
        h(
          'p',
          { class: 'error' },
          'The course list is not available right now. Check your connection and try again.',
        ),
        h('button', { type: 'button', onclick: () => this.load() }, 'Try again'),
      )
    } finally {
      if (this.controller === controller) {
        this.controller = null
        this.el.list.removeAttribute('aria-busy')
      }
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
      hits.map((hit) => courseCard(hit, this.providers.get(hit.provider) ?? hit.provider)),
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
    const label = (value: string) =>
      facet === 'provider' ? (this.providers.get(value) ?? value) : facetLabel(facet, value)
    fill(
      box,
      facetOptions(facet, values, counts, this.selected[facet], label, (value, on) => {
        if (on) this.selected[facet].add(value)
        else this.selected[facet].delete(value)
        this.page = 1
        this.load()
      }),
    )
    if (refocus !== null)
      box.querySelector<HTMLInputElement>(`input[value="${CSS.escape(refocus)}"]`)?.focus()
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
