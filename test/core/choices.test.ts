import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Offer } from '../../src/core/catalog/schemas.js'
import { type Choice, leastRatio, offerChoices } from '../../src/core/plan/choices.js'
import { CENTS, type Lowering, lowered } from '../../src/core/plan/prices.js'

/**
 * The bound one solved offer choice gives another (docs/architecture.md, the offer-choice
 * search): every price of a choice is at least the least ratio of its prices to the solved
 * one's times that one's, so its plans cost at least that ratio times the solved choice's LP.
 * The ratio is read from the offers' lowerings alone; here it is checked against the ratio
 * computed plainly over every course's price.
 */

const cents = (dollars: number) => Math.round(dollars * CENTS)

/** Prices in whole cents (some free), and offers lowering some of them (to 0 at times). */
const arbCase = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    base: fc.array(
      fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 9000 }).map((c) => c / 100),
      ),
      { minLength: n, maxLength: n },
    ),
    offers: fc.array(
      fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 100 })), {
        maxLength: n,
      }),
      { minLength: 1, maxLength: 4 },
    ),
    here: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    there: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  }),
)

/** An offer's lowering: each position it names at a percentage of its base price, if lower. */
function loweringOf(base: readonly number[], cuts: readonly [number, number][]): Lowering {
  const index: number[] = []
  const price: number[] = []
  for (const [j, percent] of cuts) {
    const p = Math.round((((base[j] as number) * percent) / 100) * CENTS) / CENTS
    if (p < (base[j] as number)) {
      index.push(j)
      price.push(p)
    }
  }
  return { index, price }
}

describe('leastRatio', () => {
  it('is the least ratio of every price to the solved choice’s, at most 1 (1,000 cases)', () => {
    fc.assert(
      fc.property(arbCase, ({ base, offers, here, there }) => {
        const lowerings = offers.map((cuts) => loweringOf(base, cuts))
        const pick = (mask: boolean[]) => lowerings.filter((_, k) => mask[k])
        const mine: Choice = { lowerings: pick(here) }
        const solved: Choice = { lowerings: pick(there) }
        solved.prices = lowered(base, solved.lowerings)
        const prices = lowered(base, mine.lowerings)
        // Plainly: over every course that costs something with the solved choice's offers.
        let exact = Number.POSITIVE_INFINITY
        base.forEach((_, j) => {
          const other = cents(solved.prices?.[j] as number)
          if (other > 0) exact = Math.min(exact, cents(prices[j] as number) / other)
        })
        expect(leastRatio(mine, solved)).toBe(Math.min(1, exact))
      }),
      { numRuns: 1000 },
    )
  })

  it('halves for a 50% discount added to a solved choice, and is 0 when a priced course is made free', () => {
    const base = [10, 20, 30, 40]
    const half: Lowering = { index: [0, 1], price: [5, 10] }
    const free: Lowering = { index: [2], price: [0] }
    const none: Choice = { lowerings: [], prices: base }
    expect(leastRatio({ lowerings: [half] }, none)).toBe(0.5)
    expect(leastRatio({ lowerings: [free] }, none)).toBe(0)
    // The solved choice made a course free: that course bounds nothing.
    const solved: Choice = { lowerings: [free], prices: lowered(base, [free]) }
    expect(leastRatio({ lowerings: [half, free] }, solved)).toBe(0.5)
    // A course only the solved choice lowers costs its base price here: no less than there.
    expect(leastRatio({ lowerings: [] }, solved)).toBe(1)
  })
})

describe('offerChoices', () => {
  it('lists every choice once, cheapest first, then by fewer offers', () => {
    const offer = (id: string, price: number): Offer => ({ id, provider: id, name: id, price })
    const choices = offerChoices([offer('a', 30), offer('b', 10), offer('c', 20)])
    expect(choices.map((c) => c.offers.map((o) => o.id).join('+'))).toEqual([
      '',
      'b',
      'c',
      'a',
      'b+c',
      'a+b',
      'a+c',
      'a+b+c',
    ])
    expect(choices.map((c) => c.offerCost)).toEqual([0, 10, 20, 30, 30, 40, 50, 60])
    expect(new Set(choices.map((c) => c.key)).size).toBe(8)
  })
})
