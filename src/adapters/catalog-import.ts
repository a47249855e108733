/**
 * Importing a whole catalog (the admin API, JSON or CSV): the wipe guards first, then the
 * catalog lands in one piece. Runtime-agnostic; on Node with a catalog folder the folder loader
 * (catalog-folder.ts) implements the same port and also writes the folder.
 */

import {
  type CatalogChange,
  type CatalogImporter,
  changeCounts,
  compareCatalogs,
  type ImportOutcome,
  wipeRefusals,
} from '../core/catalog/guard.js'
import type { Catalog } from '../core/catalog/schemas.js'
import type { CatalogWriter, SearchIndex } from '../core/ports.js'

const EMPTY: Catalog = { providers: [], offers: [], courses: [], synonyms: [], credentials: [] }

/** The guard verdict on replacing what the store holds with `next`. */
export async function judgeChange(
  store: CatalogWriter,
  next: Catalog,
): Promise<{ change: CatalogChange; reasons: string[] }> {
  const change = compareCatalogs((await store.snapshot()) ?? EMPTY, next)
  return { change, reasons: wipeRefusals(change) }
}

/** A content hash of a catalog that came through the admin API (not from a folder). */
export async function importHash(catalog: Catalog): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(catalog))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return `admin:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * The importer without a catalog folder (CATALOG_DIR empty, or D1 on Workers): the database is
 * the source, and an import survives restarts as it is.
 */
export function databaseImporter(
  store: CatalogWriter,
  search: SearchIndex,
  clock: () => Date = () => new Date(),
): CatalogImporter {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    current: () => store.snapshot(),
    importCatalog(catalog, options) {
      const run = async (): Promise<ImportOutcome> => {
        const { change, reasons } = await judgeChange(store, catalog)
        if (reasons.length > 0 && !options.force) return { status: 'refused', reasons, change }
        const hash = await importHash(catalog)
        await store.replace(catalog, hash, {
          via: 'admin',
          at: clock().toISOString(),
          folderHash: null,
        })
        await search.refresh()
        return {
          status: 'imported',
          change,
          counts: changeCounts(change),
          storage: {
            source: 'database',
            note: 'There is no catalog folder: the database holds the catalog, and restarts keep it.',
          },
        }
      }
      // Imports never overlap: each is judged against what the previous one left.
      const result = queue.then(run, run)
      queue = result.catch(() => {})
      return result
    },
  }
}
