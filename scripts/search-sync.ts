/**
 * `npm run search:sync`: pushes the catalog folder to Meilisearch (MEILISEARCH_URL,
 * MEILISEARCH_KEY with write rights, MEILISEARCH_INDEX default "courses").
 *
 * The new index is built beside the live one (settings, then documents in batches of 1,000,
 * waiting for every task) and swapped in at once, so searches never see half a catalog. A
 * failed task stops the sync with its error, and the live index is left as it was.
 */
import { Meilisearch } from 'meilisearch'
import { readCatalog } from '../src/adapters/catalog-folder.js'
import { documentsOf, indexSettings } from '../src/adapters/meilisearch/documents.js'
import { parseConfig } from '../src/entry/config.js'

const config = parseConfig(process.env)
if (!config.MEILISEARCH_URL) {
  console.error('MEILISEARCH_URL is not set: nothing to sync to')
  process.exit(2)
}
const { hash, result: parsed } = await readCatalog(config.CATALOG_DIR || './catalog')
if (!parsed.ok) {
  for (const i of parsed.issues) console.error(`${i.file} ${i.path}: ${i.message}`)
  process.exit(1)
}
const client = new Meilisearch({ host: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY })
const live = config.MEILISEARCH_INDEX
const next = `${live}-next`
const BATCH = 1_000

async function check(
  label: string,
  pending: { waitTask(): Promise<{ status: string; error?: { message: string } | null }> },
) {
  const task = await pending.waitTask()
  if (task.status !== 'succeeded') {
    console.error(`${label}: ${task.status}${task.error ? `: ${task.error.message}` : ''}`)
    process.exit(1)
  }
}

await client.deleteIndexIfExists(next)
await check(`create ${next}`, client.createIndex(next, { primaryKey: 'id' }))
await check('settings', client.index(next).updateSettings(indexSettings(parsed.catalog.synonyms)))
const documents = documentsOf(parsed.catalog)
for (let i = 0; i < documents.length; i += BATCH) {
  await check(
    `documents ${i + 1}-${Math.min(i + BATCH, documents.length)}`,
    client.index(next).addDocuments(documents.slice(i, i + BATCH)),
  )
}
// A first sync has no live index to swap with.
const exists = await client.getIndex(live).then(
  () => true,
  () => false,
)
if (!exists) await check(`create ${live}`, client.createIndex(live, { primaryKey: 'id' }))
await check('swap', client.swapIndexes([{ indexes: [live, next], rename: false }]))
await check(`delete ${next}`, client.deleteIndex(next))
console.log(`${live}: ${documents.length} courses synced (catalog ${hash.slice(0, 12)})`)
