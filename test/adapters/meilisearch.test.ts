/**
 * The Meilisearch adapter's request translation, pinned for every filter, facet and sort of
 * the contract; and, when MEILISEARCH_URL is set, the same search cases against a live server.
 */
import { Meilisearch } from 'meilisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { documentOf, indexSettings } from '../../src/adapters/meilisearch/documents.js'
import { MeilisearchIndex } from '../../src/adapters/meilisearch/index.js'
import {
  countsForFilter,
  markOf,
  multiSearchOf,
  readMultiSearch,
} from '../../src/adapters/meilisearch/query.js'
import { resolveCredential } from '../../src/core/search/credential.js'
import { searchParamsSchema } from '../../src/core/search/query.js'
import {
  makeCatalog,
  makeCourse,
  makeProvider,
  makeTestApp,
  shippedCatalog,
} from '../helpers/app.js'
import { loadRuleSet } from '../helpers/rules.js'

const shippedRuleSets = ['cma-aama', 'rma-amt', 'ncma-ncct', 'ccma-nha', 'rma-arma'].map(
  loadRuleSet,
)
const TODAY = '2026-11-24'
/** Parsed as the route parses it, the credential checked against the shipped rule sets. */
const params = (query: Record<string, unknown>) =>
  resolveCredential(searchParamsSchema.parse(query), shippedRuleSets, TODAY)
const HIGHLIGHT = {
  attributesToRetrieve: ['id'],
  attributesToHighlight: ['title', 'description'],
  attributesToCrop: ['description'],
  cropLength: 30,
  highlightPreTag: '\u0001',
  highlightPostTag: '\u0002',
}

describe('Meilisearch request translation', () => {
  it('a plain text search: one query counting every facet', () => {
    expect(multiSearchOf(params({ q: 'cardio' }), 'courses')).toEqual({
      queries: [
        {
          indexUid: 'courses',
          q: 'cardio',
          filter: [],
          facets: ['category', 'approval', 'provider', 'format'],
          page: 1,
          hitsPerPage: 20,
          ...HIGHLIGHT,
        },
      ],
    })
  })

  it('every filter, and one more query per filtered facet (disjunctive counts)', () => {
    const request = multiSearchOf(
      params({
        category: ['clinical', 'general'],
        approval: 'AAMA',
        provider: 'relias',
        format: ['online', 'self-study'],
        maxPrice: '25.5',
        minCredits: '1',
        maxHours: '3',
        credential: 'rma-amt',
        available: '2027-01-15',
        sort: 'price',
        page: '2',
        perPage: '10',
      }),
      'courses',
    )
    const category = 'category IN ["clinical", "general"]'
    const approval = 'approval IN ["AAMA"]'
    const provider = 'provider IN ["relias"]'
    const format = 'format IN ["online", "self-study"]'
    const other = [
      '"countsUntil.rma-amt" >= 20261124',
      'price <= 25.5',
      'credits >= 1',
      'hours <= 3',
      'lastSession >= 20270115',
    ]
    expect(request.queries).toEqual([
      {
        indexUid: 'courses',
        q: '',
        filter: [category, approval, provider, format, ...other],
        facets: [],
        page: 2,
        hitsPerPage: 10,
        sort: ['price:asc'],
        ...HIGHLIGHT,
      },
      {
        indexUid: 'courses',
        q: '',
        filter: [approval, provider, format, ...other],
        facets: ['category'],
        page: 1,
        hitsPerPage: 0,
      },
      {
        indexUid: 'courses',
        q: '',
        filter: [category, provider, format, ...other],
        facets: ['approval'],
        page: 1,
        hitsPerPage: 0,
      },
      {
        indexUid: 'courses',
        q: '',
        filter: [category, approval, format, ...other],
        facets: ['provider'],
        page: 1,
        hitsPerPage: 0,
      },
      {
        indexUid: 'courses',
        q: '',
        filter: [category, approval, provider, ...other],
        facets: ['format'],
        page: 1,
        hitsPerPage: 0,
      },
    ])
  })

  it.each([
    ['relevance', undefined],
    ['price', ['price:asc']],
    ['credits', ['credits:desc']],
    ['value', ['valueRank:asc']],
    ['title', ['titleSort:asc']],
  ])('sort %s -> %j', (sort, expected) => {
    expect(multiSearchOf(params({ sort }), 'courses').queries[0]?.sort).toEqual(expected)
  })

  it('sample=exclude filters every query (the page and each facet count); include adds nothing', () => {
    const excluded = multiSearchOf(params({ sample: 'exclude', provider: 'relias' }), 'courses')
    expect(excluded.queries).toHaveLength(2)
    for (const query of excluded.queries) expect(query.filter).toContain('sample = false')
    expect(multiSearchOf(params({ sample: 'include' }), 'courses').queries[0]?.filter).toEqual([])
  })

  it('sample=exclude: the provider facet lists only providers with a course that is not sample', async () => {
    const t = makeTestApp()
    await t.load(
      makeCatalog({
        providers: [makeProvider({ id: 'real' }), makeProvider({ id: 'demo' })],
        courses: [
          makeCourse({ provider: 'real', source: { confidence: 'scraped' } }),
          makeCourse({ provider: 'demo', source: { confidence: 'sample' } }),
        ],
      }),
    )
    const client = {
      multiSearch: async () => ({
        results: [{ hits: [], totalHits: 1, facetDistribution: { provider: { real: 1 } } }],
      }),
    }
    const meili = new MeilisearchIndex(client as never, t.store)
    const providers = async (sample: string) =>
      Object.keys((await meili.search(params({ sample }))).facets.provider)
    expect(await providers('include')).toEqual(['demo', 'real'])
    expect(await providers('exclude')).toEqual(['real'])
  })

  it('filters a credential on the last day each course counts for it, from today', () => {
    expect(multiSearchOf(params({ credential: 'ncma-ncct' }), 'i').queries[0]?.filter).toEqual([
      '"countsUntil.ncma-ncct" >= 20261124',
    ])
    // Unresolved (no day): any course that ever counts.
    expect(countsForFilter('cma-aama', undefined)).toBe('"countsUntil.cma-aama" >= 1')
  })

  it('quotes values so that a provider id cannot break the filter', () => {
    const [query] = multiSearchOf(params({ provider: 'a" OR x = "b' }), 'i').queries
    expect(query?.filter).toEqual(['provider IN ["a\\" OR x = \\"b"]'])
  })

  it('reads the answer back: ids in order, total, escaped highlights, facets with zeros', () => {
    const p = params({ q: 'ekg', category: 'clinical' })
    const read = readMultiSearch(
      [
        {
          hits: [
            {
              id: 'b',
              _formatted: {
                title: '\u0001EKG\u0002 <basics>',
                description: 'Read an \u0001EKG\u0002…',
              },
            },
            { id: 'a', _formatted: { title: 'Heart & \u0001EKG\u0002' } },
          ],
          totalHits: 2,
          facetDistribution: { approval: { AAMA: 2 }, provider: { p1: 2 }, format: { online: 2 } },
        },
        { hits: [], totalHits: 5, facetDistribution: { category: { clinical: 2, general: 3 } } },
      ],
      p,
      ['p1', 'p2'],
    )
    expect(read.ids).toEqual(['b', 'a'])
    expect(read.total).toBe(2)
    expect(read.highlights.get('b')).toEqual({
      title: '<mark>EKG</mark> &lt;basics&gt;',
      description: 'Read an <mark>EKG</mark>…',
    })
    expect(read.highlights.get('a')).toEqual({ title: 'Heart &amp; <mark>EKG</mark>' })
    expect(read.facets).toEqual({
      category: { administrative: 0, clinical: 2, general: 3 },
      approval: { AAMA: 2, AMT: 0, NHA: 0, NCCT: 0, ARMA: 0 },
      provider: { p1: 2, p2: 0 },
      format: expect.objectContaining({ online: 2, 'self-study': 0 }),
    })
    expect(markOf('plain')).toBe('plain')
  })

  it('builds documents and settings the filters and sorts rely on', () => {
    const free = documentOf(
      makeCourse({
        id: 'f',
        price: 0,
        hours: null,
        credits: { clinical: 2 },
        sessions: [{ start: '2027-03-01' }],
      }),
      'Provider',
      { 'cma-aama': '2027-06-30', 'rma-amt': '9999-12-31' },
    )
    expect(free).toMatchObject({
      price: 0,
      valueRank: -1e12,
      category: ['clinical'],
      lastSession: 20270301,
      countsUntil: { 'cma-aama': 20270630, 'rma-amt': 99991231 },
    })
    expect(free).not.toHaveProperty('hours')
    const unknown = documentOf(makeCourse({ id: 'u', price: null }), 'P', {})
    expect(unknown).not.toHaveProperty('price')
    expect(unknown).not.toHaveProperty('valueRank')
    expect(unknown.lastSession).toBe(99_999_999)
    expect(unknown.sample).toBe(true)
    expect(documentOf(makeCourse({ source: { confidence: 'official' } }), 'P', {}).sample).toBe(
      false,
    )
    const settings = indexSettings([['ekg', 'ecg', 'electrocardiogram']])
    expect(settings.synonyms.ekg).toEqual(['ecg', 'electrocardiogram'])
    for (const f of [
      'category',
      'approval',
      'provider',
      'format',
      'price',
      'hours',
      'credits',
      'lastSession',
      'countsUntil',
      'sample',
    ])
      expect(settings.filterableAttributes).toContain(f)
    for (const s of ['price', 'credits', 'valueRank', 'titleSort'])
      expect(settings.sortableAttributes).toContain(s)
    expect(settings.typoTolerance.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 })
  })
})

const LIVE = process.env.MEILISEARCH_URL
if (!LIVE)
  console.log('Meilisearch live suite skipped: MEILISEARCH_URL is not set (no server here)')

describe.skipIf(!LIVE)('Meilisearch live: the search cases against a server', () => {
  const t = makeTestApp()
  let meili: MeilisearchIndex | null = null
  beforeAll(async () => {
    // The same catalog in SQLite (for the courses) and in a scratch Meilisearch index.
    await t.loadFolder()
    const client = new Meilisearch({ host: LIVE as string, apiKey: process.env.MEILISEARCH_KEY })
    const uid = `recert-test-${Date.now()}`
    const { documentsOf } = await import('../../src/adapters/meilisearch/documents.js')
    const catalog = await shippedCatalog()
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask()
    await client.index(uid).updateSettings(indexSettings(catalog.synonyms)).waitTask()
    await client.index(uid).addDocuments(documentsOf(catalog)).waitTask()
    meili = new MeilisearchIndex(client, t.store, uid)
  }, 120_000)

  it.each([
    [{ q: 'flebotomy' }],
    [{ q: 'cardio', category: 'clinical' }],
    [{ approval: 'AAMA', maxPrice: '20', sort: 'price' }],
    [{ credential: 'cma-aama', perPage: '5', page: '2' }],
    [{ sample: 'exclude' }],
    [{ q: 'spirometry', sample: 'exclude', provider: 'sample-academy,relias' }],
  ])('%j answers in the same shape, with the same totals as SQLite', async (query) => {
    const p = params(query)
    const fromMeili = await (meili as MeilisearchIndex).search(p)
    const local = await t.search.search(p)
    expect(fromMeili.total).toBe(local.total)
    expect(Object.keys(fromMeili.facets)).toEqual(Object.keys(local.facets))
    expect(fromMeili.hits.length).toBe(local.hits.length)
  })
})
