import { CATEGORIES, canonicalApproval, FACETS, FORMATS, SORTS } from '../core/catalog/constants.js'

/** The attributes of `<ceu-catalog>` that preset its filters; `/embed` takes them from its query string. */
export const CATALOG_FILTER_ATTRIBUTES = [
  'category',
  'approval',
  'provider',
  'format',
  'credential',
  'per-page',
  'sort',
] as const

/** The attributes of `<ceu-planner>` that `/planner` takes from its query string. */
export const PLANNER_ATTRIBUTES = ['credential', 'heading'] as const

export type Facet = (typeof FACETS)[number]

const lower = (value: string) => value.trim().toLowerCase()
const known =
  (list: readonly string[], spell: (value: string) => string = lower) =>
  (value: string) => {
    const spelled = spell(value)
    return list.includes(spelled) ? spelled : null
  }

/**
 * How a visitor-facing attribute value is read: case-insensitively, with aliases ("AMMA" for
 * AAMA) and spaces for dashes ("Self study", "CPR card"). `null` means not understood. Provider
 * ids are only lower-cased: the catalog's provider list decides whether they exist.
 */
const READERS: Record<Facet, (value: string) => string | null> = {
  category: known(CATEGORIES),
  approval: canonicalApproval,
  format: known(FORMATS, (v) => lower(v).replace(/[\s_]+/g, '-')),
  provider: (v) => lower(v) || null,
}

/** A comma-separated facet attribute: the values understood, canonical, and those that were not. */
export function readFacet(
  facet: Facet,
  raw: string | null,
): { values: string[]; unknown: string[] } {
  const values: string[] = []
  const unknown: string[] = []
  for (const item of (raw ?? '').split(',')) {
    if (item.trim() === '') continue
    const value = READERS[facet](item)
    if (value === null) unknown.push(item.trim())
    else if (!values.includes(value)) values.push(value)
  }
  return { values, unknown }
}

export const readSort = known(SORTS)

/** `per-page`: a whole number from 1 to 100, or `null`. */
export function readPerPage(raw: string): number | null {
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null
}

export interface CatalogPresets {
  facets: Record<Facet, string[]>
  sort: string
  perPage: number
  credential: string
}

/** `<ceu-catalog>`'s filter attributes, read forgivingly; what is not understood is dropped with one warning. */
export function readCatalogPresets(el: Element): CatalogPresets {
  const ignored: [string, string[]][] = []
  const facets = {} as Record<Facet, string[]>
  for (const facet of FACETS) {
    const { values, unknown } = readFacet(facet, el.getAttribute(facet))
    facets[facet] = values
    ignored.push([facet, unknown])
  }
  const sort = el.getAttribute('sort')
  const perPage = el.getAttribute('per-page')
  if (sort !== null && readSort(sort) === null) ignored.push(['sort', [sort]])
  if (perPage !== null && readPerPage(perPage) === null) ignored.push(['per-page', [perPage]])
  warnIgnored('ceu-catalog', ignored)
  return {
    facets,
    sort: (sort !== null && readSort(sort)) || 'relevance',
    perPage: (perPage !== null && readPerPage(perPage)) || 10,
    credential: (el.getAttribute('credential') ?? '').trim().toLowerCase(),
  }
}

const warned = new Set<string>()

/**
 * Tells the site's developer, once, which attribute values were ignored; visitors see nothing.
 * `ignored` maps an attribute to the values dropped from it.
 */
export function warnIgnored(element: string, ignored: [string, string[]][]) {
  const parts = ignored.filter(([, values]) => values.length > 0)
  if (parts.length === 0) return
  const message = `<${element}>: ignored ${parts
    .map(([name, values]) => values.map((v) => `${name}="${v}"`).join(', '))
    .join(
      ', ',
    )} (not a value this catalog knows); showing results without ${parts.length === 1 ? 'it' : 'them'}.`
  if (warned.has(message)) return
  warned.add(message)
  console.warn(message)
}
