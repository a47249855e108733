import { beforeAll, describe, expect, it } from 'vitest'
import { approvalsOn } from '../../src/core/catalog/approvals.js'
import type { RuleSet } from '../../src/core/catalog/rule-set.js'
import {
  APPROVALS,
  CATEGORIES,
  type Course,
  FORMATS,
  totalCredits,
} from '../../src/core/catalog/schemas.js'
import { activityValue } from '../../src/core/rules/value.js'
import { searchResultSchema } from '../../src/core/search/query.js'
import { makeTestApp, shippedCatalog } from '../helpers/app.js'

/** The day the app takes for today: `credential` keeps the courses that count if done that day. */
const TODAY = '2026-11-24'
const t = makeTestApp({ today: () => TODAY })
let catalog: Course[] = []
let ruleSets: RuleSet[] = []

beforeAll(async () => {
  const outcome = await t.loadFolder()
  expect(outcome.status).toBe('loaded')
  ;({ courses: catalog, credentials: ruleSets } = await shippedCatalog())
})

/** The rules engine's own answer: the course, completed today, is worth points under the rules. */
function countsToday(course: Course, credential: string): boolean {
  const rules = ruleSets.find((r) => r.id === credential) as RuleSet
  const value = activityValue(rules, {
    ...course,
    approvals: approvalsOn(course, TODAY),
    completedOn: TODAY,
    courseId: course.id,
  })
  return !('reason' in value)
}

describe('relevance', () => {
  // query -> the course expected first (the shipped catalog, sample courses included)
  it.each([
    // typos (1 typo from 5 letters, 2 from 9)
    ['flebotomy', 'relias-phlebotomy-basics'],
    ['pharmacolgy', 'sample-pharmacology-essentials-for-medical-assistants'],
    ['cardiolgy', 'sample-assisting-in-cardiology-practices'],
    ['vacine storage', 'sample-vaccine-storage-and-handling'],
    ['sprometry', 'sample-spirometry-testing-basics'],
    ['urinalisys', 'sample-urinalysis-for-medical-assistants'],
    ['anaphylaxsis', 'sample-anaphylaxis-recognition-and-response'],
    ['colonoscpy prep', 'sample-colonoscopy-prep-and-patient-education'],
    // synonyms
    ['ecg', 'sample-12-lead-ekg-placement-and-troubleshooting'],
    ['electrocardiogram placement', 'sample-12-lead-ekg-placement-and-troubleshooting'],
    ['bls', 'aha-bls-provider-card'],
    ['basic life support', 'sample-basic-life-support-skills-refresher'],
    ['cpr card', 'aha-bls-provider-card'],
    ['emr', 'sample-electronic-health-records-in-practice'],
    ['venipuncture', 'sample-advanced-venipuncture-for-medical-assistants'],
    ['pediatric blood draw', 'sample-pediatric-blood-draw-skills'],
    ['telemedicine', 'sample-setting-up-virtual-visits'],
    ['immunization schedules', 'sample-immunization-schedules-across-the-lifespan'],
    ['bbp', 'sample-bloodborne-pathogens-annual-training'],
    // prefixes (search as you type)
    ['cardio', 'sample-assisting-in-cardiology-practices'],
    ['phleb', 'relias-phlebotomy-basics'],
    ['spiro', 'sample-spirometry-testing-basics'],
    ['resident ri', 'relias-resident-rights-essentials'],
    ['neurol', 'sample-neurology-office-assisting'],
    // multi-word and exact titles
    ['role of medical assistants in neurology', 'ace-ma-neurology'],
    ['fundamentals of pharmacology', 'ace-fundamentals-of-pharmacology'],
    ['medical ethics for the medical assistant', 'relias-medical-ethics-for-the-medical-assistant'],
    ['electronic health record technology', 'ace-electronic-health-record-technology'],
    ['hipaa privacy security', 'sample-hipaa-privacy-and-security-essentials'],
    ['blood pressure measurement', 'sample-blood-pressure-measurement-done-right'],
    ['prior authorization', 'sample-prior-authorization-made-simple'],
    ['team-based care delivery', 'relias-medical-assistants-role-in-team-based-care-delivery'],
    ['cma today', 'cma-today-ce-article'],
    ['dosage calculation', 'sample-medication-administration-and-dosage-calculation'],
    // provider names are searchable
    ['annals cardiology', 'ace-ma-cardiology'],
  ])('"%s" ranks %s first', async (q, expected) => {
    const { status, body } = await t.get(`/v1/courses?q=${encodeURIComponent(q)}`)
    expect(status).toBe(200)
    expect(body.hits[0]?.id).toBe(expected)
  })

  it('finds nothing for a word that is nowhere near the vocabulary', async () => {
    const { body } = await t.get('/v1/courses?q=xylophonequartz')
    expect(body.total).toBe(0)
    expect(body.hits).toEqual([])
  })

  it('requires every word (AND across words)', async () => {
    const both = await t.get('/v1/courses?q=pediatric%20blood&perPage=100')
    expect(both.body.hits.map((h: Course) => h.id)).toEqual(['sample-pediatric-blood-draw-skills'])
  })

  it('puts matches of the typed word before synonym-only matches', async () => {
    const { body } = await t.get('/v1/courses?q=ekg&perPage=100')
    const ids: string[] = body.hits.map((h: Course) => h.id)
    const typed = ids.findLastIndex((id) =>
      /ekg/.test(JSON.stringify(catalog.find((c) => c.id === id))?.toLowerCase() ?? ''),
    )
    const synonymOnly = ids.findIndex(
      (id) => !/ekg/.test(JSON.stringify(catalog.find((c) => c.id === id))?.toLowerCase() ?? ''),
    )
    expect(synonymOnly === -1 || typed < synonymOnly).toBe(true)
  })
})

describe('highlights', () => {
  it('marks the matched prefix and escapes the rest', async () => {
    const { body } = await t.get('/v1/courses?q=cardio')
    const hit = body.hits.find((h: Course) => h.id === 'sample-assisting-in-cardiology-practices')
    expect(hit.highlight.title).toBe('Assisting in <mark>Cardio</mark>logy Practices')
    const apostrophe = body.hits.find((h: Course) => h.description?.includes("'"))
    expect(apostrophe.highlight.description).toContain('&#39;')
    expect(apostrophe.highlight.description).not.toContain("'")
  })

  it('marks synonyms and typo corrections too', async () => {
    const { body } = await t.get('/v1/courses?q=flebotomy')
    expect(body.hits[0].highlight.title).toBe('<mark>Phlebotomy</mark> Basics')
  })

  it('returns the source of every course, so sample data is never taken for real', async () => {
    const { body } = await t.get('/v1/courses?perPage=100')
    for (const hit of body.hits)
      expect(hit.source.confidence).toMatch(/official|unverified|secondary|scraped|sample/)
    expect(body.hits.some((h: Course) => h.source.confidence === 'sample')).toBe(true)
  })
})

type Params = Record<string, string | string[] | number>

/** Every hit of a search, across pages; checks that `total` agrees. */
async function allIds(params: Params): Promise<string[]> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const { body } = await t.get(`/v1/courses?${query({ ...params, perPage: 100, page })}`)
    ids.push(...body.hits.map((h: Course) => h.id))
    if (body.hits.length < 100) {
      expect(ids.length).toBe(body.total)
      return ids
    }
  }
}

function query(params: Params): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v))
  }
  return search.toString()
}

/** An independent, obviously correct reading of the contract's filters. */
function passes(course: Course, key: string, values: string[] | string | number): boolean {
  const list = Array.isArray(values) ? values : [String(values)]
  switch (key) {
    case 'category':
      return list.some((c) => (course.credits[c as keyof Course['credits']] ?? 0) > 0)
    case 'approval':
      return list.some((a) => course.approvals.includes(a as Course['approvals'][number]))
    case 'provider':
      return list.includes(course.provider)
    case 'format':
      return list.includes(course.format)
    case 'maxPrice':
      return course.price !== null && course.price <= Number(values)
    case 'maxHours':
      return course.hours !== null && course.hours <= Number(values)
    case 'minCredits':
      return totalCredits(course) >= Number(values)
    case 'credential':
      return countsToday(course, String(values))
    case 'available':
      return course.sessions === undefined || course.sessions.some((s) => s.start >= String(values))
    default:
      return true
  }
}

function valuesOf(course: Course, facet: string): string[] {
  switch (facet) {
    case 'category':
      return CATEGORIES.filter((c) => (course.credits[c] ?? 0) > 0)
    case 'approval':
      return course.approvals
    case 'provider':
      return [course.provider]
    default:
      return [course.format]
  }
}

describe('filters and disjunctive facets, checked by brute force', () => {
  const combos: Params[] = [
    {},
    { category: 'clinical' },
    { category: ['clinical', 'administrative'] },
    { approval: 'AAMA' },
    { approval: ['AMT', 'NCCT'] },
    { provider: 'sample-academy' },
    { provider: ['ace', 'relias'] },
    { format: 'online' },
    { format: ['seminar', 'workshop', 'conference'] },
    { category: 'general', approval: 'AAMA' },
    { category: 'clinical', format: 'online', approval: 'NHA' },
    { maxPrice: 10 },
    { maxPrice: 0 },
    { minCredits: 2 },
    { maxHours: 1.5, category: 'administrative' },
    { credential: 'cma-aama' },
    { credential: 'ncma-ncct', format: 'online' },
    { credential: 'ccma-nha', approval: 'AAMA' },
    { credential: 'rma-arma', category: 'clinical' },
    { available: '2027-06-01' },
    { available: '2027-01-01', format: ['seminar', 'workshop', 'conference'] },
    { provider: 'sample-learning', maxPrice: 15, minCredits: 1 },
    { q: 'safety' },
    { q: 'safety', category: 'administrative' },
    { q: 'blood', approval: 'AAMA', format: ['online', 'self-study'] },
    { q: 'medical', provider: ['sample-academy', 'relias'], maxPrice: 20 },
    { q: 'pharm', credential: 'cma-aama' },
  ]

  it.each(combos.map((c) => [query(c), c] as const))('%s', async (_label, params) => {
    const { q, ...filters } = params
    let pool = catalog
    if (q !== undefined) {
      const ids = new Set(await allIds({ q }))
      pool = catalog.filter((c) => ids.has(c.id))
    }
    const { status, body } = await t.get(`/v1/courses?${query({ ...params, perPage: 100 })}`)
    expect(status).toBe(200)
    const expected = pool.filter((c) => Object.entries(filters).every(([k, v]) => passes(c, k, v)))
    expect(body.total).toBe(expected.length)
    expect(new Set(await allIds(params))).toEqual(new Set(expected.map((c) => c.id)))
    for (const facet of ['category', 'approval', 'provider', 'format'] as const) {
      const others = Object.entries(filters).filter(([k]) => k !== facet)
      const counts: Record<string, number> = {}
      for (const course of pool.filter((c) => others.every(([k, v]) => passes(c, k, v)))) {
        for (const value of valuesOf(course, facet)) counts[value] = (counts[value] ?? 0) + 1
      }
      const nonZero = Object.fromEntries(
        Object.entries(body.facets[facet]).filter(([, n]) => n !== 0),
      )
      expect(nonZero, facet).toEqual(counts)
    }
  })

  it('lists every category, approval and format in the facets, zero counts included', async () => {
    const { body } = await t.get('/v1/courses?q=spirometry')
    expect(Object.keys(body.facets.category)).toEqual([...CATEGORIES])
    expect(Object.keys(body.facets.approval)).toEqual([...APPROVALS])
    expect(Object.keys(body.facets.format)).toEqual([...FORMATS])
  })

  it('accepts comma-separated values and the AMMA typo for AAMA', async () => {
    const a = await t.get('/v1/courses?category=clinical,general&approval=AMMA')
    const b = await t.get('/v1/courses?category=clinical&category=general&approval=AAMA')
    expect(a.body.total).toBe(b.body.total)
    expect(a.body.total).toBeGreaterThan(0)
  })
})

describe('sorts and pages', () => {
  it('sorts by price ascending with unknown prices last', async () => {
    const { body } = await t.get('/v1/courses?sort=price&perPage=100&page=2')
    const prices = body.hits.map((h: Course) => h.price)
    const known = prices.filter((p: number | null) => p !== null)
    expect(known).toEqual([...known].sort((a, b) => a - b))
    expect(prices.slice(prices.indexOf(null)).every((p: number | null) => p === null)).toBe(true)
  })

  it('sorts by credits descending', async () => {
    const { body } = await t.get('/v1/courses?sort=credits&perPage=50')
    const credits = body.hits.map(totalCredits)
    expect(credits).toEqual([...credits].sort((a, b) => b - a))
  })

  it('sorts by value (credits per dollar), free courses with credits first, unknown prices last', async () => {
    const { body } = await t.get(
      `/v1/courses?sort=value&perPage=100&${query({ provider: ['sample-academy', 'aha'] })}`,
    )
    const value = (c: Course) =>
      c.price === null
        ? -2
        : c.price === 0
          ? totalCredits(c) > 0
            ? Infinity
            : 0
          : totalCredits(c) / c.price
    const values = body.hits.map(value)
    expect(values).toEqual([...values].sort((a, b) => b - a))
  })

  it('sorts by title', async () => {
    const { body } = await t.get('/v1/courses?sort=title&perPage=100')
    const titles = body.hits.map((h: Course) => h.title)
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
    )
  })

  it('pages through every result exactly once', async () => {
    const seen: string[] = []
    let total = 0
    for (let page = 1; page <= 8; page++) {
      const { body } = await t.get(`/v1/courses?perPage=25&page=${page}`)
      total = body.total
      seen.push(...body.hits.map((h: Course) => h.id))
    }
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(total)
    expect(total).toBe(catalog.length)
  })

  it('answers the documented shape', async () => {
    const { body, type } = await t.get('/v1/courses?q=cardio&category=clinical')
    expect(type).toContain('application/json')
    expect(() => searchResultSchema.parse(body)).not.toThrow()
    expect(body.took).toBeGreaterThanOrEqual(0)
    expect(body.page).toBe(1)
    expect(body.perPage).toBe(20)
  })
})

describe('bad parameters', () => {
  it.each([
    ['category=surgery', 'query.category[0]', /administrative.*clinical.*general/],
    ['approval=ABC', 'query.approval[0]', /AAMA/],
    ['format=podcast', 'query.format[0]', /online/],
    ['perPage=1000', 'query.perPage', /between 1 and 100/],
    ['perPage=0', 'query.perPage', /between 1 and 100/],
    ['perPage=2.5', 'query.perPage', /expected int/],
    ['page=0', 'query.page', /1/],
    ['page=abc', 'query.page', /number/],
    ['maxPrice=-1', 'query.maxPrice', /0/],
    ['maxPrice=cheap', 'query.maxPrice', /number/],
    ['minCredits=-2', 'query.minCredits', /0/],
    ['maxHours=x', 'query.maxHours', /number/],
    ['credential=cma', 'query.credential', /cma-aama/],
    ['available=2026-02-30', 'query.available', /calendar date/],
    ['available=tomorrow', 'query.available', /YYYY-MM-DD/],
    ['sort=popularity', 'query.sort', /relevance/],
    [`q=${'a'.repeat(201)}`, 'query.q', /200/],
  ])('%s answers 400 problem+json naming %s', async (qs, path, message) => {
    const { status, type, body } = await t.get(`/v1/courses?${qs}`)
    expect(status).toBe(400)
    expect(type).toBe('application/problem+json')
    expect(body).toMatchObject({ status: 400, title: 'Invalid request' })
    const error = body.errors.find((e: { path: string }) => e.path === path)
    expect(error?.message).toMatch(message)
  })

  it('reads FTS5 syntax in the query as plain words', async () => {
    for (const q of [
      '"',
      'NEAR(a b)',
      'title:cardio',
      'a OR',
      '* AND -',
      "') drop table courses; --",
    ]) {
      const { status } = await t.get(`/v1/courses?q=${encodeURIComponent(q)}`)
      expect(status).toBe(200)
    }
    const quoted = await t.get(`/v1/courses?q=${encodeURIComponent('"cardiology"*')}`)
    const plain = await t.get('/v1/courses?q=cardiology%20')
    expect(quoted.body.total).toBe(plain.body.total)
    expect(plain.body.total).toBeGreaterThan(0)
  })
})

describe('the credential filter comes from the loaded rule sets', () => {
  it('?credential=rma-arma is accepted and keeps exactly the courses that count for it', async () => {
    const { status, body } = await t.get('/v1/courses?credential=rma-arma&perPage=100')
    expect(status).toBe(200)
    const expected = catalog.filter((c) => countsToday(c, 'rma-arma'))
    expect(expected.length).toBeGreaterThan(0)
    expect(body.total).toBe(expected.length)
    expect(new Set(await allIds({ credential: 'rma-arma' }))).toEqual(
      new Set(expected.map((c) => c.id)),
    )
  })

  it('keeps more than the issuer approved: every shipped credential counts other courses', async () => {
    const { body: loaded } = await t.get('/v1/credentials')
    expect(loaded.map((r: { id: string }) => r.id)).toEqual(ruleSets.map((r) => r.id))
    for (const ruleSet of ruleSets) {
      const { status, body } = await t.get(`/v1/courses?credential=${ruleSet.id}&perPage=1`)
      expect(status).toBe(200)
      expect(body.total).toBe(catalog.filter((c) => countsToday(c, ruleSet.id)).length)
      const approved = catalog.filter((c) => c.approvals.includes(ruleSet.issuer.id)).length
      expect(body.total, ruleSet.id).toBeGreaterThan(approved)
    }
  })

  it('an unknown credential is a 400 naming the loaded ones', async () => {
    const { status, body } = await t.get('/v1/courses?credential=rma-xyz')
    expect(status).toBe(400)
    expect(body.errors[0].path).toBe('query.credential')
    expect(body.errors[0].message).toMatch(/rma-arma/)
  })
})
