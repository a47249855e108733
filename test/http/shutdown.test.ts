/**
 * SIGTERM under plan load, on a real server process (`npm start`'s command): every plan sent
 * before the signal gets its whole answer, none is reset, a connection that sends nothing is
 * closed, and the process exits 0.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server.js'

/** The plan request of the README (a CMA with part of the cycle done). */
const PLAN = JSON.stringify({
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  activities: [
    { courseId: 'ceu-com-pharmacology-for-medical-assistants', completedOn: '2025-02-01' },
    {
      title: 'AAMA chapter meeting',
      completedOn: '2025-10-04',
      hours: 5,
      credits: { administrative: 2, clinical: 2, general: 1 },
      approvals: ['AAMA'],
    },
    {
      title: 'Online CE bundle',
      completedOn: '2026-03-15',
      hours: 30,
      credits: { administrative: 6, clinical: 16, general: 8 },
      approvals: ['AAMA'],
    },
    { format: 'cpr-card', completedOn: '2023-05-01' },
  ],
  preferences: { providers: ['sample-academy'] },
})

interface Outcome {
  status?: number
  connection?: string
  feasible?: boolean
  error?: string
  answeredAt?: number
}

/** One plan on its own connection: `sent` resolves once the whole request is written. */
function plan(port: number): { sent: Promise<void>; outcome: Promise<Outcome> } {
  let sent: () => void = () => {}
  const written = new Promise<void>((resolve) => {
    sent = resolve
  })
  const outcome = new Promise<Outcome>((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/plan',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(PLAN) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => {
          const body = res.complete ? JSON.parse(text) : null
          resolve({
            status: res.statusCode,
            connection: res.headers.connection,
            feasible: body?.plan?.feasible,
            answeredAt: performance.now(),
          })
        })
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }))
      },
    )
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    )
    req.on('finish', () => sent())
    req.end(PLAN)
  })
  return { sent: written, outcome }
}

describe('SIGTERM under plan load', () => {
  it('answers every one of 40 plans sent at once on their own connections, then exits 0', async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: '60000' })
    await server.waitFor((l) => l.event === 'catalog.loaded')
    const port = Number(new URL(server.url).port)
    // The first plan loads the solver, as on any server that has been running.
    expect((await plan(port).outcome).status).toBe(200)

    // A connection that never sends a request (a browser's preconnect) must not hold the stop.
    const silent = connect(port, '127.0.0.1')
    await new Promise((resolve) => silent.once('connect', resolve))
    let silentGot = 0
    silent.on('data', (chunk) => {
      silentGot += chunk.length
    })
    const silentEnded = new Promise<string>((resolve) => {
      silent.once('end', () => resolve('end'))
      silent.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    const plans = Array.from({ length: 40 }, () => plan(port))
    await Promise.all(plans.map((p) => p.sent))
    const signalledAt = performance.now()
    server.child.kill('SIGTERM')
    const outcomes = await Promise.all(plans.map((p) => p.outcome))
    const code = await server.exited

    // The signal came while plans were in flight (the server answers one plan at a time).
    expect(outcomes.filter((o) => (o.answeredAt ?? 0) > signalledAt).length).toBeGreaterThan(0)
    expect(outcomes.filter((o) => o.error !== undefined)).toEqual([])
    expect(outcomes.map((o) => o.status)).toEqual(Array(40).fill(200))
    expect(outcomes.every((o) => o.feasible === true)).toBe(true)
    // Answers sent after the signal close their connection.
    expect(outcomes.some((o) => o.connection === 'close')).toBe(true)
    expect(code).toBe(0)
    expect(await silentEnded).toBe('end')
    expect(silentGot).toBe(0)
    expect(server.lines.some((l) => l.event === 'server.stopping' && l.signal === 'SIGTERM')).toBe(
      true,
    )
    expect(server.lines.find((l) => l.event === 'server.stopped')?.drained).toBe(true)
    expect(server.lines.filter((l) => l.event === 'request' && l.path === '/v1/plan').length).toBe(
      41,
    )
  }, 60_000)
})
