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
