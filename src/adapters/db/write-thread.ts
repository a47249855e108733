/**
 * The body of a catalog-writing worker thread: it opens the database file on a connection of
 * its own, says `ready`, replaces the catalog it is sent in one transaction, answers with the
 * diff (or the error, with its code and causes), and is then ended by its parent.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Catalog } from '../../core/catalog/schemas.js'
import type { CatalogOrigin } from '../../core/ports.js'
import { CatalogStore } from './catalog-store.js'
import { openSqlite } from './sqlite.js'

export interface WriteJob {
  catalog: Catalog
  hash: string
  origin?: CatalogOrigin
}

/** An error as plain data (a thread's errors lose their `code` and causes when posted). */
export interface ErrorData {
  name: string
  message: string
  code?: string
  cause?: ErrorData
}

function errorData(error: unknown, depth = 0): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const code = (error as NodeJS.ErrnoException).code
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' && { code }),
    ...(error.cause !== undefined && depth < 10 && { cause: errorData(error.cause, depth + 1) }),
  }
}

const sqlite = openSqlite(workerData as string, { migrate: false })
const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
parentPort?.once('message', async (job: WriteJob) => {
  try {
    const diff = await store.replace(job.catalog, job.hash, job.origin)
    parentPort?.postMessage({ ok: true, diff })
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: errorData(error) })
  } finally {
    sqlite.close()
  }
})
parentPort?.postMessage('ready')
