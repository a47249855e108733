import type { Context, MiddlewareHandler } from 'hono'
import { notFound, problem, problemResponse } from '../errors.js'
import { digest, equal } from '../hash.js'
import { TokenBuckets } from '../token-buckets.js'
import { tooManyRequests } from './rate-limit.js'

export interface AdminAuthOptions {
  /** Who is asking: failed guesses are counted per client. */
  clientKey?: (c: Context) => string
  now?: () => number
  /** Wrong tokens a client may send at once, and per minute after that. */
  failures?: { burst: number; perMinute: number }
}

/**
 * `Authorization: Bearer <ADMIN_TOKEN>` (the scheme in any case, as RFC 9110 says). Without a
 * configured token the admin routes do not exist (404); a missing or wrong token is 401. Both
 * tokens are hashed first and the digests compared in constant time, so the comparison leaks
 * neither content nor length. Wrong tokens are throttled per client: past the allowance every
 * request of that client answers 429 until its bucket refills, so tokens cannot be guessed fast.
 *
 * @example
 * admin.use('*', adminAuth(process.env.ADMIN_TOKEN, { clientKey }))
 * // no Authorization header: 401 with `www-authenticate: Bearer realm="recert admin"`
 */
export function adminAuth(
  token: string | undefined,
  options: AdminAuthOptions = {},
): MiddlewareHandler {
  const expected = token ? digest(token) : null
  const clientKey = options.clientKey ?? (() => 'everyone')
  const failures = new TokenBuckets({
    ...(options.failures ?? { burst: 10, perMinute: 10 }),
    now: options.now ?? (() => performance.now()),
  })
  return async (c, next) => {
    if (!expected) return notFound(c)
    const client = clientKey(c)
    const wait = failures.wait(client)
    if (wait > 0) return tooManyRequests(c, wait)
    const given = /^bearer +(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
    if (!equal(await expected, await digest(given))) {
      failures.take(client)
      c.header('www-authenticate', 'Bearer realm="recert admin"')
      return problemResponse(
        c,
        problem(401, 'unauthorized', 'Unauthorized', 'A valid admin bearer token is required.'),
      )
    }
    return next()
  }
}
