import { expect } from 'vitest'
import { cma, minimums } from './cases-cma.js'
import {
  aama,
  adhoc,
  type Body,
  counted,
  ENGINE,
  expectNoWarning,
  expectRow,
  expectWarning,
  outcome,
  pathway,
  type RuleCase,
} from './rule-book-helpers.js'
import { SRC } from './sources.js'

const twice = (activity: Record<string, unknown>) => [activity, { ...activity }]

/** Clauses of the warnings that call a window "ended". */
const endedWarnings = (b: Body): string[] =>
  (b.warnings as string[]).flatMap((w) => w.split(/[;.]\s/)).filter((c) => /\bended\b/i.test(c))

/** CMA duplicates, repeats, generic catalog entries, grace and lapse. */
export const cmaTranscriptCases: RuleCase[] = [
  // --- Duplicates: identical in substance only -------------------------------------------------
  {
    id: 'cma-duplicate-identical-entry-counts-once',
    rule: `${ENGINE} (duplicate detection)`,
    request: cma(
      twice({
        title: 'Wound care',
        completedOn: '2024-04-12',
        hours: 2,
        credits: { clinical: 2 },
        approvals: ['AAMA'],
      }),
    ),
    check: (b) => {
      expectRow(b, 'total', 2, 58)
      expect([counted(b, 0), counted(b, 1)].sort()).toEqual([0, 2])
      const refused = counted(b, 0) === 0 ? 0 : 1
      expect(outcome(b, refused).reason).toMatch(/duplicate/i)
    },
  },
  {
    id: 'cma-defect1-untitled-identical-entries-caught',
    rule: `${ENGINE} (duplicate detection)`,
    request: cma(
      twice({ completedOn: '2024-04-12', hours: 1, credits: { clinical: 1 }, approvals: ['AAMA'] }),
    ),
    check: (b) => expectRow(b, 'total', 1, 59),
  },
  {
    id: 'cma-defect1-same-title-date-different-credits-both-count',
    rule: `${ENGINE} (duplicate detection)`,
    request: cma([
      {
        title: 'Workshop',
        completedOn: '2024-04-12',
        format: 'workshop',
        credits: { clinical: 1 },
        approvals: ['AAMA'],
      },
      {
        title: 'Workshop',
        completedOn: '2024-04-12',
        format: 'workshop',
        credits: { clinical: 2 },
        approvals: ['AAMA'],
      },
    ]),
    check: (b) => expectRow(b, 'total', 3, 57),
  },
  {
    id: 'cma-defect1-different-approvals-both-count',
    rule: `${ENGINE} (duplicate detection)`,
    request: cma([
      {
        title: 'Workshop',
        completedOn: '2024-04-12',
        hours: 1,
        credits: { general: 1 },
        approvals: [],
      },
      {
        title: 'Workshop',
        completedOn: '2024-04-12',
        hours: 1,
        credits: { general: 1 },
        approvals: ['AAMA'],
      },
    ]),
    check: (b) => {
      expectRow(b, 'total', 2, 58)
      expectRow(b, 'aama-approved', 1, 29)
    },
  },
  {
    id: 'cma-defect1-titles-compared-exactly',
    rule: `${ENGINE} (duplicate detection: same title)`,
    request: cma([
      {
        title: 'HIPAA Update',
        completedOn: '2024-04-12',
        hours: 1,
        credits: { administrative: 1 },
        approvals: ['AAMA'],
      },
      {
        title: 'hipaa update',
        completedOn: '2024-04-12',
        hours: 1,
        credits: { administrative: 1 },
        approvals: ['AAMA'],
      },
    ]),
    check: (b) => expectRow(b, 'total', 2, 58),
  },
  {
    id: 'cma-defect1-aama-5-point-entry-not-dropped-for-1-point',
    rule: `${ENGINE} (keep the entries that help most)`,
    request: cma([
      {
        title: 'Chapter workshop',
        completedOn: '2024-04-12',
        format: 'workshop',
        hours: 1,
        credits: { general: 1 },
        approvals: [],
      },
      {
        title: 'Chapter workshop',
        completedOn: '2024-04-12',
        format: 'workshop',
        hours: 5,
        credits: { general: 5 },
        approvals: ['AAMA'],
      },
    ]),
    check: (b) => {
      expectRow(b, 'total', 6, 54)
      expectRow(b, 'aama-approved', 5, 25)
    },
  },
  {
    id: 'cma-same-catalog-course-same-date-counts-once',
    rule: `${ENGINE} (duplicate detection: same catalog id and date)`,
    request: cma(
      twice({ courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2024-05-01' }),
    ),
    check: (b) => {
      expectRow(b, 'total', 2, 58)
      const refused = counted(b, 0) === 0 ? 0 : 1
      expect(outcome(b, refused).reason).toMatch(/duplicate/i)
    },
  },
  {
    id: 'cma-repeat-course-counts-with-warning',
    rule: `docs/rules.md CMA "repeat course in a cycle" (not verified: counted, warned)`,
    request: cma([
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2024-05-01' },
      { courseId: 'sample-phlebotomy-techniques-refresher', completedOn: '2025-05-01' },
    ]),
    check: (b) => {
      expectRow(b, 'total', 4, 56)
      expectRow(b, 'aama-approved', 4, 26)
      expectWarning(b, 'repeat-course-unverified', {
        figures: ['cma-aama:repeatCourses'],
        activities: [1],
      })
    },
  },
  // --- Generic catalog entries ------------------------------------------------------------------
  {
    id: 'cma-defect1-two-chapter-meetings-both-count',
    rule: `${ENGINE} (generic catalog entries); RULES findings "Repeats"`,
    request: cma([
      { courseId: 'aama-chapter-meeting', completedOn: '2024-03-09', credits: { general: 4 } },
      { courseId: 'aama-chapter-meeting', completedOn: '2025-03-08', credits: { general: 5 } },
    ]),
    check: (b) => {
      expectRow(b, 'general', 9, 1)
      expectRow(b, 'aama-approved', 9, 21)
      expectNoWarning(b, 'repeat-course-unverified')
    },
  },
  {
    id: 'cma-generic-entry-same-date-is-a-duplicate',
    rule: `${ENGINE} (duplicate detection: same catalog id and date)`,
    request: cma(
      twice({
        courseId: 'aama-chapter-meeting',
        completedOn: '2024-03-09',
        credits: { general: 4 },
      }),
    ),
    check: (b) => expectRow(b, 'total', 4, 56),
  },
  {
    id: 'cma-generic-cma-today-articles-repeat',
    rule: `${ENGINE} (generic catalog entries)`,
    request: cma([
      { courseId: 'cma-today-ce-article', completedOn: '2024-01-05', credits: { clinical: 1 } },
      {
        courseId: 'cma-today-ce-article',
        completedOn: '2024-03-05',
        credits: { administrative: 1 },
      },
      { courseId: 'cma-today-ce-article', completedOn: '2024-05-05', credits: { general: 1 } },
    ]),
    check: (b) => {
      expectRow(b, 'total', 3, 57)
      expectRow(b, 'aama-approved', 3, 27)
    },
  },
  {
    id: 'cma-generic-entry-needs-the-users-credits',
    rule: `${ENGINE} (generic catalog entries take the user's own credits)`,
    request: cma([{ courseId: 'aama-chapter-meeting', completedOn: '2024-03-09' }]),
    check: (b) => {
      expect(counted(b, 0)).toBe(0)
      expect(outcome(b, 0).reason).not.toBeNull()
    },
  },
  // --- Grace window and lapse ---------------------------------------------------------------------
  {
    id: 'cma-defect6-points-earned-in-grace-window-count',
    rule: `docs/rules.md CMA "lapse" and the gracePoints flag; ${SRC.aamaFaq}; ${SRC.aamaNotice2020}`,
    request: cma(
      [...minimums(), aama('2024-01-10', { clinical: 29 }), aama('2027-07-20', { clinical: 1 })],
      { asOf: '2027-08-15' },
    ),
    check: (b) => {
      expect(b.status).toBe('grace')
      expect(counted(b, 4)).toBe(1)
      expectRow(b, 'total', 60, 0)
      expect(b.complete).toBe(true)
      expectWarning(b, 'grace-points-unverified', { figures: ['cma-aama:gracePoints'] })
    },
  },
  {
    id: 'cma-grace-readings-differ-both-dates-reported',
    rule: `docs/rules.md CMA "lapse", Traps 4; ${SRC.aamaFaq}; ${SRC.aamaNotice2020}`,
    request: cma([], { asOf: '2027-09-29' }),
    check: (b) => {
      expect(b.status).toBe('grace')
      expect(b.graceDeadlines).toEqual([
        { reading: 'three months', date: '2027-09-30' },
        { reading: '90 days', date: '2027-09-28' },
      ])
      expect(pathway(b, 'continuing-education').available).toBe(true)
      expectWarning(b, 'grace-readings-differ')
      for (const clause of endedWarnings(b)) expect(clause).not.toContain('2027-09-30')
    },
  },
  {
    id: 'cma-grace-both-windows-open-nothing-ended',
    rule: `docs/rules.md CMA "lapse"; ${SRC.aamaFaq}`,
    request: cma([], { asOf: '2027-08-01' }),
    check: (b) => {
      expect(b.status).toBe('grace')
      expect(endedWarnings(b)).toEqual([])
      expect(pathway(b, 'continuing-education').available).toBe(true)
    },
  },
  {
    id: 'cma-grace-90-days-later-than-three-months',
    rule: `docs/rules.md CMA "lapse" (the later reading decides); ${SRC.aamaFaq}; ${SRC.aamaNotice2020}`,
    request: cma([], { cycleEnd: '2027-01-31', asOf: '2027-05-01' }),
    check: (b) => {
      expect(b.graceDeadlines).toEqual([
        { reading: 'three months', date: '2027-04-30' },
        { reading: '90 days', date: '2027-05-01' },
      ])
      expect(b.status).toBe('grace')
      expect(pathway(b, 'continuing-education').available).toBe(true)
    },
  },
  {
    id: 'cma-lapsed-after-both-windows',
    rule: `docs/rules.md CMA "lapse" (exam + $50 reactivation + exam fee); ${SRC.aamaFaq}`,
    request: cma([], { asOf: '2027-10-01' }),
    check: (b) => {
      expect(b.status).toBe('lapsed')
      expect(pathway(b, 'continuing-education').available).toBe(false)
      expect(pathway(b, 'exam').available).toBe(true)
      expect(pathway(b, 'exam').fee).toBe(300)
    },
  },
  {
    id: 'cma-activity-after-grace-window-does-not-count',
    rule: `docs/rules.md CMA "lapse"; ${SRC.aamaFaq}`,
    request: cma([aama('2027-10-01', { clinical: 1 })], { asOf: '2027-10-15' }),
    check: (b) => {
      expect(counted(b, 0)).toBe(0)
      expect(outcome(b, 0).reason).not.toBeNull()
    },
  },
  {
    id: 'cma-grace-deadlines-leap-year',
    rule: `docs/rules.md CMA "lapse" (three months from 2027-11-30 is 2028-02-29)`,
    request: cma([], { cycleEnd: '2027-11-30' }),
    check: (b) =>
      expect(b.graceDeadlines).toEqual([
        { reading: 'three months', date: '2028-02-29' },
        { reading: '90 days', date: '2028-02-28' },
      ]),
  },
  {
    id: 'cma-grace-deadlines-agree',
    rule: `docs/rules.md CMA "lapse" (from 2026-11-30 both readings give 2027-02-28)`,
    request: cma([], { cycleEnd: '2026-11-30' }),
    check: (b) =>
      expect(b.graceDeadlines).toEqual([
        { reading: 'three months', date: '2027-02-28' },
        { reading: '90 days', date: '2027-02-28' },
      ]),
  },
  {
    id: 'cma-grace-deadlines-from-2029-02-28',
    rule: `docs/rules.md CMA "lapse"`,
    request: cma([], { cycleEnd: '2029-02-28' }),
    check: (b) =>
      expect(b.graceDeadlines).toEqual([
        { reading: 'three months', date: '2029-05-31' },
        { reading: '90 days', date: '2029-05-29' },
      ]),
  },
  {
    id: 'cma-every-row-fee-pathway-has-confidence',
    rule: `docs/rules.md "Confidence and warnings"`,
    request: cma([adhoc('2024-01-10', { general: 1 }, { hours: 1 })]),
    check: (b) => {
      for (const r of b.requirements) expect(r.confidence).toBe('official')
      for (const p of b.pathways) {
        expect(p.confidence).toBe('official')
        expect(p.source).toMatch(/aama-ntl\.org/)
      }
      expect(b.requirements[0].source).toMatch(/aama-ntl\.org/)
      expectNoWarning(b, 'unverified-figure')
    },
  },
]
