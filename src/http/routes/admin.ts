import { createRoute, z } from '@hono/zod-openapi'
import { parseCatalogDocument } from '../../core/catalog-files.js'
import type { CatalogReader, CatalogWriter, SearchIndex } from '../../core/ports.js'
import { notFound, problem, problemResponse } from '../errors.js'
import { sha256Hex } from '../hash.js'
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

const document = z.record(z.string(), z.unknown()).meta({
  description:
    'A catalog document (CONTRACT §2): providers, offers, courses, and optionally synonyms and credentials.',
})
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
    body: { required: true, content: { 'application/json': { schema: document } } },
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
  request: { body: { required: true, content: { 'application/json': { schema: document } } } },
  responses: {
    200: jsonContent(z.object({ valid: z.literal(true), courses: z.number().int() }), 'Valid'),
    ...problemResponses(errors),
  },
})

export interface AdminDeps {
  catalog: CatalogReader
  /** Without a writer and a token, every admin path answers 404. */
  writer?: CatalogWriter
  search: SearchIndex
  adminToken?: string
  /** Largest upload, in bytes. */
  bodyBytes: number
}

/**
 * The admin API, mounted at /v1/admin: a sub-app with its own bearer-token check and its own
 * (larger) body limit. It ends with a catch-all, so no public middleware (CORS) runs on its paths.
 */
export function adminApi({ catalog, writer, search, adminToken, bodyBytes }: AdminDeps) {
  const api = createRouter()
  api.use('*', adminAuth(writer ? adminToken : undefined))
  if (!writer) return api.all('*', (c) => notFound(c))
  api.use('*', limitBody(bodyBytes))
  const check = async (body: Record<string, unknown>) => {
    const withCurrent = {
      ...body,
      ...(!('credentials' in body) && { credentials: await catalog.credentials() }),
      ...(!('synonyms' in body) && { synonyms: await catalog.synonyms() }),
    }
    return { parsed: parseCatalogDocument(withCurrent), text: JSON.stringify(withCurrent) }
  }
  const refused = (issues: { path: string; message: string }[]) =>
    problem(
      400,
      'invalid-catalog',
      'Invalid catalog',
      `${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`,
      issues.slice(0, 1_000).map((i) => ({ path: i.path, message: i.message })),
    )
  return api
    .openapi(putCatalog, async (c) => {
      const { parsed, text } = await check(c.req.valid('json'))
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
      const diff = await writer.replace(parsed.catalog, `admin:${await sha256Hex(text)}`)
      await search.refresh()
      return c.json({ ...diff, courses: parsed.catalog.courses.length }, 200)
    })
    .openapi(validateCatalog, async (c) => {
      const { parsed } = await check(c.req.valid('json'))
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      return c.json({ valid: true as const, courses: parsed.catalog.courses.length }, 200)
    })
    .all('*', (c) => notFound(c))
}
