import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { jsonPath } from '../core/catalog/document.js'
import { DomainError, type FieldError } from '../core/errors.js'

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document.' })

export type Problem = z.infer<typeof problemSchema>

export function problem(
  status: ContentfulStatusCode,
  slug: string,
  title: string,
  detail: string,
  errors?: FieldError[],
): Problem {
  return { type: `/problems/${slug}`, title, status, detail, ...(errors && { errors }) }
}

export function problemResponse(c: Context, body: Problem): Response {
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  })
}

/** 404 problem+json for a path no route serves. */
export function notFound(c: Context): Response {
  return problemResponse(
    c,
    problem(404, 'not-found', 'Not found', `No route for ${c.req.method} ${c.req.path}`),
  )
}

/** 405 problem+json for a path served with other methods, which `Allow` lists. */
export function methodNotAllowed(c: Context, allowed: readonly string[]): Response {
  c.header('allow', allowed.join(', '))
  return problemResponse(
    c,
    problem(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${c.req.path} does not answer ${c.req.method}; it answers ${allowed.join(', ')}`,
    ),
  )
}

/** Validation failures of a request part, with each path prefixed by where it came from. */
export function validationProblem(target: string, error: z.ZodError): Problem {
  const part = target === 'json' ? 'body' : target
  const errors = error.issues.flatMap(unionBranch).map((issue) => ({
    path: jsonPath([part, ...issue.path]).slice(2),
    message: issue.message,
  }))
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
  return problem(400, 'invalid-request', 'Invalid request', detail, errors)
}

/**
 * A body that matches no shape of a union (one credential, or several) is reported against the
 * shape it comes closest to, so the client reads "preferences.budget: too small", not "invalid
 * input": first the shape whose own keys the body lacks fewest of (a body with `credential`
 * and without `credentials` is a one-credential body, however many other errors it has), then
 * the one with fewest issues.
 */
function unionBranch(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue]
  const missing = (issues: z.core.$ZodIssue[]) =>
    issues.filter(
      (i) =>
        i.code === 'invalid_type' && i.path.length === 1 && /received undefined$/.test(i.message),
    ).length
  const closest = [...issue.errors].sort(
    (a, b) => missing(a) - missing(b) || a.length - b.length,
  )[0] as z.core.$ZodIssue[]
  return closest
    .flatMap(unionBranch)
    .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))
}

/**
 * What to do about the library's own refusals of a body (Hono's JSON validator, the OpenAPI
 * routes' media-type check), whose messages only name the problem.
 */
const HOW_TO_FIX: Record<string, string> = {
  'Malformed JSON in request body':
    'The request body is not valid JSON (an empty body is not JSON either): send one JSON object, with content-type: application/json.',
  'Unsupported Media Type':
    "The body's content-type is not one this endpoint reads: the API reads JSON (content-type: application/json); the admin catalog import also reads CSV (text/csv).",
}

/** The one place where every error becomes a problem+json response. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'NOT_FOUND':
        return problem(404, 'not-found', 'Not found', error.message)
      case 'INVALID_INPUT':
        return problem(400, 'invalid-request', 'Invalid request', error.message, error.errors)
      case 'CATALOG_NOT_LOADED':
        return problem(503, 'not-ready', 'Catalog not loaded', error.message)
    }
  }
  if (error instanceof z.ZodError) return validationProblem('body', error)
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    const title = error.message || 'Request failed'
    return problem(status, `http-${status}`, title, HOW_TO_FIX[title] ?? title)
  }
  const causes = causeChain(error)
  // Workers on a D1 database the migrations never ran on (or not the latest): queries fail.
  if (causes.some((e) => /no such (table|column)/i.test(e.message)))
    return problem(
      503,
      'not-ready',
      'Catalog not loaded',
      'catalog not loaded: run the migrations (npm run dev:worker)',
    )
  if (
    causes.some(
      (e) =>
        (e as { code?: unknown }).code === 'SQLITE_FULL' ||
        /SQLITE_FULL|database or disk is full/i.test(e.message),
    )
  )
    return problem(
      507,
      'storage-full',
      'Storage full',
      'The database has no room left; nothing was changed.',
    )
  return problem(500, 'internal', 'Internal error', 'The server could not answer this request.')
}

/** An error and its causes (drizzle wraps driver errors in `Failed query: ...` with a cause). */
function causeChain(error: unknown): Error[] {
  const chain: Error[] = []
  for (let e = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e)
  return chain
}

/** An error for a log line: each message of its cause chain (never a request body). */
export function describeError(error: unknown): string {
  const chain = causeChain(error)
  if (chain.length === 0) return String(error)
  return chain.map((e) => `${e.name}: ${e.message}`).join(' <- caused by ')
}
