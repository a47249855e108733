import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Catalog } from '../../src/core/catalog/schemas.js'
import { makeTestApp, shippedCatalog } from '../helpers/app.js'
import type { Body } from './rule-book-helpers.js'

/**
 * docs/rules.md "Explanations" and "Lapse and grace": `complete` is never true while a row has
 * `remaining > 0`, and every plan the planner answers is one the rules engine accepts: the
 * transcript plus the plan's courses (on their dates, with the plan's offers) makes
 * `POST /v1/progress` say complete. Random requests over the shipped catalog, in process.
 */
const t = makeTestApp()
let catalog: Catalog
beforeAll(async () => {
  catalog = await shippedCatalog()
  await t.load(catalog)
})

async function post(path: string, body: unknown): Promise<Body> {
  const r = await t.post(path, body)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}

function expectHonest(progress: Body) {
  for (const r of progress.requirements) {
    expect(r.remaining, r.id).toBeCloseTo(Math.max(0, r.required - r.earned), 6)
    if (progress.complete) expect(r.remaining, r.id).toBe(0)
  }
}

const CYCLES = [
  {
    credential: 'cma-aama',
    cycleEnd: '2027-06-30',
    asOf: ['2026-11-24', '2027-07-15', '2027-09-29'],
  },
  { credential: 'rma-amt', cycleEnd: '2027-04-30', asOf: ['2026-11-24'] },
  { credential: 'ncma-ncct', cycleEnd: '2027-12-31', asOf: ['2027-06-01'] },
  { credential: 'ccma-nha', cycleEnd: '2027-06-15', asOf: ['2026-11-24'] },
  { credential: 'rma-arma', cycleEnd: '2026-12-31', asOf: ['2026-11-24'] },
] as const

const dates = fc.constantFrom('2022-07-01', '2024-05-01', '2025-06-15', '2026-03-01', '2026-11-01')
const areas = fc.constantFrom('administrative', 'clinical', 'general')

/** Catalog courses (generic ones with the person's credits), ad-hoc entries, cards, college. */
const activity = () =>
  fc.oneof(
    fc.record({
      courseId: fc.constantFrom(...catalog.courses.map((c) => c.id)),
      completedOn: dates,
      credits: fc.option(
        areas.map((a) => ({ [a]: 2 })),
        { nil: undefined },
      ),
    }),
    fc.record({
      title: fc.constantFrom('Wound care', 'HIPAA annual training', 'Coding update'),
      completedOn: dates,
      hours: fc.constantFrom(0.5, 1, 3, 8),
      credits: fc.tuple(areas, fc.constantFrom(0.5, 1, 3, 8)).map(([a, n]) => ({ [a]: n })),
      approvals: fc.constantFrom([], ['AAMA'], ['AMT', 'NHA', 'NCCT']),
      recurringTraining: fc.boolean(),
    }),
    fc.record({ format: fc.constant('cpr-card'), completedOn: dates }),
    fc.record({
      format: fc.constant('college'),
      completedOn: dates,
      collegeCredits: fc.constantFrom(1, 2),
      credits: fc.constantFrom({ clinical: 1 }, { administrative: 1, general: 2 }),
    }),
  )

const request = () =>
  fc.constantFrom(...CYCLES).chain((c) =>
    fc.record({
      credential: fc.constant(c.credential),
      cycleEnd: fc.constant(c.cycleEnd),
      asOf: fc.constantFrom(...c.asOf),
      activities: fc.array(activity(), { maxLength: 8 }),
    }),
  )

describe('progress and plan agree (docs/rules.md "How the engine applies them")', () => {
  it('never answers complete while a row has remaining > 0', async () => {
    await fc.assert(
      fc.asyncProperty(request(), async (req) => expectHonest(await post('/v1/progress', req))),
      { numRuns: 150, seed: 20261130 },
    )
  })

  it('every plan, added to the transcript, makes progress say complete', async () => {
    let verified = 0
    await fc.assert(
      fc.asyncProperty(request(), async (req) => {
        const { progress, plan, warnings } = await post('/v1/plan', req)
        expectHonest(progress)
        expect(warnings.join(' ')).not.toMatch(/internal check/)
        if (!plan.feasible) return
        if (plan.courses.length === 0) {
          expect(progress.complete).toBe(true)
          return
        }
        const ons = plan.courses.map((c: { on: string }) => c.on)
        const after = await post('/v1/progress', {
          ...req,
          asOf: [req.asOf, ...ons].sort().at(-1),
          offers: plan.offers.map((o: { id: string }) => o.id),
          activities: [
            ...req.activities,
            ...plan.courses.map((c: { id: string; on: string }) => ({
              courseId: c.id,
              completedOn: c.on,
            })),
          ],
        })
        expectHonest(after)
        expect(after.complete, JSON.stringify(after.requirements)).toBe(true)
        expect(plan.after).toEqual(
          after.requirements.map((r: { id: string; remaining: number }) => ({
            id: r.id,
            remaining: r.remaining,
          })),
        )
        verified++
      }),
      { numRuns: 40, seed: 20261130 },
    )
    // The property checked real plans, not only empty or infeasible answers.
    expect(verified).toBeGreaterThan(10)
  }, 120_000)
})
