import { createRoute, z } from '@hono/zod-openapi'
import { problemSchema } from '../errors.js'
import { type AppDeps, createRouter } from '../router.js'

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Readiness: 200 once the catalog is loaded, 503 before',
  responses: {
    200: {
      description: 'Ready',
      content: {
        'application/json': {
          schema: z.object({ ok: z.literal(true), courses: z.number().int() }),
        },
      },
    },
    503: {
      description: 'Catalog not loaded yet',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
})

export function healthRoutes({ catalog }: AppDeps) {
  return createRouter().openapi(health, async (c) => {
    const courses = await catalog.loadedCourses()
    if (courses === null) {
      return c.json(
        {
          type: '/problems/not-ready',
          title: 'Catalog not loaded',
          status: 503,
          detail: 'The catalog is still loading.',
        },
        503,
        { 'content-type': 'application/problem+json' },
      )
    }
    return c.json({ ok: true as const, courses }, 200)
  })
}
