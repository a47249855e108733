import type { MiddlewareHandler } from 'hono'

export type Log = (event: string, fields: Record<string, unknown>) => void

/**
 * One structured line per request: method, path (no query string), status, duration. Never
 * headers (the admin token) and never bodies (transcripts are personal).
 *
 * @example
 * app.use('*', requestLog((event, fields) => console.log(event, fields), () => performance.now()))
 * // request { method: 'GET', path: '/v1/courses', status: 200, ms: 3.2 }
 */
export function requestLog(log: Log, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const started = now()
    await next()
    log('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((now() - started) * 10) / 10,
    })
  }
}
