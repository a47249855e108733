/**
 * `npm run catalog:export -- [--provider ID] [--catalog DIR] > courses.csv`: the catalog
 * folder's courses as CSV, the format `catalog:import` reads (see docs/catalog.md).
 */
import { parseArgs } from 'node:util'
import { exportCsv, UnknownProvider } from '../src/adapters/catalog-csv-run.js'

const usage = 'usage: npm run catalog:export -- [--provider ID] [--catalog DIR] > courses.csv'
let values: { provider?: string; catalog: string; help: boolean }
try {
  values = parseArgs({
    options: {
      provider: { type: 'string' },
      catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`)
  process.exit(2)
}
if (values.help) {
  console.log(usage)
  process.exit(0)
}
try {
  process.stdout.write(await exportCsv(values.catalog, values.provider))
} catch (error) {
  if (!(error instanceof UnknownProvider)) throw error
  console.error(`catalog:export: ${error.message}`)
  process.exit(2)
}
