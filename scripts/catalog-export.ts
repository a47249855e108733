/**
 * `npm run catalog:export -- [--provider ID] [--catalog DIR] > courses.csv`: the catalog
 * folder's courses as CSV, the format `catalog:import` reads (see docs/catalog.md).
 */
import { parseArgs } from 'node:util'
import { exportCsv } from '../src/adapters/catalog-csv-run.js'

let values: { provider?: string; catalog: string }
try {
  values = parseArgs({
    options: {
      provider: { type: 'string' },
      catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
    },
  }).values
} catch (error) {
  console.error(
    `${(error as Error).message}\nusage: npm run catalog:export -- [--provider ID] [--catalog DIR]`,
  )
  process.exit(2)
}
process.stdout.write(await exportCsv(values.catalog, values.provider))
