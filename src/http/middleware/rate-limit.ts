import type { Context, MiddlewareHandler } from 'hono'
import { problem, problemResponse } from '../errors.js'
import { TokenBuckets } from '../token-buckets.js'

/** 429 problem+json with Retry-After. */
export function tooManyRequests(c: Context, wait: number): Response {
  c.header('retry-after', String(wait))
  return problemResponse(
    c,
    problem(429, 'rate-limited', 'Too many requests', `Try again in ${wait} s.`),
  )
}

/**
 * A token bucket per client: `burst` requests at once, refilled at `perMinute`. Over the limit,
 * 429 problem+json with Retry-After (seconds until one token is back). Memory is bounded (see
 * `TokenBuckets`).
 *
 * @example
 * api.on('POST', ['/plan'], rateLimit({ perMinute: 60, burst: 20, clientKey, now: performance.now }))
 * // the 21st plan in a burst answers 429 with `retry-after: 1`
 */
export function rateLimit(options: {
  perMinute: number
  burst: number
  clientKey: (c: Context) => string
  now: () => number
  maxClients?: number
}): MiddlewareHandler {
  const buckets = new TokenBuckets(options)
  return async (c, next) => {
    if (options.perMinute <= 0) return next()
    const key = options.clientKey(c)
    const wait = buckets.wait(key)
    if (wait > 0) return tooManyRequests(c, wait)
    buckets.take(key)
    return next()
  }
}
