import fc from 'fast-check'
import type { ClassModel, UnitClass } from '../../src/core/milp/classes.js'

/**
 * Random class models of the planner's shape and beyond: covering rows (>=), limits (<=) and
 * ranged rows over classes of 1-4 units with non-decreasing costs, ties that are equal within a
 * class or rise with the cost, coefficients in halves and quarters, and sometimes a continuous
 * class. `integerOnly` leaves continuous classes out (for brute force).
 */
export const arbClassModel = (integerOnly: boolean) =>
  fc
    .record({
      k: fc.integer({ min: 1, max: 7 }),
      m: fc.integer({ min: 1, max: 6 }),
      seed: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 160, maxLength: 160 }),
    })
    .map(({ k, m, seed }): ClassModel => {
      let at = 0
      const next = (n: number) => (seed[at++ % seed.length] as number) % n
      const classes: UnitClass[] = Array.from({ length: k }, () => {
        const index: number[] = []
        const value: number[] = []
        for (let i = 0; i < m; i++) {
          const v = [0, 0, 0.5, 1, 1, 1.5, 2, 0.75, 3, 4][next(10)] as number
          if (v > 0) {
            index.push(i)
            value.push(v)
          }
        }
        if (!integerOnly && next(6) === 0) {
          return {
            index,
            value,
            cost: [next(9)],
            tie: [next(5)],
            integer: false,
            upper: 1 + next(3),
          }
        }
        const units = 1 + next(4)
        let cost = next(12)
        const tie = next(5)
        const costs = Array.from({ length: units }, () => (cost += next(4)))
        // Ties rise within a class now and then: (cost, tie) never decreases.
        let rising = tie
        const ties = costs.map(() => (rising += next(3) === 0 ? 1 : 0))
        return { index, value, cost: costs, tie: ties, integer: true }
      })
      const rows = Array.from({ length: m }, () => {
        const kind = next(6)
        const rhs = 1 + next(7)
        if (kind === 0) return { lower: Number.NEGATIVE_INFINITY, upper: rhs }
        if (kind === 1) return { lower: rhs / 2, upper: rhs + 2 }
        return { lower: rhs, upper: Number.POSITIVE_INFINITY }
      })
      return { rows, classes }
    })
