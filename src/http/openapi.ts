import type { z } from '@hono/zod-openapi'
import { problemSchema } from './errors.js'

/**
 * An OpenAPI response with a JSON body.
 *
 * @example
 * responses: { 200: jsonContent(courseSchema, 'The course') }
 */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/**
 * The problem+json responses of a route, one per status, all with the one Problem schema.
 *
 * @example
 * responses: { 200: jsonContent(planResponseSchema, 'The plan'), ...problemResponses({ 400: 'Invalid request' }) }
 */
export function problemResponses<S extends number>(descriptions: Record<S, string>) {
  const out = {} as Record<
    S,
    {
      description: string
      content: { 'application/problem+json': { schema: typeof problemSchema } }
    }
  >
  for (const [status, description] of Object.entries(descriptions))
    out[status as unknown as S] = {
      description: description as string,
      content: { 'application/problem+json': { schema: problemSchema } },
    }
  return out
}

/**
 * A required JSON request body, validated by `schema` before the handler runs.
 *
 * @example
 * request: { body: jsonBody(planRequestSchema) }
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}
