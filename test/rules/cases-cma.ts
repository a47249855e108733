import { expect } from 'vitest'
import {
  aama,
  adhoc,
  counted,
  ENGINE,
  expectNoWarning,
  expectRow,
  expectWarning,
  outcome,
  type RuleCase,
  row,
  timed,
} from './rule-book-helpers.js'
import { SRC } from './sources.js'

/** CMA (AAMA): cycle ends 2027-06-30 (so it started 2022-07-01), assessed on 2026-11-24. */
export const cma = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  activities,
  ...extra,
})

/** 30 AAMA points filling the three category minimums, dated inside the cycle. */
export const minimums = () => [
  aama('2023-01-10', { administrative: 10 }),
  aama('2023-02-10', { clinical: 10 }),
  aama('2023-03-10', { general: 10 }),
]

export const cmaCases: RuleCase[] = [
  // --- Cycle ---------------------------------------------------------------------------------
  {
    id: 'cma-cycle-60-months-month-end',
    rule: `docs/rules.md CMA "cycle"; ${SRC.aamaPolicies}`,
    request: cma([]),
    check: (b) => expect(b.cycle).toEqual({ start: '2022-07-01', end: '2027-06-30' }),
  },
  {
    id: 'cma-cycle-leap-certified-feb-2024',
    rule: `docs/rules.md CMA "cycle" (certified Feb 2024 -> 2029-02-28); ${SRC.aamaFaq}`,
    request: cma([], { cycleEnd: '2029-02-28' }),
    check: (b) => {
      expect(b.cycle).toEqual({ start: '2024-03-01', end: '2029-02-28' })
      expect(b.warnings).toEqual([])
    },
  },
  {
    id: 'cma-cycle-leap-certified-feb-2023',
    rule: `docs/rules.md CMA "cycle" (certified Feb 2023 -> 2028-02-29); ${SRC.aamaFaq}`,
    request: cma([aama('2023-02-28', { clinical: 1 }), aama('2023-03-01', { clinical: 2 })], {
      cycleEnd: '2028-02-29',
    }),
    check: (b) => {
      expect(b.cycle).toEqual({ start: '2023-03-01', end: '2028-02-29' })
      expect(counted(b, 0)).toBe(0)
      expect(outcome(b, 0).reason).toMatch(/before/)
      expect(counted(b, 1)).toBe(2)
    },
  },
  {
    id: 'cma-cycle-first-day-counts-day-before-not',
    rule: `docs/rules.md CMA "cycle"; ${SRC.aamaPolicies}`,
    request: cma([aama('2022-06-30', { clinical: 1 }), aama('2022-07-01', { clinical: 1 })]),
    check: (b) => {
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(1)
      expectRow(b, 'total', 1, 59)
    },
  },
  {
    id: 'cma-cycle-last-day-counts',
    rule: `docs/rules.md CMA "cycle"; ${SRC.aamaPolicies}`,
    request: cma([aama('2027-06-30', { general: 1 })], { asOf: '2027-06-30' }),
    check: (b) => {
      expect(b.status).toBe('active')
      expect(b.daysLeft).toBe(0)
      expect(counted(b, 0)).toBe(1)
    },
  },
  {
    id: 'cma-cycle-end-not-month-end-warns',
    rule: `docs/rules.md CMA "cycle" and Traps 3; ${SRC.aamaFaq}`,
    request: cma([], { cycleEnd: '2027-06-15' }),
    check: (b) => expectWarning(b, 'cycle-end-not-month-end'),
  },
  {
    id: 'cma-activity-after-asof-does-not-count',
    rule: ENGINE,
    request: cma([aama('2026-12-01', { clinical: 1 })]),
    check: (b) => {
      expect(counted(b, 0)).toBe(0)
      expect(outcome(b, 0).reason).not.toBeNull()
    },
  },
  // --- Totals, categories, AAMA-approved minimum --------------------------------------------
  {
    id: 'cma-complete-with-60-aama-points',
    rule: `docs/rules.md CMA "total", "category minimums"; ${SRC.aamaPolicies}`,
    request: cma([...minimums(), aama('2024-01-10', { clinical: 30 })]),
    check: (b) => {
      expect(b.complete).toBe(true)
      expectRow(b, 'total', 60, 0)
      expectRow(b, 'aama-approved', 60, 0)
      for (const r of b.requirements) expect(r.remaining).toBe(0)
    },
  },
  {
    id: 'cma-one-point-short-is-not-complete',
    rule: `docs/rules.md CMA "total"; ${SRC.aamaPolicies}`,
    request: cma([...minimums(), aama('2024-01-10', { clinical: 29 })]),
    check: (b) => {
      expect(b.complete).toBe(false)
      expectRow(b, 'total', 59, 1)
    },
  },
  {
    id: 'cma-defect9-category-row-shows-only-counted-points',
    rule: `docs/rules.md CMA "AAMA-approved minimum" and "Explanations"; ${SRC.aamaDoesItCount}`,
    request: cma([adhoc('2024-01-10', { general: 35 }, { hours: 35 })]),
    check: (b) => {
      expectRow(b, 'total', 30, 30)
      expectRow(b, 'general', 30, 0)
      expectRow(b, 'aama-approved', 0, 30)
      expect(counted(b, 0)).toBe(30)
    },
  },
  {
    id: 'cma-non-aama-fills-minimums-first',
    rule: `docs/rules.md CMA "AAMA-approved minimum" (counted where they help most); ${SRC.aamaPolicies}`,
    request: cma([
      aama('2023-01-10', { clinical: 30 }),
      adhoc('2024-01-10', { general: 20 }, { hours: 20 }),
      adhoc('2024-02-10', { administrative: 15 }, { hours: 15 }),
    ]),
    check: (b) => {
      expect(b.complete).toBe(true)
      expectRow(b, 'total', 60, 0)
      expect(row(b, 'administrative').remaining).toBe(0)
      expect(row(b, 'general').remaining).toBe(0)
      expect(row(b, 'administrative').earned + row(b, 'general').earned).toBe(30)
    },
  },
  // --- CPR cards ----------------------------------------------------------------------------
  {
    id: 'cma-defect1-three-catalog-cpr-cards-give-12',
    rule: `docs/rules.md CMA "CPR cards"; ${SRC.aamaCpr}`,
    request: cma([
      { courseId: 'aha-bls-provider-card', completedOn: '2023-05-01' },
      { courseId: 'aha-bls-provider-card', completedOn: '2024-05-01' },
      { courseId: 'aha-bls-provider-card', completedOn: '2025-05-01' },
    ]),
    check: (b) => {
      expectRow(b, 'clinical', 12, 0)
      expectRow(b, 'total', 12, 48)
      for (const i of [0, 1, 2]) expect(counted(b, i)).toBe(4)
    },
  },
  {
    id: 'cma-four-cpr-cards-capped-at-12',
    rule: `docs/rules.md CMA "CPR cards" (at most 3 cards); ${SRC.aamaCpr}`,
    request: cma([
      { courseId: 'aha-bls-provider-card', completedOn: '2022-08-01' },
      { courseId: 'aha-bls-provider-card', completedOn: '2023-08-01' },
      { format: 'cpr-card', completedOn: '2024-08-01' },
      { courseId: 'aha-bls-provider-card', completedOn: '2025-08-01' },
    ]),
    check: (b) => {
      expectRow(b, 'total', 12, 48)
      const all = [0, 1, 2, 3].map((i) => counted(b, i))
      expect(all.filter((c) => c === 4)).toHaveLength(3)
      expect(all.filter((c) => c === 0)).toHaveLength(1)
      const refused = [0, 1, 2, 3].find((i) => counted(b, i) === 0) as number
      expect(outcome(b, refused).reason).toMatch(/3/)
    },
  },
  {
    id: 'cma-cpr-card-not-counted-as-aama-approved',
    rule: `docs/rules.md CMA "CPR cards" (approval unknown, flag default not approved)`,
    request: cma([{ format: 'cpr-card', completedOn: '2024-05-01' }]),
    check: (b) => {
      expectRow(b, 'aama-approved', 0, 30)
      expectRow(b, 'clinical', 4, 6)
      expectWarning(b, 'cpr-approval-unknown')
    },
  },
  {
    id: 'cma-defect9-college-not-cpr-exceeds-non-aama-cap',
    rule: `docs/rules.md "Explanations"; ${SRC.aamaTwiceAsNice}; ${SRC.aamaCpr}`,
    request: cma([
      { format: 'college', completedOn: '2024-01-15', collegeCredits: 2, credits: { general: 1 } },
      { format: 'cpr-card', completedOn: '2024-03-01' },
    ]),
    check: (b) => {
      expect(counted(b, 1)).toBe(4)
      expect(outcome(b, 1).reason).toBeNull()
      expect(counted(b, 0)).toBe(26)
      expect(outcome(b, 0).reason).not.toBeNull()
      expectRow(b, 'clinical', 4, 6)
      expectRow(b, 'general', 26, 0)
      expectRow(b, 'total', 30, 30)
    },
  },
  // --- College work ----------------------------------------------------------------------------
  {
    id: 'cma-defect4-college-split-by-proportion',
    rule: `docs/rules.md CMA "college credit", "multi-area course"; ${SRC.aamaTwiceAsNice}`,
    request: cma([
      aama('2023-01-10', { clinical: 10 }),
      aama('2023-02-10', { general: 20 }),
      {
        format: 'college',
        completedOn: '2024-01-15',
        collegeCredits: 2,
        credits: { administrative: 1, general: 9 },
      },
    ]),
    check: (b) => {
      expect(outcome(b, 2).toward.administrative).toBe(3)
      expect(outcome(b, 2).toward.general).toBe(27)
      expectRow(b, 'administrative', 3, 7)
      expectRow(b, 'total', 60, 0)
      expect(b.complete).toBe(false)
    },
  },
  {
    id: 'cma-college-even-split',
    rule: `docs/rules.md CMA "multi-area course"; ${SRC.aamaTwiceAsNice}`,
    request: cma([
      {
        format: 'college',
        completedOn: '2024-01-15',
        collegeCredits: 1,
        credits: { administrative: 0.5, clinical: 0.5 },
      },
    ]),
    check: (b) => {
      expectRow(b, 'administrative', 7.5, 2.5)
      expectRow(b, 'clinical', 7.5, 2.5)
      expectRow(b, 'total', 15, 45)
    },
  },
  {
    id: 'cma-defect4-college-credits-alone-read-as-points',
    rule: `docs/rules.md "How the engine applies them" (college work)`,
    request: cma([{ format: 'college', completedOn: '2024-01-15', credits: { general: 15 } }]),
    check: (b) => {
      expect(counted(b, 0)).toBe(15)
      expect(outcome(b, 0).reason).toBeNull()
      expectRow(b, 'general', 15, 0)
      expectRow(b, 'total', 15, 45)
    },
  },
  {
    id: 'cma-college-credits-without-area',
    rule: `docs/rules.md CMA "college credit"; ${SRC.aamaTwiceAsNice}`,
    request: cma([{ format: 'college', completedOn: '2024-01-15', collegeCredits: 1 }]),
    check: (b) => {
      expect(counted(b, 0)).toBe(15)
      expectRow(b, 'total', 15, 45)
    },
  },
  {
    id: 'cma-generic-college-credit-repeats',
    rule: `docs/rules.md "generic catalog entries"; ${SRC.aamaTwiceAsNice}`,
    request: cma([
      {
        courseId: 'college-semester-credit',
        completedOn: '2024-01-15',
        collegeCredits: 1,
        credits: { clinical: 1 },
      },
      {
        courseId: 'college-semester-credit',
        completedOn: '2025-01-15',
        collegeCredits: 1,
        credits: { general: 1 },
      },
    ]),
    check: (b) => {
      expectRow(b, 'clinical', 15, 0)
      expectRow(b, 'general', 15, 0)
      expectRow(b, 'total', 30, 30)
      expectNoWarning(b, 'repeat-course-unverified')
    },
  },
  // --- Units: fractions, contact hours, minutes -------------------------------------------------
  {
    id: 'cma-fractional-aama-credits-quarter-and-half',
    rule: `docs/rules.md CMA "unit"; ${SRC.uwHealth}`,
    request: cma([
      aama('2024-01-01', { clinical: 0.25 }),
      aama('2024-02-01', { clinical: 0.25 }),
      aama('2024-03-01', { general: 0.5 }),
    ]),
    check: (b) => {
      expectRow(b, 'total', 1, 59)
      expectRow(b, 'aama-approved', 1, 29)
      expectRow(b, 'clinical', 0.5, 9.5)
      expectRow(b, 'general', 0.5, 9.5)
    },
  },
  {
    id: 'cma-defect8-half-aama-ceu-counts-with-or-without-hours',
    rule: `docs/rules.md CMA "unit" (the one-hour minimum is for non-AAMA credit); ${SRC.aamaDoesItCount}`,
    request: cma([
      aama('2024-01-01', { clinical: 0.5 }, { hours: 0.5 }),
      aama('2024-02-01', { clinical: 0.5 }),
    ]),
    check: (b) => {
      expect(counted(b, 0)).toBe(0.5)
      expect(counted(b, 1)).toBe(0.5)
      expectRow(b, 'total', 1, 59)
    },
  },
  {
    id: 'cma-defect8-short-non-aama-refused-whatever-fields',
    rule: `docs/rules.md CMA "unit" (under one contact hour does not count); ${SRC.aamaDoesItCount}`,
    request: cma([
      adhoc('2024-01-01', { clinical: 0.5 }),
      adhoc('2024-02-01', { clinical: 0.5 }, { hours: 0.5 }),
      adhoc('2024-03-01', { clinical: 0.5 }, { minutes: 30 }),
    ]),
    check: (b) => {
      for (const i of [0, 1, 2]) {
        expect(counted(b, i)).toBe(0)
        expect(outcome(b, i).reason).toMatch(/contact hour/)
      }
      expectRow(b, 'total', 0, 60)
    },
  },
  {
    id: 'cma-50-minutes-is-one-contact-hour',
    rule: `docs/rules.md "Units per issuer" (AAMA contact hour = 50 minutes); ${SRC.aamaDoesItCount}`,
    request: cma([adhoc('2024-01-01', { clinical: 1 }, { minutes: 50 })]),
    check: (b) => expect(counted(b, 0)).toBe(1),
  },
  {
    id: 'cma-defect8-0.83-hours-is-50-minutes',
    rule: `docs/rules.md "Units per issuer" (hours rounded to the minute); ${SRC.uwHealth}`,
    request: cma([adhoc('2024-01-01', { clinical: 1 }, { hours: 0.83 })]),
    check: (b) => expect(counted(b, 0)).toBe(1),
  },
  {
    id: 'cma-49-minutes-does-not-count',
    rule: `docs/rules.md "Units per issuer"; ${SRC.aamaDoesItCount}`,
    request: cma([adhoc('2024-01-01', { clinical: 1 }, { minutes: 49 })]),
    check: (b) => expect(counted(b, 0)).toBe(0),
  },
  {
    id: 'cma-minutes-only-converted-to-contact-hours',
    rule: `docs/rules.md "Units per issuer" (100 minutes = 2 contact hours = 2 points); ${SRC.uwHealth}`,
    request: cma([timed('2024-01-01', { minutes: 100 })]),
    check: (b) => {
      expect(counted(b, 0)).toBe(2)
      expectRow(b, 'total', 2, 58)
    },
  },
  {
    id: 'cma-clock-hour-only-is-1.2-contact-hours',
    rule: `docs/rules.md "Units per issuer" (hours are clock hours; 60/50); ${SRC.uwHealth}`,
    request: cma([timed('2024-01-01', { hours: 1 })]),
    check: (b) => expect(counted(b, 0)).toBe(1.2),
  },
]
