import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFacet, readPerPage, readSort, warnIgnored } from '../../src/widget/attributes.js'

describe('reading the catalog attributes', () => {
  it.each([
    ['category', 'Clinical', ['clinical'], []],
    ['category', ' clinical , GENERAL ', ['clinical', 'general'], []],
    ['category', 'Clinical,surgery', ['clinical'], ['surgery']],
    ['approval', 'aama', ['AAMA'], []],
    // The common typo, accepted as an alias in any case.
    ['approval', 'AMMA,amma,Amt', ['AAMA', 'AMT'], []],
    ['approval', 'ncct,AAPC', ['NCCT'], ['AAPC']],
    ['format', 'Self study,CPR card,webinar', ['self-study', 'cpr-card', 'webinar'], []],
    ['format', 'webinars', [], ['webinars']],
    ['provider', 'ACE,Relias', ['ace', 'relias'], []],
    ['category', '', [], []],
    ['category', null, [], []],
  ] as const)('%s="%s" -> %j, ignoring %j', (facet, raw, values, unknown) => {
    expect(readFacet(facet, raw)).toEqual({ values, unknown })
  })

  it.each([
    ['Price', 'price'],
    ['relevance', 'relevance'],
    ['cheapest', null],
  ])('sort="%s" -> %s', (raw, sort) => {
    expect(readSort(raw)).toBe(sort)
  })

  it.each([
    ['10', 10],
    ['100', 100],
    ['0', null],
    ['101', null],
    ['2.5', null],
    ['lots', null],
  ])('per-page="%s" -> %s', (raw, n) => {
    expect(readPerPage(raw)).toBe(n)
  })
})

describe('warning the developer', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('warns once per distinct set of ignored values, and not at all when none', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    warnIgnored('ceu-catalog', [['category', []]])
    expect(warn).not.toHaveBeenCalled()
    warnIgnored('ceu-catalog', [
      ['category', ['surgery']],
      ['format', ['webinars']],
    ])
    warnIgnored('ceu-catalog', [
      ['category', ['surgery']],
      ['format', ['webinars']],
    ])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toBe(
      '<ceu-catalog>: ignored category="surgery", format="webinars" (not a value this catalog knows); showing results without them.',
    )
  })
})
