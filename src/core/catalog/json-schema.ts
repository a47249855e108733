/**
 * The catalog's JSON Schema, generated from the zod schemas (the one source of every shape),
 * for editors and other tools: served at `/v1/schemas/catalog.json` and checked into
 * `docs/schemas/catalog.json` (`npm run docs:schema`).
 *
 * The whole schema describes the one-document form (`PUT /v1/admin/catalog`); each file of the
 * catalog folder has its own entry under `$defs`, e.g. `catalog.json#/$defs/CoursesFile`.
 */
import { z } from 'zod'
import { catalogDocumentSchema } from './document.js'

type JsonSchema = Record<string, unknown>

/** Which `$defs` entry describes which file of the catalog folder. */
export const FILE_SCHEMAS = {
  'providers.json': 'ProvidersFile',
  'offers.json': 'OffersFile',
  'synonyms.json': 'SynonymsFile',
  'courses/*.json': 'CoursesFile',
  'credentials/*.json': 'CredentialFile',
} as const

export function catalogJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(catalogDocumentSchema, {
    io: 'input',
    // A preprocessed field (an accepted misspelling of an approving body) is described by
    // what it accepts after preprocessing.
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def
      if (def.type === 'pipe' && def.in._zod.def.type === 'transform') {
        const { $schema: _, ...out } = z.toJSONSchema(def.out as z.ZodType, { io: 'input' })
        Object.assign(ctx.jsonSchema, out)
      }
    },
  }) as JsonSchema & { properties: Record<string, JsonSchema>; $defs: Record<string, JsonSchema> }
  const list = (def: string) => ({ type: 'array', items: { $ref: `#/$defs/${def}` } })
  return {
    $schema: schema.$schema,
    title: 'recert catalog',
    description:
      'A whole catalog as one document (PUT /v1/admin/catalog). Each file of the catalog folder has its own definition: see $defs/ProvidersFile, OffersFile, SynonymsFile, CoursesFile (courses/*.json) and CredentialFile (credentials/<id>.json).',
    ...schema,
    $defs: {
      ...schema.$defs,
      ProvidersFile: list('Provider'),
      OffersFile: list('Offer'),
      CoursesFile: list('Course'),
      SynonymsFile: schema.properties.synonyms,
      CredentialFile: { $ref: '#/$defs/RuleSet' },
    },
  }
}
