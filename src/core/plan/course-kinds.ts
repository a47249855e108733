import type { RuleSet } from '../catalog/rule-set.js'
import type { Course, Offer } from '../catalog/schemas.js'
import type { CoverRow } from '../rules/kinds.js'
import type { Worth } from './candidates.js'
import { courseValues, weightOf } from './dating.js'
import { EPS } from './model.js'
import { offerPrice, priceKey } from './prices.js'

/**
 * A catalog's plain courses grouped by kind, built once per catalog, set of credentials and
 * offers, so that a plan reads the few courses it could need instead of every course
 * (README, "Cheapest way to recertify", how it works: "Courses no plan needs").
 *
 * A plain course is priced, on demand, worth the same whatever the day it is done (no approval
 * ends) and not a CPR card. Plain courses of one kind are worth the same toward every credential
 * and take the same hours: the model cannot tell them apart but by price. Of one kind, courses
 * the same offers apply to are priced in the same order as their list prices under any choice of
 * offers (an offer's price or discount never reverses two prices), so they are kept cheapest
 * first: a plan never needs more of them than the largest covering row they help could use.
 */
interface Kind {
  /** Per credential, in the index's order: the kind's worth there, or null. */
  worth: (Worth | null)[]
  /** Per set of offers that apply: the positions of its courses, cheapest first. */
  byOffers: number[][]
}

export interface CourseKinds {
  kinds: Kind[]
  /** Per catalog position: its kind, or -1 (not plain, or counting nowhere). */
  kindOf: Int32Array
  /** Positions of every other course (sessions, ending approvals, CPR cards), in order. */
  others: number[]
  /**
   * Per plain course's position: its place (provider and format) in `places`, so that a
   * request's preferences are read once per place, not once per course.
   */
  placeOf: Int32Array
  places: { provider: string; format: Course['format'] }[]
  /** The positions of a course id (found once per index, when a request first asks). */
  positionsOf(id: string): readonly number[]
  /**
   * A number per position, to write and read within one synchronous pass (shared by every
   * request of this index: nothing is kept in it between passes).
   */
  scratch(): Int32Array
}

interface Entry {
  rules: readonly RuleSet[]
  offers: string
  kinds: CourseKinds
}

/** Per catalog (its course array), the last few indexes built. */
const built = new WeakMap<readonly Course[], Entry[]>()
const KEPT = 8

/** The kinds of a catalog's plain courses for these credentials and offers (built once). */
export function courseKinds(
  courses: readonly Course[],
  rules: readonly RuleSet[],
  offers: readonly Offer[],
): CourseKinds {
  const pricing = offers.filter((o) => o.coursePrice || o.courseDiscount)
  const signature = JSON.stringify(pricing.map((o) => [o.coursePrice, o.courseDiscount]))
  let entries = built.get(courses)
  if (!entries) {
    entries = []
    built.set(courses, entries)
  }
  const same = (e: Entry) =>
    e.offers === signature &&
    e.rules.length === rules.length &&
    e.rules.every((r, i) => r === rules[i])
  const found = entries.find(same)
  if (found) return found.kinds
  const kinds = build(courses, rules, pricing)
  entries.unshift({ rules: [...rules], offers: signature, kinds })
  entries.length = Math.min(entries.length, KEPT)
  return kinds
}

function build(
  courses: readonly Course[],
  rules: readonly RuleSet[],
  pricing: readonly Offer[],
): CourseKinds {
  const others: number[] = []
  const ids = new Map<string, number>()
  const kinds: { worth: (Worth | null)[]; byOffers: Map<string, number[]> }[] = []
  // Per place (provider and format): its id in `places`, and which offers apply there.
  const placeIds = new Map<string, number>()
  const masks: string[] = []
  const places: CourseKinds['places'] = []
  const kindOf = new Int32Array(courses.length).fill(-1)
  const placeOf = new Int32Array(courses.length).fill(-1)
  courses.forEach((course, position) => {
    if (course.price === null) return
    if (course.sessions || course.approvalsUntil) {
      others.push(position)
      return
    }
    const worth = rules.map((r) => {
      const value = courseValues.of(r, course)
      return 'reason' in value ? null : value
    })
    if (worth.some((w) => w?.cprCard)) {
      others.push(position)
      return
    }
    if (worth.every((w) => w === null)) return
    const key = `${worthKey(worth)}${weightOf(course, worth)}`
    let id = ids.get(key)
    if (id === undefined) {
      id = kinds.length
      ids.set(key, id)
      kinds.push({ worth, byOffers: new Map() })
    }
    kindOf[position] = id
    const where = `${course.provider}\u0000${course.format}`
    let place = placeIds.get(where)
    if (place === undefined) {
      place = places.length
      placeIds.set(where, place)
      places.push({ provider: course.provider, format: course.format })
      masks.push(offerMask(pricing, course))
    }
    placeOf[position] = place
    const mask = masks[place] as string
    const kind = kinds[id] as (typeof kinds)[number]
    const group = kind.byOffers.get(mask)
    if (group) group.push(position)
    else kind.byOffers.set(mask, [position])
  })
  const n = courses.length
  // By list price, then position.
  const rank = (p: number) => priceKey((courses[p] as Course).price as number, p, n)
  let byId: Map<string, number[]> | null = null
  let scratch: Int32Array | null = null
  return {
    scratch() {
      scratch ??= new Int32Array(courses.length)
      return scratch
    },
    others,
    kindOf,
    placeOf,
    places,
    positionsOf(id) {
      if (!byId) {
        const map = new Map<string, number[]>()
        courses.forEach((c, p) => {
          const known = map.get(c.id)
          if (known) known.push(p)
          else map.set(c.id, [p])
        })
        byId = map
      }
      return byId.get(id) ?? []
    },
    kinds: kinds.map(({ worth, byOffers }) => ({
      worth,
      byOffers: [...byOffers.values()].map((group) =>
        Array.from(Float64Array.from(group, rank).sort(), (key) => key % n),
      ),
    })),
  }
}

/**
 * How many courses of each kind (in the index's order) a plan may need: as many as its covering
 * rows (`rows[i]`, per credential) could use, where it counts inside some window (`counts[i]`:
 * credential `i`'s window is open). A kind counting for credentials whose windows do not meet
 * may be done once for each: it may need that many for each then.
 */
export function kindLimits(
  index: CourseKinds,
  counts: readonly boolean[],
  meet: (served: readonly boolean[]) => boolean,
  rows: readonly (readonly CoverRow[])[],
): Int32Array {
  const out = new Int32Array(index.kinds.length)
  index.kinds.forEach((kind, k) => {
    const served = kind.worth.map((w, i) => w !== null && counts[i] === true)
    const limits = served.map((s, i) => (s ? limitOf(kind.worth[i] as Worth, rows[i] ?? []) : 0))
    out[k] = meet(served) ? Math.max(0, ...limits) : limits.reduce((a, b) => a + b, 0)
  })
  return out
}

/**
 * The positions of the courses a plan may need, in catalog order: every other course, and of
 * each kind of plain course, the cheapest `accept`ed ones of each offer group, `limits[k]` of
 * kind k at most ({@link kindLimits}). `accept` is asked of positions, not courses: a plan over
 * thousands of courses then reads none of them here; null when every course is accepted
 * (nothing excluded, taken or filtered out).
 *
 * `runs`: the plain courses read, per kind and offer group, in the group's order (list price,
 * then position): courses alike in everything but price, which any offer keeps in that order
 * or makes equal (a membership price ties them; plan/columns.ts checks the order it merges).
 */
export function neededPositions(
  index: CourseKinds,
  limits: Int32Array,
  accept: ((position: number) => boolean) | null,
): { positions: number[]; runs: number[][] } {
  const picked = new Uint8Array(index.kindOf.length)
  const runs: number[][] = []
  for (const p of index.others) picked[p] = 1
  index.kinds.forEach((kind, k) => {
    const limit = limits[k] as number
    if (limit === 0) return
    for (const group of kind.byOffers) {
      const run: number[] = []
      for (let i = 0; i < group.length && run.length < limit; i++) {
        const p = group[i] as number
        if (accept && !accept(p)) continue
        picked[p] = 1
        run.push(p)
      }
      if (run.length > 0) runs.push(run)
    }
  })
  // Marked, then read in order: sorted without a sort.
  const positions: number[] = []
  for (let p = 0; p < picked.length; p++) if (picked[p] === 1) positions.push(p)
  return { positions, runs }
}

/**
 * How many units of one worth any plan could use: what its largest covering row asks of them (a
 * minimal plan has no course to spare, and an optimal one is minimal: every course costs money
 * or hours).
 */
function limitOf(worth: Worth, rows: readonly CoverRow[]): number {
  let limit = 0
  for (const row of rows) {
    const need = row.most ? Math.min(row.rhs, row.most(worth)) : row.rhs
    if (need <= EPS) continue
    const v = row.coefficient(worth)
    if (v > EPS) limit = Math.max(limit, Math.ceil(need / v - EPS))
  }
  return limit
}

/** Which of the offers apply to a course's price: their positions. */
function offerMask(offers: readonly Offer[], course: Course): string {
  return offers.flatMap((o, k) => (offerPrice(o, course) === null ? [] : [k])).join(',')
}

/** A key for a worth vector (one entry per credential): equal keys, equal worth in every row. */
function worthKey(worth: readonly (Worth | null)[]): string {
  let key = ''
  for (const w of worth) {
    if (!w) {
      key += '-;'
      continue
    }
    const p = w.points
    key += `${p.administrative},${p.clinical},${p.general},${p.unassigned},${w.approved ? 1 : 0};`
  }
  return key
}
