import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { problem, problemResponse } from '../errors.js'

/**
 * Refuses bodies over `maxBytes` with 413 problem+json, before they are read whole. The answer
 * says `Connection: close`: the rest of the body is still on its way, so a client must not send
 * its next request on this connection (Node's server discards what arrives, up to a bound).
 *
 * @example
 * api.use('*', limitBody(256 * 1024)) // a 300 KB POST answers 413 /problems/too-large
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('connection', 'close')
      return problemResponse(
        c,
        problem(
          413,
          'too-large',
          'Request body too large',
          `The body may be at most ${maxBytes} bytes.`,
        ),
      )
    },
  })
}
