import { createRoute, z } from '@hono/zod-openapi'
import { DomainError } from '../../core/errors.js'
import { buildPlan, planRequestSchema, planResponseSchema } from '../../core/plan/build.js'
import { buildJointPlan } from '../../core/plan/joint.js'
import {
  jointPlanRequestSchema,
  jointPlanResponseSchema,
  type Preferences,
} from '../../core/plan/schemas.js'
import type { CatalogReader } from '../../core/ports.js'
import { unknownIds } from '../../core/rules/transcript.js'
import { jsonBody, jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'
import { plannable } from '../sample.js'
import { loadJointTranscript, loadTranscript, oneForm } from './progress.js'

const postPlan = createRoute({
  method: 'post',
  path: '/plan',
  summary:
    'The cheapest set of courses and memberships that completes recertification, proved optimal',
  description:
    'A progress request plus optional preferences; or, with `credentials: [{ credential, cycleEnd, offers? }, ...]` instead of `credential` and `cycleEnd` (not beside them: 400), one plan for several credentials at once from one transcript (each course says which credentials it serves; `separate` and `saving` compare with planning each alone). `plan.optimal` is true only for a feasible plan the solver proved cheapest. `total` is what is known: `totalComplete` is false and `summary` says so when a fee is not known. `budget` limits what is bought (courses and offers); fees are added on top. When no plan exists, `feasible` is false, `total` is null and `reason` (with `shortfalls`) says which requirement cannot be met and by how much. `sample` is true when the plan uses invented sample courses or offers.',
  request: {
    body: jsonBody(z.union([planRequestSchema, jointPlanRequestSchema])),
  },
  responses: {
    200: jsonContent(
      z.union([planResponseSchema, jointPlanResponseSchema]),
      'The plan and its alternatives (`JointPlanResponse` for a request naming `credentials`)',
    ),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

export function planRoutes({
  catalog,
  solver,
  today,
  now,
  planMs,
  baseline,
}: AppDeps & { today: () => string; now: () => number; planMs: number }) {
  return createRouter().openapi(postPlan, async (c) => {
    const started = now()
    const request = c.req.valid('json')
    await oneForm(c)
    const options = {
      // Past the deadline the best plan found is answered, marked as not proved optimal.
      shouldStop: () => now() - started > planMs,
      timeLimitSeconds: Math.max(0.1, planMs / 1000),
      ...baseline,
    }
    await knownIds(catalog, request.preferences)
    const common = { asOf: request.asOf ?? today(), preferences: request.preferences }
    const courses = await catalog.pricedCourses()
    if ('credentials' in request) {
      const { targets, held, activities, offers } = await loadJointTranscript(catalog, request)
      const response = await buildJointPlan(
        {
          ...common,
          targets,
          held,
          activities,
          ...plannable(courses, offers, request.preferences.sample),
        },
        solver,
        options,
      )
      return c.json(response, 200)
    }
    const { rules, activities, offers } = await loadTranscript(catalog, request)
    const response = await buildPlan(
      {
        ...common,
        rules,
        cycleEnd: request.cycleEnd,
        held: request.offers,
        activities,
        ...plannable(courses, offers, request.preferences.sample),
      },
      solver,
      options,
    )
    return c.json(response, 200)
  })
}

/**
 * Refuses providers and courses the preferences name that the catalog does not have, as the
 * transcript's unknown courses and offers are refused: a typo would otherwise filter every
 * course out (`providers`: "no plan") or nothing (`exclude`), without a word.
 */
async function knownIds(catalog: CatalogReader, preferences: Preferences): Promise<void> {
  const { providers = [], exclude = [] } = preferences
  const errors = [
    ...(providers.length > 0
      ? unknownIds(
          providers,
          new Set((await catalog.providers()).map((p) => p.id)),
          'preferences.providers',
          'provider',
        )
      : []),
    ...(exclude.length > 0
      ? unknownIds(
          exclude,
          new Set((await catalog.courses(exclude)).map((c) => c.id)),
          'preferences.exclude',
          'course',
        )
      : []),
  ]
  if (errors.length > 0) throw DomainError.invalid(errors).under('body')
}
