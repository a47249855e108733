/**
 * Graceful stop of the Node server on SIGINT/SIGTERM: every connection that reached the server
 * before the signal gets its answer; none is reset.
 *
 * Closing the listener is what loses requests. The kernel completes TCP handshakes on its own
 * and queues the connections (with the requests their clients already sent) until the process
 * accepts them, and Node accepts them only a few at a time, between the tasks of its one event
 * loop (strace on Node 20 shows one `accept4` per loop turn). With 40 plans sent at once, most
 * of them wait in that queue while the first plans run, and closing the listener, or exiting,
 * makes the kernel reset every one of them. Node's own `server.close()` also destroys accepted
 * connections whose request it has not read yet. So while stopping, the listener stays open
 * and the queue is drained with a marker: the server opens a connection to itself, and since
 * the accept queue is first in, first out, once the server accepts the marker it has accepted
 * every connection queued before it. The process exits after a marker round in which no other
 * connection arrived, once every accepted connection has been answered and closed.
 *
 * Meanwhile every answer says `Connection: close`, a keep-alive connection is closed once it
 * sits idle after an answer, and a connection that has sent nothing for a second (a
 * preconnect) is closed. Past `graceMs` the process exits regardless, with code 1.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import type { Log } from '../http/middleware/request-log.js'

export interface GracefulStopOptions {
  log: Log
  /** How long a stop waits for requests in flight before the process exits anyway. */
  graceMs: number
  /** Runs once every connection has been answered (close the database). */
  onStopped: () => void
}

/** How often a stopping server closes idle connections and checks whether it may exit. */
const TICK_MS = 50
/** A connection that has sent nothing this long after the signal is closed (no request lost). */
const SILENT_MS = 1_000
/** Without a marker (it could not connect): exit once no connection arrived for this long. */
const QUIET_MS = 250

interface Connection {
  /** Requests on it not yet answered. */
  active: number
  /** Bytes read from it when its last answer was sent (null: never answered). */
  answeredAt: number | null
  /** Since when, and for how many ticks, it has been idle since the signal. */
  idleSince: number | null
  idleTicks: number
}

/** The address the server can reach itself on (a wildcard bind is reached over loopback). */
function ownAddress(server: Server): { host: string; port: number } | null {
  const address = server.address() as AddressInfo | string | null
  if (address === null || typeof address === 'string') return null
  const host =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address
  return { host, port: address.port }
}

const plainAddress = (address: string | undefined) => address?.replace(/^::ffff:/, '')

/**
 * Whether `accepted` (server side) is the other end of `marker` (client side). The marker's own
 * address is read only here, once the server has accepted something: by then its connect has
 * been issued (net.connect issues it on the next tick, before any I/O callback).
 */
function isMarker(accepted: Socket, marker: Socket): boolean {
  return (
    accepted.remotePort === marker.localPort &&
    plainAddress(accepted.remoteAddress) === plainAddress(marker.localAddress)
  )
}

/** Exits once stdout has taken every log line (writes to a pipe are asynchronous). */
function exitAfterLogs(code: number): void {
  process.stdout.write('', () => process.exit(code))
}

export function stopGracefullyOnSignals(server: Server, options: GracefulStopOptions): void {
  const stop = new GracefulStop(server, options)
  server.on('connection', (socket: Socket) => stop.onConnection(socket))
  server.on('request', (request: IncomingMessage, response: ServerResponse) =>
    stop.onRequest(request, response),
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop.begin(signal))
}

class GracefulStop {
  private readonly connections = new Map<Socket, Connection>()
  private stopping = false
  private lastConnection = performance.now()
  /** The marker connection in flight, and how many other connections arrived since it left. */
  private round: { marker: Socket; others: number } | null = null
  private markerUnavailable = false
  private tick: NodeJS.Timeout | undefined

  constructor(
    private readonly server: Server,
    private readonly options: GracefulStopOptions,
  ) {}

  begin(signal: NodeJS.Signals): void {
    if (this.stopping) return
    this.stopping = true
    this.options.log('server.stopping', { signal })
    const force = setTimeout(() => {
      this.options.log('server.stopped', { drained: false, open: this.connections.size })
      exitAfterLogs(1)
    }, this.options.graceMs)
    force.unref()
    this.tick = setInterval(() => this.onTick(), TICK_MS)
    this.onTick()
  }

  onConnection(socket: Socket): void {
    const round = this.round
    if (round && isMarker(socket, round.marker)) {
      socket.destroy()
      round.marker.destroy()
      this.round = null
      // Everything queued before the marker has been accepted; exit if none came and all of
      // those have been answered, else the next tick sends another marker.
      if (round.others === 0 && this.connections.size === 0) this.finish()
      return
    }
    this.lastConnection = performance.now()
    if (round) round.others++
    this.connections.set(socket, { active: 0, answeredAt: null, idleSince: null, idleTicks: 0 })
    socket.once('close', () => this.connections.delete(socket))
  }

  onRequest(request: IncomingMessage, response: ServerResponse): void {
    const state = this.connections.get(request.socket as Socket)
    if (state) state.active++
    if (this.stopping && !response.headersSent) response.setHeader('connection', 'close')
    response.once('close', () => {
      if (!state) return
      state.active--
      state.answeredAt = request.socket.bytesRead
      if (this.stopping && state.active === 0) request.socket.destroySoon()
    })
  }

  private onTick(): void {
    const now = performance.now()
    this.closeIdle(now)
    if (this.markerUnavailable) {
      if (this.connections.size === 0 && now - this.lastConnection >= QUIET_MS) this.finish()
    } else if (!this.round) this.startRound()
  }

  private startRound(): void {
    const target = ownAddress(this.server)
    if (!target) {
      this.markerUnavailable = true
      return
    }
    const marker = connect(target.port, target.host)
    this.round = { marker, others: 0 }
    marker.on('error', () => {
      // Refused or reset before the server saw it: fall back to waiting for a quiet moment.
      if (this.round?.marker === marker) {
        this.round = null
        this.markerUnavailable = true
      }
    })
  }

  /**
   * Closes keep-alive connections idle after an answer, and connections that have sent nothing
   * for SILENT_MS. Idle means seen so in two ticks at least: a loop turn has passed since it
   * was accepted, so bytes its client sent before would have been read. A connection with part
   * of a request is left to finish it (the request and header timeouts bound it).
   */
  private closeIdle(now: number): void {
    for (const [socket, state] of this.connections) {
      if (state.active > 0 || socket.bytesRead > (state.answeredAt ?? 0)) {
        state.idleSince = null
        state.idleTicks = 0
        continue
      }
      state.idleSince ??= now
      state.idleTicks++
      if (state.idleTicks < 2) continue
      if (state.answeredAt !== null || now - state.idleSince >= SILENT_MS) socket.destroySoon()
    }
  }

  private finish(): void {
    clearInterval(this.tick)
    this.server.close()
    this.options.onStopped()
    this.options.log('server.stopped', { drained: true })
    exitAfterLogs(0)
  }
}
