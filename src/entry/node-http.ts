/**
 * The Node HTTP server around the app: timeouts, Node's own client errors answered as
 * problem+json (with the cause logged), and a graceful stop on SIGINT/SIGTERM.
 */
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { serve } from '@hono/node-server'
import { type Problem, problem } from '../http/errors.js'
import type { Log } from '../http/middleware/request-log.js'
import { stopGracefullyOnSignals } from './graceful-stop.js'

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
  if (options.stopOnSignals !== false) stopGracefullyOnSignals(server, options)
  return server
}
