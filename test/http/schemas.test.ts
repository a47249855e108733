/**
 * The catalog format, published: the JSON Schema validates every shipped catalog file (checked
 * with Ajv, not zod), the checked-in copy is current, and the admin routes are documented.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { readCatalogFolder } from '../../src/adapters/catalog-folder.js'
import { FILE_SCHEMAS } from '../../src/core/catalog/json-schema.js'
import { CATALOG_DIR, makeTestApp, shippedCatalog } from '../helpers/app.js'

const CHECKED_IN = new URL('../../docs/schemas/catalog.json', import.meta.url)

async function served() {
  const t = makeTestApp()
  const res = await t.app.request('/v1/schemas/catalog.json')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/schema+json')
  return res.json()
}

function validatorFor(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  ajv.addSchema(schema, 'catalog.json')
  return (def: string | null, data: unknown) => {
    const validate = ajv.getSchema(def ? `catalog.json#/$defs/${def}` : 'catalog.json')
    if (!validate) throw new Error(`no schema ${def}`)
    return { ok: validate(data) as boolean, errors: validate.errors }
  }
}

const defFor = (name: string) =>
  name.startsWith('courses/')
    ? FILE_SCHEMAS['courses/*.json']
    : name.startsWith('credentials/')
      ? FILE_SCHEMAS['credentials/*.json']
      : FILE_SCHEMAS[name as 'providers.json' | 'offers.json' | 'synonyms.json']

describe('/v1/schemas/catalog.json', () => {
  it('is the copy checked into docs/ (run npm run docs:schema after changing a schema)', async () => {
    expect(await served()).toEqual(JSON.parse(readFileSync(CHECKED_IN, 'utf8')))
  })

  it('validates every shipped catalog file, and the whole document, with Ajv', async () => {
    const validate = validatorFor(await served())
    // The scraper's recipes sit in the folder too; they are not part of the catalog document.
    const files = (await readCatalogFolder(CATALOG_DIR)).filter(
      (f) => f.name !== 'scrape-recipes.json',
    )
    expect(files.length).toBeGreaterThan(15)
    for (const file of files) {
      const result = validate(defFor(file.name), JSON.parse(file.text))
      expect({ file: file.name, ...result }).toEqual({ file: file.name, ok: true, errors: null })
    }
    expect(validate(null, await shippedCatalog()).ok).toBe(true)
  })

  it.each([
    ['a negative price', { price: -1 }, '/0/price'],
    ['an unknown format', { format: 'zoom' }, '/0/format'],
    ['an unknown approving body', { approvals: ['XYZ'] }, '/0/approvals/0'],
    [
      'a bad approval end date',
      { approvalsUntil: { AAMA: '29.08.2019' } },
      '/0/approvalsUntil/AAMA',
    ],
    ['a missing source', { source: undefined }, '/0'],
  ])('refuses a course file with %s', async (_, edit, path) => {
    const validate = validatorFor(await served())
    const [course] = (await shippedCatalog()).courses
    const result = validate('CoursesFile', [JSON.parse(JSON.stringify({ ...course, ...edit }))])
    expect(result.ok).toBe(false)
    expect(result.errors?.map((e) => e.instancePath)).toContain(path)
  })
})

describe('the admin routes in the OpenAPI document', () => {
  it.each([
    ['with the admin API on', 'a-long-enough-admin-token'],
    ['with it off', undefined],
  ])('are described %s', async (_, adminToken) => {
    const t = makeTestApp(adminToken ? { adminToken } : {})
    const doc = (await t.get('/openapi.json')).body
    expect(Object.keys(doc.paths['/v1/admin/catalog'])).toEqual(['put'])
    const put = doc.paths['/v1/admin/catalog'].put
    expect(Object.keys(put.requestBody.content)).toEqual(['application/json', 'text/csv'])
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '409', '413']),
    )
    expect(put.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CatalogImport',
    )
    expect(doc.components.schemas.CatalogImport.properties.storage).toBeDefined()
    for (const path of [
      '/v1/admin/catalog/validate',
      '/v1/admin/catalog/reload',
      '/v1/admin/catalog.csv',
      '/v1/schemas/catalog.json',
    ])
      expect(doc.paths[path]).toBeDefined()
    const page = await (await t.app.request('/docs')).text()
    expect(page).toContain('/v1/admin/catalog')
  })
})
