/**
 * The catalog store of the Node server: reads on the main thread, replacements in a worker
 * thread on a connection of its own. Replacing 100,000 courses writes for seconds in one
 * transaction; on the main thread that would hold every other request (searches timed out
 * during a large import). With SQLite's WAL the main connection keeps reading the previous
 * catalog meanwhile: it holds a read transaction open until the thread has answered and the
 * search index has been built for the new catalog (`onReplace`), and moves to the new catalog in
 * the same turn of the event loop as the new index is put in place: a search never pairs the
 * new rows with the old index.
 */
import { sql } from 'drizzle-orm'
import type { Catalog } from '../../core/catalog/schemas.js'
import type { CatalogDiff, CatalogOrigin } from '../../core/ports.js'
import { siblingModule, startWorker } from '../worker-thread.js'
import { CatalogStore, type Db, type RunAtomically } from './catalog-store.js'
import { openSqlite } from './sqlite.js'
import type { ErrorData, WriteJob } from './write-thread.js'

const THREAD = siblingModule('write-thread', import.meta.url)

type Answer = { ok: true; diff: CatalogDiff } | { ok: false; error: ErrorData }

/** Prepares for a new catalog, read through `db` and `store`; answers what puts it in place. */
export type Preparer = (db: Db, store: CatalogStore) => Promise<() => void>

/** The error the thread reported, rebuilt with its code and causes (for logs and 507s). */
function rebuild(data: ErrorData): Error {
  const error = new Error(data.message, data.cause ? { cause: rebuild(data.cause) } : {})
  error.name = data.name
  if (data.code) (error as NodeJS.ErrnoException).code = data.code
  return error
}

export class ThreadedCatalogStore extends CatalogStore {
  /** Work to do on a new catalog before the main connection moves to it (see `onReplace`). */
  private readonly preparers: Preparer[] = []
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    db: Db,
    runAtomically: RunAtomically,
    /** The database file, migrated by the main connection (not `:memory:`, which a second
     *  connection cannot share). */
    private readonly path: string,
  ) {
    super(db, runAtomically)
  }

  /**
   * Registers work to do on each new catalog, read through a connection of its own, while the
   * main connection still serves the previous one (the search index builds its new state so,
   * between requests); the function it answers runs in the same turn of the event loop as the
   * main connection moves to the new catalog. A preparation that fails is skipped (the caller's
   * own refresh then does the work).
   */
  onReplace(prepare: Preparer): void {
    this.preparers.push(prepare)
  }

  /**
   * One thread per replacement, ended after it: the memory of a large catalog goes back.
   * Replacements run one at a time (the read transaction below is the connection's only one).
   */
  override replace(catalog: Catalog, hash: string, origin?: CatalogOrigin): Promise<CatalogDiff> {
    const run = () => this.replaceNow(catalog, hash, origin)
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => {})
    return result
  }

  private async replaceNow(
    catalog: Catalog,
    hash: string,
    origin?: CatalogOrigin,
  ): Promise<CatalogDiff> {
    // The main connection stays on the previous catalog until the new one is prepared.
    await this.db.run(sql`begin`)
    const swaps: (() => void)[] = []
    try {
      await this.db.all(sql`select 1 from catalog_meta limit 1`)
      const diff = await this.write(catalog, hash, origin)
      swaps.push(...(await this.prepare()))
      return diff
    } finally {
      await this.db.run(sql`commit`)
      for (const swap of swaps) swap()
    }
  }

  /** Runs the preparers on a fresh connection, which sees the new catalog. */
  private async prepare(): Promise<(() => void)[]> {
    if (this.preparers.length === 0) return []
    const fresh = openSqlite(this.path, { migrate: false })
    try {
      const store = new CatalogStore(fresh.db, fresh.runAtomically)
      const swaps: (() => void)[] = []
      for (const prepare of this.preparers) {
        try {
          swaps.push(await prepare(fresh.db, store))
        } catch {
          // Left to the caller's refresh, on the main connection.
        }
      }
      return swaps
    } finally {
      fresh.close()
    }
  }

  private write(catalog: Catalog, hash: string, origin?: CatalogOrigin): Promise<CatalogDiff> {
    const worker = startWorker(THREAD, { workerData: this.path })
    return new Promise<CatalogDiff>((resolve, reject) => {
      worker.on('message', (message: 'ready' | Answer) => {
        if (message === 'ready') {
          const job: WriteJob = { catalog, hash, ...(origin && { origin }) }
          worker.postMessage(job)
          return
        }
        if (message.ok) resolve(message.diff)
        else reject(rebuild(message.error))
        void worker.terminate()
      })
      worker.once('error', reject)
      worker.once('exit', (code) =>
        reject(new Error(`the catalog-writing thread stopped (exit ${code})`)),
      )
    })
  }
}
