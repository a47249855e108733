import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../src/core/plan/candidates.js'
import { ColumnReducer } from '../../src/core/plan/columns.js'
import type { Model } from '../../src/core/plan/model.js'
import { type Lowering, lowered } from '../../src/core/plan/prices.js'

/**
 * Random models whose courses fall into few groups (one to three rows, coefficients 0-2, two
 * weights), needs that let a plan use only a few of a group, prices from a short list (ties
 * that only the index breaks), and up to three offers each lowering a random part of them.
 */
const arbCase = fc
  .record({
    rows: fc.integer({ min: 1, max: 3 }),
    courses: fc.array(
      fc.record({
        coefficients: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
        weight: fc.constantFrom(1, 2),
        price: fc.constantFrom(4, 5, 5, 6, 12.5, 20),
        lowered: fc.array(fc.option(fc.constantFrom(0, 1, 2.5, 3, 4), { nil: null }), {
          minLength: 3,
          maxLength: 3,
        }),
      }),
      { minLength: 10, maxLength: 120 },
    ),
    need: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
    offers: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ rows: m, courses, need, offers }) => {
    // The reducer reads a candidate's weight (hours) and nothing else of it.
    const candidates = courses.map((c) => ({ weight: c.weight, price: c.price }) as Candidate)
    const rows = Array.from({ length: m }, (_, r) => {
      const index: number[] = []
      const value: number[] = []
      courses.forEach((c, j) => {
        const v = c.coefficients[r] as number
        if (v !== 0) {
          index.push(j)
          value.push(v)
        }
      })
      return { lower: need[r] as number, upper: Number.POSITIVE_INFINITY, index, value }
    })
    const model: Model = {
      candidates,
      rows,
      extra: [],
      need: need.slice(0, m),
      available: [],
    }
    const base = courses.map((c) => c.price)
    const lowerings: Lowering[] = Array.from({ length: offers }, (_, o) => {
      const index: number[] = []
      const price: number[] = []
      courses.forEach((c, j) => {
        const p = c.lowered[o]
        if (p !== null && p !== undefined && p < c.price) {
          index.push(j)
          price.push(p)
        }
      })
      return { index, price }
    })
    return { model, base, lowerings }
  })

/**
 * The classes as the README defines them, written out plainly: courses with the same
 * coefficient in every row and the same hours are one class (in order of their first course),
 * those that help no covering row are dropped, and a class keeps its cheapest courses at these
 * prices (cents, then index), as many as its largest row could use: ceil(need / coefficient).
 */
function byDefinition(model: Model, prices: readonly number[]): number[][] {
  const coefficients = (j: number) =>
    model.rows.map((row) => {
      const k = row.index.indexOf(j)
      return k < 0 ? 0 : (row.value[k] as number)
    })
  const classes = new Map<string, number[]>()
  model.candidates.forEach((c, j) => {
    const column = coefficients(j)
    const helps = column.some(
      (v, r) => v > 0 && (model.rows[r]?.lower ?? Number.NEGATIVE_INFINITY) > -Infinity,
    )
    if (!helps) return
    const key = `${column.join(',')}|${c.weight}`
    classes.set(key, [...(classes.get(key) ?? []), j])
  })
  const cents = (j: number) => Math.round((prices[j] as number) * 100)
  return [...classes.values()].map((members) => {
    let limit = 1
    coefficients(members[0] as number).forEach((v, r) => {
      const need = model.need[r] as number
      if (v > 0 && need > 0) limit = Math.max(limit, Math.ceil(need / v))
    })
    return [...members].sort((a, b) => cents(a) - cents(b) || a - b).slice(0, limit)
  })
}

describe('column reduction per offer choice', () => {
  it("keeps each class's cheapest few at the choice's prices, as the definition says (500 random models)", () => {
    fc.assert(
      fc.property(arbCase, ({ model, base, lowerings }) => {
        const reducer = new ColumnReducer(model)
        for (let mask = 0; mask < 1 << lowerings.length; mask++) {
          const bought = lowerings.filter((_, k) => mask & (1 << k))
          const prices = lowered(base, bought)
          expect(reducer.classes(prices, base, bought)).toEqual(byDefinition(model, prices))
        }
      }),
      { numRuns: 500, seed: 2026 },
    )
  })
})
