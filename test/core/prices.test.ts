import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Offer } from '../../src/core/catalog/schemas.js'
import type { Candidate } from '../../src/core/plan/candidates.js'
import { lowered, loweringOf, offerPrice, relevantOffers } from '../../src/core/plan/prices.js'

/**
 * The offers a plan considers buying (docs: README, "Cheapest way to recertify"): priced, not
 * held, lowering some course's price; at most 12 (2^12 choices), those that could save the
 * most (what they take off the prices, less what they cost).
 */

/** Fourteen providers p0..p13 with one course each: p_k's costs 10 * (k + 1) dollars. */
const candidates = Array.from(
  { length: 14 },
  (_, k) => ({ price: 10 * (k + 1), provider: `p${k}`, format: 'online' }) as Candidate,
)
/** An offer making every course of one provider free, for $5. */
const free = (provider: string, id = provider): Offer => ({
  id,
  provider,
  name: `All of ${provider}`,
  price: 5,
  coursePrice: { provider, price: 0 },
})

function relevant(offers: Offer[], held: string[]) {
  // The list prices lowered by the held offers, as the planner's search starts from.
  const list = candidates.map((c) => c.price)
  const base = lowered(
    list,
    offers.filter((o) => held.includes(o.id)).map((o) => loweringOf(candidates, list, o)),
  )
  return relevantOffers(offers, held, base, (o) => loweringOf(candidates, base, o))
    .map((o) => o.id)
    .sort()
}

describe('offers worth considering', () => {
  const all = candidates.map((c) => free(c.provider))

  it('keeps the twelve that could save the most when more lower some price', () => {
    // p_k's offer saves 10 * (k + 1) - 5: the two smallest savings are p0's and p1's.
    expect(relevant(all, [])).toEqual(
      ['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p12', 'p13'].sort(),
    )
  })

  it('leaves out held offers, offers without a price and offers that lower nothing', () => {
    const offers = [
      ...all,
      { ...free('p13', 'unpriced'), price: null },
      free('nobody'),
      // Held: its course is free already, so another offer on it saves nothing either.
      free('p12', 'held'),
    ]
    expect(relevant(offers, ['held'])).toEqual(
      ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p13'].sort(),
    )
  })

  it('keeps every offer that lowers a price when there are at most twelve', () => {
    expect(relevant(all.slice(0, 12), [])).toEqual(
      all
        .slice(0, 12)
        .map((o) => o.id)
        .sort(),
    )
  })
})

describe('where an offer lowers prices', () => {
  it('is the same read run by run (runs of one offer group) as course by course (300 random lists)', () => {
    const course = fc.record({
      provider: fc.constantFrom('a', 'b', 'c'),
      format: fc.constantFrom('online', 'self-study'),
      price: fc.constantFrom(0, 4, 9.99, 12.5, 40),
    })
    const offer = fc.oneof(
      fc
        .record({ provider: fc.constantFrom('a', 'b'), price: fc.constantFrom(0, 5) })
        .map(
          (p): Offer => ({ id: 'x', provider: p.provider, name: 'x', price: 9, coursePrice: p }),
        ),
      fc
        .record({
          provider: fc.constantFrom('a', 'c'),
          percent: fc.constantFrom(10, 50, 100),
          formats: fc.option(fc.constant(['self-study' as const]), { nil: undefined }),
        })
        .map(
          (d): Offer => ({
            id: 'y',
            provider: d.provider,
            name: 'y',
            price: 9,
            courseDiscount: {
              provider: d.provider,
              percent: d.percent,
              ...(d.formats && { formats: ['self-study'] }),
            },
          }),
        ),
    )
    fc.assert(
      fc.property(
        fc.array(course, { maxLength: 40 }),
        fc.array(offer, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
        (courses, offers, cut) => {
          const candidates = courses.map((c) => c as Candidate)
          const base = candidates.map((c) => c.price)
          // Runs as the course kinds make them: courses the same offers apply to, cut into
          // pieces; some courses in none.
          const byGroup = new Map<string, number[][]>()
          candidates.forEach((c, j) => {
            if (cut[j] === 0) return
            const key = `${offers.map((o) => offerPrice(o, c) !== null).join()}|${cut[j]}`
            byGroup.set(key, [[...(byGroup.get(key)?.[0] ?? []), j]])
          })
          const runs = [...byGroup.values()].flat()
          for (const o of offers)
            expect(loweringOf(candidates, base, o, runs)).toEqual(loweringOf(candidates, base, o))
        },
      ),
      { numRuns: 300, seed: 5151 },
    )
  })
})
