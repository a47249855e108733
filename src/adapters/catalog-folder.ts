import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogFile, CatalogResult } from '../core/catalog/document.js'
import {
  type CatalogImporter,
  type CatalogStorage,
  changeCounts,
  type ImportOptions,
  type ImportOutcome,
  type LoadOutcome,
} from '../core/catalog/guard.js'
import type { Catalog } from '../core/catalog/schemas.js'
import type { CatalogWriter, SearchIndex } from '../core/ports.js'
import { importHash, judgeChange } from './catalog-import.js'
import { parseFiles } from './catalog-parse/bounded.js'
import { folderChangedAt, layoutCatalog, writeCatalogFolder } from './catalog-persist.js'

const SUBFOLDERS = ['courses', 'credentials']

/** The catalog folder's JSON files (top level, courses/ and credentials/), as relative paths. */
async function catalogPaths(dir: string): Promise<string[]> {
  const paths: string[] = []
  for (const sub of ['', ...SUBFOLDERS]) {
    let names: string[]
    try {
      names = await readdir(join(dir, sub))
    } catch {
      continue
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort())
      paths.push(sub ? `${sub}/${name}` : name)
  }
  return paths
}

/** Reads the catalog folder's JSON files (top level, courses/ and credentials/). */
export async function readCatalogFolder(dir: string): Promise<CatalogFile[]> {
  const files: CatalogFile[] = []
  for (const path of await catalogPaths(dir))
    files.push({ name: path, text: await readFile(join(dir, path), 'utf8') })
  return files
}

/** The catalog folder read and validated whole, with its content hash. */
export async function readCatalog(dir: string): Promise<{ hash: string; result: CatalogResult }> {
  const files = await readCatalogFolder(dir)
  return { hash: hashCatalogFiles(files), result: parseFiles(files) }
}

/** A content hash of the files: the catalog is reloaded exactly when it changes. */
export function hashCatalogFiles(files: readonly CatalogFile[]): string {
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file.name}\0${file.text}\0`)
  return hash.digest('hex')
}

export type { LoadOutcome }

type Log = (event: string, fields: Record<string, unknown>) => void

/** Reads, hashes and (unless its hash is in `skip`) validates a folder: `result` null = skipped. */
export type FolderParser = (
  dir: string,
  skip: string[],
) => Promise<{ hash: string | null; result: CatalogResult | null }>

/** The folder read and validated on the calling thread (bounded; Node uses a worker thread). */
export const parseFolderInline: FolderParser = async (dir, skip) => {
  const files = await readCatalogFolder(dir)
  const hash = hashCatalogFiles(files)
  return { hash, result: skip.includes(hash) ? null : parseFiles(files) }
}

/** Names, sizes and times of the folder's files: polls read and hash only when it changes. */
async function fingerprint(dir: string): Promise<string> {
  const parts: string[] = []
  for (const path of await catalogPaths(dir)) {
    const info = await stat(join(dir, path))
    parts.push(`${path}:${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`)
  }
  return parts.join('|')
}

/** Longest wait between polls after repeated failures. */
const MAX_BACKOFF_MS = 5 * 60_000
/** Issues written to one log line (the outcome keeps them all, up to its bound). */
const LOGGED_ISSUES = 20

/**
 * Loads the catalog folder into the database when its content hash differs from the loaded
 * one. A folder with any bad file is refused whole and the previous catalog keeps serving; so
 * is one that looks like a wipe (see catalog-guard.ts), or one whose files are all older than
 * the last admin import (it would undo that import). Polls read a cheap fingerprint and load
 * only when it changed; they back off (doubling, up to 5 minutes) while loads keep failing.
 *
 * It is also the importer when there is a folder: an import is written into the folder first,
 * so the folder stays the one source of truth and a restart serves the import.
 */
export class CatalogFolderLoader implements CatalogImporter {
  private timer: ReturnType<typeof setTimeout> | null = null
  /** The folder's fingerprint at the last poll, and how many loads in a row failed. */
  private lastFingerprint: string | null = null
  private failures = 0
  private queue: Promise<unknown> = Promise.resolve()
  private running: Promise<LoadOutcome> | null = null
  private held: { hash: string; outcome: LoadOutcome } | null = null
  /** The folder content last loaded (or found loaded). */
  private seen: string | null = null

  constructor(
    private readonly dir: string,
    private readonly store: CatalogWriter,
    private readonly search: SearchIndex,
    private readonly log: Log = () => {},
    private readonly parse: FolderParser = parseFolderInline,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Loads the folder if it changed; `force` loads it even when the guards would hold it. */
  load(options: { force?: boolean } = {}): Promise<LoadOutcome> {
    if (options.force) return this.serially(() => this.loadOnce(true))
    // Polls never pile up: a change seen mid-load is picked up by the next poll.
    this.running ??= this.serially(() => this.loadOnce(false)).finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Polls the folder: a cheap fingerprint each time, a read and a load only when it changed. */
  watch(intervalMs: number): void {
    const poll = async () => {
      try {
        const print = await fingerprint(this.dir)
        if (print !== this.lastFingerprint) {
          const outcome = await this.load()
          this.failures = outcome.status === 'refused' ? this.failures + 1 : 0
          // A refused folder is not read again until it changes.
          this.lastFingerprint = print
        }
      } catch (error) {
        this.failures++
        this.log('catalog.error', { dir: this.dir, error: String(error), failures: this.failures })
      }
      const delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(this.failures, 20))
      if (this.failures > 0) this.log('catalog.backoff', { dir: this.dir, retryInMs: delay })
      this.timer = setTimeout(poll, delay)
      this.timer.unref()
    }
    this.timer = setTimeout(poll, intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  reload(options: { force: boolean }): Promise<LoadOutcome> {
    return this.load(options)
  }

  current(): Promise<Catalog | null> {
    return this.store.snapshot()
  }

  /** Folder loads and imports run one at a time, so an import never races a poll. */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task)
    this.queue = result.catch(() => {})
    return result
  }

  importCatalog(catalog: Catalog, options: ImportOptions): Promise<ImportOutcome> {
    return this.serially(async () => {
      const { change, reasons } = await judgeChange(this.store, catalog)
      if (reasons.length > 0 && !options.force) return { status: 'refused', reasons, change }
      let storage: CatalogStorage
      let hash: string
      let folderHash: string
      try {
        const files = await writeCatalogFolder(
          this.dir,
          layoutCatalog(await readCatalogFolder(this.dir), catalog),
        )
        folderHash = hashCatalogFiles(await readCatalogFolder(this.dir))
        hash = folderHash
        storage = { source: 'folder', dir: this.dir, files }
      } catch (error) {
        // A read-only folder (a container image): the database holds the import, and the
        // folder as it is now is not loaded over it (see loadOnce).
        folderHash = hashCatalogFiles(await readCatalogFolder(this.dir))
        hash = await importHash(catalog)
        storage = {
          source: 'database',
          note: `The catalog folder ${this.dir} could not be written (${(error as Error).message}); the database holds the import, and the folder is not loaded over it until its files change.`,
        }
        this.log('catalog.import.folder-not-written', { dir: this.dir, error: String(error) })
      }
      const at = this.clock().toISOString()
      await this.store.replace(catalog, hash, { via: 'admin', at, folderHash })
      this.seen = folderHash
      this.held = null
      await this.search.refresh()
      const counts = changeCounts(change)
      this.log('catalog.imported', { source: storage.source, courses: change.after, ...counts })
      return { status: 'imported', change, counts, storage }
    })
  }

  private async loadOnce(force: boolean): Promise<LoadOutcome> {
    // Only a change of the folder reloads it: the parser skips (reads and hashes, but does not
    // validate) a folder whose content is already loaded, seen or held.
    const current = await this.store.currentHash()
    const skip = [current, ...(force ? [] : [this.seen, this.held?.hash])].filter(
      (h): h is string => !!h,
    )
    const read = await this.parse(this.dir, skip)
    const hash = read.hash ?? `folder:${this.clock().toISOString()}`
    if (hash === this.held?.hash && !force) return this.held.outcome
    if (read.result === null) {
      this.seen = hash
      return { status: 'unchanged' }
    }
    const parsed = read.result
    if (!parsed.ok) {
      const files = [...new Set(parsed.issues.map((i) => i.file))]
      this.log('catalog.refused', {
        dir: this.dir,
        files,
        issues: parsed.issues.slice(0, LOGGED_ISSUES),
        count: parsed.issues.length,
      })
      this.held = { hash, outcome: { status: 'refused', issues: parsed.issues } }
      return this.held.outcome
    }
    const reasons = force ? [] : await this.holdReasons(hash)
    const judged = await judgeChange(this.store, parsed.catalog)
    if (!force) reasons.push(...judged.reasons)
    if (reasons.length > 0) {
      const outcome: LoadOutcome = { status: 'held', reasons, change: judged.change }
      this.log('catalog.held', {
        dir: this.dir,
        reasons,
        ...changeCounts(judged.change),
        credentialsRemoved: judged.change.credentials.removed,
        insist: 'POST /v1/admin/catalog/reload?force=true',
      })
      this.held = { hash, outcome }
      return outcome
    }
    const at = this.clock().toISOString()
    const diff = await this.store.replace(parsed.catalog, hash, {
      via: 'folder',
      at,
      folderHash: hash,
    })
    this.seen = hash
    this.held = null
    await this.search.refresh()
    this.log('catalog.loaded', { dir: this.dir, courses: parsed.catalog.courses.length, ...diff })
    return { status: 'loaded', diff }
  }

  /**
   * An admin import is newer than the folder it was not written to, or than files restored
   * from before it: loading such a folder would undo the import behind the user's back.
   */
  private async holdReasons(hash: string): Promise<string[]> {
    const origin = await this.store.origin()
    if (origin?.via !== 'admin') return []
    if (origin.folderHash === hash)
      return [`the folder has not changed since the admin import of ${origin.at}, which stays`]
    const changed = await folderChangedAt(this.dir)
    if (changed > Date.parse(origin.at)) return []
    return [
      `its newest file (${new Date(changed).toISOString()}) is older than the admin import of ${origin.at}: loading it would undo that import. Save the files again to apply them`,
    ]
  }
}
