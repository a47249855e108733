/**
 * Approvals that expire: ContinuingEducation.com's "Pharmacology for Medical Assistants" (CMA01)
 * was AAMA-approved until 2019-08-29. Completed after that day it does not count as
 * AAMA-approved in progress or plan, and search shows the approval as ended.
 */
import { describe, expect, it } from 'vitest'
import type { Course } from '../../src/core/catalog/schemas.js'
import { makeCourse, makeProvider, makeTestApp, shippedCatalog } from '../helpers/app.js'

const CMA01 = 'ceu-com-pharmacology-for-medical-assistants'

async function loaded(today = '2026-11-24') {
  const t = makeTestApp({})
  await t.loadFolder()
  return { t, today }
}

const progressFor = (completedOn: string) => ({
  credential: 'cma-aama',
  cycleEnd: '2020-06-30',
  asOf: '2020-01-15',
  activities: [{ courseId: CMA01, completedOn }],
})

describe('an expired approval in progress', () => {
  it.each([
    ['on the last day of the approval', '2019-08-29', 1, false],
    ['after it', '2019-09-10', 0, true],
  ])(
    'counts the course as AAMA-approved only when completed %s',
    async (_, on, approved, warns) => {
      const { t } = await loaded()
      const r = await t.post('/v1/progress', progressFor(on))
      expect(r.status).toBe(200)
      const row = r.body.requirements.find((q: { id: string }) => q.id === 'aama-approved')
      expect(row.earned).toBe(approved)
      // Still counted, as a non-approved point.
      expect(r.body.activities[0].counted).toBe(1)
      expect(r.body.warnings.some((w: string) => w.includes('approval ended on 2019-08-29'))).toBe(
        warns,
      )
    },
  )
})

describe('an expired approval in a plan', () => {
  /** The shipped catalog plus one very cheap AAMA course worth 30 points. */
  async function planWith(until: string) {
    const t = makeTestApp()
    const base = await shippedCatalog()
    const cheap: Course = makeCourse({
      id: 'cheap-aama',
      provider: 'cheap',
      hours: 30,
      credits: { administrative: 10, clinical: 10, general: 10 },
      approvals: ['AAMA'],
      approvalsUntil: { AAMA: until },
      price: 0.5,
      source: { confidence: 'sample' },
    })
    await t.load({
      ...base,
      providers: [...base.providers, makeProvider({ id: 'cheap' })],
      courses: [...base.courses, cheap],
    })
    const body = {
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    }
    const r = await t.post('/v1/plan', body)
    expect(r.status).toBe(200)
    expect(r.body.plan.feasible).toBe(true)
    // The plan, taken on its dates, completes the credential.
    const courses = r.body.plan.courses as { id: string; on: string }[]
    const check = await t.post('/v1/progress', {
      ...body,
      asOf: courses
        .map((c) => c.on)
        .sort()
        .at(-1),
      offers: r.body.plan.offers.map((o: { id: string }) => o.id),
      activities: courses.map((c) => ({ courseId: c.id, completedOn: c.on })),
    })
    expect(check.body.complete).toBe(true)
    return r.body.plan
  }

  it('does not count an approval that ends before the course can be taken', async () => {
    const current = await planWith('2030-01-01')
    const expired = await planWith('2026-01-01')
    expect(current.courses.map((c: { id: string }) => c.id)).toContain('cheap-aama')
    // Its 30 AAMA points must now be bought elsewhere.
    expect(expired.total).toBeGreaterThan(current.total + 1)
  })
})

describe('an expired approval in search', () => {
  it('is shown as ended, on the course and on its search hit', async () => {
    const { t } = await loaded()
    const course = await t.get(`/v1/courses/${CMA01}`)
    expect(course.body.approvals).toEqual(['AAMA'])
    expect(course.body.expiredApprovals).toEqual([{ approval: 'AAMA', until: '2019-08-29' }])
    const hits = (await t.get('/v1/courses?q=pharmacology%20medical%20assistants')).body.hits
    const hit = hits.find((h: { id: string }) => h.id === CMA01)
    expect(hit.expiredApprovals).toEqual([{ approval: 'AAMA', until: '2019-08-29' }])
    // A course without an end date has none.
    const other = await t.get('/v1/courses/ace-ma-cardiology')
    expect(other.body.expiredApprovals).toBeUndefined()
  })
})

describe('unknown facts', () => {
  it('lists what a course does not know, and known=credits hides records that cannot be planned', async () => {
    const { t } = await loaded()
    const neuro = await t.get('/v1/courses/ace-ma-neurology')
    expect(neuro.body.unknown).toEqual(['price', 'hours', 'credits'])
    expect((await t.get(`/v1/courses/${CMA01}`)).body.unknown).toEqual([])
    const all = (await t.get('/v1/courses?perPage=100')).body
    const known = (await t.get('/v1/courses?known=credits&perPage=100')).body
    expect(known.total).toBeLessThan(all.total)
    expect(known.hits.every((h: { unknown: string[] }) => !h.unknown.includes('credits'))).toBe(
      true,
    )
    const both = (await t.get('/v1/courses?known=credits&known=price&perPage=100')).body
    expect(both.total).toBeLessThanOrEqual(known.total)
    expect(
      both.hits.every((h: { unknown: string[] }) => !h.unknown.some((u) => u !== 'hours')),
    ).toBe(true)
    expect((await t.get('/v1/courses?known=colour')).status).toBe(400)
  })
})
