/**
 * What a user gets from `POST /v1/plan`: the full request (default alternatives on), through
 * the app in process (`app.request`), on an in-memory database loaded with a benchmark
 * catalog. Counts the HiGHS calls each request needed (the fallback) and whether every plan of
 * the answer (the primary one and each alternative) is proved optimal.
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
  /** Every alternative's total, in order (to compare with the baseline). */
  alternatives: (number | null)[]
  highsCalls: number
}

export interface PlanApp {
  plan(activities: readonly ResolvedActivity[]): Promise<PlanRun>
  close(): void
}

/**
 * The app over a catalog. `solver`: "recert" (the server's own solver, HiGHS behind it as the
 * fallback) or "baseline" (HiGHS alone, presolve off: every offer choice's models are HiGHS
 * solves).
 */
export async function planApp(
  catalog: { courses: Course[]; offers: Offer[] },
  credential: RuleSet,
  solver: 'recert' | 'baseline',
): Promise<PlanApp> {
  const highs = new CountingSolver(
    new HighsSolver(solver === 'baseline' ? { presolve: 'off' } : {}),
  )
  const chain: Solver = solver === 'baseline' ? highs : new SmallMilpSolver(highs)
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
      credentials: [credential],
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
  })
  return {
    async plan(activities) {
      const before = highs.calls
      const body = JSON.stringify({
        credential: credential.id,
        cycleEnd: '2027-06-30',
        asOf: '2026-11-24',
        activities: activities.map(({ title, completedOn, hours, credits, approvals }) => ({
          title,
          completedOn,
          hours,
          credits,
          approvals,
        })),
      })
      const started = performance.now()
      const response = await app.request('/v1/plan', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      })
      const json = (await response.json()) as {
        plan: { feasible: boolean; optimal: boolean; total: number }
        alternatives: { total: number | null; plan?: { optimal: boolean } }[]
      }
      const ms = performance.now() - started
      if (response.status !== 200) throw new Error(`plan answered ${response.status}`)
      return {
        ms,
        optimal: json.plan.optimal && json.alternatives.every((a) => !a.plan || a.plan.optimal),
        feasible: json.plan.feasible,
        total: json.plan.feasible ? json.plan.total : null,
        alternatives: json.alternatives.map((a) => a.total),
        highsCalls: highs.calls - before,
      }
    },
    close: sqlite.close,
  }
}
