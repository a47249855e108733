import type { Context, MiddlewareHandler } from 'hono'
import { problem, problemResponse } from '../errors.js'

/**
 * A token bucket per client: `burst` requests at once, refilled at `perMinute`. Over the limit,
 * 429 problem+json with Retry-After (seconds until one token is back). At most `maxClients`
 * buckets are kept (the least recently seen go first), so memory stays bounded.
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
  const buckets = new Map<string, { tokens: number; at: number }>()
  const maxClients = options.maxClients ?? 10_000
  const perMs = options.perMinute / 60_000
  return async (c, next) => {
    if (options.perMinute <= 0) return next()
    const key = options.clientKey(c)
    const now = options.now()
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now }
    buckets.delete(key)
    bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * perMs)
    bucket.at = now
    buckets.set(key, bucket)
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string)
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
      c.header('retry-after', String(wait))
      return problemResponse(
        c,
        problem(429, 'rate-limited', 'Too many requests', `Try again in ${wait} s.`),
      )
    }
    bucket.tokens -= 1
    return next()
  }
}
