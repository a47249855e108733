/**
 * Translating a search (GET /v1/courses) into one Meilisearch multi-search, and its answer back into
 * the API's response. Pure, so that the translation is pinned by unit tests.
 *
 * Disjunctive facets: the first query carries every filter and counts the facets nobody filters
 * on; each facet with an active filter gets one more query with every filter but its own, which
 * counts only that facet.
 */
import { APPROVALS, CATEGORIES, FACETS, type Facet, FORMATS } from '../../core/catalog/constants.js'
import { dayNumber } from '../../core/search/facts.js'
import type { FacetCounts, SearchParams } from '../../core/search/query.js'
import { escapeHtml } from '../../core/search/text.js'

/** Markers Meilisearch puts around matches; the text is escaped, then they become `<mark>`. */
const PRE = '\u0001'
const POST = '\u0002'

const SORTS: Record<Exclude<SearchParams['sort'], 'relevance'>, string> = {
  price: 'price:asc',
  credits: 'credits:desc',
  value: 'valueRank:asc',
  title: 'titleSort:asc',
}

/** Meilisearch filter expressions, grouped by the parameter they come from. */
export function filtersOf(params: SearchParams): Record<Facet | 'other', string[]> {
  const oneOf = (field: string, values: readonly string[] | undefined) =>
    values && values.length > 0
      ? [`${field} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`]
      : []
  const other: string[] = []
  if (params.credential !== undefined)
    other.push(countsForFilter(params.credential, params.countsOn))
  if (params.maxPrice !== undefined) other.push(`price <= ${params.maxPrice}`)
  if (params.minCredits !== undefined) other.push(`credits >= ${params.minCredits}`)
  if (params.maxHours !== undefined) other.push(`hours <= ${params.maxHours}`)
  // Unknown price and hours are left out of the document; credits are 0 when unknown.
  if (params.known?.includes('price')) other.push('price EXISTS')
  if (params.known?.includes('hours')) other.push('hours EXISTS')
  if (params.known?.includes('credits')) other.push('credits > 0')
  if (params.available) other.push(`lastSession >= ${dayNumber(params.available)}`)
  if (params.sample === 'exclude') other.push('sample = false')
  return {
    category: oneOf('category', params.category),
    approval: oneOf('approval', params.approval),
    provider: oneOf('provider', params.provider),
    format: oneOf('format', params.format),
    other,
  }
}

/**
 * Courses that count for a credential on a day: the nested field `countsUntil.<id>` (the last
 * day, `YYYYMMDD`) on or after it; absent when the course never counts. The attribute is quoted,
 * so that no credential id can break the filter.
 */
export function countsForFilter(credential: string, on: string | undefined): string {
  const from = on === undefined ? 1 : dayNumber(on)
  return `${JSON.stringify(`countsUntil.${credential}`)} >= ${from}`
}

export interface MeiliQuery {
  indexUid: string
  q: string
  filter: string[]
  facets: string[]
  page: number
  hitsPerPage: number
  sort?: string[]
  attributesToRetrieve?: string[]
  attributesToHighlight?: string[]
  attributesToCrop?: string[]
  cropLength?: number
  highlightPreTag?: string
  highlightPostTag?: string
}

/** The multi-search for a search: the page with its facets, then one query per filtered facet. */
export function multiSearchOf(params: SearchParams, indexUid: string): { queries: MeiliQuery[] } {
  const filters = filtersOf(params)
  const active = FACETS.filter((f) => filters[f].length > 0)
  const all = [...FACETS.flatMap((f) => filters[f]), ...filters.other]
  const q = params.q ?? ''
  const main: MeiliQuery = {
    indexUid,
    q,
    filter: all,
    facets: FACETS.filter((f) => !active.includes(f)),
    page: params.page,
    hitsPerPage: params.perPage,
    attributesToRetrieve: ['id'],
    attributesToHighlight: ['title', 'description'],
    attributesToCrop: ['description'],
    cropLength: 30,
    highlightPreTag: PRE,
    highlightPostTag: POST,
    ...(params.sort !== 'relevance' && { sort: [SORTS[params.sort]] }),
  }
  const perFacet = active.map(
    (facet): MeiliQuery => ({
      indexUid,
      q,
      filter: [...FACETS.filter((f) => f !== facet).flatMap((f) => filters[f]), ...filters.other],
      facets: [facet],
      page: 1,
      hitsPerPage: 0,
    }),
  )
  return { queries: [main, ...perFacet] }
}

export interface MeiliResult {
  hits: { id: string; _formatted?: { title?: string; description?: string } }[]
  totalHits?: number
  facetDistribution?: Record<string, Record<string, number>>
}

/** Highlighted text as the API gives it: escaped HTML with `<mark>` around matches. */
export function markOf(formatted: string): string {
  return escapeHtml(formatted).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>')
}

/**
 * The answer's ids in page order, the total, the highlights by id, and facet counts with every
 * known value present (zero when nothing matches), as the SQLite index answers them.
 */
export function readMultiSearch(
  results: MeiliResult[],
  params: SearchParams,
  providers: readonly string[],
): {
  ids: string[]
  total: number
  highlights: Map<string, { title?: string; description?: string }>
  facets: FacetCounts
} {
  const [main, ...rest] = results
  const filters = filtersOf(params)
  const active = FACETS.filter((f) => filters[f].length > 0)
  const distribution = (facet: Facet) => {
    const k = active.indexOf(facet)
    return (k >= 0 ? rest[k]?.facetDistribution : main?.facetDistribution)?.[facet] ?? {}
  }
  const known: Record<Facet, readonly string[]> = {
    category: CATEGORIES,
    approval: APPROVALS,
    provider: providers,
    format: FORMATS,
  }
  const facets = Object.fromEntries(
    FACETS.map((facet) => {
      const counts = distribution(facet)
      return [facet, Object.fromEntries(known[facet].map((v) => [v, counts[v] ?? 0]))]
    }),
  ) as FacetCounts
  const hits = main?.hits ?? []
  return {
    ids: hits.map((h) => h.id),
    total: main?.totalHits ?? 0,
    highlights: new Map(
      hits.map((h) => [
        h.id,
        {
          ...(h._formatted?.title !== undefined && { title: markOf(h._formatted.title) }),
          ...(h._formatted?.description && { description: markOf(h._formatted.description) }),
        },
      ]),
    ),
    facets,
  }
}
