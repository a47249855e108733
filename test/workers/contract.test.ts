import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { loadBundledHighs } from '../../src/entry/worker.js'
import { contractSuite } from '../contract/api.js'

contractSuite('workerd (local D1)', () => ({
  fetch: (path, init) => SELF.fetch(`http://recert.test${path}`, init),
}))

describe('HiGHS in workerd', () => {
  it('loads from the bundled WebAssembly module and proves a MIP optimal', async () => {
    const highs = new HighsSolver({ load: loadBundledHighs })
    const r = await highs.solve({
      cost: [3, 2, 4],
      lower: [0, 0, 0],
      upper: [1, 1, 1],
      integer: [true, true, true],
      rows: [{ lower: 2, upper: Number.POSITIVE_INFINITY, index: [0, 1, 2], value: [1, 1, 1] }],
    })
    expect(r.status).toBe('optimal')
    expect(r.objective).toBe(5)
    expect(r.x).toEqual([1, 1, 0])
  })
})
