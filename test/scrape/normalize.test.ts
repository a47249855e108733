import { describe, expect, it } from 'vitest'
import {
  parseApprovals,
  parseApprovalsUntil,
  parseCredits,
  parseDate,
  parseFormat,
  parseHours,
  parsePrice,
  stableId,
} from '../../src/scrape/normalize.js'

describe('normalising what provider pages say', () => {
  it.each([
    ['AAMA approved through 08/29/2019', { AAMA: '2019-08-29' }],
    ['AAMA approval expires August 29, 2019', { AAMA: '2019-08-29' }],
    ['Approved by AMMA until 2019-08-29; AMT accepted', { AAMA: '2019-08-29' }],
    [
      'AMT: valid through 12/31/2027. NHA expires on Jan 5, 2028',
      { AMT: '2027-12-31', NHA: '2028-01-05' },
    ],
    ['AAMA approved (1.0 CEU)', {}],
    ['', {}],
  ])('approval end %j -> %j', (text, until) => {
    expect(parseApprovalsUntil(text)).toEqual(until)
  })

  it.each([
    ['$29.95', 29.95],
    ['Price: $1,250.00', 1250],
    ['Free', 0],
    ['FREE for everyone', 0],
    ['Members: $10 / Non-members: $20', 20],
    ['Members: Free / Nonmembers: $20.00', 20],
    ['Non-member $45, member $30', 45],
    ['Contact us for pricing', null],
    ['', null],
  ])('price %j -> %j', (text, price) => {
    expect(parsePrice(text)).toBe(price)
  })

  it.each([
    ['1.5 contact hours', 1.5],
    ['90 min', 1.5],
    ['1 hour 30 minutes', 1.5],
    ['2 hrs', 2],
    ['PT1H30M', 1.5],
    ['PT45M', 0.75],
    ['3 clock hours', 3],
    ['2 CEUs', null],
  ])('hours %j -> %j', (text, hours) => {
    expect(parseHours(text)).toBe(hours)
  })

  it.each([
    ['1.0 AAMA CEU (Clinical)', null, { clinical: 1 }],
    ['Administrative: 0.5, General: 0.5', null, { administrative: 0.5, general: 0.5 }],
    ['4.0 (Clinical 2.0, General 2.0)', null, { clinical: 2, general: 2 }],
    ['2 CEUs', 'clinical', { clinical: 2 }],
    ['2 CEUs', null, {}],
    ['Admin 1', null, { administrative: 1 }],
  ] as const)('credits %j (area %j) -> %j', (text, area, credits) => {
    expect(parseCredits(text, area)).toEqual(credits)
  })

  it('reads approving bodies, "AMMA" as AAMA, in a fixed order and never twice', () => {
    expect(parseApprovals('Approved by the AMMA; accepted by NHA and AMT')).toEqual([
      'AAMA',
      'AMT',
      'NHA',
    ])
    expect(parseApprovals('AAMA and AMMA')).toEqual(['AAMA'])
    expect(parseApprovals('Accredited by ANCC')).toEqual([])
  })

  it('makes stable ids from a code or a title', () => {
    expect(stableId('relias', 'Phlebotomy Basics')).toBe('relias-phlebotomy-basics')
    expect(stableId('aama', 'Point-of-Care Testing & CLIA Waivers')).toBe(
      'aama-point-of-care-testing-and-clia-waivers',
    )
    expect(stableId('ace', '  Café   Étiquette!! ')).toBe('ace-cafe-etiquette')
    expect(stableId('x', 'a'.repeat(200))).toHaveLength(82)
  })

  it('reads dates and formats', () => {
    expect(parseDate('2027-10-08T08:00:00-05:00')).toBe('2027-10-08')
    expect(parseDate('March 20, 2027')).toBe('2027-03-20')
    expect(parseDate('Sept. 4 2027')).toBe('2027-09-04')
    expect(parseDate('soon')).toBeNull()
    expect(parseFormat('Self-Study')).toBe('self-study')
    expect(parseFormat('Live Webinar')).toBe('webinar')
    expect(parseFormat('something else', 'seminar')).toBe('seminar')
  })
})
