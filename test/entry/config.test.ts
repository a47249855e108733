import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig, parseWorkerConfig } from '../../src/entry/config.js'

describe('SAMPLE_DATA', () => {
  it.each([
    [undefined, 'include'],
    ['include', 'include'],
    ['exclude', 'exclude'],
  ])('%j is read as %s, on Node and on the Worker', (value, expected) => {
    expect(parseConfig({ SAMPLE_DATA: value }).SAMPLE_DATA).toBe(expected)
    expect(parseWorkerConfig({ SAMPLE_DATA: value }).SAMPLE_DATA).toBe(expected)
  })

  it.each(['', 'Exclude', 'no', 'true'])(
    '%j is refused, naming the variable and the values',
    (value) => {
      const message = `Invalid configuration:\n  SAMPLE_DATA: must be include or exclude, not ${JSON.stringify(value)}`
      expect(() => parseConfig({ SAMPLE_DATA: value })).toThrow(new ConfigError(message))
      expect(() => parseWorkerConfig({ SAMPLE_DATA: value })).toThrow(new ConfigError(message))
    },
  )
})
