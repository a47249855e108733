/**
 * The Node HTTP server around the app: timeouts, Node's own client errors answered as
 * problem+json (with the cause logged), and a graceful stop on SIGINT/SIGTERM.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { serve } from '@hono/node-server'
import { type Problem, problem } from '../http/errors.js'
import type { Log } from '../http/middleware/request-log.js'

export interface NodeServerOptions {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>
  port: number
  hostname: string
  log: Log
  /** Longest time to receive a whole request, and its headers (slow clients hold sockets). */
  requestTimeoutMs: number
  headersTimeoutMs: number
  /** How long a stop waits for requests in flight. */
  graceMs: number
  /** Runs after the server has closed (close the database). */
  onStopped: () => void
  /** Stop gracefully on SIGINT/SIGTERM (default); tests that run a server in-process do not. */
  stopOnSignals?: boolean
}

/** Status and wording for the errors Node's HTTP parser reports before the app sees a request. */
function clientProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        431,
        'headers-too-large',
        'Request headers too large',
        'Send fewer or smaller headers.',
      )
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(
        408,
        'request-timeout',
        'Request timeout',
        'The request did not arrive in time.',
      )
    case 'HPE_INVALID_METHOD':
      return problem(
        501,
        'unknown-method',
        'Unknown method',
        'The request method is not supported.',
      )
    default:
      return problem(400, 'bad-request', 'Bad request', 'The request is not valid HTTP/1.1.')
  }
}

/** Writes a problem+json answer on a raw socket and closes it. */
function answerRaw(socket: Duplex, body: Problem): void {
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${body.status} ${body.title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  )
}

export function startNodeServer(options: NodeServerOptions): Server {
  const { log } = options
  const server = serve(
    {
      fetch: options.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        requestTimeout: options.requestTimeoutMs,
        headersTimeout: options.headersTimeoutMs,
        // How often those timeouts are checked (Node's default, 30 s, lets slow sockets linger).
        connectionsCheckingInterval: Math.min(
          1_000,
          options.headersTimeoutMs,
          options.requestTimeoutMs,
        ),
      },
    },
    (info) => log('server.listening', { url: `http://localhost:${info.port}`, port: info.port }),
  ) as Server
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away needs no answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const body = clientProblem(error.code)
    log('request.client-error', {
      code: error.code ?? null,
      status: body.status,
      error: error.message,
    })
    answerRaw(socket, body)
  })
  // `Expect:` with anything but 100-continue: Node answers a bare 417 unless told otherwise.
  server.on('checkExpectation', (request, response) => {
    const body = problem(
      417,
      'expectation-failed',
      'Expectation failed',
      'Only `Expect: 100-continue` is understood.',
    )
    log('request.client-error', {
      code: 'EXPECTATION',
      status: 417,
      expect: String(request.headers.expect).slice(0, 100),
    })
    const text = JSON.stringify(body)
    response.writeHead(417, {
      'content-type': 'application/problem+json',
      'content-length': Buffer.byteLength(text),
      connection: 'close',
    })
    response.end(text)
  })
  if (options.stopOnSignals !== false) stopOnSignals(server, options)
  return server
}

/** Exits once stdout has taken every log line (writes to a pipe are asynchronous). */
function exitAfterLogs(code: number): void {
  process.stdout.write('', () => process.exit(code))
}

/**
 * Stop gracefully: answer every request already sent, then exit. Connections the kernel has
 * accepted but Node has not yet read (the loop was busy planning) must not be reset, so the
 * listener closes only once no connection has arrived for a moment; after the signal every
 * answer says `Connection: close`, and a keep-alive connection is closed only when it sits idle
 * after a request it was answered on. Past `graceMs` the process exits regardless.
 */
function stopOnSignals(server: Server, options: NodeServerOptions): void {
  let stopping = false
  let lastConnection = performance.now()
  const sockets = new Map<Socket, { active: number; served: boolean }>()
  server.on('connection', (socket: Socket) => {
    lastConnection = performance.now()
    sockets.set(socket, { active: 0, served: false })
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = sockets.get(request.socket as Socket)
    if (state) state.active++
    if (stopping && !response.headersSent) response.setHeader('connection', 'close')
    response.once('close', () => {
      if (!state) return
      state.active--
      state.served = true
      if (stopping && state.active === 0) request.socket.destroySoon()
    })
  })
  const closeIdle = () => {
    for (const [socket, state] of sockets)
      if (state.served && state.active === 0) socket.destroySoon()
  }
  const activeRequests = () => [...sockets.values()].reduce((sum, s) => sum + s.active, 0)
  // The listener stays open while stopping (closing it would reset connections the kernel has
  // accepted but Node has not yet taken); the process exits once nothing is in flight and no
  // connection has arrived for a while. Every answer meanwhile closes its connection.
  const exitWhenQuiet = () =>
    setImmediate(() => {
      closeIdle()
      if (activeRequests() > 0 || performance.now() - lastConnection < 250) {
        setTimeout(exitWhenQuiet, 50)
        return
      }
      server.close()
      options.onStopped()
      options.log('server.stopped', { drained: true })
      exitAfterLogs(0)
    })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      options.log('server.stopping', { signal })
      const force = setTimeout(() => {
        options.log('server.stopped', { drained: false })
        exitAfterLogs(1)
      }, options.graceMs)
      force.unref()
      exitWhenQuiet()
    })
  }
}
