import { createRoute, z } from '@hono/zod-openapi'
import { courseSchema, offerSchema, providerSchema } from '../../core/catalog.js'
import { DomainError } from '../../core/errors.js'
import { searchParamsSchema, searchResultSchema } from '../../core/search-query.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const searchCourses = createRoute({
  method: 'get',
  path: '/courses',
  summary: 'Search the catalog',
  description:
    'Full-text search (typo-tolerant, synonyms, prefix of the last word) with filters, disjunctive facet counts, sorts and pages. Repeat a filter (or separate values with commas) to OR values; different filters AND.',
  request: { query: searchParamsSchema },
  responses: {
    200: jsonContent(searchResultSchema, 'One page of hits'),
    ...problemResponses({ 400: 'Invalid request' }),
  },
})

const getCourse = createRoute({
  method: 'get',
  path: '/courses/{id}',
  summary: 'One course',
  request: {
    params: z.object({
      id: z
        .string()
        .max(120)
        .meta({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonContent(courseSchema, 'The course'),
    ...problemResponses({ 404: 'No such course' }),
  },
})

const listProviders = createRoute({
  method: 'get',
  path: '/providers',
  summary: 'All providers',
  responses: {
    200: jsonContent(z.array(providerSchema), 'Providers'),
  },
})

const listOffers = createRoute({
  method: 'get',
  path: '/offers',
  summary: 'Memberships and subscriptions that change prices or fees',
  responses: {
    200: jsonContent(z.array(offerSchema), 'Offers'),
  },
})

export function catalogRoutes({ catalog, search }: AppDeps) {
  return createRouter()
    .openapi(searchCourses, async (c) => {
      const started = performance.now()
      const result = await search.search(c.req.valid('query'))
      const took = Math.round((performance.now() - started) * 1000) / 1000
      return c.json({ ...result, took }, 200)
    })
    .openapi(getCourse, async (c) => {
      const { id } = c.req.valid('param')
      const course = await catalog.course(id)
      if (!course) throw new DomainError('NOT_FOUND', `No course with id "${id}"`)
      return c.json(course, 200)
    })
    .openapi(listProviders, async (c) => c.json(await catalog.providers(), 200))
    .openapi(listOffers, async (c) => c.json(await catalog.offers(), 200))
}
