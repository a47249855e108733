/**
 * What a user gets from `POST /v1/plan`: the full request (default alternatives on), through
 * the app in process (`app.request`), on an in-memory database loaded with a benchmark
 * catalog. Counts the HiGHS calls each request needed (the fallback) and whether every plan of
 * the answer (the primary one, each alternative and, for several credentials, each credential's
 * own plan) is proved optimal.
 */
import { databaseImporter } from '../../src/adapters/catalog-import.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import type { RuleSet } from '../../src/core/catalog/rule-set.js'
import type { Course, Offer } from '../../src/core/catalog/schemas.js'
import type { Milp, MilpResult, SolveOptions, Solver } from '../../src/core/milp/port.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { createApp } from '../../src/http/app.js'

/** A solver, counting its calls. */
class CountingSolver implements Solver {
  calls = 0
  constructor(private readonly inner: Solver) {}
  solve(model: Milp, options?: SolveOptions): Promise<MilpResult> {
    this.calls++
    return this.inner.solve(model, options)
  }
}

export interface PlanRun {
  ms: number
  /** The primary plan and every alternative plan are proved optimal. */
  optimal: boolean
  feasible: boolean
  total: number | null
  /**
   * Every alternative's total, in order, then (several credentials) each credential's own
   * plan's: to compare with the baseline.
   */
  alternatives: (number | null)[]
  highsCalls: number
}

export interface PlanApp {
  plan(activities: readonly ResolvedActivity[]): Promise<PlanRun>
  close(): void
}

/** A credential to plan for, and the end of the cycle being renewed. */
export interface BenchTarget {
  rules: RuleSet
  cycleEnd: string
}

/** The request body: one credential, or several (`credentials`) planned together. */
function bodyOf(targets: readonly BenchTarget[], activities: readonly ResolvedActivity[]) {
  const plan =
    targets.length === 1
      ? { credential: targets[0]?.rules.id, cycleEnd: targets[0]?.cycleEnd }
      : { credentials: targets.map((t) => ({ credential: t.rules.id, cycleEnd: t.cycleEnd })) }
  return JSON.stringify({
    ...plan,
    asOf: '2026-11-24',
    activities: activities.map(({ title, completedOn, hours, credits, approvals }) => ({
      title,
      completedOn,
      hours,
      credits,
      approvals,
    })),
  })
}

interface Answer {
  plan: { feasible: boolean; optimal: boolean; total: number | null }
  alternatives: { total: number | null; plan?: { optimal: boolean } }[]
  separate?: { plans: { optimal: boolean; total: number | null }[] }
}

/**
 * Who plans: "recert" (the server's own solver, HiGHS behind it as the fallback); "baseline"
 * (HiGHS alone, presolve off, on a model of every course, inside the planner's own search of
 * the offer choices, whose bounds rule most of them out: issue 15's baseline as it was measured
 * when the issue was filed); or "every-choice" (the same, with every choice of offers solved:
 * a reference for what the search's bounds are worth).
 */
export type Planner = 'recert' | 'baseline' | 'every-choice'

/** The app over a catalog, planning with `solver`. */
export async function planApp(
  catalog: { courses: Course[]; offers: Offer[] },
  targets: readonly BenchTarget[],
  solver: Planner,
): Promise<PlanApp> {
  const alone = solver !== 'recert'
  const highs = new CountingSolver(new HighsSolver(alone ? { presolve: 'off' } : {}))
  const chain: Solver = alone ? highs : new SmallMilpSolver(highs)
  const sqlite = openSqlite(':memory:')
  const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
  const search = new SqliteSearchIndex(sqlite.db, store)
  const providers = [
    ...new Set([
      ...catalog.courses.map((c) => c.provider),
      ...catalog.offers.map((o) => o.provider),
    ]),
  ].map((id) => ({ id, name: `Provider ${id} (sample)` }))
  await store.replace(
    {
      providers,
      offers: catalog.offers,
      courses: catalog.courses,
      synonyms: [],
      credentials: targets.map((t) => t.rules),
    },
    `bench-${catalog.courses.length}`,
  )
  await search.refresh()
  const app = createApp({
    catalog: store,
    search,
    solver: chain,
    importer: databaseImporter(store, search),
    limits: { perMinute: 0, planMs: 120_000 },
    // The baselines model every course, as a general MILP would be given it.
    ...(alone && {
      baseline: { everyCourse: true, everyOfferChoice: solver === 'every-choice' },
    }),
  })
  return {
    async plan(activities) {
      const before = highs.calls
      const started = performance.now()
      const body = bodyOf(targets, activities)
      const response = await app.request('/v1/plan', {
        method: 'POST',
        body,
        // As a client sends it over HTTP (without it the body limit reads the body as a stream
        // and builds the request again, as for a chunked upload).
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
      })
      const json = (await response.json()) as Answer
      const ms = performance.now() - started
      if (response.status !== 200) throw new Error(`plan answered ${response.status}`)
      const own = json.separate?.plans ?? []
      return {
        ms,
        optimal:
          json.plan.optimal &&
          json.alternatives.every((a) => !a.plan || a.plan.optimal) &&
          own.every((p) => p.optimal),
        feasible: json.plan.feasible,
        total: json.plan.feasible ? json.plan.total : null,
        alternatives: [...json.alternatives.map((a) => a.total), ...own.map((p) => p.total)],
        highsCalls: highs.calls - before,
      }
    },
    close: sqlite.close,
  }
}
