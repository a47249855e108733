import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { type Milp, type MilpResult, type Solver, satisfies } from '../../src/core/milp/port.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'

const highs = new HighsSolver()
/** Fails the test if the small solver hands a model on: these must be solved by it alone. */
const refuse: Solver = {
  solve: () => Promise.reject(new Error('handed to the fallback')),
}
const small = new SmallMilpSolver(refuse)

const arbModel = fc
  .record({
    n: fc.integer({ min: 1, max: 9 }),
    m: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: -4, max: 8 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ n, m, seed }): Milp => {
    let k = 0
    const next = () => seed[k++ % seed.length] as number
    const cost = Array.from({ length: n }, () => next() * 3 + (k % 2))
    const upper = Array.from({ length: n }, () => (next() > 5 ? 3 : 1))
    const integer = Array.from({ length: n }, () => next() > -3)
    const rows = Array.from({ length: m }, () => {
      const index: number[] = []
      const value: number[] = []
      for (let j = 0; j < n; j++) {
        const v = next()
        if (v > 0) {
          index.push(j)
          value.push(v / 2)
        }
      }
      const kind = next()
      const rhs = Math.abs(next()) + 1
      return kind > 4
        ? { lower: Number.NEGATIVE_INFINITY, upper: rhs * 2, index, value }
        : kind > 2
          ? { lower: rhs, upper: rhs * 3, index, value }
          : { lower: rhs, upper: Number.POSITIVE_INFINITY, index, value }
    })
    return { cost, lower: cost.map(() => 0), upper, integer, rows }
  })

const objective = (model: Milp, r: MilpResult) =>
  model.cost.reduce((s, c, j) => s + c * (r.x[j] as number), 0)

describe('small-model solver agrees with HiGHS', () => {
  it('on 400 random MILPs with covering, packing and ranged rows, binaries, integers and continuous columns', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel, async (model) => {
        const expected = await highs.solve(model)
        const got = await small.solve(model)
        expect(got.status).toBe(expected.status === 'optimal' ? 'optimal' : 'infeasible')
        if (got.status !== 'optimal') return
        expect(satisfies(model, got.x)).toBe(true)
        expect(got.objective).toBeCloseTo(expected.objective, 4)
        expect(objective(model, got)).toBeCloseTo(got.objective, 6)
      }),
      { numRuns: 400, seed: 4242 },
    )
  })

  it('on their LP relaxations, with reduced costs = cost - A^T duals and optimal duals', async () => {
    await fc.assert(
      fc.asyncProperty(arbModel, async (model) => {
        const expected = await highs.solve(model, { relax: true })
        const got = await small.solve(model, { relax: true })
        expect(got.status).toBe(expected.status === 'optimal' ? 'optimal' : 'infeasible')
        if (got.status !== 'optimal') return
        expect(got.objective).toBeCloseTo(expected.objective, 4)
        const y = got.rowDuals as number[]
        const d = got.reducedCosts as number[]
        // Reduced costs are cost - A^T y, with HiGHS' signs.
        model.cost.forEach((c, j) => {
          let aty = 0
          model.rows.forEach((row, i) => {
            const k = row.index.indexOf(j)
            if (k >= 0) aty += (row.value[k] as number) * (y[i] as number)
          })
          expect(d[j]).toBeCloseTo(c - aty, 6)
        })
        // Strong duality: the dual objective equals the LP optimum.
        let dual = 0
        model.rows.forEach((row, i) => {
          const yi = y[i] as number
          if (yi > 1e-9) dual += yi * row.lower
          else if (yi < -1e-9) dual += yi * row.upper
        })
        model.cost.forEach((_, j) => {
          const dj = d[j] as number
          dual += dj > 0 ? dj * (model.lower[j] as number) : dj * (model.upper[j] as number)
        })
        expect(dual).toBeCloseTo(got.objective, 6)
      }),
      { numRuns: 400, seed: 4243 },
    )
  })

  it('hands a model it cannot take (too many rows) to the fallback', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => ({
      lower: 1,
      upper: Number.POSITIVE_INFINITY,
      index: [i % 3],
      value: [1],
    }))
    const model: Milp = {
      cost: [1, 2, 3],
      lower: [0, 0, 0],
      upper: [1, 1, 1],
      integer: [true, true, true],
      rows,
    }
    await expect(small.solve(model)).rejects.toThrow('handed to the fallback')
    const r = await new SmallMilpSolver(highs).solve(model)
    expect(r.objective).toBe(6)
  })

  it('hands a search that outgrows its work limit to the fallback, which proves it', async () => {
    // A knapsack-like covering with near-equal prices: the tree outgrows a tiny work limit.
    const n = 40
    const cost = Array.from({ length: n }, (_, j) => 1000 + ((j * 37) % 23))
    const model: Milp = {
      cost,
      lower: cost.map(() => 0),
      upper: cost.map(() => 1),
      integer: cost.map(() => true),
      rows: [
        {
          lower: 61.5,
          upper: Number.POSITIVE_INFINITY,
          index: cost.map((_, j) => j),
          value: cost.map((_, j) => 1 + ((j * 7) % 5) / 2),
        },
      ],
    }
    let handed = 0
    const counting: Solver = {
      solve: (m, o) => {
        handed++
        return highs.solve(m, o)
      },
    }
    const limited = new SmallMilpSolver(counting, { rows: 64, work: 1 })
    const r = await limited.solve(model, { integralObjective: true })
    const expected = await highs.solve(model)
    expect(handed).toBe(1)
    expect(r.objective).toBeCloseTo(expected.objective, 6)
  })
})
