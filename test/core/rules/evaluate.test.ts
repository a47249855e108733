import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type A,
  ARMA,
  aama,
  CCMA,
  CMA,
  calendarCases,
  earned,
  NCMA,
  other,
  RMA,
  run,
  valueCases,
} from './cases.js'
import { allowanceCases } from './cases-allowance.js'
import { credentialCases } from './cases-credentials.js'

const cases = [...calendarCases, ...valueCases, ...allowanceCases, ...credentialCases]

describe('rules engine (docs/rules.md, case by case)', () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50)
  })
  it.each(allowanceCases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    c.check(run(c.ruleSet, c.cycleEnd, c.asOf, c.activities, c.offers))
  })
})

describe('rules engine properties', () => {
  const activity = fc.record({
    completedOn: fc
      .date({ min: new Date('2021-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    credits: fc.record(
      {
        administrative: fc.integer({ min: 0, max: 24 }).map((n) => n / 4),
        clinical: fc.integer({ min: 0, max: 24 }).map((n) => n / 4),
        general: fc.integer({ min: 0, max: 24 }).map((n) => n / 4),
      },
      { requiredKeys: [] },
    ),
    hours: fc.option(
      fc.integer({ min: 0, max: 16 }).map((n) => n / 2),
      { nil: undefined },
    ),
    approvals: fc.constantFrom<A['approvals']>([], ['AAMA'], ['AMT', 'NHA'], ['AAMA', 'NHA']),
    format: fc.constantFrom<A['format']>('online', 'online', 'self-study', 'cpr-card', 'workshop'),
    title: fc.string({ maxLength: 6 }),
  })
  const ruleSet = fc.constantFrom(CMA, RMA, NCMA, CCMA, ARMA)
  const asOf = fc.constantFrom('2026-11-24', '2027-06-30', '2027-08-01', '2027-12-31')

  // docs/rules.md "Keeping the entries that help most": a category row shows the points that
  // count, and under the non-AAMA allowance a new activity may move counted points between
  // areas, so for category rows it is min(earned, required) that never falls.
  it('adding an activity never lowers any earned (a category row: never below its minimum)', () => {
    fc.assert(
      fc.property(
        ruleSet,
        asOf,
        fc.array(activity, { maxLength: 12 }),
        activity,
        (rs, date, list, extra) => {
          const before = run(rs, '2027-06-30', date, list)
          const after = earned(run(rs, '2027-06-30', date, [...list, extra]))
          const kinds = new Map(rs.requirements.map((r) => [r.id, r.kind]))
          for (const r of before.requirements) {
            const now = after[r.id] as number
            if (kinds.get(r.id) === 'category')
              expect(Math.min(now, r.required)).toBeGreaterThanOrEqual(
                Math.min(r.earned, r.required),
              )
            else expect(now).toBeGreaterThanOrEqual(r.earned)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('remaining is max(0, required - earned)', () => {
    fc.assert(
      fc.property(ruleSet, asOf, fc.array(activity, { maxLength: 20 }), (rs, date, list) => {
        for (const r of run(rs, '2027-06-30', date, list).requirements) {
          expect(r.remaining).toBeCloseTo(Math.max(0, r.required - r.earned), 9)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('does not depend on the order of activities', () => {
    fc.assert(
      fc.property(
        ruleSet,
        asOf,
        fc.array(activity, { maxLength: 15 }),
        fc.integer(),
        (rs, date, list, seed) => {
          const shuffled = [...list].sort(
            (a, b) =>
              ((JSON.stringify(a).length * seed) % 7) - ((JSON.stringify(b).length * seed) % 7),
          )
          const a = run(rs, '2027-06-30', date, list)
          const b = run(rs, '2027-06-30', date, shuffled)
          expect(b.requirements).toEqual(a.requirements)
          expect([b.status, b.complete, b.pathways]).toEqual([a.status, a.complete, a.pathways])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('counts non-AAMA points where they help most: no allocation leaves less remaining', () => {
    // Brute force: with one non-AAMA activity per area and the 30-point allowance, try every
    // split of the allowance in whole points and compare the best total shortfall.
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(15), fc.nat(15), fc.nat(15)),
        fc.tuple(fc.nat(25), fc.nat(25), fc.nat(25)),
        (approved, unapproved) => {
          const areas = ['administrative', 'clinical', 'general'] as const
          const list: A[] = []
          areas.forEach((area, i) => {
            if (approved[i]) list.push(aama({ [area]: approved[i] }, `2024-0${i + 1}-01`))
            if (unapproved[i]) list.push(other({ [area]: unapproved[i] }, `2024-0${i + 4}-01`))
          })
          const p = run(CMA, '2027-06-30', '2026-11-24', list)
          const shortfall = (u: number[]) =>
            Math.max(0, 60 - approved.reduce((s, v) => s + v, 0) - u.reduce((s, v) => s + v, 0)) +
            areas.reduce(
              (s, _, i) => s + Math.max(0, 10 - (approved[i] as number) - (u[i] as number)),
              0,
            )
          let best = Number.POSITIVE_INFINITY
          for (let a = 0; a <= unapproved[0]; a++)
            for (let c = 0; c <= unapproved[1]; c++)
              for (let g = 0; g <= unapproved[2]; g++)
                if (a + c + g <= 30) best = Math.min(best, shortfall([a, c, g]))
          const reported = p.requirements
            .filter((r) => r.id !== 'aama-approved')
            .reduce((s, r) => s + r.remaining, 0)
          expect(reported).toBe(best)
        },
      ),
      { numRuns: 200 },
    )
  })
})
