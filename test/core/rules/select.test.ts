import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/core/rules/select.js'

/** The same value with every object's keys in another order (reversed). */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    )
  return value
}

describe('canonical JSON', () => {
  it('reads back as the value, whatever the order of its keys (1,000 random JSON values)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
        expect(canonicalJson(reordered(value))).toBe(text)
      }),
      { numRuns: 1000, seed: 4242 },
    )
  })

  it('sorts keys by code units, leaves out undefined members, and keeps arrays in order', () => {
    expect(
      canonicalJson({ b: 1, a: [3, { d: undefined, c: 'x' }], B: null, é: true, '10': 0, '9': 0 }),
    ).toBe('{"10":0,"9":0,"B":null,"a":[3,{"c":"x"}],"b":1,"é":true}')
    expect(canonicalJson([])).toBe('[]')
    expect(canonicalJson({})).toBe('{}')
    expect(canonicalJson('a"b')).toBe('"a\\"b"')
  })
})
