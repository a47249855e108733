import type { Context } from 'hono'
import { CatalogFolderLoader, readCatalog } from '../../src/adapters/catalog-folder.js'
import { databaseImporter } from '../../src/adapters/catalog-import.js'
import { inlineCatalogParser, type ParseLimits } from '../../src/adapters/catalog-parse/bounded.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite, type SqliteHandle } from '../../src/adapters/db/sqlite.js'
import { HighsSolver } from '../../src/adapters/highs-solver.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { lazyWidget } from '../../src/adapters/widget-bundle.js'
import type { SampleMode } from '../../src/core/catalog/constants.js'
import type { Catalog, Course, Offer, Provider } from '../../src/core/catalog/schemas.js'
import { SmallMilpSolver } from '../../src/core/milp/small-milp.js'
import { createApp } from '../../src/http/app.js'
import type { Log } from '../../src/http/middleware/request-log.js'
import type { Limits } from '../../src/http/router.js'

export const CATALOG_DIR = new URL('../../catalog', import.meta.url).pathname

/** One HiGHS instance for the test process, as the server has. */
export const solver = new SmallMilpSolver(new HighsSolver())

/** The widget bundle, built once for the test process when a test first asks for it. */
export const widget = lazyWidget()

/** A fresh in-memory database with the app over it. */
export function makeTestApp(
  options: {
    cacheSize?: number
    limits?: Partial<Limits>
    adminToken?: string
    log?: Log
    now?: () => number
    /** Today's date as the app sees it (default: UTC today). */
    today?: () => string
    clientKey?: (c: Context) => string
    /** A catalog folder: the admin API then imports into it (as the Node server does). */
    catalogDir?: string
    parseLimits?: ParseLimits
    /** A database of the test's own (default: a fresh in-memory one). */
    sqlite?: SqliteHandle
    onError?: (error: unknown) => void
    /** SAMPLE_DATA, as the Node entry passes it. */
    sampleData?: SampleMode
  } = {},
) {
  const sqlite = options.sqlite ?? openSqlite(':memory:')
  const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
  const search = new SqliteSearchIndex(sqlite.db, store, options)
  const folder = options.catalogDir
    ? new CatalogFolderLoader(options.catalogDir, store, search, options.log)
    : null
  const app = createApp({
    catalog: store,
    search,
    solver,
    widget,
    importer: folder ?? databaseImporter(store, search),
    parser: inlineCatalogParser(options.parseLimits),
    ...(options.adminToken && { adminToken: options.adminToken }),
    ...(options.log && { log: options.log }),
    ...(options.now && { now: options.now }),
    ...(options.today && { today: options.today }),
    ...(options.clientKey && { clientKey: options.clientKey }),
    ...(options.sampleData && { sampleData: options.sampleData }),
    // No rate limit unless a test asks for one: the suites send hundreds of requests.
    limits: { perMinute: 0, ...options.limits },
    onError: options.onError ?? ((e) => console.error(e)),
  })
  const load = async (catalog: Catalog) => {
    await store.replace(catalog, `test-${Math.random()}`)
    await search.refresh()
  }
  const loadFolder = (dir = CATALOG_DIR) =>
    (folder ?? new CatalogFolderLoader(dir, store, search)).load()
  const get = (path: string) => answer(app.request(path))
  /** POSTs a JSON body (a string is sent as it is, to test malformed JSON). */
  const post = (path: string, body: unknown) =>
    answer(
      app.request(path, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    )
  const answer = async (pending: Response | Promise<Response>) => {
    const response = await pending
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies loosely
      body: (await response.json()) as any,
    }
  }
  return { app, store, search, load, loadFolder, get, post, close: sqlite.close }
}

let counter = 0

export function makeProvider(overrides: Partial<Provider> = {}): Provider {
  return { id: 'prov', name: 'Provider', ...overrides }
}

export function makeCourse(overrides: Partial<Course> = {}): Course {
  counter++
  return {
    id: `course-${counter}`,
    provider: 'prov',
    title: `Course ${counter}`,
    format: 'online',
    hours: 1,
    credits: { clinical: 1 },
    approvals: ['AAMA'],
    price: 10,
    tags: [],
    source: { confidence: 'sample' },
    ...overrides,
  }
}

export function makeOffer(overrides: Partial<Offer> = {}): Offer {
  counter++
  return { id: `offer-${counter}`, provider: 'prov', name: 'Offer', price: 10, ...overrides }
}

/** The shipped catalog as data (validated). */
export async function shippedCatalog(): Promise<Catalog> {
  const { result } = await readCatalog(CATALOG_DIR)
  if (!result.ok) throw new Error(`the shipped catalog does not load: ${result.issues[0]?.message}`)
  return result.catalog
}

export function makeCatalog(overrides: Partial<Catalog> = {}): Catalog {
  return {
    providers: [makeProvider()],
    offers: [],
    courses: [],
    synonyms: [],
    credentials: [],
    ...overrides,
  }
}
