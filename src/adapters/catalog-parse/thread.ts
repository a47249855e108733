/**
 * The body of a catalog-parsing worker thread: it says `ready` once loaded, runs one job, answers,
 * and is then ended by its parent (and with it every byte the parse allocated).
 */
import { parentPort } from 'node:worker_threads'
import { hashCatalogFiles, readCatalogFolder } from '../catalog-folder.js'
import { type ParseLimits, parseFiles, parseUpload } from './bounded.js'
import type { ThreadJob } from './threaded.js'

async function run(job: ThreadJob, limits: ParseLimits) {
  switch (job.kind) {
    case 'upload':
      return parseUpload(job.text, job.current, limits)
    case 'folder': {
      const files = await readCatalogFolder(job.dir)
      const hash = hashCatalogFiles(files)
      if (job.skip.includes(hash)) return { hash, result: null }
      return { hash, result: parseFiles(files, limits) }
    }
  }
}

parentPort?.once('message', async ({ job, limits }: { job: ThreadJob; limits: ParseLimits }) => {
  try {
    parentPort?.postMessage({ ok: true, value: await run(job, limits) })
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    })
  }
})
parentPort?.postMessage('ready')
