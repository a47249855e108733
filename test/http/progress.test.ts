import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { ruleSetSchema } from '../../src/core/catalog/rule-set.js'
import { progressSchema } from '../../src/core/rules/request.js'
import { makeTestApp } from '../helpers/app.js'

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

const post = (body: unknown) => t.post('/v1/progress', body)

const example = {
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  offers: ['aama-membership'],
  activities: [
    { courseId: 'ceu-com-pharmacology-for-medical-assistants', completedOn: '2025-02-01' },
    {
      title: 'Hospital HIPAA in-service',
      completedOn: '2024-09-12',
      hours: 1,
      credits: { administrative: 1 },
      approvals: [],
      format: 'workshop',
    },
    { format: 'cpr-card', completedOn: '2023-05-01' },
  ],
}

describe('credentials', () => {
  it('lists the rule sets (the four required and the optional ARMA one), each rule with its source', async () => {
    const { status, body } = await t.get('/v1/credentials')
    expect(status).toBe(200)
    expect(body.map((r: { id: string }) => r.id).sort()).toEqual([
      'ccma-nha',
      'cma-aama',
      'ncma-ncct',
      'rma-amt',
      'rma-arma',
    ])
    for (const ruleSet of body) {
      const parsed = ruleSetSchema.parse(ruleSet)
      for (const rule of [parsed.cycle, parsed.units, ...parsed.requirements, ...parsed.pathways]) {
        expect(rule.source.length).toBeGreaterThan(0)
        expect(rule).toHaveProperty('effectiveFrom')
        expect(rule.confidence).toBeDefined()
      }
    }
  })

  it('returns one rule set, or 404', async () => {
    expect((await t.get('/v1/credentials/cma-aama')).body.requirements).toHaveLength(5)
    const missing = await t.get('/v1/credentials/cma')
    expect(missing.status).toBe(404)
    expect(missing.type).toBe('application/problem+json')
  })
})

describe('POST /v1/progress', () => {
  it('answers the contract example', async () => {
    const { status, body } = await post(example)
    expect(status).toBe(200)
    progressSchema.parse(body)
    expect(body).toMatchObject({
      credential: 'cma-aama',
      cycle: { start: '2022-07-01', end: '2027-06-30' },
      status: 'active',
      daysLeft: 218,
      complete: false,
    })
    expect(body.requirements.map((r: { id: string }) => r.id)).toEqual([
      'total',
      'administrative',
      'clinical',
      'general',
      'aama-approved',
    ])
    expect(body.activities).toEqual([
      { index: 0, counted: 1, toward: { total: 1, clinical: 1 }, reason: null },
      { index: 1, counted: 1, toward: { total: 1, administrative: 1 }, reason: null },
      { index: 2, counted: 4, toward: { total: 4, clinical: 4 }, reason: null },
    ])
    expect(body.pathways.find((p: { id: string }) => p.id === 'exam').fee).toBe(125)
  })

  it('reads the AMMA typo as AAMA', async () => {
    const { body } = await post({
      ...example,
      activities: [
        { completedOn: '2025-01-01', hours: 2, credits: { clinical: 2 }, approvals: ['AMMA'] },
      ],
    })
    expect(body.requirements.find((r: { id: string }) => r.id === 'aama-approved').earned).toBe(2)
  })

  it('defaults asOf to today', async () => {
    const { asOf, ...rest } = example
    const { status, body } = await post(rest)
    expect(status).toBe(200)
    expect(body.asOf).toBe(new Date().toISOString().slice(0, 10))
  })

  it.each([
    ['an unknown credential', { ...example, credential: 'cma' }, 'body.credential', /cma-aama/],
    [
      'the AAMA credential under another issuer',
      { ...example, credential: 'cma-amt' },
      'body.credential',
      /unknown credential/,
    ],
    [
      'an unknown course id',
      { ...example, activities: [{ courseId: 'nope', completedOn: '2025-01-01' }] },
      'body.activities[0].courseId',
      /unknown course "nope"/,
    ],
    [
      'a date that does not exist',
      { ...example, cycleEnd: '2026-02-30' },
      'body.cycleEnd',
      /calendar date/,
    ],
    ['a badly written date', { ...example, asOf: '24/11/2026' }, 'body.asOf', /YYYY-MM-DD/],
    [
      'negative hours',
      { ...example, activities: [{ completedOn: '2025-01-01', hours: -1 }] },
      'body.activities[0].hours',
      />=0/,
    ],
    [
      'negative credits',
      { ...example, activities: [{ completedOn: '2025-01-01', credits: { clinical: -2 } }] },
      'body.activities[0].credits.clinical',
      />=0/,
    ],
    [
      'an unknown format',
      { ...example, activities: [{ completedOn: '2025-01-01', format: 'podcast' }] },
      'body.activities[0].format',
      /online/,
    ],
    [
      'an activity without a date',
      { ...example, activities: [{ title: 'x' }] },
      'body.activities[0].completedOn',
      /string/,
    ],
    ['an unknown offer', { ...example, offers: ['free-lunch'] }, 'body.offers[0]', /unknown offer/],
    [
      'over 2,000 activities',
      {
        ...example,
        activities: Array.from({ length: 2_001 }, () => ({ completedOn: '2025-01-01', hours: 1 })),
      },
      'body.activities',
      /2000/,
    ],
  ])('answers 400 problem+json for %s', async (_name, body, path, message) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    expect(response.type).toBe('application/problem+json')
    const error = response.body.errors.find((e: { path: string }) => e.path === path)
    expect(error?.message).toMatch(message)
  })

  it('answers 400 problem+json for malformed JSON, saying what to send', async () => {
    const response = await post('{"credential": ')
    expect(response.status).toBe(400)
    expect(response.type).toBe('application/problem+json')
    expect(response.body).toMatchObject({
      title: 'Malformed JSON in request body',
      detail: expect.stringMatching(/^The request body is not valid JSON .*application\/json\.$/),
    })
  })

  it('answers 415 problem+json for a body that is not JSON, saying what to send', async () => {
    // A string body gets text/plain from the Request itself; bytes get no content-type at all.
    const json = JSON.stringify(example)
    for (const body of [json, new TextEncoder().encode(json)]) {
      const response = await t.app.request('/v1/progress', { method: 'POST', body })
      expect(response.status).toBe(415)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect(await response.json()).toMatchObject({
        title: 'Unsupported Media Type',
        detail: expect.stringContaining('the API reads JSON (content-type: application/json)'),
      })
    }
  })

  it('accepts exactly 2,000 activities', async () => {
    const activities = Array.from({ length: 2_000 }, (_, i) => ({
      completedOn: '2025-01-01',
      hours: 1,
      title: `t${i}`,
    }))
    const { status, body } = await post({ ...example, activities })
    expect(status).toBe(200)
    expect(body.activities).toHaveLength(2_000)
  })

  it('stores nothing: the database is unchanged after evaluating a transcript', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the test reaches into the drizzle handle
    const db = (t.store as any).db
    const snapshot = () =>
      db.all(
        sql`select name, (select count(*) from sqlite_master) as n from sqlite_master order by name`,
      )
    const counts = () =>
      ['courses', 'providers', 'offers', 'catalog_meta'].map(
        (table) => db.all(sql.raw(`select count(*) as n from ${table}`))[0].n,
      )
    const before = [snapshot(), counts()]
    await post(example)
    expect([snapshot(), counts()]).toEqual(before)
  })
})
