import { beforeAll, describe, expect, it } from 'vitest'
import { planResponseSchema } from '../../src/core/plan/build.js'
import { makeTestApp } from '../helpers/app.js'

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

const request = {
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  offers: [],
  activities: [
    { courseId: 'ceu-com-pharmacology-for-medical-assistants', completedOn: '2025-02-01' },
    { format: 'cpr-card', completedOn: '2023-05-01' },
  ],
}

describe('POST /v1/plan', () => {
  it('answers a proved-optimal plan that the rules engine accepts', async () => {
    const { status, body } = await t.post('/v1/plan', request)
    expect(status).toBe(200)
    planResponseSchema.parse(body)
    expect(body.plan).toMatchObject({ feasible: true, optimal: true })
    expect(body.plan.total).toBe(body.plan.cost)
    const ids = body.plan.courses.map((c: { id: string }) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    // The plan, added to the transcript, makes POST /v1/progress say complete.
    const done = body.plan.courses
      .map((c: { on: string }) => c.on)
      .sort()
      .at(-1)
    const after = await t.post('/v1/progress', {
      ...request,
      asOf: done,
      offers: body.plan.offers.map((o: { id: string }) => o.id),
      activities: [
        ...request.activities,
        ...body.plan.courses.map((c: { id: string; on: string }) => ({
          courseId: c.id,
          completedOn: c.on,
        })),
      ],
    })
    expect(after.body.complete).toBe(true)
    const labels = body.alternatives.map((a: { label: string }) => a.label)
    expect(labels).toEqual(expect.arrayContaining(['fewest hours', 'recertify by exam']))
  })

  it('is deterministic', async () => {
    const a = await t.post('/v1/plan', request)
    const b = await t.post('/v1/plan', request)
    expect(b.body.plan).toEqual(a.body.plan)
  })

  it.each([
    ['an unknown credential', { ...request, credential: 'xyz' }, 'body.credential'],
    [
      'an unknown course',
      { ...request, activities: [{ courseId: 'nope', completedOn: '2025-01-01' }] },
      'body.activities[0].courseId',
    ],
    [
      'a bad deadline',
      { ...request, preferences: { deadline: '2027-02-30' } },
      'body.preferences.deadline',
    ],
    ['a negative budget', { ...request, preferences: { budget: -1 } }, 'body.preferences.budget'],
    [
      'an unknown objective',
      { ...request, preferences: { objective: 'fun' } },
      'body.preferences.objective',
    ],
    [
      'an unknown format',
      { ...request, preferences: { formats: ['podcast'] } },
      'body.preferences.formats[0]',
    ],
    // A typo in a provider would filter every course out ("no plan"), in an excluded course
    // nothing: both said instead.
    [
      'an unknown provider',
      { ...request, preferences: { providers: ['aha', 'nosuch'] } },
      'body.preferences.providers[1]',
    ],
    [
      'an unknown course to exclude',
      { ...request, preferences: { exclude: ['nope'] } },
      'body.preferences.exclude[0]',
    ],
  ])('answers 400 problem+json for %s', async (_name, body, path) => {
    const response = await t.post('/v1/plan', body)
    expect(response.status).toBe(400)
    expect(response.type).toBe('application/problem+json')
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('reports a one-credential body with many errors against its own shape, not the other', async () => {
    const body = {
      credential: 'cma-aama',
      cycleEnd: 'x',
      activities: [{ courseId: 5 }, { courseId: 6 }],
    }
    for (const route of ['/v1/plan', '/v1/progress']) {
      const response = await t.post(route, body)
      expect(response.status).toBe(400)
      const paths = response.body.errors.map((e: { path: string }) => e.path)
      expect(paths).toContain('body.cycleEnd')
      expect(paths).toContain('body.activities[1].courseId')
      expect(paths).not.toContain('body.credentials')
    }
  })

  it('explains an impossible plan', async () => {
    const { body } = await t.post('/v1/plan', { ...request, preferences: { providers: ['aha'] } })
    expect(body.plan.feasible).toBe(false)
    expect(body.plan.reason).toMatch(/needed/)
    expect(body.plan.shortfalls.length).toBeGreaterThan(0)
  })
})
