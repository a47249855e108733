import { createRoute } from '@hono/zod-openapi'
import { DomainError } from '../../core/errors.js'
import type { CatalogReader } from '../../core/ports.js'
import { evaluateProgress } from '../../core/rules/evaluate.js'
import {
  type ProgressRequest,
  progressRequestSchema,
  progressSchema,
} from '../../core/rules/request.js'
import { resolveTranscript, transcriptCourseIds } from '../../core/rules/transcript.js'
import { jsonBody, jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

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

export function progressRoutes({ catalog, today }: AppDeps & { today: () => string }) {
  return createRouter().openapi(postProgress, async (c) => {
    const request = c.req.valid('json')
    const { rules, activities, offers } = await loadTranscript(catalog, request)
    const asOf = request.asOf ?? today()
    return c.json(evaluateProgress(rules, request, activities, asOf, offers), 200)
  })
}

/** Reads what a progress (or plan) request names from the catalog and resolves it (core). */
export async function loadTranscript(catalog: CatalogReader, request: ProgressRequest) {
  const ruleSets = await catalog.credentials()
  const courses = await catalog.courses(transcriptCourseIds(request))
  const offers = await catalog.offers()
  try {
    return resolveTranscript(request, { ruleSets, courses, offers })
  } catch (error) {
    throw error instanceof DomainError ? error.under('body') : error
  }
}
