/** `npm run docs:schema`: writes docs/schemas/catalog.json from the zod schemas. */
import { writeFile } from 'node:fs/promises'
import { catalogJsonSchema } from '../src/core/catalog/json-schema.js'

export const SCHEMA_FILE = new URL('../docs/schemas/catalog.json', import.meta.url)

await writeFile(SCHEMA_FILE, `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`)
console.log(`wrote ${SCHEMA_FILE.pathname}`)
