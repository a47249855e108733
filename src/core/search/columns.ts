import { ON_DEMAND_DAY } from '../catalog/constants.js'
import { APPROVALS, CATEGORIES, FORMATS } from '../catalog/schemas.js'
import { type CourseFacts, dayNumber } from './facts.js'
import type { FacetCounts, SearchParams } from './query.js'

/**
 * The catalog's filterable fields as typed arrays, indexed by `seq - 1`. Filtering, faceting
 * and sorting run over these in memory: one pass over the candidates computes the page and all
 * four disjunctive facets, which is what keeps search fast on a large catalog (SQL would need
 * one GROUP BY per facet over the whole match set).
 */
export class SearchColumns {
  readonly size: number
  readonly ids: string[]
  readonly providers: string[]
  /** Providers with at least one course that is not sample data: the provider facet without them. */
  private readonly realProviders: Set<string>
  private readonly sample: Uint8Array
  private readonly categoryMask: Uint8Array
  private readonly approvalMask: Uint8Array
  private readonly provider: Uint16Array
  private readonly format: Uint8Array
  private readonly price: Float64Array
  private readonly hours: Float64Array
  private readonly credits: Float64Array
  private readonly available: Uint32Array
  /** Per credential id: the last day each course counts for it (`YYYYMMDD`; 0 = never). */
  private readonly countsUntil = new Map<string, Uint32Array>()
  private readonly titleOrder: Uint32Array
  private readonly titleRank: Uint32Array

  constructor(rows: readonly CourseFacts[]) {
    const size = rows.reduce((max, row) => Math.max(max, row.seq), 0)
    this.size = size
    this.ids = new Array<string>(size).fill('')
    this.providers = [...new Set(rows.map((r) => r.provider))].sort()
    const providerIndex = new Map(this.providers.map((p, i) => [p, i]))
    this.realProviders = new Set(rows.filter((r) => !r.sample).map((r) => r.provider))
    this.sample = new Uint8Array(size)
    this.categoryMask = new Uint8Array(size)
    this.approvalMask = new Uint8Array(size)
    this.provider = new Uint16Array(size)
    this.format = new Uint8Array(size)
    this.price = new Float64Array(size).fill(Number.NaN)
    this.hours = new Float64Array(size).fill(Number.NaN)
    this.credits = new Float64Array(size)
    this.available = new Uint32Array(size)
    const titles: string[] = new Array<string>(size).fill('')
    for (const row of rows) {
      const i = row.seq - 1
      this.ids[i] = row.id
      this.sample[i] = row.sample ? 1 : 0
      titles[i] = row.title.toLocaleLowerCase('en')
      this.categoryMask[i] = row.categoryMask
      this.approvalMask[i] = row.approvalMask
      this.provider[i] = providerIndex.get(row.provider) ?? 0
      this.format[i] = Math.max(0, FORMATS.indexOf(row.format as (typeof FORMATS)[number]))
      this.price[i] = row.price ?? Number.NaN
      this.hours[i] = row.hours ?? Number.NaN
      this.credits[i] = row.credits
      this.available[i] = row.lastSession === null ? ON_DEMAND_DAY : dayNumber(row.lastSession)
      for (const [credential, until] of Object.entries(row.countsUntil)) {
        let days = this.countsUntil.get(credential)
        if (!days) {
          days = new Uint32Array(size)
          this.countsUntil.set(credential, days)
        }
        days[i] = dayNumber(until)
      }
    }
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })
    this.titleOrder = Uint32Array.from(
      Array.from({ length: size }, (_, i) => i)
        .filter((i) => this.ids[i] !== '')
        .sort((a, b) => collator.compare(titles[a] as string, titles[b] as string) || a - b),
    )
    this.titleRank = new Uint32Array(size)
    this.titleOrder.forEach((i, rank) => {
      this.titleRank[i] = rank
    })
  }

  /**
   * Filters, facets, sorts and pages the candidates.
   *
   * `candidates` are the 1-based `seq` numbers matching the text query, with `relevance[k]` the
   * relevance key of `candidates[k]` (higher first); or `null` for "every course" (then
   * relevance means title order). Facet counts are disjunctive: the counts of a parameter
   * ignore that parameter's own filter.
   */
  run(
    candidates: ArrayLike<number> | null,
    params: SearchParams,
    relevance: ArrayLike<number> | null = null,
  ): ColumnsResult {
    const filter = this.compileFilter(params)
    // Category and approval sets are bit masks: count each mask value, expand bits at the end.
    const categoryCombos = new Float64Array(1 << CATEGORIES.length)
    const approvalCombos = new Float64Array(1 << APPROVALS.length)
    const facetProvider = new Float64Array(this.providers.length)
    const facetFormat = new Float64Array(FORMATS.length)
    const matched: number[] = []
    const matchedKeys: number[] = []
    const count = candidates ? candidates.length : this.titleOrder.length
    const {
      categoryMask,
      approvalMask,
      provider,
      format,
      price,
      hours,
      credits,
      available,
      titleOrder,
    } = this
    const { maxPrice, maxHours, minCredits, counts, countsFrom, providers, formats } = filter
    const { withoutSample } = filter
    const sample = this.sample
    const wantCategory = filter.categoryMask
    const wantApproval = filter.approvalMask
    const availableFrom = filter.available ?? 0

    for (let k = 0; k < count; k++) {
      const i = candidates ? (candidates[k] as number) - 1 : (titleOrder[k] as number)
      if (i < 0 || i >= this.size) continue
      // Filters that have no facet must hold outright.
      if (withoutSample && sample[i] === 1) continue
      if (maxPrice !== null && !((price[i] as number) <= maxPrice)) continue
      if (maxHours !== null && !((hours[i] as number) <= maxHours)) continue
      if (minCredits !== null && (credits[i] as number) < minCredits) continue
      if (filter.known.price && Number.isNaN(price[i])) continue
      if (filter.known.hours && Number.isNaN(hours[i])) continue
      if (filter.known.credits && !((credits[i] as number) > 0)) continue
      if ((available[i] as number) < availableFrom) continue
      if (counts !== null && (counts[i] as number) < countsFrom) continue
      const appr = approvalMask[i] as number

      const cat = categoryMask[i] as number
      const prov = provider[i] as number
      const fmt = format[i] as number
      // Which faceted filters fail: 0 = none, 1 bit = only that one; more = drop.
      let failing = 0
      if (wantCategory !== 0 && (cat & wantCategory) === 0) failing |= 1
      if (wantApproval !== 0 && (appr & wantApproval) === 0) failing |= 2
      if (providers !== null && providers[prov] === 0) failing |= 4
      if (formats !== null && formats[fmt] === 0) failing |= 8
      if (failing === 0) {
        matched.push(i)
        if (relevance) matchedKeys.push(relevance[k] as number)
        categoryCombos[cat] = (categoryCombos[cat] as number) + 1
        approvalCombos[appr] = (approvalCombos[appr] as number) + 1
        facetProvider[prov] = (facetProvider[prov] as number) + 1
        facetFormat[fmt] = (facetFormat[fmt] as number) + 1
      } else if (failing === 1) categoryCombos[cat] = (categoryCombos[cat] as number) + 1
      else if (failing === 2) approvalCombos[appr] = (approvalCombos[appr] as number) + 1
      else if (failing === 4) facetProvider[prov] = (facetProvider[prov] as number) + 1
      else if (failing === 8) facetFormat[fmt] = (facetFormat[fmt] as number) + 1
    }
    const facets = {
      category: toCounts(CATEGORIES, expandCombos(categoryCombos, CATEGORIES.length)),
      approval: toCounts(APPROVALS, expandCombos(approvalCombos, APPROVALS.length)),
      provider: toCounts(this.providers, facetProvider, (p) =>
        filter.withoutSample ? this.realProviders.has(p) : true,
      ),
      format: toCounts(FORMATS, facetFormat),
    }
    return this.page(matched, relevance ? matchedKeys : null, params, facets)
  }

  /** The requested page of the matched courses, in the requested order. */
  private page(
    matched: number[],
    keys: number[] | null,
    params: SearchParams,
    facets: FacetCounts,
  ): ColumnsResult {
    const start = (params.page - 1) * params.perPage
    const end = start + params.perPage
    const ordered =
      params.sort !== 'relevance'
        ? this.firstBy(matched, params.sort, end)
        : keys
          ? firstByKey(matched, keys, end)
          : matched
    return {
      total: matched.length,
      ids: ordered.slice(start, end).map((i) => this.ids[i] as string),
      facets,
    }
  }

  private compileFilter(params: SearchParams) {
    const maskOf = (values: readonly string[] | undefined, all: readonly string[]) =>
      (values ?? []).reduce((mask, v) => mask | (1 << all.indexOf(v)), 0)
    const lookup = (values: readonly string[] | undefined, all: readonly string[]) => {
      if (!values || values.length === 0) return null
      return Uint8Array.from(all, (v) => (values.includes(v) ? 1 : 0))
    }
    // A credential no course counts for matches nothing.
    const counts = params.credential
      ? (this.countsUntil.get(params.credential) ?? new Uint32Array(this.size))
      : null
    return {
      categoryMask: maskOf(params.category, CATEGORIES),
      approvalMask: maskOf(params.approval, APPROVALS),
      providers: lookup(params.provider, this.providers),
      formats: lookup(params.format, FORMATS),
      counts,
      // Without a day, a course counts if it counts on any day (0 = never stays out).
      countsFrom: params.countsOn ? dayNumber(params.countsOn) : 1,
      maxPrice: params.maxPrice ?? null,
      maxHours: params.maxHours ?? null,
      minCredits: params.minCredits ?? null,
      known: {
        price: params.known?.includes('price') ?? false,
        hours: params.known?.includes('hours') ?? false,
        credits: params.known?.includes('credits') ?? false,
      },
      available: params.available ? dayNumber(params.available) : null,
      withoutSample: params.sample === 'exclude',
    }
  }

  /**
   * The first `count` of `indices` in the order of `sort` (ties in title order). Each order is
   * computed once per catalog; a large match set is then read off it with a bitmap instead of
   * being sorted, which keeps browsing 100k courses by price fast.
   */
  private firstBy(
    indices: number[],
    sort: Exclude<SearchParams['sort'], 'relevance'>,
    count: number,
  ): number[] {
    const { order, rank } = this.orderOf(sort)
    if (indices.length * 8 > this.size) {
      const member = new Uint8Array(this.size)
      for (const i of indices) member[i] = 1
      const out: number[] = []
      for (let k = 0; k < order.length && out.length < count; k++) {
        if (member[order[k] as number]) out.push(order[k] as number)
      }
      return out
    }
    return [...indices].sort((a, b) => (rank[a] as number) - (rank[b] as number)).slice(0, count)
  }

  private readonly orders = new Map<string, { order: Uint32Array; rank: Uint32Array }>()

  private orderOf(sort: Exclude<SearchParams['sort'], 'relevance'>) {
    let cached = this.orders.get(sort)
    if (!cached) {
      const key = this.sortKey(sort)
      const keys = new Float64Array(this.size)
      for (let i = 0; i < this.size; i++) keys[i] = key(i)
      const order = Uint32Array.from(
        Array.from(this.titleOrder).sort(
          (a, b) =>
            compare(keys[a] as number, keys[b] as number) ||
            (this.titleRank[a] as number) - (this.titleRank[b] as number),
        ),
      )
      const rank = new Uint32Array(this.size)
      order.forEach((i, r) => {
        rank[i] = r
      })
      cached = { order, rank }
      this.orders.set(sort, cached)
    }
    return cached
  }

  /** An ascending sort key per course. */
  private sortKey(sort: Exclude<SearchParams['sort'], 'relevance'>): (i: number) => number {
    const { price, credits, titleRank } = this
    const inf = Number.POSITIVE_INFINITY
    switch (sort) {
      case 'title':
        return (i) => titleRank[i] as number
      case 'price':
        return (i) => (Number.isNaN(price[i]) ? inf : (price[i] as number))
      case 'credits':
        return (i) => -(credits[i] as number)
      case 'value':
        // Credits per dollar, best first; free courses with credits are the best value,
        // unknown prices last.
        return (i) => {
          const p = price[i] as number
          const c = credits[i] as number
          if (Number.isNaN(p)) return inf
          if (p === 0) return c > 0 ? -inf : 0
          return -c / p
        }
    }
  }
}

export interface ColumnsResult {
  total: number
  ids: string[]
  facets: FacetCounts
}

/**
 * The first `count` indices by descending key (ties by ascending index, i.e. catalog order).
 * Only the page is sorted: a numeric sort of the keys finds the cut-off first.
 */
function firstByKey(indices: number[], keys: number[], count: number): number[] {
  let threshold = Number.NEGATIVE_INFINITY
  if (count < indices.length) {
    const sorted = Float64Array.from(keys).sort()
    threshold = sorted[sorted.length - count] as number
  }
  const chosen: number[] = []
  for (let k = 0; k < indices.length; k++) if ((keys[k] as number) >= threshold) chosen.push(k)
  chosen.sort(
    (a, b) =>
      compare(keys[b] as number, keys[a] as number) ||
      (indices[a] as number) - (indices[b] as number),
  )
  return chosen.slice(0, count).map((k) => indices[k] as number)
}

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Counts per value from counts per set of values (bit mask). */
function expandCombos(combos: Float64Array, bits: number): Float64Array {
  const counts = new Float64Array(bits)
  combos.forEach((n, mask) => {
    for (let bit = 0; bit < bits; bit++)
      if (mask & (1 << bit)) counts[bit] = (counts[bit] as number) + n
  })
  return counts
}

function toCounts(
  names: readonly string[],
  counts: Float64Array,
  keep: (name: string) => boolean = () => true,
): Record<string, number> {
  const out: Record<string, number> = {}
  names.forEach((name, i) => {
    if (keep(name)) out[name] = counts[i] as number
  })
  return out
}
