import { createRoute, z } from '@hono/zod-openapi'
import { catalogJsonSchema } from '../../core/catalog/json-schema.js'
import { createRouter } from '../router.js'

const catalogSchemaRoute = createRoute({
  method: 'get',
  path: '/schemas/catalog.json',
  summary: "The catalog's JSON Schema (the document and each file of the catalog folder)",
  description:
    'Generated from the same schemas that validate the catalog. Point an editor at it to check catalog files as you type: `catalog.json#/$defs/CoursesFile` for `courses/*.json`, `ProvidersFile`, `OffersFile`, `SynonymsFile`, `CredentialFile`.',
  responses: {
    200: {
      description: 'A JSON Schema (draft 2020-12)',
      content: { 'application/schema+json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
})

/** `/v1/schemas/catalog.json`, generated once per process. */
export function schemaRoutes() {
  let text: string | null = null
  return createRouter().openapi(catalogSchemaRoute, (c) => {
    text ??= JSON.stringify(catalogJsonSchema())
    return c.body(text, 200, {
      'content-type': 'application/schema+json',
      'cache-control': 'public, max-age=3600',
    }) as never
  })
}
