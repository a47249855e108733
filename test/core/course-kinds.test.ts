import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import type { Course, Offer } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan, type JointPlanInput, type PlanResponse } from '../../src/core/plan/build.js'
import { candidateSet, windowsOf } from '../../src/core/plan/candidates.js'
import type { CourseKinds } from '../../src/core/plan/course-kinds.js'
import { buildJointPlan } from '../../src/core/plan/joint.js'
import { isKept, type KeptSet, keepSet, keptSet } from '../../src/core/plan/kept-sets.js'
import { coverRows, demandsOf, emptyTranscriptRows } from '../../src/core/plan/model.js'
import { offerPrice } from '../../src/core/plan/prices.js'
import type { JointPlanResponse, PlanTarget } from '../../src/core/plan/schemas.js'
import { assessProgress } from '../../src/core/rules/evaluate.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { makeCourse } from '../helpers/app.js'
import {
  arbCourse,
  arbOffer,
  arbPricingOffers,
  coursesOf,
  offersOf,
  pricingOffersOf,
} from '../helpers/random-plans.js'
import { loadRuleSet } from '../helpers/rules.js'

const CMA = loadRuleSet('cma-aama')
const CCMA = loadRuleSet('ccma-nha')
const highs = new HighsSolver()
const classes = new SmallMilpSolver(highs)
const areas = ['administrative', 'clinical', 'general'] as const

/** The candidates a request reads, with and without the course kinds (plan/course-kinds.ts). */
function readCandidates(input: JointPlanInput) {
  const windows = windowsOf(input)
  return {
    kept: candidateSet(input, windows, rowsOf(input)).candidates,
    all: candidateSet(input, windows).candidates,
  }
}

/** Each credential's rows for a transcript with nothing done (what the planner reads for). */
const fullestOf = (input: JointPlanInput) =>
  input.targets.map((t) => emptyTranscriptRows(t, input.asOf))

/** The candidates the planner reads for a request (at least the empty transcript's). */
const plannerCandidates = (input: JointPlanInput) =>
  candidateSet(input, windowsOf(input), rowsOf(input), fullestOf(input)).candidates

/** Each credential's covering rows for a request with this transcript. */
function rowsOf(input: JointPlanInput) {
  const demands = input.targets.map((target) =>
    demandsOf({
      target,
      ...assessProgress(
        target.rules,
        { cycleEnd: target.cycleEnd, offers: [] },
        input.activities,
        input.asOf,
        input.offers,
      ),
    }),
  )
  return demands.map(coverRows)
}

const basis = {
  asOf: '2026-11-24',
  held: [] as string[],
  preferences: { objective: 'cost' as const },
}

describe('course kinds: only the cheapest few of each kind are read', () => {
  it('keeps, of 30 identical courses, the cheapest the open rows could use, per group of offers', async () => {
    // 30 identical 1-hour clinical courses: 15 from "a" (an offer makes them $1), 15 from "b".
    const courses = Array.from({ length: 30 }, (_, k) =>
      makeCourse({
        id: `k${k}`,
        provider: k < 15 ? 'a' : 'b',
        credits: { clinical: 1 },
        hours: 1,
        price: 40 - k,
      }),
    )
    const offers: Offer[] = [
      {
        id: 'a-all',
        provider: 'a',
        name: 'All of a',
        price: 5,
        coursePrice: { provider: 'a', price: 1 },
      },
    ]
    // Everything done but 3 clinical points.
    const activities: ResolvedActivity[] = [
      {
        title: 'done',
        completedOn: '2025-01-10',
        hours: 57,
        credits: { administrative: 20, clinical: 17, general: 20 },
        approvals: ['AAMA'],
      },
    ]
    const input = {
      ...basis,
      activities,
      courses,
      offers,
      targets: [{ rules: CMA, cycleEnd: '2027-06-30' }],
    }
    const { kept, all } = readCandidates(input)
    expect(all).toHaveLength(30)
    // The three cheapest of each group: a's k12-k14, b's k27-k29.
    expect(kept.map((c) => c.course.id)).toEqual(['k12', 'k13', 'k14', 'k27', 'k28', 'k29'])
    const plan = await buildPlan({ ...input, rules: CMA, cycleEnd: '2027-06-30' }, classes)
    // $5 + 3 x $1 beats the three cheapest of b ($11 + $12 + $13). The plan reads as many as a
    // transcript with nothing done could use (plan/kept-sets.ts), so all fifteen of a's, each
    // $1 with the offer: of courses priced alike, the first in catalog order.
    expect(plan.plan.cost).toBe(8)
    expect(plan.plan.courses.map((c) => c.id).sort()).toEqual(['k0', 'k1', 'k2'])
  })

  it('reads no more non-AAMA courses than the allowance has left (the rest would be spare)', async () => {
    // Approved: administrative 10 and clinical 10 done; 10 non-approved general points done.
    // Left: 30 points, 10 of them approved; the allowance admits 20 more non-approved points.
    const activities: ResolvedActivity[] = [
      {
        title: 'approved',
        completedOn: '2025-01-10',
        hours: 20,
        credits: { administrative: 10, clinical: 10 },
        approvals: ['AAMA'],
      },
      {
        title: 'other',
        completedOn: '2025-02-10',
        hours: 10,
        credits: { general: 10 },
        approvals: [],
      },
    ]
    // 40 one-hour non-approved courses at $1-$40, 15 approved ones at $50-$64.
    const courses = [
      ...Array.from({ length: 40 }, (_, k) =>
        makeCourse({
          id: `u${k}`,
          credits: { general: 1 },
          hours: 1,
          price: k + 1,
          approvals: [],
        }),
      ),
      ...Array.from({ length: 15 }, (_, k) =>
        makeCourse({
          id: `a${k}`,
          credits: { general: 1 },
          hours: 1,
          price: 50 + k,
          approvals: ['AAMA'],
        }),
      ),
    ]
    const input = {
      ...basis,
      activities,
      courses,
      offers: [],
      targets: [{ rules: CMA, cycleEnd: '2027-06-30' }],
    }
    const kept = readCandidates(input).kept.map((c) => c.course.id)
    // Non-approved: the 20 the allowance admits (not the 30 the total alone would use).
    expect(kept.filter((id) => id.startsWith('u'))).toEqual(
      Array.from({ length: 20 }, (_, k) => `u${k}`),
    )
    expect(kept.filter((id) => id.startsWith('a'))).toHaveLength(15)
    const plan = await buildPlan({ ...input, rules: CMA, cycleEnd: '2027-06-30' }, classes)
    // $1 + ... + $20 = $210 for 20 non-approved points, $50 + ... + $59 = $545 for 10 approved.
    expect(plan.plan.cost).toBe(755)
    const expected = await buildPlan({ ...input, rules: CMA, cycleEnd: '2027-06-30' }, highs, {
      everyCourse: true,
    })
    expect(expected.plan.cost).toBe(755)
  })

  it("keeps a plain course's candidate per set of windows: another day or deadline, another date", () => {
    const courses = Array.from({ length: 5 }, (_, k) =>
      makeCourse({ id: `k${k}`, credits: { clinical: 1 }, price: k + 1 }),
    )
    const request = (asOf: string, deadline?: string) => ({
      ...basis,
      asOf,
      activities: [],
      courses,
      offers: [],
      preferences: { objective: 'cost' as const, ...(deadline && { deadline }) },
      targets: [{ rules: CMA, cycleEnd: '2027-06-30' }],
    })
    const dates = (asOf: string, deadline?: string) =>
      readCandidates(request(asOf, deadline)).kept.map((c) => [c.on, c.by])
    expect(dates('2026-11-24')[0]).toEqual(['2026-11-24', '2027-06-30'])
    expect(dates('2027-01-15')[0]).toEqual(['2027-01-15', '2027-06-30'])
    expect(dates('2026-11-24', '2027-02-01')[0]).toEqual(['2026-11-24', '2027-02-01'])
    // The first request's again: the same answer, the same candidate objects.
    expect(dates('2026-11-24')[0]).toEqual(['2026-11-24', '2027-06-30'])
    const once = readCandidates(request('2026-11-24')).kept
    expect(readCandidates(request('2026-11-24')).kept[0]).toBe(once[0])
  })

  it('drops nothing a preference or the transcript takes away: the next cheapest are read', () => {
    const courses = Array.from({ length: 10 }, (_, k) =>
      makeCourse({
        id: `k${k}`,
        provider: k % 2 ? 'a' : 'b',
        credits: { clinical: 1 },
        price: k + 1,
      }),
    )
    const activities: ResolvedActivity[] = [
      {
        title: 'done',
        completedOn: '2025-01-10',
        hours: 58,
        credits: { administrative: 20, clinical: 18, general: 20 },
        approvals: ['AAMA'],
      },
      {
        courseId: 'k0',
        title: 'k0',
        completedOn: '2025-02-01',
        hours: 0,
        credits: {},
        approvals: [],
      },
    ]
    const input = {
      ...basis,
      activities,
      courses,
      offers: [],
      preferences: { objective: 'cost' as const, exclude: ['k2'], providers: ['b'] },
      targets: [{ rules: CMA, cycleEnd: '2027-06-30' }],
    }
    // b's courses: k0 (taken), k2 (excluded), k4, k6, k8: the two cheapest left.
    expect(readCandidates(input).kept.map((c) => c.course.id)).toEqual(['k4', 'k6'])
  })
})

/** A random transcript: up to six activities of one area each, some AAMA-approved. */
const arbPrior = fc.array(
  fc.record({
    area: fc.constantFrom(...areas),
    points: fc.integer({ min: 1, max: 20 }),
    approved: fc.boolean(),
    day: fc.integer({ min: 1, max: 700 }),
  }),
  { maxLength: 6 },
)

type Prior = typeof arbPrior extends fc.Arbitrary<infer T> ? T : never

function activitiesOf(prior: Prior): ResolvedActivity[] {
  return prior.map((p, k) => ({
    title: `prior ${k}`,
    completedOn: new Date(Date.UTC(2024, 6, 1) + p.day * 86_400_000).toISOString().slice(0, 10),
    hours: p.points,
    credits: { [p.area]: p.points },
    approvals: p.approved ? ['AAMA'] : [],
  }))
}

/**
 * Random requests over catalogs of many interchangeable courses (a few kinds, three providers,
 * two formats, offers on some): the plans read from the course kinds, solved by the class
 * search, against the plans over every course solved by HiGHS.
 */
const arbRequest = fc
  .record({
    kinds: fc.array(
      fc.record({
        area: fc.constantFrom(...areas),
        split: fc.boolean(),
        halves: fc.integer({ min: 2, max: 6 }),
        approved: fc.boolean(),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    courses: fc.array(
      fc.record({
        kind: fc.nat(),
        provider: fc.constantFrom('a', 'b', 'c'),
        format: fc.constantFrom('online', 'self-study'),
        cents: fc.integer({ min: 300, max: 3_000 }),
      }),
      { minLength: 40, maxLength: 120 },
    ),
    offers: arbPricingOffers,
    prior: arbPrior,
    limit: fc.constantFrom('none', 'none', 'hours', 'budget', 'fewest'),
    limitValue: fc.integer({ min: 40, max: 100 }),
  })
  .map((r) => {
    const courses: Course[] = r.courses.map((c, k) => {
      const kind = r.kinds[c.kind % r.kinds.length] as (typeof r.kinds)[number]
      const hours = kind.halves / 2
      const next = areas[(areas.indexOf(kind.area) + 1) % 3] as (typeof areas)[number]
      return makeCourse({
        id: `c${k}`,
        provider: c.provider,
        format: c.format,
        hours,
        credits: kind.split
          ? { [kind.area]: hours / 2, [next]: hours / 2 }
          : { [kind.area]: hours },
        approvals: kind.approved ? ['AAMA'] : [],
        price: c.cents / 100,
      })
    })
    const offers = pricingOffersOf(r.offers)
    return {
      ...basis,
      activities: activitiesOf(r.prior),
      courses,
      offers,
      preferences: {
        objective: r.limit === 'fewest' ? ('hours' as const) : ('cost' as const),
        ...(r.limit === 'hours' && { maxHours: r.limitValue + 20 }),
        ...(r.limit === 'budget' && { budget: r.limitValue * 5 }),
      },
    }
  })

/** What two planners must agree on: every plan's feasibility, optimality, total and hours. */
const summary = (r: PlanResponse | JointPlanResponse) => ({
  plan: [r.plan.feasible, r.plan.optimal, r.plan.total, r.plan.hours],
  alternatives: r.alternatives.map((a) => [a.label, a.total, a.plan?.optimal, a.plan?.hours]),
  ...('separate' in r && { separate: r.separate.plans.map((p) => [p.total, p.hours]) }),
})

describe('course kinds: the same plans as over every course', () => {
  it('CMA: 80 random requests of 40-120 courses of a few kinds, alternatives included', async () => {
    let cut = 0
    await fc.assert(
      fc.asyncProperty(arbRequest, async (request) => {
        const targets = [{ rules: CMA, cycleEnd: '2027-06-30' }]
        const { all } = readCandidates({ ...request, targets })
        if (plannerCandidates({ ...request, targets }).length < all.length) cut++
        const input = { ...request, rules: CMA, cycleEnd: '2027-06-30' }
        const expected = await buildPlan(input, highs, { everyCourse: true })
        const got = await buildPlan(input, classes)
        expect(summary(got)).toEqual(summary(expected))
        if (got.plan.feasible) expect(got.plan.optimal).toBe(true)
      }),
      { numRuns: 80, seed: 1516 },
    )
    // The property is about the cut: many requests must have had one.
    expect(cut).toBeGreaterThanOrEqual(30)
  }, 240_000)

  it('CMA + CCMA in one plan: 40 random requests, the separate plans included', async () => {
    let cut = 0
    await fc.assert(
      fc.asyncProperty(arbRequest, async (request) => {
        const targets = [
          { rules: CMA, cycleEnd: '2027-06-30' },
          { rules: CCMA, cycleEnd: '2027-03-31' },
        ]
        const { all } = readCandidates({ ...request, targets })
        if (plannerCandidates({ ...request, targets }).length < all.length) cut++
        const expected = await buildJointPlan({ ...request, targets }, highs, { everyCourse: true })
        const got = await buildJointPlan({ ...request, targets }, classes)
        expect(summary(got)).toEqual(summary(expected))
        if (got.plan.feasible) expect(got.plan.optimal).toBe(true)
      }),
      { numRuns: 40, seed: 1517 },
    )
    expect(cut).toBeGreaterThanOrEqual(15)
  }, 240_000)
})

/**
 * What the course kinds hand the column reduction as runs (CandidateSet.runs, read by
 * plan/columns.ts and prices.ts): candidates alike in all but price, each once, in list-price
 * order (then by index), one offer group each.
 */
function expectAlikeRuns(input: JointPlanInput) {
  const { candidates, runs } = candidateSet(input, windowsOf(input), rowsOf(input))
  const seen = new Set<number>()
  const appliesTo = (c: (typeof candidates)[number]) =>
    input.offers.map((o) => offerPrice(o, c) !== null)
  for (const run of runs) {
    expect(run.length).toBeGreaterThan(0)
    const first = candidates[run[0] as number] as (typeof candidates)[number]
    run.forEach((j, i) => {
      expect(seen.has(j)).toBe(false)
      seen.add(j)
      const c = candidates[j] as (typeof candidates)[number]
      expect(c.worth).toBe(first.worth)
      expect(c.weight).toBe(first.weight)
      expect(appliesTo(c)).toEqual(appliesTo(first))
      if (i === 0) return
      const before = run[i - 1] as number
      const prev = candidates[before] as (typeof candidates)[number]
      expect(prev.price < c.price || (prev.price === c.price && before < j)).toBe(true)
    })
  }
  return runs
}

describe('course kinds: the runs they hand over', () => {
  it('cuts a kind where its candidates weigh differently (unknown hours weigh the points that count)', () => {
    // Worth 2 clinical points toward CMA, 1 unassigned toward CCMA: a course of unknown hours
    // weighs 2 in the kind (its most points) but 1 as a candidate when only CCMA's window is
    // open; the course of 2 hours weighs 2 either way. One kind, two weights: two runs.
    const course = (id: string, hours: number | null, price: number) =>
      makeCourse({ id, hours, credits: { clinical: 2 }, approvals: ['AAMA', 'NHA'], price })
    const input = {
      ...basis,
      targets: [
        { rules: CMA, cycleEnd: '2032-06-30' },
        { rules: CCMA, cycleEnd: '2027-03-31' },
      ],
      activities: [],
      courses: [course('a', null, 10), course('b', 2, 11)],
      offers: [],
      preferences: { objective: 'cost' as const, deadline: '2027-01-01' },
    }
    expect(expectAlikeRuns(input)).toEqual([[0], [1]])
  })

  it('makes each candidate it reads as a course-by-course reading does (200 random requests)', () => {
    // The kinds date a plain course once per kind and whether its hours are known (plan/
    // candidates.ts): every field must be what dating that course alone gives.
    const fields = (c: ReturnType<typeof readCandidates>['all'][number]) => ({
      on: c.on,
      by: c.by,
      worth: c.worth,
      cprCard: c.cprCard,
      own: c.own,
      weight: c.weight,
      price: c.price,
      provider: c.provider,
      format: c.format,
    })
    fc.assert(
      fc.property(
        arbRequest,
        fc.boolean(),
        fc.constantFrom('2027-06-30', '2032-06-30'),
        fc.constantFrom(undefined, '2027-01-01', '2026-12-01'),
        fc.array(fc.constantFrom(undefined, null, 0, 0.005, 1), {
          minLength: 120,
          maxLength: 120,
        }),
        (request, joint, cmaEnd, deadline, hours) => {
          const { kept, all } = readCandidates({
            ...request,
            courses: request.courses.map((c, k) =>
              hours[k] === undefined ? c : { ...c, hours: hours[k] as number | null },
            ),
            targets: [
              { rules: CMA, cycleEnd: cmaEnd },
              ...(joint ? [{ rules: CCMA, cycleEnd: '2027-03-31' }] : []),
            ],
            preferences: { ...request.preferences, ...(deadline && { deadline }) },
          })
          for (const c of kept) {
            const alone = all.filter((a) => a.course === c.course && a.on === c.on)
            expect(alone).toHaveLength(1)
            expect(fields(c)).toEqual(fields(alone[0] as (typeof all)[number]))
          }
        },
      ),
      { numRuns: 200, seed: 2412 },
    )
  })

  it('hands over runs alike in all but price, in list-price order, one offer group each (120 random requests)', () => {
    fc.assert(
      fc.property(
        arbRequest,
        fc.boolean(),
        fc.constantFrom('2027-06-30', '2032-06-30'),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        (request, joint, cmaEnd, deadline, unknownHours) => {
          expectAlikeRuns({
            ...request,
            // Some courses of unknown hours: their weight is their points where they count.
            courses: request.courses.map((c, k) => (unknownHours[k] ? { ...c, hours: null } : c)),
            targets: [
              { rules: CMA, cycleEnd: cmaEnd },
              ...(joint ? [{ rules: CCMA, cycleEnd: '2027-03-31' }] : []),
            ],
            preferences: { ...request.preferences, ...(deadline && { deadline: '2027-01-01' }) },
          })
        },
      ),
      { numRuns: 120, seed: 6262 },
    )
  })
})

describe('every offer choice solved (a benchmark reference)', () => {
  it('60 random requests: the same plans as the search, offers bought included', async () => {
    /** The plans and which offers each buys. */
    const plans = (r: PlanResponse) => ({
      ...summary(r),
      offers: [r.plan, ...r.alternatives.flatMap((a) => a.plan ?? [])].map((p) =>
        p.offers.map((o) => o.id),
      ),
    })
    let bought = 0
    await fc.assert(
      fc.asyncProperty(arbRequest, async (request) => {
        const input = { ...request, rules: CMA, cycleEnd: '2027-06-30' }
        const expected = await buildPlan(input, classes, { everyOfferChoice: true })
        const got = await buildPlan(input, classes)
        expect(plans(got)).toEqual(plans(expected))
        if (got.plan.offers.length > 0) bought++
      }),
      { numRuns: 60, seed: 1518 },
    )
    // The property is about choices of offers: many plans must buy one.
    expect(bought).toBeGreaterThanOrEqual(10)
  }, 240_000)
})

describe('candidate sets kept from one request to the next (plan/kept-sets.ts)', () => {
  const targets = [{ rules: CMA, cycleEnd: '2027-06-30' }]

  it('hands transcripts of one credential the same set from the second on, holding every course each needs', () => {
    const [request] = fc.sample(arbRequest, { numRuns: 1, seed: 1518 })
    const transcripts = fc.sample(arbPrior, { numRuns: 12, seed: 1519 })
    const base = { ...(request as NonNullable<typeof request>), targets }
    const sets = transcripts.map((prior) => {
      const input = { ...base, activities: activitiesOf(prior), preferences: basis.preferences }
      const set = candidateSet(input, windowsOf(input), rowsOf(input), fullestOf(input))
      const ids = new Set(set.candidates.map((c) => c.course.id))
      // A superset of what the transcript's own rows read.
      for (const c of readCandidates(input).kept) expect(ids.has(c.course.id)).toBe(true)
      return set
    })
    // Kept from the second request with its key on (kept-sets.ts, keepSet): the first one's
    // set is read alike, for it alone.
    const ids = (set: (typeof sets)[number] | undefined) => set?.candidates.map((c) => c.course.id)
    expect(ids(sets[0])).toEqual(ids(sets[1]))
    expect(isKept(sets[0]?.candidates ?? [])).toBe(false)
    for (const set of sets.slice(1)) expect(set).toBe(sets[1])
  })

  it('reads a set afresh for another day, a course taken, or other preferences', () => {
    const [request] = fc.sample(arbRequest, { numRuns: 1, seed: 1520 })
    const input = {
      ...(request as NonNullable<typeof request>),
      activities: [],
      preferences: basis.preferences,
      targets,
    }
    const setOf = (i: JointPlanInput) => candidateSet(i, windowsOf(i), rowsOf(i), fullestOf(i))
    setOf(input)
    const first = setOf(input)
    expect(setOf({ ...input })).toBe(first)
    const taken = input.courses[0] as Course
    const others: JointPlanInput[] = [
      { ...input, asOf: '2026-12-01' },
      {
        ...input,
        activities: [
          {
            courseId: taken.id,
            title: 't',
            completedOn: '2025-01-10',
            hours: 1,
            credits: {},
            approvals: [],
          },
        ],
      },
      { ...input, preferences: { ...basis.preferences, formats: ['online'] } },
      { ...input, preferences: { ...basis.preferences, exclude: [taken.id] } },
    ]
    expect(isKept(first.candidates)).toBe(true)
    for (const other of others) expect(setOf(other)).not.toBe(first)
    // A course taken or excluded is one person's: that set is read for the request alone.
    expect(isKept(setOf(others[1] as JointPlanInput).candidates)).toBe(false)
    expect(isKept(setOf(others[3] as JointPlanInput).candidates)).toBe(false)
    const ids = (i: JointPlanInput) => setOf(i).candidates.map((c) => c.course.id)
    expect(ids(others[1] as JointPlanInput)).not.toContain(taken.id)
    expect(ids(others[3] as JointPlanInput)).not.toContain(taken.id)
  })

  it("keeps a set from its key's second request, and, with 16 kept, only in place of an idle one", () => {
    const index = {} as CourseKinds
    const setFor = (key: string): KeptSet => ({
      limits: Int32Array.of(1),
      set: { candidates: [], runs: [[key.length]] },
    })
    const offer = (key: string) => {
      if (!keptSet(index, key)) keepSet(index, key, setFor(key))
    }
    offer('a')
    expect(keptSet(index, 'a')).toBeUndefined()
    offer('a')
    expect(keptSet(index, 'a')).toBeDefined()
    for (let k = 1; k < 16; k++) for (const _ of [1, 2]) offer(`k${k}`)
    for (let k = 1; k < 16; k++) expect(keptSet(index, `k${k}`)).toBeDefined()
    // Sixteen kept, all in use: a seventeenth key is read for each request alone.
    for (const _ of [1, 2, 3]) offer('late')
    expect(keptSet(index, 'late')).toBeUndefined()
    // 70 requests later, none of them for 'a' (the least recently used), it makes way.
    for (let r = 0; r < 70; r++) offer(`k${1 + (r % 15)}`)
    offer('late')
    expect(keptSet(index, 'late')).toBeDefined()
    expect(keptSet(index, 'a')).toBeUndefined()
  })

  it('30 random catalogs with CPR cards, 6 requests each (CMA, CMA + CCMA, CCMA + CMA, offers held, limits): the same answers as on a fresh copy', async () => {
    const arbRequests = fc.record({
      courses: fc.array(arbCourse, { minLength: 20, maxLength: 60 }),
      offers: fc.array(arbOffer, { maxLength: 3 }),
      requests: fc.array(
        fc.record({
          prior: arbPrior,
          held: fc.array(fc.nat(2), { maxLength: 2 }),
          credentials: fc.constantFrom(0, 1, 2),
          limit: fc.constantFrom('none', 'hours', 'budget', 'fewest'),
          value: fc.integer({ min: 20, max: 80 }),
        }),
        { minLength: 6, maxLength: 6 },
      ),
    })
    const cma = { rules: CMA, cycleEnd: '2027-06-30' }
    const ccma = { rules: CCMA, cycleEnd: '2027-03-31' }
    let kept = 0
    let requests = 0
    await fc.assert(
      fc.asyncProperty(arbRequests, async (r) => {
        const courses = coursesOf(r.courses)
        const offers = offersOf(r.offers)
        for (const q of r.requests) {
          const held = [...new Set(q.held.map((h) => `o${h}`))].filter((id) =>
            offers.some((o) => o.id === id),
          )
          const targets = [[cma], [cma, ccma], [ccma, cma]][q.credentials] as PlanTarget[]
          const input = (list: readonly Course[]): JointPlanInput => ({
            asOf: '2026-11-24',
            held,
            activities: activitiesOf(q.prior),
            courses: list,
            offers,
            targets,
            preferences: {
              objective: q.limit === 'fewest' ? 'hours' : 'cost',
              ...(q.limit === 'hours' && { maxHours: q.value }),
              ...(q.limit === 'budget' && { budget: q.value * 3 }),
            },
          })
          const warm = await buildJointPlan(input(courses), classes)
          const cold = await buildJointPlan(input(courses.map((c) => ({ ...c }))), classes)
          expect(warm).toEqual(cold)
          const i = input(courses)
          const set = candidateSet(i, windowsOf(i), rowsOf(i), fullestOf(i))
          requests++
          if (isKept(set.candidates)) kept++
        }
      }),
      { numRuns: 30, seed: 1522 },
    )
    // The property is about kept sets: most requests after the first of a key must use one.
    expect(kept).toBeGreaterThanOrEqual(requests / 2)
  }, 240_000)

  it('40 random catalogs, 5 transcripts each in turn: the plans over every course, whatever came before', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbRequest,
        fc.array(arbPrior, { minLength: 5, maxLength: 5 }),
        async (request, priors) => {
          // One catalog array for every transcript (a server's), and a fresh copy per transcript
          // (a server that has planned nothing else since loading it).
          const plan = (courses: readonly Course[], prior: Prior) =>
            buildPlan(
              {
                ...request,
                courses,
                activities: activitiesOf(prior),
                rules: CMA,
                cycleEnd: '2027-06-30',
              },
              classes,
            )
          for (const prior of priors) {
            const warm = await plan(request.courses, prior)
            const cold = await plan(
              request.courses.map((c) => ({ ...c })),
              prior,
            )
            expect(warm).toEqual(cold)
            const every = await buildPlan(
              {
                ...request,
                activities: activitiesOf(prior),
                rules: CMA,
                cycleEnd: '2027-06-30',
              },
              highs,
              { everyCourse: true },
            )
            expect(summary(warm)).toEqual(summary(every))
          }
          // From a key's second request on, the set is a kept one (plan/kept-sets.ts).
          const input = { ...request, activities: [], targets }
          expect(
            isKept(
              candidateSet(input, windowsOf(input), rowsOf(input), fullestOf(input)).candidates,
            ),
          ).toBe(true)
        },
      ),
      { numRuns: 40, seed: 1521 },
    )
  }, 240_000)
})
