import { expect } from 'vitest'
import type { RuleSet } from '../../../src/core/catalog/rule-set.js'
import type { Offer } from '../../../src/core/catalog/schemas.js'
import { evaluateProgress } from '../../../src/core/rules/evaluate.js'
import type { Progress, ResolvedActivity } from '../../../src/core/rules/request.js'
import { loadRuleSet } from '../../helpers/rules.js'

export const rules = loadRuleSet
export const CMA = rules('cma-aama')
export const RMA = rules('rma-amt')
export const NCMA = rules('ncma-ncct')
export const CCMA = rules('ccma-nha')
export const ARMA = rules('rma-arma')
export const MEMBERSHIP: Offer = {
  id: 'aama-membership',
  provider: 'aama',
  name: 'AAMA',
  price: 97,
  fees: { 'cma-aama': { exam: 125 } },
}

export type A = ResolvedActivity
export const aama = (
  credits: A['credits'],
  completedOn = '2025-01-15',
  extra: Partial<A> = {},
): A => ({
  completedOn,
  credits,
  hours: Object.values(credits ?? {}).reduce((s, v) => s + (v ?? 0), 0),
  approvals: ['AAMA'],
  title: `AAMA ${JSON.stringify(credits)} ${completedOn} ${Math.random()}`,
  ...extra,
})
export const other = (
  credits: A['credits'],
  completedOn = '2025-01-15',
  extra: Partial<A> = {},
): A => aama(credits, completedOn, { approvals: [], ...extra })
export const cpr = (completedOn: string): A => ({
  format: 'cpr-card',
  completedOn,
  title: `CPR ${completedOn}`,
})
export const hours = (h: number, completedOn = '2025-01-15', extra: Partial<A> = {}): A => ({
  completedOn,
  hours: h,
  title: `course ${h}h ${completedOn} ${Math.random()}`,
  ...extra,
})

export function run(
  ruleSet: RuleSet,
  cycleEnd: string,
  asOf: string,
  activities: A[],
  offers: string[] = [],
): Progress {
  return evaluateProgress(ruleSet, { cycleEnd, offers }, activities, asOf, [MEMBERSHIP])
}
export const row = (p: Progress, id: string) => p.requirements.find((r) => r.id === id)
export const earned = (p: Progress) =>
  Object.fromEntries(p.requirements.map((r) => [r.id, r.earned]))

export interface Case {
  rule: string
  ruleSet: RuleSet
  cycleEnd: string
  asOf: string
  activities: A[]
  offers?: string[]
  check: (p: Progress) => void
}

export const full = [...Array(3)]
  .flatMap((_, i) => [
    aama({ administrative: 10 }, `2024-0${i + 1}-10`),
    aama({ clinical: 10 }, `2024-0${i + 1}-11`),
    aama({ general: 10 }, `2024-0${i + 1}-12`),
  ])
  .slice(0, 6) // 20 + 20 + 20 = 60 AAMA points

/** Cases of the cycle and the grace window (rules/calendar.ts). */
export const calendarCases: Case[] = [
  // --- CMA cycle (60 months, ends at month end; cycle start per docs/rules.md: day after the end 60 months earlier)
  {
    rule: 'CMA cycle: 60 months ending 2027-06-30 starts 2022-07-01',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(p.cycle).toEqual({ start: '2022-07-01', end: '2027-06-30' }),
  },
  {
    rule: 'CMA cycle: certified Feb 2010 -> recertify by 28 Feb 2015',
    ruleSet: CMA,
    cycleEnd: '2015-02-28',
    asOf: '2014-01-01',
    activities: [],
    check: (p) => expect(p.cycle.start).toBe('2010-03-01'),
  },
  {
    rule: 'CMA cycle: end of February in a leap year',
    ruleSet: CMA,
    cycleEnd: '2028-02-29',
    asOf: '2027-01-01',
    activities: [],
    check: (p) => expect(p.cycle.start).toBe('2023-03-01'),
  },
  {
    rule: 'CMA cycle: a leap-day end 60 months after a non-leap February',
    ruleSet: CMA,
    cycleEnd: '2024-02-29',
    asOf: '2023-01-01',
    activities: [],
    check: (p) => expect(p.cycle.start).toBe('2019-03-01'),
  },
  {
    rule: 'CMA cycle: an activity on the first day of the cycle counts',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-06-30',
    activities: [aama({ clinical: 2 }, '2022-07-01')],
    check: (p) => expect(p.activities[0]?.counted).toBe(2),
  },
  {
    rule: 'CMA cycle: an activity the day before the cycle does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-06-30',
    activities: [aama({ clinical: 2 }, '2022-06-30')],
    check: (p) =>
      expect(p.activities[0]?.reason).toMatch(/before the cycle started \(2022-07-01\)/),
  },
  {
    rule: 'CMA cycle: an activity on the last day counts',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-06-30',
    activities: [aama({ general: 1 }, '2027-06-30')],
    check: (p) => expect(p.activities[0]?.counted).toBe(1),
  },
  {
    rule: 'CMA grace: an activity after the cycle ended, inside the lapse window, counts with a warning (gracePoints, unverified)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-08-01',
    activities: [aama({ general: 1 }, '2027-07-01')],
    check: (p) => {
      expect(p.activities[0]?.counted).toBe(1)
      expect(p.warningDetails.map((w) => w.code)).toContain('grace-points-unverified')
    },
  },
  {
    rule: 'CMA lapse: an activity after both lapse windows closed does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-10-15',
    activities: [aama({ general: 1 }, '2027-10-01')],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/after the lapse window closed/),
  },
  {
    rule: 'an activity after asOf is not counted yet',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ general: 1 }, '2026-12-01')],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/after 2026-11-24/),
  },
  {
    rule: 'CMA cycle: an expiration date that is not a month end is warned about',
    ruleSet: CMA,
    cycleEnd: '2027-06-15',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(p.warnings.join(' ')).toMatch(/last day of a month/),
  },
  {
    rule: 'status: active with days left',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect([p.status, p.daysLeft]).toEqual(['active', 218]),
  },
  {
    rule: 'status: active on the expiration day itself, 0 days left',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-06-30',
    activities: [],
    check: (p) => expect([p.status, p.daysLeft]).toEqual(['active', 0]),
  },
  // --- grace and lapse (CMA)
  {
    rule: 'CMA lapse: one day after the end is grace',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-07-01',
    activities: [],
    check: (p) => expect(p.status).toBe('grace'),
  },
  {
    rule: 'CMA lapse: three months after a month-end expiry is the month end (grace until 2027-09-30)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-09-30',
    activities: [],
    check: (p) => {
      expect(p.status).toBe('grace')
      expect(p.grace?.until).toBe('2027-09-30')
    },
  },
  {
    rule: 'CMA lapse: the 90-day reading ends 2027-09-28; between the readings a warning says which decided',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-09-29',
    activities: [],
    check: (p) => {
      expect(p.status).toBe('grace')
      expect(p.grace).toMatchObject({ readingsAgree: false, alternative: { until: '2027-09-28' } })
      expect(p.warnings.join(' ')).toMatch(
        /"three months": until 2027-09-30; "90 days": until 2027-09-28/,
      )
    },
  },
  {
    rule: 'CMA lapse: beyond three months the credential is lapsed',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-10-01',
    activities: [],
    check: (p) => expect(p.status).toBe('lapsed'),
  },
  {
    rule: 'CMA lapse: lapsed -> exam only, plus the $50 reactivation fee',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-10-01',
    activities: full,
    check: (p) => {
      expect(p.pathways.find((x) => x.id === 'continuing-education')?.available).toBe(false)
      expect(p.pathways.find((x) => x.id === 'exam')).toMatchObject({ available: true, fee: 300 })
      expect(p.complete).toBe(false)
    },
  },
  {
    rule: 'CMA lapse: in grace, CE still completes',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-08-15',
    activities: full,
    check: (p) => expect([p.status, p.complete]).toEqual(['grace', true]),
  },
  {
    rule: 'CMA exam fee: $250 for non-members',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(p.pathways.find((x) => x.id === 'exam')?.fee).toBe(250),
  },
  {
    rule: 'CMA exam fee: $125 for AAMA members',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    offers: ['aama-membership'],
    check: (p) => expect(p.pathways.find((x) => x.id === 'exam')?.fee).toBe(125),
  },
  {
    rule: 'CMA lapsed member: $125 exam + $50 reactivation',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2028-01-01',
    activities: [],
    offers: ['aama-membership'],
    check: (p) => expect(p.pathways.find((x) => x.id === 'exam')?.fee).toBe(175),
  },
]

/** Cases of what one activity is worth: CPR cards, college credit (rules/value.ts). */
export const valueCases: Case[] = [
  // --- CPR cards
  {
    rule: 'CPR: a card inside the cycle = 4 clinical points',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2023-05-01')],
    check: (p) => expect(p.activities[0]?.toward).toMatchObject({ clinical: 4, total: 4 }),
  },
  {
    rule: 'CPR: three cards count (12 points)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2022-08-01'), cpr('2024-08-01'), cpr('2026-08-01')],
    check: (p) => expect(row(p, 'clinical')?.earned).toBe(12),
  },
  {
    rule: 'CPR: the fourth card does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2027-06-30',
    activities: [cpr('2022-08-01'), cpr('2023-08-01'), cpr('2024-08-01'), cpr('2025-08-01')],
    check: (p) => {
      expect(row(p, 'clinical')?.earned).toBe(12)
      expect(p.activities[3]?.reason).toMatch(/at most 3 CPR cards/)
    },
  },
  {
    rule: 'CPR: card points are not AAMA-approved unless verified (flag default false)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2023-05-01')],
    check: (p) => {
      expect(row(p, 'aama-approved')?.earned).toBe(0)
      expect(p.warnings.join(' ')).toMatch(/not verified/)
    },
  },
  {
    rule: 'CPR: with the flag set, card points count as approved',
    ruleSet: {
      ...CMA,
      cprCards: { ...(CMA.cprCards as NonNullable<RuleSet['cprCards']>), countsAsApproved: true },
    },
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2023-05-01')],
    check: (p) => expect(row(p, 'aama-approved')?.earned).toBe(4),
  },
  {
    rule: 'CPR: a card issued before the cycle does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2021-05-01')],
    check: (p) => expect(p.activities[0]?.counted).toBe(0),
  },
  {
    rule: 'CPR: RMA (AMT) has no verified CPR-card rule',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [cpr('2026-05-01')],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/no verified rule counting CPR cards/),
  },
  // --- college credit
  {
    rule: 'CMA: 1 college credit = 15 points',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      {
        format: 'college',
        completedOn: '2025-05-01',
        collegeCredits: 1,
        credits: { general: 1 },
        title: 'Psych 101',
      },
    ],
    check: (p) => expect(p.activities[0]?.toward).toMatchObject({ general: 15, total: 15 }),
  },
  {
    rule: 'RMA: 1 college credit hour = 5 points (low confidence)',
    ruleSet: RMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [{ format: 'college', completedOn: '2025-05-01', collegeCredits: 3, title: 'A&P' }],
    check: (p) => expect(row(p, 'total')?.earned).toBe(15),
  },
  {
    rule: 'CCMA: no verified college-credit rule',
    ruleSet: CCMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [{ format: 'college', completedOn: '2026-05-01', collegeCredits: 3, title: 'A&P' }],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/no verified rule for college credit/),
  },
]

/** Cases of the totals, categories and the non-approved allowance (rules/evaluate.ts, rules/kinds.ts). */
export const allowanceCases: Case[] = [
  // --- CMA totals and categories
  {
    rule: 'CMA total: 60 points',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) => expect(row(p, 'total')).toMatchObject({ required: 60, earned: 0, remaining: 60 }),
  },
  {
    rule: 'CMA categories: 10 administrative, 10 clinical, 10 general',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [],
    check: (p) =>
      expect(
        p.requirements
          .filter((r) => r.id !== 'total' && r.id !== 'aama-approved')
          .map((r) => r.required),
      ).toEqual([10, 10, 10]),
  },
  {
    rule: 'CMA: 10/10/10 + 30 in any mix of AAMA points completes',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      aama({ administrative: 10 }),
      aama({ clinical: 10 }, '2025-01-16'),
      aama({ general: 10 }, '2025-01-17'),
      aama({ clinical: 30 }, '2025-01-18'),
    ],
    check: (p) => expect(p.complete).toBe(true),
  },
  {
    rule: 'CMA: 60 clinical points leave administrative and general unmet',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 60 })],
    check: (p) => {
      expect(p.complete).toBe(false)
      expect(row(p, 'administrative')?.remaining).toBe(10)
      expect(row(p, 'total')?.remaining).toBe(0)
    },
  },
  {
    rule: 'CMA: multi-area course split by time in each area',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 1.5, general: 0.5 })],
    check: (p) =>
      expect(p.activities[0]?.toward).toMatchObject({ clinical: 1.5, general: 0.5, total: 2 }),
  },
  {
    rule: 'fractional points add up exactly',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      aama({ general: 0.1 }, '2025-01-01', { hours: 1 }),
      aama({ general: 0.2 }, '2025-01-02', { hours: 1 }),
    ],
    check: (p) => expect(row(p, 'general')?.earned).toBe(0.3),
  },
  {
    rule: 'CMA: 1.25 points count as 1.25',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ administrative: 1.25 })],
    check: (p) => expect(row(p, 'total')?.earned).toBe(1.25),
  },
  {
    rule: 'CMA: a non-AAMA activity under one contact hour does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 0.5 }, '2025-01-15', { hours: 0.5, approvals: [] })],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/under 1 contact hour/),
  },
  {
    rule: 'CMA: AAMA CEUs count as the AAMA issued them, even under one contact hour',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 0.5 }, '2025-01-15', { hours: 0.5 })],
    check: (p) => expect(p.activities[0]?.counted).toBe(0.5),
  },
  {
    rule: 'CMA: exactly one contact hour counts',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 1 }, '2025-01-15', { hours: 1 })],
    check: (p) => expect(p.activities[0]?.counted).toBe(1),
  },
  {
    rule: 'CMA: clock hours without a content area count toward the total only, as 50-minute contact hours',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [hours(3, '2025-01-15', { approvals: ['AAMA'] })],
    check: (p) => {
      expect(row(p, 'total')?.earned).toBe(3.6)
      expect(row(p, 'clinical')?.earned).toBe(0)
    },
  },
  {
    rule: 'an activity with no hours or credits does not count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [{ completedOn: '2025-01-15', title: 'Something' }],
    check: (p) => expect(p.activities[0]?.reason).toMatch(/no hours or credits/),
  },
  {
    rule: 'duplicate: the same course on the same date counts once',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      { ...aama({ clinical: 2 }), courseId: 'x' },
      { ...aama({ clinical: 2 }), courseId: 'x' },
    ],
    check: (p) => {
      expect(row(p, 'total')?.earned).toBe(2)
      expect(p.activities[1]?.reason).toMatch(/duplicate of activity 0/)
    },
  },
  {
    rule: 'repeat: the same course on another date counts again for the CMA, with a warning (not verified)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      { ...aama({ clinical: 2 }), courseId: 'x' },
      { ...aama({ clinical: 2 }, '2025-03-01'), courseId: 'x' },
    ],
    check: (p) => {
      expect(row(p, 'total')?.earned).toBe(4)
      expect(p.warningDetails.map((w) => w.code)).toContain('repeat-course-unverified')
    },
  },
  {
    rule: 'duplicate: two distinct courses both count',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      { ...aama({ clinical: 2 }), courseId: 'x' },
      { ...aama({ clinical: 2 }), courseId: 'y' },
    ],
    check: (p) => expect(row(p, 'total')?.earned).toBe(4),
  },
  // --- AAMA-approved minimum and non-AAMA maximum
  {
    rule: 'CMA: at least 30 of 60 points must be AAMA CEUs',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ general: 20 })],
    check: (p) =>
      expect(row(p, 'aama-approved')).toMatchObject({ required: 30, earned: 20, remaining: 10 }),
  },
  {
    rule: 'CMA: at most 30 points from other sources',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [other({ general: 45 })],
    check: (p) => {
      expect(row(p, 'total')?.earned).toBe(30)
      expect(p.activities[0]?.reason).toMatch(/30 of 45 points count/)
    },
  },
  {
    rule: 'CMA: 30 AAMA + 30 other points complete when categories are met',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      aama({ administrative: 10 }),
      aama({ general: 10 }, '2025-02-01'),
      aama({ clinical: 10 }, '2025-03-01'),
      other({ clinical: 30 }, '2025-04-01'),
    ],
    check: (p) => expect(p.complete).toBe(true),
  },
  {
    rule: 'CMA: 60 non-AAMA points alone never complete',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [other({ administrative: 20, clinical: 20, general: 20 })],
    check: (p) => {
      expect(p.complete).toBe(false)
      expect(row(p, 'aama-approved')?.remaining).toBe(30)
      expect(row(p, 'total')?.earned).toBe(30)
    },
  },
  {
    rule: 'CMA allocation: non-AAMA points fill category minimums first',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      aama({ clinical: 30 }, '2024-01-01'),
      other({ clinical: 25 }, '2024-02-01'),
      other({ administrative: 10 }, '2024-03-01'),
      other({ general: 10 }, '2024-04-01'),
    ],
    check: (p) => {
      expect(p.complete).toBe(true)
      expect(p.activities[2]?.counted).toBe(10)
      expect(p.activities[3]?.counted).toBe(10)
      expect(p.activities[1]?.counted).toBe(10)
    },
  },
  {
    rule: 'CMA allocation: the result does not depend on listing order (minimums still filled)',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [
      other({ general: 10 }, '2024-04-01'),
      other({ clinical: 25 }, '2024-02-01'),
      aama({ clinical: 30 }, '2024-01-01'),
      other({ administrative: 10 }, '2024-03-01'),
    ],
    check: (p) => expect(p.complete).toBe(true),
  },
  {
    rule: 'CMA allocation: an AAMA category shortfall is filled from non-AAMA points of that area only',
    ruleSet: CMA,
    cycleEnd: '2027-06-30',
    asOf: '2026-11-24',
    activities: [aama({ clinical: 40 }), other({ general: 30 }, '2025-02-01')],
    check: (p) => {
      expect(row(p, 'general')?.remaining).toBe(0)
      expect(row(p, 'administrative')?.remaining).toBe(10)
    },
  },
]

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
    rule: 'NCMA: $77 annual fee (brief, not verified)',
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
    rule: 'CCMA: renewal fee $179 (brief)',
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

export const cases: Case[] = [
  ...calendarCases,
  ...valueCases,
  ...allowanceCases,
  ...credentialCases,
]
