import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/core/rules/select.js'

/** The plain way, as it was written first: the reference the hand-built one must equal. */
function plain(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(plain).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${plain(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Values as activities hold them, and beyond: strings (quotes, backslashes, accents, controls,
 * lone surrogates), numbers (-0 included), flags, nulls, undefined.
 */
const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('AAMA', 'say "hi"', 'é\\n', '', 'tab\t', '\u0001', '\ud800', '😀', 'back\\slash'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
)
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(fc.string(), fc.constantFrom('b', 'a', 'Z', 'é', '"')),
    tie('node'),
    {
      maxKeys: 5,
    },
  ),
})).node

describe('canonical JSON', () => {
  it('equals the plain way (sorted entries, joined) on 2,000 random values', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(plain(v))
      }),
      { numRuns: 2000, seed: 4242 },
    )
  })

  it('gives two equal entries the same text, whatever their key order', () => {
    const a = { title: 'CPR', credits: { clinical: 2, general: 1 }, approvals: ['AAMA'] }
    const b = {
      approvals: ['AAMA'],
      credits: { general: 1, clinical: 2 },
      title: 'CPR',
      x: undefined,
    }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson(a)).toBe(
      '{"approvals":["AAMA"],"credits":{"clinical":2,"general":1},"title":"CPR"}',
    )
  })
})
