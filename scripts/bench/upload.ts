/**
 * `npm run bench -- upload [--runs 10]`: how fast the Node server refuses hostile admin uploads
 * of about 10 MB (3.3 million empty courses; JSON nested 5 million deep), sent with `fetch` over
 * loopback one after the other, while another client asks `/healthz` every 20 ms. Reports, per
 * upload kind, the time from sending to the whole 4xx answer (client side) and the server's own
 * duration from its request log, and the `/healthz` latency meanwhile. Results go to
 * bench/results/upload.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { option } from './args.js'
import { BENCH_ADMIN_TOKEN, startBenchServer } from './server.js'

const KINDS = [
  {
    name: '3.3 million empty courses',
    body: `{"providers":[],"courses":[${Array(3_300_000).fill('{}').join(',')}]}`,
  },
  {
    name: 'JSON nested 5 million deep',
    body: `{"providers":${'['.repeat(5_000_000)}${']'.repeat(5_000_000)},"courses":[]}`,
  },
]

/** Asks the URL it is given every 20 ms, posting each status and latency. */
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  for (;;) {
    const started = performance.now()
    const res = await fetch(workerData)
    await res.arrayBuffer()
    parentPort.postMessage({ status: res.status, ms: performance.now() - started })
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
})()
`

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)
const round = (ms: number) => Math.round(ms * 10) / 10
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b)
  return { p50: round(quantile(sorted, 0.5)), max: round(sorted.at(-1) ?? 0) }
}

export async function benchUpload(args: string[]): Promise<void> {
  const runs = Number(option(args, 'runs', '10'))
  const serverMs: number[] = []
  const server = await startBenchServer({}, (entry) => {
    if (entry.event === 'request' && entry.path === '/v1/admin/catalog')
      serverMs.push(entry.ms as number)
  })
  // /healthz is asked from a thread of its own, so that sending the uploads does not delay it.
  const poller = new Worker(POLLER, { eval: true, workerData: `${server.base}/healthz` })
  const health: { status: number; ms: number }[] = []
  poller.on('message', (h: { status: number; ms: number }) => health.push(h))
  const results = []
  for (const kind of KINDS) {
    const body = new TextEncoder().encode(kind.body)
    const client: number[] = []
    const statuses = new Set<number>()
    serverMs.length = 0
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      const res = await fetch(`${server.base}/v1/admin/catalog`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body,
      })
      await res.arrayBuffer()
      client.push(performance.now() - started)
      statuses.add(res.status)
    }
    results.push({
      kind: kind.name,
      megabytes: Math.round(body.length / 1e5) / 10,
      runs,
      statuses: [...statuses],
      clientMs: summary(client),
      serverMs: summary(serverMs),
    })
  }
  await poller.terminate()
  await server.stop()
  const healthz = {
    requests: health.length,
    allOk: health.every((h) => h.status === 200),
    ms: summary(health.map((h) => h.ms)),
  }
  const out = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    results,
    healthz,
  }
  const table = [
    '| upload | MB | runs | status | answered in (client) p50 / max ms | server p50 / max ms |',
    '|---|---:|---:|---|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.kind} | ${r.megabytes} | ${r.runs} | ${r.statuses.join(', ')} | ${r.clientMs.p50} / ${r.clientMs.max} | ${r.serverMs.p50} / ${r.serverMs.max} |`,
    ),
  ].join('\n')
  mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('../../bench/results/upload.json', import.meta.url),
    `${JSON.stringify({ ...out, table }, null, 2)}\n`,
  )
  console.log(table)
  console.log(
    `/healthz meanwhile: ${healthz.requests} requests, ${healthz.allOk ? 'all 200' : 'NOT all 200'}, p50 ${healthz.ms.p50} ms, max ${healthz.ms.max} ms`,
  )
  if (!healthz.allOk || results.some((r) => r.statuses.some((s) => s < 400 || s >= 500)))
    process.exitCode = 1
}
