/**
 * `npm run scrape -- [options]`: the command line of the scraper. Bad usage prints one line and
 * exits 2; no stack trace reaches the user.
 */
import { statSync } from 'node:fs'
import { type ParseArgsConfig, parseArgs } from 'node:util'

const USAGE = `usage: npm run scrape -- [options]

Fetches the providers' pages named in the catalog's scrape-recipes.json (or reads saved pages),
reads their courses and writes the catalog folder, printing what was added, changed and removed.

options:
  --provider ID        only this provider (repeatable)
  --dry-run            print the diff, write nothing
  --from DIR           read every .html file under DIR instead of fetching
                       (DIR/manifest.json, optional, maps files to providers and URLs)
  --allow-removals     allow removing more than 20% of a provider's scraped records
  --catalog DIR        the catalog folder (default: $CATALOG_DIR or ./catalog)
  --cache DIR          conditional-GET cache (default: .cache/scrape)
  --interval MS        least time between two requests to one host (default: 1000)
  -h, --help           this help`

const OPTIONS = {
  provider: { type: 'string', multiple: true, default: [] as string[] },
  'dry-run': { type: 'boolean', default: false },
  from: { type: 'string' },
  'allow-removals': { type: 'boolean', default: false },
  catalog: { type: 'string', default: process.env.CATALOG_DIR || './catalog' },
  cache: { type: 'string', default: '.cache/scrape' },
  interval: { type: 'string', default: '1000' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options']

function fail(message: string): never {
  console.error(`scrape: ${message} (see --help)`)
  process.exit(2)
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function parse() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: false }).values
  } catch (error) {
    return fail((error as Error).message.split('\n')[0] as string)
  }
}
const values = parse()
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const interval = Number(values.interval)
if (!/^\d+$/.test(values.interval) || !Number.isSafeInteger(interval))
  fail(`--interval must be a whole number of milliseconds, not "${values.interval}"`)
if (values.from !== undefined && !isFolder(values.from))
  fail(`--from ${values.from}: no such folder`)
if (!isFolder(values.catalog)) fail(`--catalog ${values.catalog}: no such folder`)

// Loaded once the arguments are known to be good: bad usage answers at once.
const { runScrape, UsageError } = await import('../src/scrape/run.js')
try {
  process.exitCode = await runScrape({
    catalogDir: values.catalog,
    providers: values.provider,
    dryRun: values['dry-run'],
    ...(values.from !== undefined && { from: values.from }),
    allowRemovals: values['allow-removals'],
    fetcher: { cacheDir: values.cache, minIntervalMs: interval },
    today: new Date().toISOString().slice(0, 10),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: process.stderr.isTTY,
  })
} catch (error) {
  if (error instanceof UsageError) fail(error.message)
  console.error(`scrape: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
