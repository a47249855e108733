/**
 * `npm run bench -- plan [--sizes 1000,2000,10000,100000] [--transcripts 50] [--baseline 5]`
 *
 * Seeded synthetic catalogs with offers (an all-courses subscription, a percentage discount, a
 * membership), 50 CMA (AAMA) transcripts each, some hard: many near-equal prices, split-category
 * courses, and (the "hard" catalogs) cheap courses that are not AAMA-approved. Reports the
 * planner's p50/p99 time and the share of plans proved optimal; in the same run, as ratios, the
 * time of the unreduced monolithic model (offers linked per course) on HiGHS, and the cost of a
 * greedy heuristic's plan. Results go to bench/results/plan.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { ruleSetSchema } from '../../src/core/catalog/rule-set.js'
import type { Category, Course, Offer } from '../../src/core/catalog/schemas.js'
import type { Milp } from '../../src/core/milp/port.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { buildPlan, type PlanInput } from '../../src/core/plan/build.js'
import { assessProgress } from '../../src/core/rules/evaluate.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { option } from './args.js'
import { rng } from './synthetic.js'

const CMA = ruleSetSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../catalog/credentials/cma-aama.json', import.meta.url), 'utf8'),
  ),
)
const AREAS: Category[] = ['administrative', 'clinical', 'general']

export function catalog(
  size: number,
  hard: boolean,
  seed: number,
): { courses: Course[]; offers: Offer[] } {
  const random = rng(seed)
  const courses: Course[] = []
  for (let i = 0; i < size; i++) {
    const provider = `p${Math.floor(random() ** 2 * 12)}`
    const hours = [1, 1, 1.5, 2, 2, 3, 4][Math.floor(random() * 7)] as number
    const split = random() < 0.3
    const area = AREAS[Math.floor(random() * 3)] as Category
    const credits: Course['credits'] = split
      ? { [area]: hours / 2, [AREAS[(AREAS.indexOf(area) + 1) % 3] as Category]: hours / 2 }
      : { [area]: hours }
    // Near-equal prices: a few base rates per hour with small cent-level differences.
    const rate = [6, 8, 10, 12, 15][Math.floor(random() * 5)] as number
    let price = Math.round((hours * rate + random() * 2) * 100) / 100
    const approved = hard ? price > hours * 9 || random() < 0.15 : random() < 0.6
    if (hard && !approved) price = Math.round(price * 0.6 * 100) / 100
    courses.push({
      id: `c${i}`,
      provider,
      title: `Course ${i}`,
      format: random() < 0.2 ? 'self-study' : 'online',
      hours,
      credits,
      approvals: approved ? ['AAMA'] : [],
      price,
      tags: [],
      source: { confidence: 'sample' },
    })
  }
  const offers: Offer[] = [
    {
      id: 'sub-p0',
      provider: 'p0',
      name: 'p0 all courses',
      price: 49,
      coursePrice: { provider: 'p0', price: 0 },
    },
    {
      id: 'sub-p1',
      provider: 'p1',
      name: 'p1 all courses',
      price: 79,
      coursePrice: { provider: 'p1', price: 0 },
    },
    {
      id: 'disc-p2',
      provider: 'p2',
      name: 'p2 half price',
      price: 25,
      courseDiscount: { provider: 'p2', percent: 50 },
    },
    {
      id: 'disc-p3',
      provider: 'p3',
      name: 'p3 self-study',
      price: 15,
      courseDiscount: { provider: 'p3', formats: ['self-study'], percent: 40 },
    },
  ]
  return { courses, offers }
}

export function transcripts(count: number, seed: number): ResolvedActivity[][] {
  const random = rng(seed)
  return Array.from({ length: count }, (_, t) => {
    const out: ResolvedActivity[] = []
    const n = Math.floor(random() * 12)
    for (let k = 0; k < n; k++) {
      const area = AREAS[Math.floor(random() * 3)] as Category
      const points = 1 + Math.floor(random() * 6)
      out.push({
        title: `t${t}-${k}`,
        completedOn: `2024-0${1 + Math.floor(random() * 9)}-1${k % 10}`,
        hours: points,
        credits: { [area]: points },
        approvals: random() < 0.6 ? ['AAMA'] : [],
      })
    }
    return out
  })
}

/** The unreduced model: one binary per course, per (course, offer) link, per offer. */
function monolithic(input: PlanInput): Milp | null {
  const { progress, tally } = assessProgress(
    CMA,
    { cycleEnd: input.cycleEnd },
    input.activities,
    input.asOf,
    [],
  )
  const need = new Map(progress.requirements.map((r) => [r.id, r.remaining]))
  const capLeft =
    30 -
    Math.min(
      30,
      Object.values(tally.unapproved).reduce((a, b) => a + b, 0),
    )
  const cols: { cost: number; course: number; upper: number; integer: boolean }[] = []
  const rows: Milp['rows'] = []
  const offerCol = new Map<string, number>()
  for (const o of input.offers) {
    offerCol.set(o.id, cols.length)
    cols.push({ cost: o.price as number, course: -1, upper: 1, integer: true })
  }
  const colsOf: number[][] = input.courses.map(() => [])
  input.courses.forEach((c, j) => {
    colsOf[j]?.push(cols.length)
    cols.push({ cost: c.price as number, course: j, upper: 1, integer: true })
    for (const o of input.offers) {
      const applies =
        o.coursePrice?.provider === c.provider ||
        (o.courseDiscount?.provider === c.provider &&
          (!o.courseDiscount.formats || o.courseDiscount.formats.includes(c.format)))
      if (!applies) continue
      const price = o.coursePrice
        ? o.coursePrice.price
        : ((c.price as number) * (100 - (o.courseDiscount?.percent ?? 0))) / 100
      const col = cols.length
      colsOf[j]?.push(col)
      cols.push({ cost: price, course: j, upper: 1, integer: true })
      rows.push({
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
        index: [col, offerCol.get(o.id) as number],
        value: [1, -1],
      })
    }
    rows.push({
      lower: Number.NEGATIVE_INFINITY,
      upper: 1,
      index: colsOf[j] as number[],
      value: (colsOf[j] as number[]).map(() => 1),
    })
  })
  const u = cols.length
  cols.push({ cost: 0, course: -1, upper: capLeft, integer: false })
  const row = (f: (c: Course) => number, rhs: number, extra?: [number, number]) => {
    if (rhs <= 0) return
    const index: number[] = []
    const value: number[] = []
    input.courses.forEach((c, j) => {
      const v = f(c)
      if (!v) return
      for (const col of colsOf[j] as number[]) {
        index.push(col)
        value.push(v)
      }
    })
    if (extra) {
      index.push(extra[0])
      value.push(extra[1])
    }
    rows.push({ lower: rhs, upper: Number.POSITIVE_INFINITY, index, value })
  }
  const total = (c: Course) => AREAS.reduce((s, a) => s + (c.credits[a] ?? 0), 0)
  const approved = (c: Course) => c.approvals.includes('AAMA')
  row((c) => (approved(c) ? total(c) : 0), need.get('total') ?? 0, [u, 1])
  row((c) => (approved(c) ? 0 : total(c)), 1e-9, [u, -1])
  for (const a of AREAS) row((c) => c.credits[a] ?? 0, need.get(a) ?? 0)
  row((c) => (approved(c) ? total(c) : 0), need.get('aama-approved') ?? 0)
  return {
    cost: cols.map((c) => c.cost),
    lower: cols.map(() => 0),
    upper: cols.map((c) => c.upper),
    integer: cols.map((c) => c.integer),
    rows,
  }
}

/** Greedy: buy the course with the lowest price per point still needed, until complete. */
function greedy(input: PlanInput): number | null {
  const chosen: ResolvedActivity[] = []
  const left = [...input.courses]
  for (let step = 0; step < 500; step++) {
    const all = [...input.activities, ...chosen]
    const { progress } = assessProgress(CMA, { cycleEnd: input.cycleEnd }, all, input.asOf, [])
    if (progress.complete)
      return chosen.reduce((s, c) => s + ((c as { price?: number }).price ?? 0), 0)
    const need = new Map(progress.requirements.map((r) => [r.id, r.remaining]))
    let best = -1
    let bestRatio = Number.POSITIVE_INFINITY
    left.forEach((c, j) => {
      let useful = Math.min(
        need.get('total') ?? 0,
        AREAS.reduce((s, a) => s + (c.credits[a] ?? 0), 0),
      )
      for (const a of AREAS) useful += Math.min(need.get(a) ?? 0, c.credits[a] ?? 0)
      if (c.approvals.includes('AAMA'))
        useful += Math.min(
          need.get('aama-approved') ?? 0,
          AREAS.reduce((s, a) => s + (c.credits[a] ?? 0), 0),
        )
      if (useful <= 0) return
      const ratio = (c.price as number) / useful
      if (ratio < bestRatio) {
        bestRatio = ratio
        best = j
      }
    })
    if (best < 0) return null
    const [c] = left.splice(best, 1) as [Course]
    chosen.push({ ...c, courseId: c.id, completedOn: input.asOf })
  }
  return null
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}
const r3 = (n: number) => Math.round(n * 1000) / 1000

export async function benchPlan(args: string[]): Promise<void> {
  const sizes = option(args, 'sizes', '1000,2000,10000,100000').split(',').map(Number)
  const count = Number(option(args, 'transcripts', '50'))
  const baselineCount = Number(option(args, 'baseline', '3'))
  const highs = new HighsSolver()
  const solver = new SmallMilpSolver(highs)
  const results: Record<string, unknown>[] = []
  for (const size of sizes) {
    for (const hard of size >= 10_000 ? [false, true] : [false]) {
      const { courses, offers } = catalog(size, hard, size + (hard ? 1 : 0))
      const times: number[] = []
      let optimal = 0
      let feasible = 0
      const costs: number[] = []
      const inputs: PlanInput[] = transcripts(count, 11).map((activities) => ({
        rules: CMA,
        cycleEnd: '2027-06-30',
        asOf: '2026-11-24',
        held: [],
        activities,
        courses,
        offers,
        preferences: { objective: 'cost' },
      }))
      await buildPlan(inputs[0] as PlanInput, solver, { alternatives: false }) // load HiGHS
      for (const input of inputs) {
        const started = performance.now()
        const { plan } = await buildPlan(input, solver, { alternatives: false })
        times.push(performance.now() - started)
        if (plan.feasible) feasible++
        if (plan.feasible && plan.optimal) optimal++
        costs.push(plan.cost)
      }
      // Baselines on the first few transcripts (the monolithic model can take a minute).
      const monoTimes: number[] = []
      const greedyRatios: number[] = []
      for (let k = 0; k < Math.min(baselineCount, inputs.length); k++) {
        const input = inputs[k] as PlanInput
        const model = monolithic(input)
        if (model && size <= 10_000) {
          const started = performance.now()
          await highs.solve(model, { timeLimitSeconds: 60 })
          monoTimes.push(performance.now() - started)
        }
        const g = greedy(input)
        if (g !== null && (costs[k] as number) > 0) greedyRatios.push(g / (costs[k] as number))
      }
      const planP50 = quantile(times, 0.5)
      const row = {
        courses: size,
        kind: hard ? 'hard (cheap courses not AAMA-approved)' : 'realistic',
        transcripts: inputs.length,
        p50: r3(planP50),
        p99: r3(quantile(times, 0.99)),
        max: r3(Math.max(...times)),
        feasible,
        provedOptimal: `${optimal}/${feasible}`,
        monolithicMedianMs: monoTimes.length ? r3(quantile(monoTimes, 0.5)) : null,
        monolithicRatio: monoTimes.length
          ? Math.round(
              (quantile(monoTimes, 0.5) / quantile(times.slice(0, monoTimes.length), 0.5)) * 10,
            ) / 10
          : null,
        greedyCostRatio: greedyRatios.length
          ? Math.round(quantile(greedyRatios, 0.5) * 1000) / 1000
          : null,
      }
      results.push(row)
      console.error(JSON.stringify(row))
    }
  }
  const table = [
    '| courses | catalog | transcripts | p50 ms | p99 ms | proved optimal | unreduced HiGHS model (median ms, x slower) | greedy plan cost (x optimal, median) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => {
      const x = r as Record<string, number | string | null>
      const mono =
        x.monolithicMedianMs === null
          ? 'not run'
          : `${x.monolithicMedianMs} (${x.monolithicRatio}x)`
      return `| ${Number(x.courses).toLocaleString('en')} | ${x.kind} | ${x.transcripts} | ${x.p50} | ${x.p99} | ${x.provedOptimal} | ${mono} | ${x.greedyCostRatio ?? 'n/a'} |`
    }),
  ].join('\n')
  mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('../../bench/results/plan.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), node: process.version, results, table }, null, 2)}\n`,
  )
  console.log(table)
}
