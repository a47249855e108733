import { createRoute, z } from '@hono/zod-openapi'
import { isSample, type SampleMode } from '../../core/catalog/constants.js'
import { courseFactsSchema, viewCourse } from '../../core/catalog/course-view.js'
import {
  type Course,
  courseSchema,
  offerSchema,
  providerSchema,
} from '../../core/catalog/schemas.js'
import { DomainError } from '../../core/errors.js'
import type { CatalogReader } from '../../core/ports.js'
import { resolveCredential } from '../../core/search/credential.js'
import {
  type SearchParams,
  sampleParamSchema,
  searchHitSchema,
  searchParamsSchema,
  searchResultSchema,
} from '../../core/search/query.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'
import { sampleModeFor, withoutSample } from '../sample.js'

/** A course as answered: the record, what is not known, and approvals that have ended. */
const courseView = courseSchema.and(courseFactsSchema)
const searchResultView = searchResultSchema
  .extend({ hits: z.array(searchHitSchema.and(courseFactsSchema)) })
  .meta({ id: 'SearchResultView' })

const searchCourses = createRoute({
  method: 'get',
  path: '/courses',
  summary: 'Search the catalog',
  description:
    'Full-text search (typo-tolerant, synonyms, prefix of the last word) with filters, disjunctive facet counts, sorts and pages. Repeat a filter (or separate values with commas) to OR values; different filters AND.',
  request: { query: searchParamsSchema },
  responses: {
    200: jsonContent(searchResultView, 'One page of hits'),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

/** `?sample=exclude` on the reads that answer catalog records. */
const sampleQuery = z.object({ sample: sampleParamSchema })

const getCourse = createRoute({
  method: 'get',
  path: '/courses/{id}',
  summary: 'One course',
  description: 'A sample course is a 404 under `sample=exclude` (or SAMPLE_DATA=exclude).',
  request: {
    query: sampleQuery,
    params: z.object({
      id: z
        .string()
        .max(120)
        .meta({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonContent(courseView, 'The course'),
    ...problemResponses({ 404: 'No such course' }),
  },
})

const listProviders = createRoute({
  method: 'get',
  path: '/providers',
  summary: 'All providers',
  request: { query: sampleQuery },
  responses: {
    200: jsonContent(z.array(providerSchema), 'Providers'),
  },
})

const listOffers = createRoute({
  method: 'get',
  path: '/offers',
  summary: 'Memberships and subscriptions that change prices or fees',
  request: { query: sampleQuery },
  responses: {
    200: jsonContent(z.array(offerSchema), 'Offers'),
  },
})

export function catalogRoutes({
  catalog,
  search,
  today,
  sampleData = 'include',
}: AppDeps & { today: () => string }) {
  /** The sample mode of a request: SAMPLE_DATA=exclude is a ceiling no request lifts. */
  const sampleOf = (asked: SampleMode | undefined) => sampleModeFor(sampleData, asked)
  return createRouter()
    .openapi(searchCourses, async (c) => {
      const started = performance.now()
      const day = today()
      const query = await withCredential(catalog, c.req.valid('query'), day)
      const result = await search.search({ ...query, sample: sampleOf(query.sample) })
      const took = Math.round((performance.now() - started) * 1000) / 1000
      const hits = result.hits.map((hit) => viewCourse(hit, day))
      return c.json({ ...result, hits, took }, 200)
    })
    .openapi(getCourse, async (c) => {
      const { id } = c.req.valid('param')
      const hidden = (found: Course) =>
        sampleOf(c.req.valid('query').sample) === 'exclude' && isSample(found)
      const course = await catalog.course(id)
      if (!course || hidden(course)) throw new DomainError('NOT_FOUND', `No course with id "${id}"`)
      return c.json(viewCourse(course, today()), 200)
    })
    .openapi(listProviders, async (c) =>
      c.json(withoutSample(await catalog.providers(), sampleOf(c.req.valid('query').sample)), 200),
    )
    .openapi(listOffers, async (c) =>
      c.json(withoutSample(await catalog.offers(), sampleOf(c.req.valid('query').sample)), 200),
    )
}

/** The search with its credential checked against the loaded rule sets (400 when unknown). */
async function withCredential(catalog: CatalogReader, params: SearchParams, today: string) {
  if (params.credential === undefined) return params
  try {
    return resolveCredential(params, await catalog.credentials(), today)
  } catch (error) {
    throw error instanceof DomainError ? error.under('query') : error
  }
}
