import { createRoute, z } from '@hono/zod-openapi'
import { SAMPLE_MODES } from '../../core/catalog/constants.js'
import { DomainError } from '../../core/errors.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Readiness: 200 once the catalog is loaded, 503 before',
  responses: {
    200: jsonContent(
      z.object({
        ok: z.literal(true),
        courses: z.number().int().meta({ description: 'Loaded courses, sample ones included.' }),
        sampleCourses: z.number().int().meta({
          description: 'How many of them are sample data (`source.confidence: "sample"`).',
        }),
        sampleData: z.enum(SAMPLE_MODES).meta({
          description:
            'SAMPLE_DATA: whether the public API shows sample records (`include`) or hides them (`exclude`).',
        }),
      }),
      'Ready',
    ),
    ...problemResponses({ 503: 'Catalog not loaded yet' }),
  },
})

export function healthRoutes({ catalog, sampleData = 'include' }: AppDeps) {
  return createRouter().openapi(health, async (c) => {
    const courses = await catalog.loadedCourses()
    // Through the one error envelope (app.onError), as every other problem.
    if (courses === null)
      throw new DomainError('CATALOG_NOT_LOADED', 'The catalog is still loading.')
    const sampleCourses = await catalog.sampleCourses()
    return c.json({ ok: true as const, courses, sampleCourses, sampleData }, 200)
  })
}
