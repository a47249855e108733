import { createRoute, z } from '@hono/zod-openapi'
import { DomainError } from '../../core/errors.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Readiness: 200 once the catalog is loaded, 503 before',
  responses: {
    200: jsonContent(z.object({ ok: z.literal(true), courses: z.number().int() }), 'Ready'),
    ...problemResponses({ 503: 'Catalog not loaded yet' }),
  },
})

export function healthRoutes({ catalog }: AppDeps) {
  return createRouter().openapi(health, async (c) => {
    const courses = await catalog.loadedCourses()
    // Through the one error envelope (app.onError), as every other problem.
    if (courses === null)
      throw new DomainError('CATALOG_NOT_LOADED', 'The catalog is still loading.')
    return c.json({ ok: true as const, courses }, 200)
  })
}
