/**
 * `npm run catalog:import -- FILE.csv [--provider ID] [--dry-run] [--force] [--catalog DIR]`:
 * merges a CSV of courses into the catalog folder (see docs/catalog.md).
 */
import { parseArgs } from 'node:util'
import { runCsvImport } from '../src/adapters/catalog-csv-run.js'

const usage =
  'usage: npm run catalog:import -- FILE.csv [--provider ID] [--dry-run] [--force] [--catalog DIR]'
let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}
try {
  parsed = parse()
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`)
  process.exit(2)
}
const { values, positionals } = parsed
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const [file, ...extra] = positionals
if (!file || extra.length > 0) {
  console.error(usage)
  process.exit(2)
}
process.exitCode = await runCsvImport({
  catalogDir: values.catalog,
  file,
  ...(values.provider && { provider: values.provider }),
  dryRun: values['dry-run'],
  force: values.force,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
})
