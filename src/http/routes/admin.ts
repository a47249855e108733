import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { CatalogParser } from '../../adapters/catalog-parse/bounded.js'
import type { CatalogReader, CatalogWriter, SearchIndex } from '../../core/ports.js'
import { notFound, problem, problemResponse } from '../errors.js'
import { adminAuth } from '../middleware/admin-auth.js'
import { limitBody } from '../middleware/body-limit.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { createRouter } from '../router.js'

const diffSchema = z
  .object({
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    courses: z.number().int(),
  })
  .meta({ id: 'CatalogImport' })

// A plain OpenAPI schema, not a zod one, so that the router does not parse the body on the
// event loop: the handler hands the text to the (bounded, off-thread) catalog parser.
const document = {
  type: 'object' as const,
  additionalProperties: {},
  description:
    'A catalog document (CONTRACT §2): providers, offers, courses, and optionally synonyms and credentials.',
}
const body = { required: true, content: { 'application/json': { schema: document } } }
const errors = {
  400: 'The document is not a valid catalog; every problem is listed',
  401: 'Missing or wrong bearer token',
  413: 'Body too large',
} as const
const security = [{ bearer: [] }]
/** Below this share of the loaded courses, a replacement needs `?force=true`. */
const MIN_KEPT = 0.5

const putCatalog = createRoute({
  method: 'put',
  path: '/catalog',
  summary: 'Replace the whole catalog atomically',
  description:
    'Validated whole first: a bad document changes nothing. Without `synonyms` or `credentials` the current ones are kept. Answers the diff. Requires `Authorization: Bearer $ADMIN_TOKEN`; the route does not exist when no token is configured.',
  security,
  request: {
    query: z.object({
      force: z.enum(['true', 'false']).optional().meta({
        description: 'Replace even when the upload has fewer than half the loaded courses.',
      }),
    }),
    body,
  },
  responses: {
    200: jsonContent(diffSchema, 'Imported'),
    ...problemResponses({
      ...errors,
      409: 'The upload would remove more than half of the catalog (add ?force=true)',
    }),
  },
})

const validateCatalog = createRoute({
  method: 'post',
  path: '/catalog/validate',
  summary: 'Check a catalog document without changing anything',
  security,
  request: { body },
  responses: {
    200: jsonContent(z.object({ valid: z.literal(true), courses: z.number().int() }), 'Valid'),
    ...problemResponses(errors),
  },
})

export interface AdminDeps {
  catalog: CatalogReader
  /** Without a writer, a parser and a token, every admin path answers 404. */
  writer?: CatalogWriter
  search: SearchIndex
  adminToken?: string
  /** Largest upload, in bytes. */
  bodyBytes: number
  clientKey?: (c: Context) => string
  now?: () => number
  /** Parses uploads within bounds (on Node, in a worker thread). */
  parser?: CatalogParser
}

/**
 * The admin API, mounted at /v1/admin: a sub-app with its own bearer-token check and its own
 * (larger) body limit. It ends with a catch-all, so no public middleware (CORS) runs on its paths.
 */
export function adminApi(deps: AdminDeps) {
  const { catalog, writer, search, adminToken, bodyBytes, parser } = deps
  const api = createRouter()
  api.use(
    '*',
    adminAuth(writer && parser ? adminToken : undefined, {
      ...(deps.clientKey && { clientKey: deps.clientKey }),
      ...(deps.now && { now: deps.now }),
    }),
  )
  if (!writer || !parser) return api.all('*', (c) => notFound(c))
  api.use('*', limitBody(bodyBytes))
  const check = async (c: Context) =>
    parser.upload(await c.req.text(), {
      credentials: await catalog.credentials(),
      synonyms: await catalog.synonyms(),
    })
  const refused = (issues: { path: string; message: string }[]) =>
    problem(
      400,
      'invalid-catalog',
      'Invalid catalog',
      `${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`,
      issues.map((i) => ({ path: i.path, message: i.message })),
    )
  return api
    .openapi(putCatalog, async (c) => {
      const parsed = await check(c)
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      // Losing most of the catalog is almost always a mistake (an empty or truncated upload).
      const current = (await catalog.loadedCourses()) ?? 0
      const next = parsed.catalog.courses.length
      if (next < current * MIN_KEPT && c.req.valid('query').force !== 'true') {
        return problemResponse(
          c,
          problem(
            409,
            'too-many-removals',
            'Too many removals',
            `The upload has ${next} courses where ${current} are loaded; add ?force=true to replace them anyway. Nothing was changed.`,
          ),
        ) as never
      }
      const diff = await writer.replace(parsed.catalog, parsed.hash)
      await search.refresh()
      return c.json({ ...diff, courses: parsed.catalog.courses.length }, 200)
    })
    .openapi(validateCatalog, async (c) => {
      const parsed = await check(c)
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      return c.json({ valid: true as const, courses: parsed.catalog.courses.length }, 200)
    })
    .all('*', (c) => notFound(c))
}
