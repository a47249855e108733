import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { DomainError } from '../../core/errors.js'
import type { CatalogReader } from '../../core/ports.js'
import { evaluateProgress } from '../../core/rules/evaluate.js'
import {
  type JointProgressRequest,
  jointProgressRequestSchema,
  jointProgressSchema,
  type ProgressRequest,
  progressRequestSchema,
  progressSchema,
} from '../../core/rules/request.js'
import {
  resolveJointTranscript,
  resolveTranscript,
  transcriptCourseIds,
} from '../../core/rules/transcript.js'
import { jsonBody, jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const postProgress = createRoute({
  method: 'post',
  path: '/progress',
  summary: 'What do I still need? Evaluate a transcript against a credential',
  description:
    'Nothing is stored: the transcript lives only in the request. Each activity comes back counted or not, toward which requirement, with the reason when it does not count. With `credentials: [{ credential, cycleEnd, offers? }, ...]` instead of `credential` and `cycleEnd` (not beside them: 400), the one transcript is evaluated against each credential: one block per credential.',
  request: {
    body: jsonBody(z.union([progressRequestSchema, jointProgressRequestSchema])),
  },
  responses: {
    200: jsonContent(
      z.union([progressSchema, jointProgressSchema]),
      'Progress (`JointProgress` for a request naming `credentials`)',
    ),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

export function progressRoutes({ catalog, today }: AppDeps & { today: () => string }) {
  return createRouter().openapi(postProgress, async (c) => {
    const request = c.req.valid('json')
    await oneForm(c)
    const asOf = request.asOf ?? today()
    if ('credentials' in request) {
      const { targets, held, activities, offers } = await loadJointTranscript(catalog, request)
      const credentials = targets.map(({ rules, cycleEnd }) =>
        evaluateProgress(rules, { cycleEnd, offers: held }, activities, asOf, offers),
      )
      return c.json({ complete: credentials.every((p) => p.complete), credentials }, 200)
    }
    const { rules, activities, offers } = await loadTranscript(catalog, request)
    return c.json(evaluateProgress(rules, request, activities, asOf, offers), 200)
  })
}

/**
 * Refuses a body naming one credential (`credential`, `cycleEnd`) and several (`credentials`)
 * at once: the request schemas' union reads the first form that fits and would drop the other's
 * keys without a word. Reads the body as sent (the validator's parse, kept by the request).
 */
export async function oneForm(c: Context): Promise<void> {
  const body = (await c.req.json()) as Record<string, unknown>
  if ('credentials' in body && ('credential' in body || 'cycleEnd' in body))
    throw DomainError.invalid([
      {
        path: 'body.credentials',
        message: 'send credential and cycleEnd, or credentials alone, not both',
      },
    ])
}

/** Reads what a progress (or plan) request names from the catalog and resolves it (core). */
export async function loadTranscript(catalog: CatalogReader, request: ProgressRequest) {
  const transcript = await transcriptCatalog(catalog, request)
  return underBody(() => resolveTranscript(request, transcript))
}

/** The same for a request naming several credentials. */
export async function loadJointTranscript(catalog: CatalogReader, request: JointProgressRequest) {
  const transcript = await transcriptCatalog(catalog, request)
  return underBody(() => resolveJointTranscript(request, transcript))
}

async function transcriptCatalog(
  catalog: CatalogReader,
  request: Pick<ProgressRequest, 'activities'>,
) {
  return {
    ruleSets: await catalog.credentials(),
    courses: await catalog.courses(transcriptCourseIds(request)),
    offers: await catalog.offers(),
  }
}

function underBody<T>(resolve: () => T): T {
  try {
    return resolve()
  } catch (error) {
    throw error instanceof DomainError ? error.under('body') : error
  }
}
