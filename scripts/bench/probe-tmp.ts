import { readFileSync } from 'node:fs'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { ruleSetSchema } from '../../src/core/credentials.js'
import { buildPlan } from '../../src/core/planner.js'
import { catalog, transcripts } from './plan.js'

const CMA = ruleSetSchema.parse(
  JSON.parse(readFileSync('catalog/credentials/cma-aama.json', 'utf8')),
)
const solver = new HighsSolver()
const stats: any[] = []
const orig = solver.solve.bind(solver)
solver.solve = async (m, o) => {
  const a = performance.now()
  const r = await orig(m, o)
  stats.push({
    ms: performance.now() - a,
    cols: m.cost.length,
    fixedFree: m.upper.filter((u, j) => m.integer[j] && u > m.lower[j]!).length,
    relax: !!o?.relax,
    status: r.status,
  })
  return r
}
const { courses, offers } = catalog(1000, false, 1000)
const ts = transcripts(5, 11)
for (const activities of ts) {
  stats.length = 0
  const a = performance.now()
  const r = await buildPlan(
    {
      rules: CMA,
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      held: [],
      activities,
      courses,
      offers,
      preferences: { objective: 'cost' },
    },
    solver,
    { alternatives: false },
  )
  const total = performance.now() - a
  const solverMs = stats.reduce((s, x) => s + x.ms, 0)
  console.log(
    'total',
    total.toFixed(0),
    'solver',
    solverMs.toFixed(0),
    'solves',
    stats.length,
    'cost',
    r.plan.cost,
  )
  console.log(
    stats
      .slice(0, 12)
      .map((s) => `${s.relax ? 'LP' : 'IP'}:${s.cols}/${s.fixedFree}:${s.ms.toFixed(0)}`)
      .join(' '),
  )
}
