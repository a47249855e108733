import { describe, expect, it } from 'vitest'
import type { Course } from '../../../src/core/catalog/schemas.js'
import {
  COUNTS_WITHOUT_END,
  countingDays,
  countsFor,
  countsUntil,
} from '../../../src/core/rules/counts-for.js'
import { makeCourse } from '../../helpers/app.js'
import { loadRuleSet } from '../../helpers/rules.js'

const cma = loadRuleSet('cma-aama')
const ncma = loadRuleSet('ncma-ncct')
const all = ['cma-aama', 'rma-amt', 'ncma-ncct', 'ccma-nha', 'rma-arma'].map(loadRuleSet)

const course = (overrides: Partial<Course>) => makeCourse({ approvals: [], ...overrides })
/** Under one contact hour: CMA (AAMA) counts it only as an AAMA CEU (docs/rules.md). */
const half = { hours: 0.5, credits: { clinical: 0.5 } }

describe('the last day a course counts for a credential', () => {
  it.each([
    ['an hour-long course without approvals', cma, course({}), COUNTS_WITHOUT_END],
    [
      'an hour-long course whose AAMA approval ends (non-AAMA points after)',
      cma,
      course({ approvals: ['AAMA'], approvalsUntil: { AAMA: '2026-06-30' } }),
      COUNTS_WITHOUT_END,
    ],
    ['a 30-minute course without AAMA approval', cma, course(half), null],
    ['a 30-minute AAMA course', cma, course({ ...half, approvals: ['AAMA'] }), COUNTS_WITHOUT_END],
    [
      'a 30-minute AAMA course whose approval ends',
      cma,
      course({ ...half, approvals: ['AAMA'], approvalsUntil: { AAMA: '2026-06-30' } }),
      '2026-06-30',
    ],
    [
      'a 30-minute course whose AMT approval outlives its AAMA one (AMT does not count for CMA)',
      cma,
      course({
        ...half,
        approvals: ['AAMA', 'AMT'],
        approvalsUntil: { AAMA: '2026-06-30', AMT: '2027-12-31' },
      }),
      '2026-06-30',
    ],
    [
      'the same course for NCMA (NCCT), whose rules do not look at approvals',
      ncma,
      course({ ...half, approvals: ['AAMA'], approvalsUntil: { AAMA: '2026-06-30' } }),
      COUNTS_WITHOUT_END,
    ],
    [
      'a CPR card for NCMA (NCCT): no rule counts cards',
      ncma,
      course({ format: 'cpr-card' }),
      null,
    ],
    ['a course with no hours or credits', ncma, course({ hours: null, credits: {} }), null],
  ])('%s', (_, rules, c, expected) => {
    expect(countsUntil(rules, c)).toBe(expected)
    // Before the last day it counts; after it, it does not.
    if (expected !== null) expect(countsFor(rules, c, expected)).toBe(true)
    if (expected !== null && expected !== COUNTS_WITHOUT_END)
      expect(countsFor(rules, c, '2026-07-01')).toBe(false)
  })

  it('lists every credential the course counts for, and only those', () => {
    const days = countingDays(
      all,
      course({ ...half, approvals: ['AAMA'], approvalsUntil: { AAMA: '2026-06-30' } }),
    )
    expect(days).toEqual({
      'cma-aama': '2026-06-30',
      'rma-amt': COUNTS_WITHOUT_END,
      'ncma-ncct': COUNTS_WITHOUT_END,
      'ccma-nha': COUNTS_WITHOUT_END,
      'rma-arma': COUNTS_WITHOUT_END,
    })
    expect(countingDays(all, course({ hours: null, credits: {} }))).toEqual({})
  })
})
