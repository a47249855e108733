import { PatternRouter } from 'hono/router/pattern-router'
import type { RouterRoute } from 'hono/types'

/**
 * The methods an app serves a path with, from its routes (middleware, registered for every
 * method, left out), matched by Hono's own pattern router: a request for a path that exists with
 * a method it is not served with answers 405 with `Allow`, not 404 (RFC 9110, 15.5.6), so that
 * `GET /v1/plan` from a browser's address bar says to POST. HEAD goes with GET (Hono answers
 * it from the GET route). Empty: no route has the path.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] {
  const router = new PatternRouter<string>()
  for (const route of routes) {
    if (route.method === 'ALL') continue
    // A pattern this router cannot read is left out: that path then answers 404, as before.
    try {
      router.add('ALL', route.path, route.method)
    } catch {}
  }
  return (path) => {
    // Routing is strict ("/v1/plan/" is not "/v1/plan"), the pattern router's matching is not.
    if (path.length > 1 && path.endsWith('/')) return []
    const methods = new Set(router.match('GET', path)[0].map(([method]) => method))
    if (methods.has('GET')) methods.add('HEAD')
    return [...methods].sort()
  }
}
