import { createRoute } from '@hono/zod-openapi'
import { buildPlan, planRequestSchema, planResponseSchema } from '../../core/plan/build.js'
import { jsonBody, jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'
import { plannable } from '../sample.js'
import { loadTranscript } from './progress.js'

const postPlan = createRoute({
  method: 'post',
  path: '/plan',
  summary:
    'The cheapest set of courses and memberships that completes recertification, proved optimal',
  description:
    'A progress request plus optional preferences. `plan.optimal` is true only when the solver proved it. `budget` limits what is bought (courses and offers); fees are added on top. When no plan exists, `feasible` is false and `reason` (with `shortfalls`) says which requirement cannot be met and by how much.',
  request: {
    body: jsonBody(planRequestSchema),
  },
  responses: {
    200: jsonContent(planResponseSchema, 'The plan and its alternatives'),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

export function planRoutes({
  catalog,
  solver,
  today,
  now,
  planMs,
}: AppDeps & { today: () => string; now: () => number; planMs: number }) {
  return createRouter().openapi(postPlan, async (c) => {
    const started = now()
    const request = c.req.valid('json')
    const { rules, activities, offers } = await loadTranscript(catalog, request)
    const response = await buildPlan(
      {
        rules,
        cycleEnd: request.cycleEnd,
        asOf: request.asOf ?? today(),
        held: request.offers,
        activities,
        ...plannable(await catalog.pricedCourses(), offers, request.preferences.sample),
        preferences: request.preferences,
      },
      solver,
      {
        // Past the deadline the best plan found is answered, marked as not proved optimal.
        shouldStop: () => now() - started > planMs,
        timeLimitSeconds: Math.max(0.1, planMs / 1000),
      },
    )
    return c.json(response, 200)
  })
}
