import { createRoute, z } from '@hono/zod-openapi'
import { ruleSetSchema } from '../../core/catalog/rule-set.js'
import { DomainError } from '../../core/errors.js'
import { jsonContent, problemResponses } from '../openapi.js'
import { type AppDeps, createRouter } from '../router.js'

const listCredentials = createRoute({
  method: 'get',
  path: '/credentials',
  summary: 'Recertification rule sets, one per credential, each rule with its source',
  responses: {
    200: jsonContent(z.array(ruleSetSchema), 'Rule sets'),
  },
})

const getCredential = createRoute({
  method: 'get',
  path: '/credentials/{id}',
  summary: 'One rule set',
  request: {
    params: z.object({
      id: z
        .string()
        .max(40)
        .meta({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonContent(ruleSetSchema, 'The rule set'),
    ...problemResponses({ 404: 'No such credential' }),
  },
})

export function credentialRoutes({ catalog }: AppDeps) {
  return createRouter()
    .openapi(listCredentials, async (c) => c.json(await catalog.credentials(), 200))
    .openapi(getCredential, async (c) => {
      const { id } = c.req.valid('param')
      const found = (await catalog.credentials()).find((r) => r.id === id)
      if (!found) throw new DomainError('NOT_FOUND', `No credential "${id}"`)
      return c.json(found, 200)
    })
}
