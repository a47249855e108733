import type { MiddlewareHandler } from 'hono'
import { notFound, problem, problemResponse } from '../errors.js'
import { digest, equal } from '../hash.js'

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`. Without a configured token the admin routes do not
 * exist (404); a missing or wrong token is 401. Both tokens are hashed first and the digests
 * compared in constant time, so the comparison leaks neither content nor length.
 *
 * @example
 * admin.use('*', adminAuth(process.env.ADMIN_TOKEN))
 * // no Authorization header: 401 with `www-authenticate: Bearer realm="recert admin"`
 */
export function adminAuth(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null
  return async (c, next) => {
    if (!expected) return notFound(c)
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
