import { createRoute, z } from '@hono/zod-openapi'
import type { Course } from '../../core/catalog.js'
import { ruleSetSchema } from '../../core/credentials.js'
import { DomainError, type FieldError } from '../../core/errors.js'
import type { CatalogReader } from '../../core/ports.js'
import {
  evaluateProgress,
  type ProgressRequest,
  progressRequestSchema,
  progressSchema,
  resolveActivity,
} from '../../core/progress.js'
import { jsonBody, jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const listCredentials = createRoute({
  method: 'get',
  path: '/credentials',
  summary: 'Recertification rule sets, one per credential, each rule with its source',
  responses: {
    200: jsonContent(z.array(ruleSetSchema), 'Rule sets'),
  },
})

const getCredential = createRoute({
  method: 'get',
  path: '/credentials/{id}',
  summary: 'One rule set',
  request: {
    params: z.object({
      id: z
        .string()
        .max(40)
        .meta({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonContent(ruleSetSchema, 'The rule set'),
    ...problemResponses({ 404: 'No such credential' }),
  },
})

const postProgress = createRoute({
  method: 'post',
  path: '/progress',
  summary: 'What do I still need? Evaluate a transcript against a credential',
  description:
    'Nothing is stored: the transcript lives only in the request. Each activity comes back counted or not, toward which requirement, with the reason when it does not count.',
  request: {
    body: jsonBody(progressRequestSchema),
  },
  responses: {
    200: jsonContent(progressSchema, 'Progress'),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

export function credentialRoutes({ catalog, today }: AppDeps & { today: () => string }) {
  return createRouter()
    .openapi(listCredentials, async (c) => c.json(await catalog.credentials(), 200))
    .openapi(getCredential, async (c) => {
      const { id } = c.req.valid('param')
      const found = (await catalog.credentials()).find((r) => r.id === id)
      if (!found) throw new DomainError('NOT_FOUND', `No credential "${id}"`)
      return c.json(found, 200)
    })
    .openapi(postProgress, async (c) => {
      const request = c.req.valid('json')
      const { rules, activities, offers } = await resolveTranscript(catalog, request)
      const asOf = request.asOf ?? today()
      return c.json(evaluateProgress(rules, request, activities, asOf, offers), 200)
    })
}

/**
 * Checks a progress (or plan) request against the catalog: the credential, every course id and
 * every offer must exist. All problems are reported together, each with its path.
 */
export async function resolveTranscript(catalog: CatalogReader, request: ProgressRequest) {
  const ruleSets = await catalog.credentials()
  const rules = ruleSets.find((r) => r.id === request.credential)
  const errors: FieldError[] = []
  if (!rules) {
    errors.push({
      path: 'body.credential',
      message: `unknown credential; one of ${ruleSets.map((r) => r.id).join(', ')}`,
    })
  }
  const ids = [...new Set(request.activities.flatMap((a) => (a.courseId ? [a.courseId] : [])))]
  const courses = new Map<string, Course>(
    (await catalog.courses(ids)).map((course) => [course.id, course]),
  )
  request.activities.forEach((activity, i) => {
    if (activity.courseId && !courses.has(activity.courseId)) {
      errors.push({
        path: `body.activities[${i}].courseId`,
        message: `unknown course "${activity.courseId}"`,
      })
    }
  })
  const offers = await catalog.offers()
  request.offers.forEach((id, i) => {
    if (!offers.some((o) => o.id === id))
      errors.push({ path: `body.offers[${i}]`, message: `unknown offer "${id}"` })
  })
  if (errors.length > 0 || !rules) {
    throw new DomainError(
      'INVALID_INPUT',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    )
  }
  const activities = request.activities.map((a) =>
    resolveActivity(a, a.courseId ? (courses.get(a.courseId) ?? null) : null),
  )
  return { rules, activities, offers }
}
