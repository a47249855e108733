import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Milp } from '../../src/core/milp/port.js'

/** min 3a + 2b + 4c  s.t.  a + b + c >= k,  a, b, c binary */
function model(k: number): Milp {
  return {
    cost: [3, 2, 4],
    lower: [0, 0, 0],
    upper: [1, 1, 1],
    integer: [true, true, true],
    rows: [{ lower: k, upper: Number.POSITIVE_INFINITY, index: [0, 1, 2], value: [1, 1, 1] }],
  }
}

describe('HiGHS solver', () => {
  it('solves, and says infeasible plainly', async () => {
    const solver = new HighsSolver()
    expect(await solver.solve(model(2))).toMatchObject({
      status: 'optimal',
      objective: 5,
      x: [1, 1, 0],
    })
    expect(await solver.solve(model(4))).toMatchObject({ status: 'infeasible', feasible: false })
  })

  it.each([
    ['reloading every 2,000 solves (the default)', {}],
    ['on one instance', { reloadEvery: Number.POSITIVE_INFINITY }],
  ])(
    'survives 10,000 consecutive solves in one process, %s',
    async (_label, options) => {
      const solver = new HighsSolver(options)
      let failures = 0
      for (let i = 0; i < 10_000; i++) {
        const k = i % 4
        const result = await solver.solve(model(k))
        const expected = [0, 2, 5, 9][k] as number
        if (result.status !== 'optimal' || Math.round(result.objective) !== expected) failures++
      }
      expect(failures).toBe(0)
    },
    120_000,
  )
})
