/**
 * What stands between the internet and the routes: request logs, body size limits, per-client
 * rate limits and the admin bearer token. Runtime-agnostic (Node and Workers).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { problem, problemResponse } from './errors.js'

export type Log = (event: string, fields: Record<string, unknown>) => void

/**
 * One structured line per request: method, path (no query string), status, duration. Never
 * headers (the admin token) and never bodies (transcripts are personal).
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

/** Refuses bodies over `maxBytes` with 413 problem+json, before they are read whole. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(
        c,
        problem(
          413,
          'too-large',
          'Request body too large',
          `The body may be at most ${maxBytes} bytes.`,
        ),
      ),
  })
}

/**
 * A token bucket per client: `burst` requests at once, refilled at `perMinute`. Over the limit,
 * 429 problem+json with Retry-After (seconds until one token is back). At most `maxClients`
 * buckets are kept (the least recently seen go first), so memory stays bounded.
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

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`. Without a configured token the admin routes do not
 * exist (404); a missing or wrong token is 401. Both tokens are hashed first and the digests
 * compared in constant time, so the comparison leaks neither content nor length.
 */
export function adminAuth(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null
  return async (c, next) => {
    if (!expected)
      return problemResponse(
        c,
        problem(404, 'not-found', 'Not found', `No route for ${c.req.method} ${c.req.path}`),
      )
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
    if (!equal(await expected, await digest(given))) {
      c.header('www-authenticate', 'Bearer realm="recert admin"')
      return problemResponse(
        c,
        problem(401, 'unauthorized', 'Unauthorized', 'A valid admin bearer token is required.'),
      )
    }
    return next()
  }
}

/** SHA-256 with Web Crypto (the same on Node and Workers). */
async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

/** SHA-256 as hex: content hashes of an uploaded catalog or of the widget bundle. */
export async function sha256Hex(text: string): Promise<string> {
  return [...(await digest(text))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Constant-time comparison of two equal-length digests. */
export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}
