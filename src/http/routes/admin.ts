import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { type CsvError, coursesToCsv, mergeCoursesCsv } from '../../adapters/catalog-csv.js'
import { type CatalogParser, readUpload } from '../../adapters/catalog-parse/bounded.js'
import type { CatalogResult } from '../../core/catalog/document.js'
import { parseCatalogDocument } from '../../core/catalog/document.js'
import type { CatalogChange, CatalogImporter, ImportOutcome } from '../../core/catalog/guard.js'
import type { Catalog } from '../../core/catalog/schemas.js'
import type { FieldError } from '../../core/errors.js'
import type { CatalogReader } from '../../core/ports.js'
import { notFound, problem, problemResponse, problemSchema } from '../errors.js'
import { adminAuth } from '../middleware/admin-auth.js'
import { limitBody } from '../middleware/body-limit.js'
import { jsonContent, problemResponses } from '../openapi.js'
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

// A plain OpenAPI schema, not a zod one, so that the router does not parse the body on the
// event loop: the handler hands the text to the (bounded, off-thread) catalog parser.
const document = {
  type: 'object' as const,
  additionalProperties: {},
  description:
    'A catalog document (docs/catalog.md): providers, offers, courses, and optionally synonyms and credentials. Its JSON Schema is at /v1/schemas/catalog.json.',
}
const csvBody = z.string().meta({
  description:
    'A header row, then one course a row: id, provider, title, url, format, hours, administrative, clinical, general, approvals (`AAMA until 2019-08-29;AMT`), price, sessions, source-url, fetched-at, confidence.',
  example:
    'id,provider,title,format,hours,administrative,clinical,general,approvals,price,confidence\r\nace-ma-cardiology,ace,The Role of Medical Assistants in Cardiology,online,2,,2,,AAMA;AMT,15,official\r\n',
})
const errors = problemResponses({
  400: 'The document is not a valid catalog; every problem is listed',
  401: 'Missing or wrong bearer token',
  413: 'Body too large',
})
const security = [{ bearer: [] }]
const putCatalog = createRoute({
  method: 'put',
  path: '/catalog',
  summary: 'Replace the whole catalog atomically, or merge courses from CSV',
  description:
    "Validated whole first: a bad document changes nothing. Without `synonyms` or `credentials` the current ones are kept. With `content-type: text/csv`, the rows (one course each) update or add courses, and with `?provider=ID` they are that provider's whole list; every error names its row and column. Answers the diff and where the catalog now lives. Requires `Authorization: Bearer $ADMIN_TOKEN`; the route does not exist when no token is configured.",
  security,
  request: {
    query: z.object({
      force: z.enum(['true', 'false']).optional().meta({
        description:
          'Replace even when the change removes more than half the courses, a credential or the synonyms.',
      }),
      provider: z.string().max(120).optional().meta({
        description:
          "CSV only: the rows are this provider's whole list (its courses missing from them are removed); an empty provider cell means this one.",
      }),
    }),
    body: {
      required: false,
      content: {
        'application/json': { schema: document },
        'text/csv': { schema: csvBody },
      },
    },
  },
  responses: {
    200: jsonContent(diffSchema, 'Imported'),
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
  path: '/catalog/validate',
  summary: 'Check a catalog document without changing anything',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: document } } } },
  responses: {
    200: jsonContent(z.object({ valid: z.literal(true), courses: z.number().int() }), 'Valid'),
    ...errors,
  },
})

const reloadCatalog = createRoute({
  method: 'post',
  path: '/catalog/reload',
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
    ...problemResponses({ 404: 'There is no catalog folder' }),
    409: {
      description: 'Held: the reasons are listed; add ?force=true to insist',
      content: { 'application/problem+json': { schema: refusedSchema.partial({ change: true }) } },
    },
  },
})

const exportCsv = createRoute({
  method: 'get',
  path: '/catalog.csv',
  summary: 'The courses as CSV (the format PUT /v1/admin/catalog takes)',
  security,
  request: {
    query: z.object({
      provider: z
        .string()
        .max(120)
        .optional()
        .meta({ description: "Only this provider's courses." }),
    }),
  },
  responses: {
    200: { description: 'One row a course', content: { 'text/csv': { schema: csvBody } } },
    401: errors[401],
  },
})

export interface AdminDeps {
  catalog: CatalogReader
  /** Without an importer, a parser and a token, every admin path answers 404. */
  importer?: CatalogImporter
  adminToken?: string
  /** Largest upload, in bytes. */
  bodyBytes: number
  clientKey?: (c: Context) => string
  now?: () => number
  /** Parses uploads within bounds (on Node, in a worker thread). */
  parser?: CatalogParser
}

/** The routes, for the OpenAPI document even where the admin API is off. */
const ROUTES = [putCatalog, validateCatalog, reloadCatalog, exportCsv]

/**
 * The admin API, mounted at /v1/admin: a sub-app with its own bearer-token check and its own
 * (larger) body limit. It ends with a catch-all, so no public middleware (CORS) runs on its paths.
 * Its routes are documented even where it is off (it then answers 404), so that clients can be
 * written.
 */
export function adminApi(deps: AdminDeps) {
  const { catalog, importer, adminToken, bodyBytes, parser } = deps
  const api = createRouter()
  api.use(
    '*',
    adminAuth(importer && parser ? adminToken : undefined, {
      ...(deps.clientKey && { clientKey: deps.clientKey }),
      ...(deps.now && { now: deps.now }),
    }),
  )
  if (!importer || !parser) {
    for (const route of ROUTES) api.openAPIRegistry.registerPath(route)
    return api.all('*', (c) => notFound(c))
  }
  api.use('*', limitBody(bodyBytes))
  /** The body, refused while it arrives if it crosses the bounds, then parsed off the loop. */
  const check = async (c: Context): Promise<CatalogResult> => {
    const read = await readUpload(c.req.raw.body, parser.limits)
    if (!read.ok) return read
    return parser.upload(read.text, {
      credentials: await catalog.credentials(),
      synonyms: await catalog.synonyms(),
    })
  }
  /** The rows of a CSV merged into the loaded catalog, then checked like any document. */
  const checkCsv = async (text: string, provider: string | undefined): Promise<CatalogResult> => {
    const current = (await importer.current()) ?? EMPTY_CATALOG
    const merged = mergeCoursesCsv(current, text, provider ? { provider } : {})
    if (merged.ok) return parseCatalogDocument(merged.catalog)
    return { ok: false, issues: merged.errors.map(csvIssue) }
  }
  const refused = (issues: (FieldError & { file?: string; row?: number; column?: string })[]) =>
    problem(
      400,
      'invalid-catalog',
      'Invalid catalog',
      `${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`,
      issues.slice(0, 1_000).map(({ file: _file, ...issue }) => issue),
    )
  return api
    .openapi(putCatalog, async (c) => {
      const { provider } = c.req.valid('query')
      const parsed = /^text\/csv\b/i.test(c.req.header('content-type') ?? '')
        ? await checkCsv(await c.req.text(), provider)
        : await check(c)
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      const force = c.req.valid('query').force === 'true'
      const outcome = await importer.importCatalog(parsed.catalog, { force })
      if (outcome.status === 'refused') return problemResponse(c, wipeProblem(outcome)) as never
      return c.json(importAnswer(outcome), 200)
    })
    .openapi(validateCatalog, async (c) => {
      const parsed = await check(c)
      if (!parsed.ok) return problemResponse(c, refused(parsed.issues)) as never
      return c.json({ valid: true as const, courses: parsed.catalog.courses.length }, 200)
    })
    .openapi(exportCsv, async (c) => {
      const { provider } = c.req.valid('query')
      const courses = (await importer.current())?.courses ?? []
      const csv = coursesToCsv(
        courses.filter((course) => !provider || course.provider === provider),
      )
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' })
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
    .all('*', (c) => notFound(c))
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

const EMPTY_CATALOG: Catalog = {
  providers: [],
  offers: [],
  courses: [],
  synonyms: [],
  credentials: [],
}

/** A CSV error as a problem's error: `row 3, column price`, with the row and column apart too. */
function csvIssue(e: CsvError) {
  return {
    file: '',
    path: `row ${e.row}${e.column ? `, column ${e.column}` : ''}`,
    message: e.message,
    row: e.row,
    column: e.column,
  }
}
