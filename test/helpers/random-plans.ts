import fc from 'fast-check'
import type { Course, Offer } from '../../src/core/catalog/schemas.js'
import { makeCourse } from './app.js'

/** Random catalogs for the planner's brute-force properties (single and joint plans). */
export const AREAS = ['administrative', 'clinical', 'general'] as const

export const arbCourse = fc.record({
  area: fc.constantFrom(...AREAS),
  points: fc.integer({ min: 1, max: 4 }),
  approved: fc.boolean(),
  provider: fc.constantFrom('a', 'b', 'c'),
  price: fc.integer({ min: 0, max: 40 }),
  cpr: fc.boolean(),
  /** A CPR card's class day: at most one card per day is planned. */
  day: fc.integer({ min: 1, max: 4 }),
})

export const arbOffer = fc.record({
  provider: fc.constantFrom('a', 'b'),
  price: fc.integer({ min: 5, max: 60 }),
  kind: fc.constantFrom('price', 'discount'),
  percent: fc.integer({ min: 10, max: 90 }),
})

type RawCourse = typeof arbCourse extends fc.Arbitrary<infer T> ? T : never
type RawOffer = typeof arbOffer extends fc.Arbitrary<infer T> ? T : never

/** The courses: a CPR card (4 clinical points, dated) or a course of one area, AAMA or not. */
export const coursesOf = (raw: RawCourse[]): Course[] =>
  raw.map((r, k) =>
    r.cpr && r.area === 'clinical'
      ? makeCourse({
          id: `x${k}`,
          provider: r.provider,
          format: 'cpr-card',
          credits: { clinical: 4 },
          hours: null,
          approvals: [],
          price: r.price,
          sessions: [{ start: `2026-12-0${r.day}` }],
        })
      : makeCourse({
          id: `x${k}`,
          provider: r.provider,
          credits: { [r.area]: r.points },
          hours: r.points,
          approvals: r.approved ? ['AAMA'] : [],
          price: r.price,
        }),
  )

/** The offers: every course of a provider free, or a percentage off. */
export const offersOf = (raw: RawOffer[]): Offer[] =>
  raw.map((o, k) => ({
    id: `o${k}`,
    provider: o.provider,
    name: `Offer ${k}`,
    price: o.price,
    ...(o.kind === 'price'
      ? { coursePrice: { provider: o.provider, price: 0 } }
      : { courseDiscount: { provider: o.provider, percent: o.percent } }),
  }))

/** Each course's price once these offers are bought, written out plainly. */
export const pricesAfter = (courses: readonly Course[], bought: readonly Offer[]): number[] =>
  courses.map((c) => {
    let p = c.price as number
    for (const o of bought) {
      if (o.coursePrice?.provider === c.provider) p = Math.min(p, o.coursePrice.price)
      if (o.courseDiscount?.provider === c.provider)
        p = Math.min(p, Math.round((c.price as number) * (100 - o.courseDiscount.percent)) / 100)
    }
    return p
  })

/**
 * Offers for the larger random plan requests (plan-solvers, course-kinds): prices with cents,
 * every course of a provider free, or a percentage off its self-study.
 */
export const arbPricingOffers = fc.array(
  fc.record({
    provider: fc.constantFrom('a', 'b'),
    cents: fc.integer({ min: 1_000, max: 15_000 }),
    kind: fc.constantFrom('price', 'discount'),
    percent: fc.integer({ min: 10, max: 60 }),
  }),
  { maxLength: 3 },
)

type RawPricingOffers = typeof arbPricingOffers extends fc.Arbitrary<infer T> ? T : never

export const pricingOffersOf = (raw: RawPricingOffers): Offer[] =>
  raw.map((o, k) => ({
    id: `o${k}`,
    provider: o.provider,
    name: `Offer ${k}`,
    price: o.cents / 100,
    ...(o.kind === 'price'
      ? { coursePrice: { provider: o.provider, price: 0 } }
      : {
          courseDiscount: {
            provider: o.provider,
            formats: ['self-study' as const],
            percent: o.percent,
          },
        }),
  }))
