import fc from 'fast-check'
import type { Course, Offer } from '../../src/core/catalog/schemas.js'
import { makeCourse } from './app.js'

/** Random catalogs for the planner's brute-force properties (single and joint plans). */
export const AREAS = ['administrative', 'clinical', 'general'] as const
type Area = (typeof AREAS)[number]

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
  raw.map((o, k) => pricingOffer(k, { ...o, kind: o.kind === 'price' ? 'free' : 'self-study' }))

/**
 * Offer `o<k>` at `cents`: every course of a provider free, or `percent` off all its courses
 * (`discount`) or its self-study ones.
 */
export function pricingOffer(
  k: number,
  o: { provider: string; cents: number; kind: 'free' | 'discount' | 'self-study'; percent: number },
): Offer {
  return {
    id: `o${k}`,
    provider: o.provider,
    name: `Offer ${k}`,
    price: o.cents / 100,
    ...(o.kind === 'free'
      ? { coursePrice: { provider: o.provider, price: 0 } }
      : {
          courseDiscount: {
            provider: o.provider,
            percent: o.percent,
            ...(o.kind === 'self-study' && { formats: ['self-study' as const] }),
          },
        }),
  }
}

/**
 * The cheapest set of offers and courses by brute force over every subset, with the rules
 * written out plainly: the CMA's (60 points, 30 AAMA, 10 per area, at most 30 from other
 * sources, at most 3 CPR cards of 4 clinical points), with `missing` points of each area still
 * to earn (AAMA-approved before) and `otherHours` non-AAMA general points already earned; and,
 * with `second`, another credential's (hours over `hoursPerPoint` reaching `required`; CPR
 * cards count nothing there). At most one CPR card per day. Null when no set completes them.
 */
export function cheapestByBruteForce(
  courses: readonly Course[],
  offers: readonly Offer[],
  missing: Record<Area, number> & { otherHours?: number },
  second?: { hoursPerPoint: number; required: number },
): number | null {
  const otherHours = missing.otherHours ?? 0
  let best = Number.POSITIVE_INFINITY
  for (let om = 0; om < 1 << offers.length; om++) {
    const bought = offers.filter((_, k) => om & (1 << k))
    const prices = pricesAfter(courses, bought)
    const offerCost = bought.reduce((s, o) => s + (o.price as number), 0)
    for (let cm = 0; cm < 1 << courses.length; cm++) {
      let cost = offerCost
      const approved = {
        administrative: 20 - missing.administrative,
        clinical: 20 - missing.clinical,
        general: 20 - missing.general,
      }
      const other = { administrative: 0, clinical: 0, general: otherHours }
      let hours = otherHours
      let cards = 0
      const days = new Set<string>()
      let twoOnOneDay = false
      for (let k = 0; k < courses.length; k++) {
        if (!(cm & (1 << k))) continue
        const c = courses[k] as Course
        cost += prices[k] as number
        if (c.format === 'cpr-card') {
          const day = c.sessions?.[0]?.start as string
          twoOnOneDay ||= days.has(day)
          days.add(day)
          if (++cards <= 3) other.clinical += 4
          continue
        }
        hours += c.hours as number
        const area = AREAS.find((a) => (c.credits[a] ?? 0) > 0) as Area
        const into = c.approvals.includes('AAMA') ? approved : other
        into[area] += c.credits[area] ?? 0
      }
      if (cost >= best - 1e-9 || twoOnOneDay) continue
      const a = approved.administrative + approved.clinical + approved.general
      const u = other.administrative + other.clinical + other.general
      const cma =
        a + Math.min(30, u) >= 60 && a >= 30 && AREAS.every((x) => approved[x] + other[x] >= 10)
      if (cma && (!second || hours / second.hoursPerPoint >= second.required - 1e-9)) best = cost
    }
  }
  return best === Number.POSITIVE_INFINITY ? null : best
}
