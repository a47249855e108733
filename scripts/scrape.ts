/**
 * `npm run scrape -- [--provider ID]... [--dry-run] [--from DIR] [--allow-removals]
 *  [--catalog DIR] [--cache DIR] [--interval MS]`.
 */
import { parseArgs } from 'node:util'
import { runScrape } from '../src/scrape/run.js'

const { values } = parseArgs({
  options: {
    provider: { type: 'string', multiple: true, default: [] },
    'dry-run': { type: 'boolean', default: false },
    from: { type: 'string' },
    'allow-removals': { type: 'boolean', default: false },
    catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
    cache: { type: 'string', default: '.cache/scrape' },
    interval: { type: 'string', default: '1000' },
  },
})

const code = await runScrape({
  catalogDir: values.catalog,
  providers: values.provider,
  dryRun: values['dry-run'],
  ...(values.from && { from: values.from }),
  allowRemovals: values['allow-removals'],
  fetcher: { cacheDir: values.cache, minIntervalMs: Number(values.interval) },
  today: new Date().toISOString().slice(0, 10),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress: process.stderr.isTTY,
})
process.exitCode = code
