/**
 * Search's `credential` filter and the planner agree on what counts for a credential.
 *
 * For each credential X of a catalog (the shipped one, and a generated one with ending
 * approvals), with the app's today = TODAY:
 *
 * - `searched`: every id `GET /v1/courses?credential=X` returns, across all pages.
 * - `counting`: the courses the rules engine (`activityValue`, asked here directly) values above
 *   zero under X's rule set when completed TODAY with the approvals still in force TODAY. This is
 *   "counts for X": no cycle, no transcript, no price.
 * - `candidates`: the ids `candidateSet` accepts for a plan of X with an empty transcript and no
 *   preferences, asOf TODAY.
 *
 * Asserted: `searched` equals `counting`; `candidates` is a subset of `searched`; and a course of
 * `searched` is left out of `candidates` exactly when the planner has a reason of its own that is
 * not about what counts: (a) its price is unknown, (b) it has sessions and none falls between
 * TODAY and the plan's last counting day, (c) on its first session in that window an approval
 * has ended that it needed (it counts today, not on the day it can be taken).
 *
 * The Meilisearch documents carry the same set: for every credential, the documents whose
 * `countsUntil.<X>` is on or after TODAY (the filter the adapter sends) are `searched`.
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { syntheticCatalog } from '../../scripts/bench/synthetic.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { documentsOf } from '../../src/adapters/meilisearch/documents.js'
import { approvalsOn } from '../../src/core/catalog/approvals.js'
import type { RuleSet } from '../../src/core/catalog/rule-set.js'
import type { Catalog, Course } from '../../src/core/catalog/schemas.js'
import { candidateSet } from '../../src/core/plan/candidates.js'
import { preferencesSchema } from '../../src/core/plan/schemas.js'
import { lastCountingDay } from '../../src/core/rules/calendar.js'
import { activityValue } from '../../src/core/rules/value.js'
import { makeCourse, makeProvider, makeTestApp, shippedCatalog } from '../helpers/app.js'

const TODAY = '2026-11-24'
/**
 * Each credential's cycle end for the comparison: a cycle that started before TODAY (the planner
 * plans nothing before a cycle starts) and runs as far as it can past the 2027 sessions.
 */
const CYCLE_END: Record<string, string> = {
  'cma-aama': '2031-06-30',
  'ccma-nha': '2028-06-30',
  'rma-amt': '2029-06-30',
  'ncma-ncct': '2027-12-31',
  'rma-arma': '2026-12-31',
}
const cycleEndOf = (rules: RuleSet) => CYCLE_END[rules.id] ?? '2031-06-30'

/** The rules engine's value of the course completed on `day`, with the approvals of that day. */
function countsOn(rules: RuleSet, course: Course, day: string): boolean {
  const value = activityValue(rules, {
    ...course,
    approvals: approvalsOn(course, day),
    completedOn: day,
    courseId: course.id,
  })
  return !('reason' in value)
}

/**
 * Why the planner leaves out a course that counts today, or null when it has no reason to.
 * `last` is the plan's last counting day.
 */
function plannerReason(rules: RuleSet, course: Course, last: string): string | null {
  if (course.price === null) return 'unknown price'
  if (!course.sessions) return null
  const first = course.sessions
    .map((s) => s.start)
    .filter((d) => d >= TODAY && d <= last)
    .sort()[0]
  if (first === undefined) return 'no session in the window'
  return countsOn(rules, course, first) ? null : 'its approval ends before its session'
}

/** The generated catalog: the benchmark's synthetic courses, with approvals that end. */
async function generatedCatalog(): Promise<Catalog> {
  const { catalog } = syntheticCatalog(1_500, 11)
  const shipped = await shippedCatalog()
  // Every fourth approved course has its first approval end: before today, or on a day between
  // today and the 2027 sessions; every third scheduled course was held last year instead.
  const courses = catalog.courses.map((course, i): Course => {
    const first = course.approvals[0]
    const ending = first !== undefined && i % 4 === 0
    return {
      ...course,
      ...(ending && { approvalsUntil: { [first]: i % 8 === 0 ? '2026-03-31' : '2027-03-31' } }),
      ...(course.sessions && i % 3 === 0 && { sessions: [{ start: '2025-05-01' }] }),
    }
  })
  return { ...catalog, courses, credentials: shipped.credentials }
}

const ALL_GAPS = [
  'unknown price',
  'no session in the window',
  'its approval ends before its session',
]

describe.each([
  ['the shipped catalog', shippedCatalog, ['unknown price', 'no session in the window']],
  ['a generated catalog with ending approvals and past sessions', generatedCatalog, ALL_GAPS],
])('%s: ?credential= and the planner agree', (_, catalogOf, gaps) => {
  const t = makeTestApp({ today: () => TODAY })
  let catalog: Catalog

  beforeAll(async () => {
    catalog = await catalogOf()
    await t.load(catalog)
  })

  async function searched(credential: string): Promise<Set<string>> {
    const ids: string[] = []
    for (let page = 1; ; page++) {
      const { status, body } = await t.get(
        `/v1/courses?credential=${credential}&perPage=100&page=${page}`,
      )
      expect(status).toBe(200)
      ids.push(...body.hits.map((h: Course) => h.id))
      if (body.hits.length < 100) {
        expect(ids.length).toBe(body.total)
        return new Set(ids)
      }
    }
  }

  it('for every credential: search = what counts today ⊇ the candidates, each gap explained', async () => {
    expect(catalog.credentials.length).toBe(5)
    const documents = documentsOf(catalog)
    const reasons: Record<string, number> = {}
    for (const rules of catalog.credentials) {
      const found = await searched(rules.id)
      const counting = catalog.courses.filter((c) => countsOn(rules, c, TODAY))
      expect(found, rules.id).toEqual(new Set(counting.map((c) => c.id)))

      const candidates = new Set(
        candidateSet({
          targets: [{ rules, cycleEnd: cycleEndOf(rules) }],
          asOf: TODAY,
          held: [],
          activities: [],
          courses: catalog.courses,
          offers: catalog.offers,
          preferences: preferencesSchema.parse({}),
        }).candidates.map((c) => c.course.id),
      )
      expect(
        [...candidates].filter((id) => !found.has(id)),
        rules.id,
      ).toEqual([])
      const last = lastCountingDay(rules, cycleEndOf(rules), TODAY)
      for (const course of counting) {
        const reason = plannerReason(rules, course, last)
        expect(candidates.has(course.id), `${rules.id} ${course.id}: ${reason}`).toBe(
          reason === null,
        )
        if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1
      }
      // Not vacuous: the planner proposes courses the issuer did not approve, and search keeps them.
      expect(
        [...candidates].some(
          (id) => !catalog.courses.find((c) => c.id === id)?.approvals.includes(rules.issuer.id),
        ),
        rules.id,
      ).toBe(true)

      const day = Number(TODAY.replaceAll('-', ''))
      const inMeili = documents.filter((d) => (d.countsUntil[rules.id] ?? 0) >= day)
      expect(new Set(inMeili.map((d) => d.id)), `Meilisearch ${rules.id}`).toEqual(found)
    }
    // The gaps this catalog is made to show do show (each reason is exercised).
    expect(Object.keys(reasons).sort()).toEqual([...gaps].sort())
  })
})

describe('ending approvals in ?credential=', () => {
  /** A 30-minute AAMA course counts for CMA (AAMA) only while approved: non-AAMA activities
   * under one contact hour do not count (docs/rules.md). */
  const short = makeCourse({
    id: 'short-aama',
    hours: 0.5,
    credits: { clinical: 0.5 },
    approvals: ['AAMA'],
    approvalsUntil: { AAMA: '2026-06-30' },
  })
  /** Two hours: still counts once its approval ended, as non-AAMA points. */
  const long = makeCourse({
    id: 'long-aama',
    hours: 2,
    credits: { clinical: 2 },
    approvals: ['AAMA'],
    approvalsUntil: { AAMA: '2026-06-30' },
  })
  const still = makeCourse({ id: 'still-aama', hours: 0.5, credits: { clinical: 0.5 } })

  async function idsOn(today: string, query: string): Promise<string[]> {
    const t = makeTestApp({ today: () => today })
    const shipped = await shippedCatalog()
    await t.load({
      ...shipped,
      providers: [makeProvider()],
      offers: [],
      courses: [short, long, still],
    })
    const { status, body } = await t.get(`/v1/courses?${query}&sort=title`)
    expect(status).toBe(200)
    return body.hits.map((h: Course) => h.id).sort()
  }

  it.each([
    ['on the last day of the approval', '2026-06-30', ['long-aama', 'short-aama', 'still-aama']],
    ['the day after it', '2026-07-01', ['long-aama', 'still-aama']],
  ])('CMA (AAMA), today %s: the short course counts only while approved', async (_, today, ids) => {
    expect(await idsOn(today, 'credential=cma-aama')).toEqual(ids)
  })

  it('a credential whose rules ignore approvals keeps the short course after the end', async () => {
    expect(await idsOn('2026-07-01', 'credential=ncma-ncct')).toEqual([
      'long-aama',
      'short-aama',
      'still-aama',
    ])
  })
})

describe('a database loaded before what counts was stored', () => {
  it('computes it on read: the same answers as a fresh load', async () => {
    const sqlite = openSqlite(':memory:')
    const t = makeTestApp({ sqlite, today: () => TODAY })
    await t.load(await shippedCatalog())
    const before = await t.get('/v1/courses?credential=ncma-ncct&perPage=100')
    expect(before.body.total).toBeGreaterThan(0)
    // As the migration leaves the rows of a catalog loaded before it.
    await sqlite.db.run(sql`update courses set counts_until = null`)
    await t.search.refresh()
    const after = await t.get('/v1/courses?credential=ncma-ncct&perPage=100')
    expect(after.body.total).toBe(before.body.total)
    expect(after.body.hits.map((h: Course) => h.id)).toEqual(
      before.body.hits.map((h: Course) => h.id),
    )
  })
})
