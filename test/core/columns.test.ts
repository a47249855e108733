import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../src/core/plan/candidates.js'
import { ColumnReducer } from '../../src/core/plan/columns.js'
import type { Model, RowSource } from '../../src/core/plan/model.js'
import { type Lowering, lowered } from '../../src/core/plan/prices.js'

/**
 * Random models whose courses fall into few groups: each course has a worth toward each of one
 * or two credentials (or none there) from a short list (coefficients 0-2 in one to three rows;
 * two worths may have the same coefficients), two weights, an either-or option's row (the
 * first row's worths and an extra column), some courses in one or both of two rows over single
 * courses (at most one of them each); needs that let a plan use only a few of a group, prices from
 * a short list (ties that only the index breaks), and up to three offers each lowering a
 * random part of them. `size`: how many courses, and how many worths a credential has at most
 * (one worth and hundreds of courses make groups of hundreds).
 */
const arbCase = (size: { courses: [number, number]; worths: number }) =>
  fc
    .record({
      rows: fc.integer({ min: 1, max: 3 }),
      credentials: fc.integer({ min: 1, max: 2 }),
      worths: fc.array(
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: size.worths,
        }),
        { minLength: 2, maxLength: 2 },
      ),
      courses: fc.array(
        fc.record({
          worth: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 2, maxLength: 2 }),
          // In which of two rows over single courses (bits 1 and 2).
          single: fc.integer({ min: 0, max: 3 }),
          weight: fc.constantFrom(1, 2),
          price: fc.constantFrom(4, 5, 5, 6, 12.5, 20),
          lowered: fc.array(fc.option(fc.constantFrom(0, 1, 2.5, 3, 4), { nil: null }), {
            minLength: 3,
            maxLength: 3,
          }),
        }),
        { minLength: size.courses[0], maxLength: size.courses[1] },
      ),
      need: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
      offers: fc.integer({ min: 1, max: 3 }),
      // How the alike courses are cut into runs (Model.runs): in none, whole, in two, or one
      // of two (the other half then in no run).
      runs: fc.constantFrom('none', 'whole', 'split', 'part'),
    })
    .map(({ rows: m, credentials, worths, courses, need, offers, runs: cut }) => {
      // The reducer reads a candidate's weight (hours) and nothing else of it.
      const candidates = courses.map((c) => ({ weight: c.weight, price: c.price }) as Candidate)
      // Course j's worth id toward credential i (-1: none), within that credential's list.
      const worthIds = Array.from({ length: credentials }, (_, i) =>
        Int32Array.from(courses, (c) => {
          const w = c.worth[i] as number
          return w < 0 ? -1 : w % (worths[i] as number[][]).length
        }),
      )
      // Row r is credential (r mod credentials)'s: coefficient r of each of its worths.
      const sources = Array.from({ length: m }, (_, r): RowSource => {
        const credential = r % credentials
        return { credential, of: (worths[credential] as number[][]).map((w) => w[r] as number) }
      })
      const rows: Model['rows'] = sources.map((source, r) => ({
        lower: need[r] as number,
        upper: Number.POSITIVE_INFINITY,
        source,
        index: [],
        value: [],
      }))
      // An either-or option's row: the first row's worths, less its need times the option's
      // column (an extra column, after the courses).
      rows.push({
        lower: -1e-9,
        upper: Number.POSITIVE_INFINITY,
        source: sources[0] as RowSource,
        index: [courses.length],
        value: [-(need[0] as number)],
      })
      for (const bit of [1, 2]) {
        const single = courses.flatMap((c, j) => (c.single & bit ? [j] : []))
        rows.push({
          lower: Number.NEGATIVE_INFINITY,
          upper: 1,
          source: null,
          index: single,
          value: single.map(() => 1),
        })
      }
      const model: Model = {
        candidates,
        rows,
        extra: [{ upper: 1, integer: true }],
        need: [...need.slice(0, m), need[0] as number, 0, 0],
        available: [],
        worthIds,
        runs: [],
      }
      // Runs as the course kinds make them: courses alike in every worth, hours and row (none
      // over single courses), cheapest first by price, then by index; some in two runs (two
      // offer groups), some left out.
      if (cut !== 'none') {
        const alike = new Map<string, number[]>()
        courses.forEach((c, j) => {
          if (c.single !== 0) return
          const key = `${worthIds.map((ids) => ids[j]).join(',')}|${c.weight}`
          alike.set(key, [...(alike.get(key) ?? []), j])
        })
        for (const js of alike.values()) {
          const sorted = js.sort(
            (a, b) =>
              (courses[a] as (typeof courses)[number]).price -
                (courses[b] as (typeof courses)[number]).price || a - b,
          )
          if (cut === 'whole') model.runs.push(sorted)
          else {
            // Every other one: each part still in order.
            model.runs.push(sorted.filter((_, i) => i % 2 === 0))
            if (cut === 'split') model.runs.push(sorted.filter((_, i) => i % 2 === 1))
          }
        }
        model.runs = model.runs.filter((run) => run.length > 0)
      }
      const columnOf = (j: number) => {
        const own = sources.map((source, r) => {
          const w = (courses[j] as (typeof courses)[number]).worth[source.credential] as number
          return w < 0
            ? 0
            : ((
                (worths[source.credential] as number[][])[
                  w % (worths[source.credential] as number[][]).length
                ] as number[]
              )[r] as number)
        })
        const { single } = courses[j] as (typeof courses)[number]
        return [...own, own[0] as number, single & 1 ? 1 : 0, single & 2 ? 1 : 0]
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
      return { model, base, lowerings, columnOf }
    })

/**
 * The classes as the README defines them, written out plainly: courses with the same
 * coefficient in every row and the same hours are one class (in order of their first course),
 * those that help no covering row are dropped, and a class keeps its cheapest courses at these
 * prices (cents, then index), as many as its largest row could use: ceil(need / coefficient).
 */
function byDefinition(
  model: Model,
  prices: readonly number[],
  coefficients: (j: number) => number[],
): number[][] {
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

interface Case {
  model: Model
  base: number[]
  lowerings: Lowering[]
  /** Course j's coefficient in every row, from the drawn worths (not through the model). */
  columnOf: (j: number) => number[]
}

/**
 * The reducer's classes are the definition's at every choice of the case's offers; and so when
 * the first offer is held (every choice's base is lowered by it, which may tie prices a run
 * keeps apart: the group is sorted then).
 */
function agrees({ model, base, lowerings, columnOf }: Case) {
  for (const held of [0, 1]) {
    const reducer = new ColumnReducer(model)
    const start = lowered(base, lowerings.slice(0, held))
    const others = lowerings.slice(held)
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const bought = others.filter((_, k) => mask & (1 << k))
      const prices = lowered(start, bought)
      expect(reducer.classes(prices, start, bought)).toEqual(byDefinition(model, prices, columnOf))
    }
  }
}

describe('column reduction per offer choice', () => {
  it("keeps each class's cheapest few at the choice's prices, as the definition says (500 random models)", () => {
    fc.assert(fc.property(arbCase({ courses: [10, 120], worths: 4 }), agrees), {
      numRuns: 500,
      seed: 2026,
    })
  })

  it('keeps worths apart whose ids are too large to key as one number', () => {
    // Worth ids near 2^30 for two credentials: their combined key is past 2^53, where numbers
    // that differ by a few ids are the same double.
    const big = 2 ** 30
    const of = (entries: [number, number][]) => {
      const out: number[] = []
      for (const [w, v] of entries) out[w] = v
      return out
    }
    const candidates = [1, 1, 1].map((weight) => ({ weight, price: 5 }) as Candidate)
    const model: Model = {
      candidates,
      rows: [
        {
          lower: 3,
          upper: Number.POSITIVE_INFINITY,
          source: {
            credential: 0,
            of: of([
              [big, 1],
              [big - 5, 2],
            ]),
          },
          index: [],
          value: [],
        },
        {
          lower: 3,
          upper: Number.POSITIVE_INFINITY,
          source: { credential: 1, of: of([[big, 1]]) },
          index: [],
          value: [],
        },
      ],
      extra: [],
      need: [3, 3],
      available: [],
      worthIds: [Int32Array.of(big, big - 5, big), Int32Array.of(big, big, big)],
      runs: [],
    }
    const prices = [5, 5, 5]
    expect(new ColumnReducer(model).classes(prices)).toEqual([[0, 2], [1]])
  })

  it('and so with groups of hundreds of courses (40 random models)', () => {
    fc.assert(fc.property(arbCase({ courses: [200, 400], worths: 1 }), agrees), {
      numRuns: 40,
      seed: 2027,
    })
  })
})
