/**
 * `npm run bench -- load [--duration 30] [--connections 50]`: autocannon on loopback against
 * the Node server (a child process with the shipped catalog), mixed traffic: search 80%,
 * progress 10%, plan 10% (each connection cycles through 8 searches, 1 progress, 1 plan).
 * Client-side: requests per second, latency percentiles and errors from autocannon; per route:
 * server-side durations from the server's own request log, and the route's share of the
 * server's time (the sum of its handling times). The per-client rate limit is off
 * for the run (every request comes from one address). Results go to bench/results/load.json.
 *
 * `--during-import 100000 [--import-connections 20]` then runs a second phase: searches only,
 * while a catalog of that many synthetic courses is imported through the admin API (parsed in
 * the server's parsing thread, written in its writing thread); it reports the search latency
 * while the import runs, server-side (from the request log: the time a request was handled) and
 * client-side (autocannon: including any wait behind the event loop), and every failed search
 * by kind (timeouts, resets, HTTP statuses), to bench/results/load-import.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { option } from './args.js'
import { realisticCatalog } from './plan-catalogs.js'
import { BENCH_ADMIN_TOKEN, startBenchServer } from './server.js'

const SEARCHES = [
  '/v1/courses?q=cardio',
  '/v1/courses?q=flebotomy',
  '/v1/courses?category=clinical&approval=AAMA',
  '/v1/courses?q=hipaa&sort=price',
  '/v1/courses?maxPrice=20&perPage=10&page=2',
  '/v1/courses?q=medical%20assistant&format=online',
  '/v1/courses?credential=cma-aama&sort=value',
  '/v1/courses?q=ekg',
]
const PROGRESS = {
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  activities: [
    { courseId: 'ceu-com-pharmacology-for-medical-assistants', completedOn: '2025-02-01' },
    {
      title: 'Chapter meeting',
      completedOn: '2025-10-04',
      hours: 5,
      credits: { administrative: 2, clinical: 2, general: 1 },
      approvals: ['AAMA'],
    },
  ],
}
const PLAN = {
  ...PROGRESS,
  preferences: { providers: ['sample-academy', 'sample-learning', 'ace'] },
}

const tenth = (ms: number) => Math.round(ms * 10) / 10
const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)

export async function benchLoad(args: string[]): Promise<void> {
  const duration = Number(option(args, 'duration', '30'))
  const connections = Number(option(args, 'connections', '50'))
  const duringImport = Number(option(args, 'during-import', '0'))
  const importConnections = Number(option(args, 'import-connections', '20'))
  const durations = new Map<string, number[]>()
  let importing = false
  const duringImportMs: number[] = []
  const server = await startBenchServer(
    { ADMIN_BODY_BYTES: String(512 * 1024 * 1024) },
    (entry) => {
      if (entry.event !== 'request') return
      const path = entry.path as string
      const ms = entry.ms as number
      if (importing && path.startsWith('/v1/courses')) duringImportMs.push(ms)
      const key = `${entry.method} ${path.startsWith('/v1/courses') ? '/v1/courses' : path}`
      const list = durations.get(key)
      if (list) list.push(ms)
      else durations.set(key, [ms])
    },
  )
  const { base } = server
  // Warm up: the first plan loads HiGHS; the first searches fill caches as in a running server.
  for (const path of SEARCHES) await fetch(`${base}${path}`)
  await fetch(`${base}/v1/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PLAN),
  })
  durations.clear()

  const json = { 'content-type': 'application/json' }
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [
      ...SEARCHES.map((path) => ({ method: 'GET' as const, path })),
      {
        method: 'POST' as const,
        path: '/v1/progress',
        headers: json,
        body: JSON.stringify(PROGRESS),
      },
      { method: 'POST' as const, path: '/v1/plan', headers: json, body: JSON.stringify(PLAN) },
    ],
  })
  // The steady-state figures, before any import phase adds to the log.
  const steady = new Map([...durations].map(([route, ms]) => [route, [...ms]]))
  const importRun =
    duringImport > 0
      ? await searchDuringImport(base, duringImport, duration, importConnections, (on) => {
          importing = on
        })
      : null
  await server.stop()
  if (importRun) reportImport(importRun, duringImportMs)

  const routes = [...steady.entries()].map(([route, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b)
    return {
      route,
      requests: ms.length,
      share: 0,
      busyMs: ms.reduce((a, b) => a + b, 0),
      timeShare: 0,
      reqPerSec: Math.round((ms.length / duration) * 10) / 10,
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    }
  })
  const total = routes.reduce((s, r) => s + r.requests, 0)
  for (const r of routes) r.share = Math.round((r.requests / total) * 1000) / 10
  // What each route takes of the server's time (the sum of its handling times).
  const busy = routes.reduce((s, r) => s + r.busyMs, 0)
  for (const r of routes) r.timeShare = Math.round((r.busyMs / busy) * 1000) / 10
  // autocannon counts a timeout as an error too.
  const errors = result.errors + result.non2xx
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    connections,
    durationSeconds: duration,
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors,
    routes,
  }
  const table = [
    `| route | share of requests | share of server time | req/s | server p50 ms | p90 ms | p99 ms | max ms |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
    ...routes.map(
      (r) =>
        `| ${r.route} | ${r.share}% | ${r.timeShare}% | ${r.reqPerSec} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} |`,
    ),
    `| **all (client side, autocannon)** | 100% | | ${summary.reqPerSec} | ${summary.latencyMs.p50} | ${summary.latencyMs.p90} | ${summary.latencyMs.p99} | ${summary.latencyMs.max} |`,
  ].join('\n')
  mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('../../bench/results/load.json', import.meta.url),
    `${JSON.stringify({ ...summary, table }, null, 2)}\n`,
  )
  console.log(table)
  console.log(
    `${summary.requests} requests in ${duration} s at ${connections} connections; errors: ${errors}`,
  )
  if (errors > 0) process.exitCode = 1
}

/** Searches (autocannon) while a catalog of `size` synthetic courses is imported. */
async function searchDuringImport(
  base: string,
  size: number,
  duration: number,
  importConnections: number,
  setImporting: (on: boolean) => void,
) {
  const shipped = await (await fetch(`${base}/v1/providers`)).json()
  const { courses, offers } = realisticCatalog(size, 7)
  const providers = [
    ...(shipped as { id: string }[]),
    ...Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, name: `P${i}` })),
  ]
  const body = JSON.stringify({ providers, offers, courses })
  // Searches run for the whole import (at least `duration` seconds).
  let finished: (result: autocannon.Result) => void = () => {}
  const searched = new Promise<autocannon.Result>((resolve) => {
    finished = resolve
  })
  const searching = autocannon(
    {
      url: base,
      connections: importConnections,
      duration: 3_600,
      requests: SEARCHES.map((path) => ({ method: 'GET' as const, path })),
    },
    (_error, result) => finished(result),
  )
  // Client-side latencies and failures while the import runs (the whole run's are in `result`).
  let importing = false
  const clientMs: number[] = []
  const failures: Record<string, number> = {}
  searching.on('response', (_client, status: number, _bytes, ms: number) => {
    if (!importing) return
    clientMs.push(ms)
    if (status >= 300) failures[`HTTP ${status}`] = (failures[`HTTP ${status}`] ?? 0) + 1
  })
  searching.on('reqError', (error: NodeJS.ErrnoException) => {
    if (!importing) return
    const kind = error.code ?? error.message
    failures[kind] = (failures[kind] ?? 0) + 1
  })
  const minimum = new Promise((resolve) => setTimeout(resolve, duration * 1000))
  await new Promise((resolve) => setTimeout(resolve, 500))
  importing = true
  setImporting(true)
  const started = performance.now()
  const response = await fetch(`${base}/v1/admin/catalog?force=true`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body,
  })
  const importMs = Math.round(performance.now() - started)
  importing = false
  setImporting(false)
  const answer = await response.json()
  await minimum
  searching.stop()
  const result = await searched
  return {
    size,
    bytes: body.length,
    status: response.status,
    answer,
    importMs,
    connections: importConnections,
    clientMs,
    failures,
    result,
  }
}

function reportImport(run: Awaited<ReturnType<typeof searchDuringImport>>, ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const client = [...run.clientMs].sort((a, b) => a - b)
  const failed = Object.values(run.failures).reduce((sum, n) => sum + n, 0)
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    courses: run.size,
    megabytes: Math.round(run.bytes / 1e5) / 10,
    importStatus: run.status,
    importMs: run.importMs,
    searchesDuringImport: sorted.length,
    searchServerMs: {
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    },
    connections: run.connections,
    searchClientMs: {
      p50: tenth(quantile(client, 0.5)),
      p99: tenth(quantile(client, 0.99)),
      max: tenth(client.at(-1) ?? 0),
    },
    /** Failed searches during the import, by kind (an HTTP status or a socket error). */
    failures: run.failures,
  }
  writeFileSync(
    new URL('../../bench/results/load-import.json', import.meta.url),
    `${JSON.stringify(summary, null, 2)}\n`,
  )
  console.log(
    `During a ${summary.courses}-course import (${summary.megabytes} MB, ${summary.importMs} ms, status ${summary.importStatus}), ${summary.connections} connections: ${summary.searchesDuringImport} searches; server p50 ${summary.searchServerMs.p50} ms, p99 ${summary.searchServerMs.p99} ms, max ${summary.searchServerMs.max} ms; client p50 ${summary.searchClientMs.p50} ms, p99 ${summary.searchClientMs.p99} ms, max ${summary.searchClientMs.max} ms; failed searches: ${failed} ${JSON.stringify(summary.failures)}`,
  )
  if (run.status !== 200 || failed > 0) process.exitCode = 1
}
