import { describe, expect, it } from 'vitest'
import { expandQuery, SynonymTable, toFts5Match } from '../../src/core/search/expansion.js'
import { highlight } from '../../src/core/search/highlight.js'
import { allowedTypos, tokenize, typoDistance } from '../../src/core/search/text.js'
import { Vocabulary } from '../../src/core/search/vocabulary.js'

describe('tokenize', () => {
  it('lower-cases, folds diacritics and splits like FTS5 unicode61', () => {
    expect(tokenize('Électro-Cardiogram (12-lead) café')).toEqual([
      'electro',
      'cardiogram',
      '12',
      'lead',
      'cafe',
    ])
  })
})

describe('typoDistance', () => {
  it.each([
    ['cardiology', 'cardiology', 0],
    ['cardiolgy', 'cardiology', 1],
    ['pharmacolgy', 'pharmacology', 1],
    ['flebotomy', 'phlebotomy', 2],
    ['hipaa', 'hiapa', 1], // a transposition is one typo
    ['osha', 'xxxxxxxx', 3], // capped at max + 1
  ])('%s ~ %s = %i', (a, b, expected) => {
    expect(typoDistance(a, b, 2)).toBe(expected)
  })

  it('allows Meilisearch typo counts: none under 5 letters, 1 from 5, 2 from 9', () => {
    expect([4, 5, 8, 9, 20].map(allowedTypos)).toEqual([0, 1, 1, 2, 2])
  })
})

describe('expandQuery', () => {
  const vocabulary = new Vocabulary(
    [
      'phlebotomy',
      'venipuncture',
      'blood',
      'draw',
      'cardiology',
      'ekg',
      'ecg',
      'electrocardiogram',
      'basics',
    ].map((term) => ({ term, docs: 1 })),
  )
  const synonyms = new SynonymTable([
    ['ekg', 'ecg', 'electrocardiogram'],
    ['phlebotomy', 'venipuncture', 'blood draw'],
  ])

  it('expands synonyms, including multi-word ones, and quotes every phrase', () => {
    expect(toFts5Match(expandQuery('blood draw basics', vocabulary, synonyms))).toBe(
      '("phlebotomy" OR "venipuncture" OR "blood draw") AND "basics"*',
    )
  })

  it('corrects unknown words only, and makes the last word a prefix', () => {
    expect(toFts5Match(expandQuery('cardiolgy ekg', vocabulary, synonyms))).toBe(
      '("cardiolgy" OR "cardiology") AND ("ekg" OR "ecg" OR "electrocardiogram" OR "ekg"*)',
    )
    expect(toFts5Match(expandQuery('cardio', vocabulary, synonyms))).toBe('"cardio"*')
  })

  it('does not treat a finished last word as a prefix', () => {
    expect(toFts5Match(expandQuery('basics ', vocabulary, synonyms))).toBe('"basics"')
  })

  it('neutralises FTS5 syntax', () => {
    expect(toFts5Match(expandQuery('NEAR("a" b) OR title:x*', vocabulary, synonyms))).toBe(
      '"near" AND "a" AND "b" AND "or" AND "title" AND "x"',
    )
  })
})

describe('highlight', () => {
  const vocabulary = new Vocabulary([{ term: 'cardiology', docs: 1 }])
  const groups = expandQuery('cardio', vocabulary, new SynonymTable([]))

  it('marks prefixes and escapes HTML', () => {
    expect(highlight('<b>Cardiology</b> & "you"', groups)).toBe(
      '&lt;b&gt;<mark>Cardio</mark>logy&lt;/b&gt; &amp; &quot;you&quot;',
    )
  })

  it('cuts a snippet around the first match', () => {
    const text = `${'filler '.repeat(50)}cardiology ${'tail '.repeat(50)}`
    const snippet = highlight(text, groups, 10)
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet).toContain('<mark>cardio</mark>logy')
    expect(snippet.split(' ').length).toBeLessThan(14)
  })
})
