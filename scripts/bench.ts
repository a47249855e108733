/**
 * Benchmarks: `npm run bench -- search|plan|load|upload [options]`. See scripts/bench/*.ts for each suite.
 */
import { benchLoad } from './bench/load.js'
import { benchPlan } from './bench/plan.js'
import { benchSearch } from './bench/search.js'
import { benchUpload } from './bench/upload.js'

const suites: Record<string, (args: string[]) => Promise<void>> = {
  search: benchSearch,
  plan: benchPlan,
  load: benchLoad,
  upload: benchUpload,
}

const [name = 'search', ...args] = process.argv.slice(2)
const suite = suites[name]
if (!suite) {
  console.error(`Unknown benchmark "${name}". Available: ${Object.keys(suites).join(', ')}`)
  process.exit(2)
}
await suite(args)
