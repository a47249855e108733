import { expect } from 'vitest'
import { ARMA, aama, type Case, CCMA, hours, NCMA, RMA, row } from './cases.js'

/** Cases of the other credentials, the either-or requirement included (rules/kinds.ts). */
export const credentialCases: Case[] = [
  // --- RMA (AMT)
  {
    rule: 'RMA: 30 CCP points over 3 years',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => {
      expect(p.cycle.start).toBe('2024-07-01')
      expect(row(p, 'total')?.required).toBe(30)
    },
  },
  {
    rule: 'RMA: 1 point per contact hour',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(2.5, '2025-01-15')],
    check: (p) => expect(row(p, 'total')?.earned).toBe(2.5),
  },
  {
    rule: 'RMA: nothing before the 3-year window counts (no carry-over)',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(10, '2024-06-30'), hours(10, '2024-07-01')],
    check: (p) => expect(row(p, 'total')?.earned).toBe(10),
  },
  {
    rule: 'RMA: non-AAMA courses count fully (no approval cap)',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(30, '2025-01-15', { approvals: [] })],
    check: (p) => expect(p.complete).toBe(true),
  },
  {
    rule: 'RMA: re-taking the exam does not satisfy CCP',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(p.pathways.find((x) => x.id === 'exam')?.available).toBe(false),
  },
  {
    rule: 'RMA: $50 annual fee; non-compliance decertifies (no grace)',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-07-01',
    activities: [],
    check: (p) => {
      expect(p.fees[0]?.amount).toBe(50)
      expect(p.status).toBe('lapsed')
    },
  },
  // --- NCMA (NCCT)
  {
    rule: 'NCMA: 14 clock hours a year',
    ruleSet: NCMA,
    cycleEnd: '2027-03-31',
    asOf: '2027-01-10',
    activities: [hours(14, '2026-06-01')],
    check: (p) => {
      expect(row(p, 'total')?.required).toBe(14)
      expect(p.complete).toBe(true)
    },
  },
  {
    rule: 'NCMA window: the recertification year or the calendar year before',
    ruleSet: NCMA,
    cycleEnd: '2027-03-31',
    asOf: '2027-01-10',
    activities: [hours(5, '2025-12-31'), hours(5, '2026-01-01')],
    check: (p) => {
      expect(p.cycle.start).toBe('2026-01-01')
      expect(row(p, 'total')?.earned).toBe(5)
    },
  },
  {
    rule: 'NCMA: $77 annual fee (reported figure, not verified)',
    ruleSet: NCMA,
    cycleEnd: '2027-03-31',
    asOf: '2027-01-10',
    activities: [],
    check: (p) => expect(p.fees[0]?.amount).toBe(77),
  },
  // --- CCMA (NHA)
  {
    rule: 'CCMA: 1 NHA credit = 2 hours, 10 credits = 20 hours',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(20, '2026-01-10')],
    check: (p) => expect(row(p, 'total')).toMatchObject({ required: 10, earned: 10, remaining: 0 }),
  },
  {
    rule: 'CCMA: 3 hours = 1.5 NHA credits',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(3, '2026-01-10')],
    check: (p) => expect(row(p, 'total')?.earned).toBe(1.5),
  },
  {
    rule: 'CCMA: 2-year cycle',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(4, '2025-06-30'), hours(4, '2025-07-01')],
    check: (p) => {
      expect(p.cycle.start).toBe('2025-07-01')
      expect(row(p, 'total')?.earned).toBe(2)
    },
  },
  {
    rule: 'CCMA: AAMA credits stand in for hours when hours are unknown',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [{ completedOn: '2026-01-10', credits: { clinical: 2 }, title: 'x' }],
    check: (p) => expect(row(p, 'total')?.earned).toBe(1),
  },
  {
    rule: 'CCMA: renewal fee $179 (reported figure)',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(p.fees[0]).toMatchObject({ id: 'renewal', amount: 179 }),
  },
  // --- RMA (ARMA), optional and low confidence: an either-or requirement
  {
    rule: 'ARMA either-or: 12 clinical CEUs meet it',
    ruleSet: ARMA,
    cycleEnd: '2026-12-31',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 12 }, '2026-03-01')],
    check: (p) => {
      expect(row(p, 'clinical-or-mix')).toMatchObject({ remaining: 0, option: '12 clinical' })
      expect(p.complete).toBe(true)
    },
  },
  {
    rule: 'ARMA either-or: 6 clinical + 6 administrative/other meet it',
    ruleSet: ARMA,
    cycleEnd: '2026-12-31',
    asOf: '2026-11-24',
    activities: [
      aama({ clinical: 6 }, '2026-03-01'),
      aama({ administrative: 3, general: 3 }, '2026-04-01'),
    ],
    check: (p) => {
      expect(row(p, 'clinical-or-mix')).toMatchObject({
        remaining: 0,
        option: '6 clinical + 6 administrative/other',
      })
      expect(p.complete).toBe(true)
    },
  },
  {
    rule: 'ARMA either-or: 12 administrative points do not (6 clinical still missing)',
    ruleSet: ARMA,
    cycleEnd: '2026-12-31',
    asOf: '2026-11-24',
    activities: [aama({ administrative: 12 }, '2026-03-01')],
    check: (p) => {
      expect(row(p, 'total')?.remaining).toBe(0)
      expect(row(p, 'clinical-or-mix')).toMatchObject({
        remaining: 6,
        option: '6 clinical + 6 administrative/other',
      })
      expect(p.complete).toBe(false)
    },
  },
  {
    rule: 'ARMA: calendar-year cycle',
    ruleSet: ARMA,
    cycleEnd: '2026-12-31',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 12 }, '2025-12-31')],
    check: (p) => {
      expect(p.cycle.start).toBe('2026-01-01')
      expect(row(p, 'total')?.earned).toBe(0)
    },
  },
]
