/**
 * `npm run bench -- plan [--sizes 2000,10000,100000] [--kinds hard,joint,realistic]
 * [--transcripts 50] [--baseline 5] [--no-write] [--readme]`
 *
 * What a user gets: the full `POST /v1/plan` (default alternatives on: fewest hours, the
 * cost-vs-hours trade-offs, the exam), through the app in process, on seeded catalogs (sample
 * data, see plan-catalogs.ts) with 50 transcripts each: CMA (AAMA) plans, and CMA + CCMA (NHA)
 * planned together on the hard catalogs. Reports p50/p99/max, the share of requests whose plans
 * (primary, alternatives, each credential's own) are all proved optimal, and the share
 * that needed no HiGHS call (no fallback). In the same run, the baseline: the same requests with
 * HiGHS alone as the solver (presolve off; the planner still enumerates the offer choices), on
 * the first few transcripts, whose totals must agree with recert's; and the ratio of medians
 * on those transcripts. Results go to bench/results/plan.json (unless --no-write) with the
 * Markdown table the README shows; --readme writes it into README.md between its markers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { ruleSetSchema } from '../../src/core/catalog/rule-set.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { option } from './args.js'
import { hardCatalog, realisticCatalog, transcripts } from './plan-catalogs.js'
import { type BenchTarget, type PlanRun, planApp } from './plan-request.js'

const ruleSet = (id: string) =>
  ruleSetSchema.parse(
    JSON.parse(
      readFileSync(new URL(`../../catalog/credentials/${id}.json`, import.meta.url), 'utf8'),
    ),
  )
const CMA: BenchTarget = { rules: ruleSet('cma-aama'), cycleEnd: '2027-06-30' }
const CCMA: BenchTarget = { rules: ruleSet('ccma-nha'), cycleEnd: '2027-03-31' }

/**
 * `hard` and `realistic`: a CMA (AAMA) plan on either catalog. `joint`: the hard catalog, CMA
 * and CCMA (NHA) planned together (`credentials`), which also plans each credential alone for
 * the comparison the answer carries.
 */
type Kind = 'hard' | 'realistic' | 'joint'

const KIND_LABEL: Record<Kind, string> = {
  hard: 'hard (cheap courses not AAMA-approved, three offers)',
  realistic: 'realistic',
  joint: 'hard, CMA + CCMA in one plan',
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}
const r1 = (n: number) => Math.round(n * 10) / 10

/** Throws when the baseline's answer differs from recert's on the same transcript. */
function agree(base: PlanRun, ours: PlanRun, k: number) {
  const a = JSON.stringify([base.total, base.alternatives])
  const b = JSON.stringify([ours.total, ours.alternatives])
  if (a !== b) throw new Error(`transcript ${k}: baseline totals ${a}, recert ${b}`)
}

/**
 * Plans every transcript with the given solver, after `warmUp` requests on transcripts not
 * measured (the JIT, HiGHS' module, the catalog's course values and kinds: what a server that
 * has answered a few plans since loading its catalog has). The first of them is reported.
 */
async function runAll(
  data: ReturnType<typeof hardCatalog>,
  targets: readonly BenchTarget[],
  solver: 'recert' | 'baseline',
  inputs: ResolvedActivity[][],
  warmUp: number,
): Promise<{ runs: PlanRun[]; first: number }> {
  const app = await planApp(data, targets, solver)
  let first = Number.NaN
  for (const activities of transcripts(warmUp, 99)) {
    const run = await app.plan(activities)
    if (Number.isNaN(first)) first = run.ms
  }
  const runs: PlanRun[] = []
  for (const activities of inputs) runs.push(await app.plan(activities))
  app.close()
  return { runs, first }
}

/** One catalog: recert on every transcript, the baseline on the first few, in the same run. */
async function benchCatalog(size: number, kind: Kind, count: number, baselineCount: number) {
  const hard = kind !== 'realistic'
  const data = hard ? hardCatalog(size, size + 7) : realisticCatalog(size, size)
  const inputs = hard ? transcripts(count, 11, 6) : transcripts(count, 11)
  const targets = kind === 'joint' ? [CMA, CCMA] : [CMA]
  const { runs, first } = await runAll(data, targets, 'recert', inputs, WARM_UP)
  const base =
    baselineCount > 0
      ? (await runAll(data, targets, 'baseline', inputs.slice(0, baselineCount), 1)).runs
      : []
  base.forEach((b, k) => {
    agree(b, runs[k] as PlanRun, k)
  })
  const times = runs.map((r) => r.ms)
  const paired = runs.slice(0, base.length).map((r) => r.ms)
  const baseTimes = base.map((b) => b.ms)
  return {
    courses: size,
    kind: KIND_LABEL[kind],
    transcripts: runs.length,
    firstRequest: r1(first),
    p50: r1(quantile(times, 0.5)),
    p99: r1(quantile(times, 0.99)),
    max: r1(Math.max(...times)),
    provedOptimal: `${runs.filter((r) => r.optimal).length}/${runs.length}`,
    withoutFallback: `${runs.filter((r) => r.highsCalls === 0).length}/${runs.length}`,
    baselineRuns: base.length,
    baselineMedian: base.length ? r1(quantile(baseTimes, 0.5)) : null,
    baselineMax: base.length ? r1(Math.max(...baseTimes)) : null,
    speedup: base.length ? r1(quantile(baseTimes, 0.5) / quantile(paired, 0.5)) : null,
  }
}

type Row = Awaited<ReturnType<typeof benchCatalog>>

/** Requests before the measured ones (the first is reported as the first after loading). */
const WARM_UP = 20

function tableOf(results: Row[]): string {
  return [
    '| courses | catalog | transcripts | p50 ms | p99 ms | max ms | proved optimal | without HiGHS | baseline median / max ms (requests) | faster than baseline (medians) | first request after loading, ms |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((x) => {
      const base =
        x.baselineMedian === null
          ? 'not run'
          : `${x.baselineMedian} / ${x.baselineMax} (${x.baselineRuns})`
      return `| ${x.courses.toLocaleString('en')} | ${x.kind} | ${x.transcripts} | ${x.p50} | ${x.p99} | ${x.max} | ${x.provedOptimal} | ${x.withoutFallback} | ${base} | ${x.speedup === null ? 'n/a' : `${x.speedup}x`} | ${x.firstRequest} |`
    }),
  ].join('\n')
}

export async function benchPlan(args: string[]): Promise<void> {
  const sizes = option(args, 'sizes', '2000,10000,100000').split(',').map(Number)
  const kinds = option(args, 'kinds', 'hard,joint,realistic').split(',') as Kind[]
  const count = Number(option(args, 'transcripts', '50'))
  const baselineCount = Number(option(args, 'baseline', '5'))
  const results: Row[] = []
  for (const size of sizes) {
    for (const kind of kinds) {
      // The baseline takes seconds a request at 100,000 courses: two requests there.
      const baseline = size >= 100_000 ? Math.min(2, baselineCount) : baselineCount
      const row = await benchCatalog(size, kind, count, baseline)
      results.push(row)
      console.error(JSON.stringify(row))
    }
  }
  const date = new Date().toISOString().slice(0, 10)
  const machine = `Node ${process.version}, ${availableParallelism()} cores`
  const table = tableOf(results)
  if (!args.includes('--no-write')) {
    mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true })
    writeFileSync(
      new URL('../../bench/results/plan.json', import.meta.url),
      `${JSON.stringify({ date, node: process.version, cores: availableParallelism(), results, table }, null, 2)}\n`,
    )
    if (args.includes('--readme')) writeReadme(`Measured ${date}, ${machine}:\n\n${table}`)
  }
  console.log(table)
}

/** Puts the text between the plan benchmark's markers in README.md. */
function writeReadme(text: string) {
  const file = new URL('../../README.md', import.meta.url)
  const readme = readFileSync(file, 'utf8')
  const start = '<!-- plan-bench:start -->'
  const end = '<!-- plan-bench:end -->'
  const from = readme.indexOf(start)
  const to = readme.indexOf(end)
  if (from < 0 || to < from) throw new Error('README.md has no plan benchmark markers')
  writeFileSync(file, `${readme.slice(0, from + start.length)}\n${text}\n${readme.slice(to)}`)
}
