import { expect } from 'vitest'
import {
  adhoc,
  counted,
  expectRow,
  expectWarning,
  pathway,
  type RuleCase,
  row,
  timed,
} from './rule-book-helpers.js'
import { SRC } from './sources.js'

const nha = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  credential: 'ccma-nha',
  cycleEnd: '2027-06-15',
  asOf: '2026-11-24',
  activities,
  ...extra,
})
const arma = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  credential: 'rma-arma',
  cycleEnd: '2026-12-31',
  asOf: '2026-11-24',
  activities,
  ...extra,
})

export const nhaCases: RuleCase[] = [
  {
    id: 'nha-cycle-two-years',
    rule: `docs/rules.md CCMA "cycle"; ${SRC.nhaCe}`,
    request: nha([timed('2025-06-15', { hours: 2 }), timed('2025-06-16', { hours: 2 })]),
    check: (b) => {
      expect(b.cycle).toEqual({ start: '2025-06-16', end: '2027-06-15' })
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(1)
    },
  },
  {
    id: 'nha-cycle-leap-day-end',
    rule: `docs/rules.md CCMA "cycle"`,
    request: nha([], { cycleEnd: '2028-02-29' }),
    check: (b) => expect(b.cycle).toEqual({ start: '2026-03-01', end: '2028-02-29' }),
  },
  {
    id: 'nha-20-hours-are-10-credits',
    rule: `docs/rules.md CCMA "unit" (1 credit = 2 hours); ${SRC.nhaCe}`,
    request: nha([timed('2026-01-10', { hours: 20 })]),
    check: (b) => {
      expectRow(b, 'total', 10, 0)
      expect(b.complete).toBe(true)
    },
  },
  {
    id: 'nha-3-hours-are-1.5-credits',
    rule: `docs/rules.md CCMA "unit"; ${SRC.nhaCe}`,
    request: nha([timed('2026-01-10', { hours: 3 })]),
    check: (b) => expectRow(b, 'total', 1.5, 8.5),
  },
  {
    id: 'nha-90-minutes-are-0.75-credits',
    rule: `docs/rules.md "Units per issuer" (NHA clock hours); ${SRC.nhaCe}`,
    request: nha([timed('2026-01-10', { minutes: 90 })]),
    check: (b) => expectRow(b, 'total', 0.75, 9.25),
  },
  {
    id: 'nha-19.5-hours-not-complete',
    rule: `docs/rules.md CCMA "total"; ${SRC.nhaCe}`,
    request: nha([timed('2026-01-10', { hours: 19.5 })]),
    check: (b) => {
      expectRow(b, 'total', 9.75, 0.25)
      expect(b.complete).toBe(false)
    },
  },
  {
    id: 'nha-defect7-renewal-fee-warned',
    rule: `docs/rules.md CCMA "renewal fee" (secondary)`,
    request: nha([]),
    check: (b) => {
      const fee = b.fees.find((f: { id: string }) => f.id === 'renewal')
      expect(fee).toMatchObject({ amount: 179, confidence: 'secondary' })
      expectWarning(b, 'unverified-figure', { figures: ['ccma-nha:fees:renewal'] })
    },
  },
  {
    id: 'nha-defect5-lapse-unverified-ce-not-closed',
    rule: `docs/rules.md CCMA "lapse" (not verified: do not close CE, warn)`,
    request: nha([], { cycleEnd: '2026-06-30', asOf: '2026-07-01' }),
    check: (b) => {
      expect(b.daysLeft).toBe(0)
      expect(pathway(b, 'continuing-education').available).toBe(true)
      expectWarning(b, 'lapse-rule-unverified', { figures: ['ccma-nha:lapse'] })
    },
  },
  {
    id: 'nha-repeat-course-counts-with-warning',
    rule: `docs/rules.md CCMA "repeat course" (not verified: counted, warned)`,
    request: nha([
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2025-08-10' },
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2026-01-10' },
    ]),
    check: (b) => {
      expectRow(b, 'total', 2, 8)
      expectWarning(b, 'repeat-course-unverified', { figures: ['ccma-nha:repeatCourses'] })
    },
  },
]

export const armaCases: RuleCase[] = [
  {
    id: 'arma-calendar-year-cycle',
    rule: `docs/rules.md RMA (ARMA) "cycle"; ${SRC.armaCeufast}`,
    request: arma([adhoc('2025-12-31', { clinical: 12 }), adhoc('2026-01-01', { clinical: 1 })]),
    check: (b) => {
      expect(b.cycle).toEqual({ start: '2026-01-01', end: '2026-12-31' })
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(1)
    },
  },
  {
    id: 'arma-defect7-12-clinical-complete-with-warnings',
    rule: `docs/rules.md RMA (ARMA) (every figure secondary); ${SRC.armaCeufast}`,
    request: arma([adhoc('2026-03-01', { clinical: 12 })]),
    check: (b) => {
      expect(b.complete).toBe(true)
      expectRow(b, 'clinical-or-mix', 12, 0)
      expectWarning(b, 'unverified-figure', {
        figures: ['rma-arma:requirements:total', 'rma-arma:requirements:clinical-or-mix'],
      })
    },
  },
  {
    id: 'arma-6-clinical-6-administrative',
    rule: `docs/rules.md RMA (ARMA); ${SRC.armaCeufast}`,
    request: arma([
      adhoc('2026-03-01', { clinical: 6 }),
      adhoc('2026-04-01', { administrative: 6 }),
    ]),
    check: (b) => {
      expect(b.complete).toBe(true)
      expect(row(b, 'clinical-or-mix').option).toBe('6 clinical + 6 administrative/other')
    },
  },
  {
    id: 'arma-6-clinical-5-administrative-short',
    rule: `docs/rules.md RMA (ARMA); ${SRC.armaCeufast}`,
    request: arma([
      adhoc('2026-03-01', { clinical: 6 }),
      adhoc('2026-04-01', { administrative: 5 }),
    ]),
    check: (b) => {
      expectRow(b, 'clinical-or-mix', 11, 1)
      expect(b.complete).toBe(false)
    },
  },
  {
    id: 'arma-defect5-cpr-counts-as-other',
    rule: `docs/rules.md RMA (ARMA) ("other" includes CPR); ${SRC.armaCeufast}`,
    request: arma([
      adhoc('2026-03-01', { clinical: 6 }),
      adhoc('2026-04-01', { administrative: 4 }),
      { format: 'cpr-card', completedOn: '2026-05-01', credits: { general: 2 } },
    ]),
    check: (b) => {
      expect(counted(b, 2)).toBe(2)
      expect(b.complete).toBe(true)
    },
  },
  {
    id: 'arma-defect5-reinstatement-by-ce-within-2-years',
    rule: `docs/rules.md RMA (ARMA) "lapse" (12 per missed year, at least 24); ${SRC.armaCeufast}`,
    request: arma([adhoc('2026-03-01', { clinical: 20 })], {
      cycleEnd: '2025-12-31',
      asOf: '2026-06-01',
    }),
    check: (b) => {
      expect(pathway(b, 'continuing-education').available).toBe(true)
      expect(row(b, 'reinstatement').required).toBe(24)
      expectRow(b, 'reinstatement', 20, 4)
      expect(b.complete).toBe(false)
      expectWarning(b, 'unverified-figure', { figures: ['rma-arma:lapse'] })
    },
  },
  {
    id: 'arma-beyond-2-years-ce-closed',
    rule: `docs/rules.md RMA (ARMA) "lapse"; ${SRC.armaCeufast}`,
    request: arma([], { cycleEnd: '2025-12-31', asOf: '2028-01-01' }),
    check: (b) => expect(pathway(b, 'continuing-education').available).toBe(false),
  },
]
