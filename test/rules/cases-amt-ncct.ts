import { expect } from 'vitest'
import {
  counted,
  ENGINE,
  expectNoWarning,
  expectRow,
  expectWarning,
  outcome,
  pathway,
  type RuleCase,
  row,
  timed,
  warnedFigures,
} from './rule-book-helpers.js'
import { SRC } from './sources.js'

const amt = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  credential: 'rma-amt',
  cycleEnd: '2027-04-30',
  asOf: '2026-11-24',
  activities,
  ...extra,
})
const ncct = (activities: unknown[], extra: Record<string, unknown> = {}) => ({
  credential: 'ncma-ncct',
  cycleEnd: '2027-12-31',
  asOf: '2027-06-01',
  activities,
  ...extra,
})
const training = (title: string, completedOn: string, hours: number, marked = true) => ({
  title,
  completedOn,
  hours,
  approvals: [],
  format: 'workshop',
  ...(marked && { recurringTraining: true }),
})

export const amtCases: RuleCase[] = [
  {
    id: 'amt-cycle-three-years',
    rule: `docs/rules.md RMA (AMT) "cycle"; ${SRC.amtStay}`,
    request: amt([]),
    check: (b) => expect(b.cycle).toEqual({ start: '2024-05-01', end: '2027-04-30' }),
  },
  {
    id: 'amt-cycle-starts-on-leap-day',
    rule: `docs/rules.md RMA (AMT) "cycle" (no points before the cycle start); ${SRC.amtStay}`,
    request: amt([timed('2024-02-28', { hours: 1 }), timed('2024-02-29', { hours: 2 })], {
      cycleEnd: '2027-02-28',
    }),
    check: (b) => {
      expect(b.cycle.start).toBe('2024-02-29')
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(2)
    },
  },
  {
    id: 'amt-30-points-complete-with-unit-caveat',
    rule: `docs/rules.md RMA (AMT) "total", "unit" (secondary); ${SRC.amtFaq}`,
    request: amt([timed('2025-01-10', { hours: 30 })]),
    check: (b) => {
      expectRow(b, 'total', 30, 0)
      expect(b.complete).toBe(true)
      expectWarning(b, 'unverified-figure', { figures: ['rma-amt:units'] })
    },
  },
  {
    id: 'amt-one-point-short',
    rule: `docs/rules.md RMA (AMT) "total"`,
    request: amt([timed('2025-01-10', { hours: 29 })]),
    check: (b) => {
      expectRow(b, 'total', 29, 1)
      expect(b.complete).toBe(false)
    },
  },
  {
    id: 'amt-defect7-college-credit-5-points-warned',
    rule: `docs/rules.md RMA (AMT) "unit" (1 college credit hour = 5 points, secondary)`,
    request: amt([{ format: 'college', completedOn: '2025-01-15', collegeCredits: 2 }]),
    check: (b) => {
      expectRow(b, 'total', 10, 20)
      expectWarning(b, 'unverified-figure', { figures: ['rma-amt:units'] })
    },
  },
  {
    id: 'amt-college-credits-alone-read-as-points',
    rule: `${ENGINE} (college work)`,
    request: amt([{ format: 'college', completedOn: '2025-01-15', credits: { general: 4 } }]),
    check: (b) => expect(counted(b, 0)).toBe(4),
  },
  {
    id: 'amt-exam-does-not-satisfy-ccp',
    rule: `docs/rules.md RMA (AMT) "re-taking the exam"; ${SRC.amtFaq}`,
    request: amt([]),
    check: (b) => expect(pathway(b, 'exam').available).toBe(false),
  },
  {
    id: 'amt-day-after-expiry-decertified',
    rule: `docs/rules.md RMA (AMT) "non-compliance"; ${SRC.amtStay}`,
    request: amt([], { asOf: '2027-05-01' }),
    check: (b) => {
      expect(b.status).toBe('lapsed')
      expect(pathway(b, 'continuing-education').available).toBe(false)
    },
  },
  {
    id: 'amt-repeat-course-counts-with-warning',
    rule: `docs/rules.md RMA (AMT) "repeat course" (not verified: counted, warned)`,
    request: amt([
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2025-01-10' },
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2026-01-10' },
    ]),
    check: (b) => {
      expectRow(b, 'total', 4, 26)
      expectWarning(b, 'repeat-course-unverified', { figures: ['rma-amt:repeatCourses'] })
    },
  },
  {
    id: 'amt-annual-fee-official-not-warned',
    rule: `docs/rules.md RMA (AMT) "annual fee"; ${SRC.amtFees}`,
    request: amt([]),
    check: (b) => {
      const fee = b.fees.find((f: { id: string }) => f.id === 'annual')
      expect(fee).toMatchObject({ amount: 50, confidence: 'official' })
      expect(warnedFigures(b)).not.toContain('rma-amt:fees:annual')
    },
  },
]

export const ncctCases: RuleCase[] = [
  {
    id: 'ncct-window-calendar-year-before',
    rule: `docs/rules.md NCMA "outside CE window"; ${SRC.ncctOutside2023}`,
    request: ncct([timed('2025-12-31', { hours: 2 }), timed('2026-01-01', { hours: 3 })]),
    check: (b) => {
      expect(b.cycle).toEqual({ start: '2026-01-01', end: '2027-12-31' })
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(3)
    },
  },
  {
    id: 'ncct-window-last-day',
    rule: `docs/rules.md NCMA "outside CE window"`,
    request: ncct([timed('2027-12-31', { hours: 2 })], { asOf: '2027-12-31' }),
    check: (b) => expect(counted(b, 0)).toBe(2),
  },
  {
    id: 'ncct-defect7-14-hours-complete-with-warnings',
    rule: `docs/rules.md NCMA "annual CE" and "annual fee" (secondary)`,
    request: ncct([timed('2026-03-01', { hours: 7 }), timed('2027-03-01', { hours: 7 })]),
    check: (b) => {
      expectRow(b, 'total', 14, 0)
      expect(b.complete).toBe(true)
      expectWarning(b, 'unverified-figure', {
        figures: ['ncma-ncct:requirements:total', 'ncma-ncct:fees:annual'],
      })
    },
  },
  {
    id: 'ncct-one-hour-short',
    rule: `docs/rules.md NCMA "annual CE"`,
    request: ncct([timed('2026-03-01', { hours: 13 })]),
    check: (b) => {
      expectRow(b, 'total', 13, 1)
      expect(b.complete).toBe(false)
    },
  },
  {
    id: 'ncct-defect3-annual-hipaa-counts-once-in-5-years',
    rule: `docs/rules.md NCMA "recurring employer training"; ${SRC.ncctOutside2022}`,
    request: ncct([
      training('HIPAA annual training', '2026-03-01', 1),
      training('HIPAA annual training', '2027-03-01', 1),
      timed('2026-05-01', { hours: 12 }),
    ]),
    check: (b) => {
      expectRow(b, 'total', 13, 1)
      expect(b.complete).toBe(false)
      const refused = counted(b, 0) === 0 ? 0 : 1
      expect(counted(b, 1 - refused)).toBe(1)
      expect(outcome(b, refused).reason).toMatch(/5 years/)
    },
  },
  {
    id: 'ncct-recurring-keeps-most-helpful-occurrence',
    rule: `${ENGINE} (NCCT recurring employer training: the most helpful occurrence)`,
    request: ncct([
      training('OSHA annual training', '2026-02-01', 1),
      training('OSHA annual training', '2027-02-01', 2),
    ]),
    check: (b) => {
      expect(counted(b, 0)).toBe(0)
      expect(counted(b, 1)).toBe(2)
      expectRow(b, 'total', 2, 12)
    },
  },
  {
    id: 'ncct-different-recurring-trainings-each-count',
    rule: `docs/rules.md NCMA "recurring employer training"`,
    request: ncct([
      training('HIPAA annual training', '2026-02-01', 1),
      training('OSHA annual training', '2026-02-01', 1),
    ]),
    check: (b) => expectRow(b, 'total', 2, 12),
  },
  {
    id: 'ncct-unmarked-recurring-title-counts-with-question',
    rule: `${ENGINE} (unmarked titles that look like recurring training)`,
    request: ncct([
      training('Annual HIPAA Privacy Training', '2026-02-01', 1, false),
      training('Bloodborne Pathogens', '2026-03-01', 1, false),
      training('Fire Safety', '2026-04-01', 1, false),
    ]),
    check: (b) => {
      expectRow(b, 'total', 3, 11)
      expectWarning(b, 'recurring-training-unmarked', { activities: [0, 1, 2] })
    },
  },
  {
    id: 'ncct-ordinary-title-no-recurring-question',
    rule: `${ENGINE} (unmarked titles that look like recurring training)`,
    request: ncct([training('Phlebotomy update', '2026-02-01', 2, false)]),
    check: (b) => {
      expect(counted(b, 0)).toBe(2)
      expectNoWarning(b, 'recurring-training-unmarked')
    },
  },
  {
    id: 'ncct-catalog-course-not-repeatable',
    rule: `docs/rules.md NCMA "repeat course"; ${SRC.ncctRepeat}`,
    request: ncct([
      { courseId: 'sample-diabetes-management-support', completedOn: '2026-02-01' },
      { courseId: 'sample-diabetes-management-support', completedOn: '2027-02-01' },
    ]),
    check: (b) => {
      expectRow(b, 'total', 2, 12)
      const refused = counted(b, 0) === 0 ? 0 : 1
      expect(outcome(b, refused).reason).toMatch(/repeat/i)
      expectNoWarning(b, 'repeat-course-unverified')
    },
  },
  {
    id: 'ncct-defect2-day-after-renewal-ce-still-open',
    rule: `docs/rules.md NCMA "lapse" (exam only after 5 years unmet); ${SRC.ncctFaq}`,
    request: ncct([], { cycleEnd: '2026-12-31', asOf: '2027-01-01' }),
    check: (b) => {
      expect(b.status).toBe('grace')
      expect(pathway(b, 'continuing-education').available).toBe(true)
      expect(b.graceDeadlines).toEqual([{ reading: '5 years', date: '2031-12-31' }])
      const exam = pathway(b, 'exam')
      if (exam) expect(exam.available).toBe(false)
    },
  },
  {
    id: 'ncct-exam-after-5-years-unmet',
    rule: `docs/rules.md NCMA "lapse"; ${SRC.ncctFaq}`,
    request: ncct([], { cycleEnd: '2026-12-31', asOf: '2032-01-01' }),
    check: (b) => {
      expect(b.status).toBe('lapsed')
      expect(pathway(b, 'continuing-education').available).toBe(false)
      expect(pathway(b, 'exam').available).toBe(true)
    },
  },
  {
    id: 'ncct-defect9-window-is-not-this-year',
    rule: `docs/rules.md "Explanations" (NCCT window: two calendar years)`,
    request: ncct([]),
    check: (b) => expect(row(b, 'total').label).not.toMatch(/this year/i),
  },
  {
    id: 'ncct-minutes-are-clock-minutes',
    rule: `docs/rules.md "Units per issuer" (NCCT clock hours); ${SRC.ncctRepeat}`,
    request: ncct([timed('2026-02-01', { minutes: 90 })]),
    check: (b) => expectRow(b, 'total', 1.5, 12.5),
  },
  {
    id: 'ncct-half-hour-counts',
    rule: `docs/rules.md "Units per issuer" (no one-hour minimum known for NCCT)`,
    request: ncct([timed('2026-02-01', { hours: 0.5 })]),
    check: (b) => expect(counted(b, 0)).toBe(0.5),
  },
]
