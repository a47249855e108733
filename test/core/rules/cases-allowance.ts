import { expect } from 'vitest'
import { aama, type Case, CMA, hours, other, row } from './cases.js'

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
      // The helper gives each entry a random title, so which of the two is kept is open: one is.
      expect(
        p.activities.filter((a) => /^duplicate of activity [01]/.test(a.reason ?? '')),
      ).toHaveLength(1)
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
