import { createRoute, z } from '@hono/zod-openapi'
import { parseCatalogDocument } from '../../core/catalog-files.js'
import type { CatalogChange, CatalogImporter, ImportOutcome } from '../../core/catalog-guard.js'
import type { CatalogReader } from '../../core/ports.js'
import { problem, problemResponse, problemSchema } from '../errors.js'
import { createRouter } from '../router.js'

const idsChange = z.object({
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
})
const changeSchema = z
  .object({
    providers: idsChange,
    offers: idsChange,
    courses: idsChange,
    credentials: idsChange,
    synonyms: z.object({ before: z.number().int(), after: z.number().int(), changed: z.boolean() }),
    before: z.number().int(),
    after: z.number().int(),
  })
  .meta({ id: 'CatalogChange', description: 'Record ids added, changed and removed, by kind.' })
const storageSchema = z
  .object({
    source: z.enum(['folder', 'database']),
    dir: z.string().optional(),
    files: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .meta({
    id: 'CatalogStorage',
    description:
      'Where the catalog lives now: `folder` (the import was written into the catalog folder, which a restart loads) or `database` (no folder; the database is the source and keeps it across restarts).',
  })
const diffSchema = z
  .object({
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    courses: z.number().int(),
    storage: storageSchema,
    change: changeSchema,
  })
  .meta({ id: 'CatalogImport' })
const refusedSchema = problemSchema
  .extend({ reasons: z.array(z.string()), change: changeSchema })
  .meta({ id: 'CatalogRefused' })

const document = z.record(z.string(), z.unknown()).meta({
  description:
    'A catalog document: providers, offers, courses, and optionally synonyms and credentials. Its JSON Schema is at /v1/schemas/catalog.json.',
})
const errors = {
  400: {
    description: 'The document is not a valid catalog; every problem is listed',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  401: {
    description: 'Missing or wrong bearer token',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  413: {
    description: 'Body too large',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
}
const security = [{ bearer: [] }]
const putCatalog = createRoute({
  method: 'put',
  path: '/admin/catalog',
  summary: 'Replace the whole catalog atomically',
  description:
    'Validated whole first: a bad document changes nothing. Without `synonyms` or `credentials` the current ones are kept. Answers the diff. Requires `Authorization: Bearer $ADMIN_TOKEN`; the route does not exist when no token is configured.',
  security,
  request: {
    query: z.object({
      force: z.enum(['true', 'false']).optional().meta({
        description:
          'Replace even when the change removes more than half the courses, a credential or the synonyms.',
      }),
    }),
    body: { required: true, content: { 'application/json': { schema: document } } },
  },
  responses: {
    200: { description: 'Imported', content: { 'application/json': { schema: diffSchema } } },
    409: {
      description:
        'The upload would remove more than half the courses, a credential or the synonyms (add ?force=true); the answer lists the change',
      content: { 'application/problem+json': { schema: refusedSchema } },
    },
    ...errors,
  },
})

const validateCatalog = createRoute({
  method: 'post',
  path: '/admin/catalog/validate',
  summary: 'Check a catalog document without changing anything',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: document } } } },
  responses: {
    200: {
      description: 'Valid',
      content: {
        'application/json': {
          schema: z.object({ valid: z.literal(true), courses: z.number().int() }),
        },
      },
    },
    ...errors,
  },
})

const reloadCatalog = createRoute({
  method: 'post',
  path: '/admin/catalog/reload',
  summary: 'Load the catalog folder now',
  description:
    'Loads the catalog folder as a poll would. A folder that looks like a wipe, or whose files are older than the last admin import, is held (409, with the reasons); `?force=true` loads it anyway. 404 where there is no catalog folder.',
  security,
  request: {
    query: z.object({
      force: z.enum(['true', 'false']).optional().meta({ description: 'Load even if held.' }),
    }),
  },
  responses: {
    200: {
      description: 'Loaded, or unchanged',
      content: {
        'application/json': {
          schema: z.object({
            status: z.enum(['loaded', 'unchanged']),
            added: z.number().int().optional(),
            changed: z.number().int().optional(),
            removed: z.number().int().optional(),
          }),
        },
      },
    },
    400: errors[400],
    401: errors[401],
    404: {
      description: 'There is no catalog folder',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
    409: {
      description: 'Held: the reasons are listed; add ?force=true to insist',
      content: { 'application/problem+json': { schema: refusedSchema.partial({ change: true }) } },
    },
  },
})

export interface AdminDeps {
  catalog: CatalogReader
  importer: CatalogImporter
}

/** The routes, for the OpenAPI document even where the admin API is off. */
export const adminRouteDocs = [putCatalog, validateCatalog, reloadCatalog]

/** The admin API (behind `adminAuth`, mounted under /v1). */
export function adminRoutes({ catalog, importer }: AdminDeps) {
  const check = async (body: Record<string, unknown>) => {
    const withCurrent = {
      ...body,
      ...(!('credentials' in body) && { credentials: await catalog.credentials() }),
      ...(!('synonyms' in body) && { synonyms: await catalog.synonyms() }),
    }
    return parseCatalogDocument(withCurrent)
  }
  const refused = (issues: { path: string; message: string }[]) =>
    problem(
      400,
      'invalid-catalog',
      'Invalid catalog',
      `${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`,
      issues.slice(0, 1_000).map((i) => ({ path: i.path, message: i.message })),
    )
  return createRouter()
    .openapi(putCatalog, async (c) => {
      const parsed = await check(c.req.valid('json'))
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      const force = c.req.valid('query').force === 'true'
      const outcome = await importer.importCatalog(parsed.catalog, { force })
      if (outcome.status === 'refused') return problemResponse(c, wipeProblem(outcome)) as never
      return c.json(importAnswer(outcome), 200)
    })
    .openapi(validateCatalog, async (c) => {
      const parsed = await check(c.req.valid('json'))
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      return c.json({ valid: true as const, courses: parsed.catalog.courses.length }, 200)
    })
    .openapi(reloadCatalog, async (c) => {
      if (!importer.reload)
        return problemResponse(
          c,
          problem(
            404,
            'no-catalog-folder',
            'No catalog folder',
            'CATALOG_DIR is empty: the database is the source.',
          ),
        ) as never
      const outcome = await importer.reload({ force: c.req.valid('query').force === 'true' })
      switch (outcome.status) {
        case 'refused':
          return problemResponse(c, refused(outcome.issues)) as never
        case 'held':
          return problemResponse(c, wipeProblem(outcome)) as never
        case 'loaded':
          return c.json({ status: outcome.status, ...outcome.diff }, 200)
        default:
          return c.json({ status: outcome.status }, 200)
      }
    })
}

/** The 409 answer: why, and the whole change, so that the maintainer sees what would go. */
export function wipeProblem(outcome: { reasons: string[]; change?: CatalogChange }) {
  return {
    ...problem(
      409,
      'catalog-wipe',
      'The change looks like a wipe',
      `Refused because ${outcome.reasons.join('; and ')}. Nothing was changed; add ?force=true to insist.`,
    ),
    reasons: outcome.reasons,
    ...(outcome.change && { change: outcome.change }),
  }
}

export function importAnswer(outcome: Extract<ImportOutcome, { status: 'imported' }>) {
  return {
    ...outcome.counts,
    courses: outcome.change.after,
    storage: outcome.storage,
    change: outcome.change,
  }
}
