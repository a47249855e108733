/**
 * `npm run bench -- plan [--sizes 2000,10000,100000] [--kinds hard,joint,realistic]
 * [--transcripts 50] [--baseline N] [--extra-offers N [--cheap-offers]] [--no-write] [--readme]`
 *
 * What a user gets: the full `POST /v1/plan` (default alternatives on: fewest hours, the
 * cost-vs-hours trade-offs, the exam), through the app in process, on seeded catalogs (sample
 * data, see plan-catalogs.ts) with 50 transcripts each: CMA (AAMA) plans, and CMA + CCMA (NHA)
 * planned together on the hard catalogs. Reports p50/p99/max, the share of requests whose plans
 * (primary, alternatives, each credential's own) are all proved optimal, and the share
 * that needed no HiGHS call (no fallback). In the same run, the baseline (HiGHS alone, presolve
 * off, on a model of every course, inside the planner's own search of the offer choices), then a
 * reference (the same with every choice of offers solved), each in turn with recert request by
 * request, on every transcript (two at 100,000 courses, where they take seconds a request), whose
 * totals must agree with recert's, with the ratio of the medians of those turns (`--baseline N`:
 * on the first N only; 0: none). `--extra-offers N`
 * adds N discounts to the hard catalogs (plan-catalogs.ts, extraOffers: 2^(3+N) offer choices).
 * Results go to bench/results/plan.json (unless --no-write) with the Markdown table the README
 * shows; --readme writes it into README.md between its markers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { ruleSetSchema } from '../../src/core/catalog/rule-set.js'
import type { Offer } from '../../src/core/catalog/schemas.js'
import type { ResolvedActivity } from '../../src/core/rules/request.js'
import { option } from './args.js'
import { extraOffers, hardCatalog, realisticCatalog, transcripts } from './plan-catalogs.js'
import {
  type BenchTarget,
  type PlanApp,
  type Planner,
  type PlanRun,
  planApp,
} from './plan-request.js'

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
 * The app with the given solver, after `warmUp` requests on transcripts not measured (the JIT,
 * HiGHS' module, the catalog's course values and kinds: what a server that has answered a few
 * plans since loading its catalog has). The first of them is reported.
 */
async function warmApp(
  data: ReturnType<typeof hardCatalog>,
  targets: readonly BenchTarget[],
  solver: Planner,
  warmUp: number,
): Promise<{ app: PlanApp; first: number }> {
  const app = await planApp(data, targets, solver)
  let first = Number.NaN
  for (const activities of transcripts(warmUp, 99)) {
    const run = await app.plan(activities)
    if (Number.isNaN(first)) first = run.ms
  }
  return { app, first }
}

/**
 * Recert and the baseline on the same transcripts, request by request in turn (which goes
 * first alternates), so that the machine's drift, which can be a third of a request's time
 * over a run, touches both alike.
 */
async function paired(ours: PlanApp, base: PlanApp, inputs: ResolvedActivity[][]) {
  const runs: { ours: PlanRun; base: PlanRun }[] = []
  for (const [k, activities] of inputs.entries()) {
    const first = k % 2 === 0 ? ours : base
    const one = await first.plan(activities)
    const two = await (first === ours ? base : ours).plan(activities)
    runs.push(first === ours ? { ours: one, base: two } : { ours: two, base: one })
  }
  return runs
}

/**
 * Recert in turn with a baseline on `inputs` (after that baseline's warm-up), every total
 * checked against the baseline's and recert's own pass: the baseline's median and max, recert's
 * median in those turns, and the ratio of the medians. Nulls when no input is given.
 */
async function against(
  ours: PlanApp,
  solver: Planner,
  setting: { data: ReturnType<typeof hardCatalog>; targets: readonly BenchTarget[] },
  inputs: ResolvedActivity[][],
  runs: readonly PlanRun[],
) {
  if (inputs.length === 0) return { runs: 0, median: null, max: null, ours: null, speedup: null }
  collectGarbage()
  const { app: base } = await warmApp(setting.data, setting.targets, solver, BASELINE_WARM_UP)
  const pairs = await paired(ours, base, inputs)
  base.close()
  pairs.forEach((p, k) => {
    agree(p.base, runs[k] as PlanRun, k)
    agree(p.base, p.ours, k)
  })
  const baseTimes = pairs.map((p) => p.base.ms)
  const ourTimes = pairs.map((p) => p.ours.ms)
  return {
    runs: pairs.length,
    median: r1(quantile(baseTimes, 0.5)),
    max: r1(Math.max(...baseTimes)),
    ours: r1(quantile(ourTimes, 0.5)),
    speedup: r1(quantile(baseTimes, 0.5) / quantile(ourTimes, 0.5)),
  }
}

/**
 * One catalog: recert on every transcript (its times, p50 and p99); then the ratio to the
 * baseline and to the every-choice reference, recert in turn with each on the first
 * `baselineCount`, in the same run.
 */
async function benchCatalog(
  size: number,
  kind: Kind,
  count: number,
  baselineCount: number,
  extra: Offer[],
) {
  // A full collection first: the catalogs and baselines measured before leave hundreds of
  // megabytes (HiGHS' models of every course), whose collection would land in this catalog's
  // requests (a 25 ms pause in one of them: a p99 of 54 ms at 2,000 courses, 30-36 alone).
  collectGarbage()
  const hard = kind !== 'realistic'
  const catalog = hard ? hardCatalog(size, size + 7) : realisticCatalog(size, size)
  const data = hard ? { ...catalog, offers: [...catalog.offers, ...extra] } : catalog
  const inputs = hard ? transcripts(count, 11, 6) : transcripts(count, 11)
  const targets = kind === 'joint' ? [CMA, CCMA] : [CMA]
  const { app: ours, first } = await warmApp(data, targets, 'recert', WARM_UP)
  const runs: PlanRun[] = []
  for (const activities of inputs) runs.push(await ours.plan(activities))
  const setting = { data, targets }
  const compared = inputs.slice(0, baselineCount)
  const base = await against(ours, 'baseline', setting, compared, runs)
  const every = await against(ours, 'every-choice', setting, compared, runs)
  ours.close()
  const times = runs.map((r) => r.ms)
  return {
    courses: size,
    kind: `${KIND_LABEL[kind]}${hard && extra.length ? `, ${extra.length} more discounts` : ''}`,
    transcripts: runs.length,
    firstRequest: r1(first),
    p50: r1(quantile(times, 0.5)),
    p99: r1(quantile(times, 0.99)),
    max: r1(Math.max(...times)),
    provedOptimal: `${runs.filter((r) => r.optimal).length}/${runs.length}`,
    withoutFallback: `${runs.filter((r) => r.highsCalls === 0).length}/${runs.length}`,
    baselineRuns: base.runs,
    baselineMedian: base.median,
    baselineMax: base.max,
    pairedMedian: base.ours,
    speedup: base.speedup,
    everyChoiceRuns: every.runs,
    everyChoiceMedian: every.median,
    everyChoiceMax: every.max,
    everyChoicePairedMedian: every.ours,
    everyChoiceSpeedup: every.speedup,
  }
}

type Row = Awaited<ReturnType<typeof benchCatalog>>

/** V8's full collection (what `--expose-gc` would name `gc`), without a flag on the command. */
function collectGarbage() {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/** Requests before the measured ones (the first is reported as the first after loading). */
const WARM_UP = 20
/**
 * The baseline's: HiGHS' module is compiled on its first request; the code around it is warm
 * from recert's requests (the same code).
 */
const BASELINE_WARM_UP = 3

function tableOf(results: Row[]): string {
  return [
    '| courses | catalog | transcripts | p50 ms | p99 ms | max ms | proved optimal | without HiGHS | baseline median / max ms (requests) | recert median in turn with it, ms | faster than baseline (medians) | reference, every offer choice solved: median / max ms (requests) | recert median in turn with it, ms | faster than reference (medians) | first request after loading, ms |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((x) => {
      const times = (median: number | null, max: number | null, runs: number) =>
        median === null ? 'not run' : `${median} / ${max} (${runs})`
      const ratio = (r: number | null) => (r === null ? 'n/a' : `${r}x`)
      return `| ${x.courses.toLocaleString('en')} | ${x.kind} | ${x.transcripts} | ${x.p50} | ${x.p99} | ${x.max} | ${x.provedOptimal} | ${x.withoutFallback} | ${times(x.baselineMedian, x.baselineMax, x.baselineRuns)} | ${x.pairedMedian ?? 'n/a'} | ${ratio(x.speedup)} | ${times(x.everyChoiceMedian, x.everyChoiceMax, x.everyChoiceRuns)} | ${x.everyChoicePairedMedian ?? 'n/a'} | ${ratio(x.everyChoiceSpeedup)} | ${x.firstRequest} |`
    }),
  ].join('\n')
}

export async function benchPlan(args: string[]): Promise<void> {
  const sizes = option(args, 'sizes', '2000,10000,100000').split(',').map(Number)
  const kinds = option(args, 'kinds', 'hard,joint,realistic').split(',') as Kind[]
  const count = Number(option(args, 'transcripts', '50'))
  const baselineCount = Number(option(args, 'baseline', String(count)))
  const extra = extraOffers(
    Number(option(args, 'extra-offers', '0')),
    args.includes('--cheap-offers'),
  )
  const results: Row[] = []
  for (const size of sizes) {
    for (const kind of kinds) {
      // The baseline takes seconds a request at 100,000 courses: two requests there.
      const baseline = size >= 100_000 ? Math.min(2, baselineCount) : baselineCount
      const row = await benchCatalog(size, kind, count, baseline, extra)
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
