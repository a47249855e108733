import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogFile, CatalogIssue, CatalogResult } from '../core/catalog-files.js'
import type { CatalogDiff, CatalogWriter, SearchIndex } from '../core/ports.js'
import { parseFiles } from './catalog-parse/bounded.js'

const SUBFOLDERS = ['courses', 'credentials']

/** Reads the catalog folder's JSON files (top level, courses/ and credentials/). */
export async function readCatalogFolder(dir: string): Promise<CatalogFile[]> {
  const files: CatalogFile[] = []
  for (const sub of ['', ...SUBFOLDERS]) {
    let names: string[]
    try {
      names = await readdir(join(dir, sub))
    } catch {
      continue
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const path = sub ? `${sub}/${name}` : name
      files.push({ name: path, text: await readFile(join(dir, path), 'utf8') })
    }
  }
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

export type LoadOutcome =
  | { status: 'loaded'; diff: CatalogDiff }
  | { status: 'unchanged' }
  | { status: 'refused'; issues: CatalogIssue[] }

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
  for (const sub of ['', ...SUBFOLDERS]) {
    let names: string[]
    try {
      names = await readdir(join(dir, sub))
    } catch {
      continue
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const info = await stat(join(dir, sub, name))
      parts.push(`${sub}/${name}:${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`)
    }
  }
  return parts.join('|')
}

/** Longest wait between polls after repeated failures. */
const MAX_BACKOFF_MS = 5 * 60_000
/** Issues written to one log line (the outcome keeps them all, up to its bound). */
const LOGGED_ISSUES = 20

/**
 * Loads the catalog folder into the database when its content hash differs from the loaded
 * one. A folder with any bad file is refused whole and the previous catalog keeps serving.
 * Polls back off (doubling, up to 5 minutes) while loads keep failing.
 */
export class CatalogFolderLoader {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<LoadOutcome> | null = null
  private refused: { hash: string; outcome: LoadOutcome } | null = null
  /** The folder content last loaded (or found loaded). */
  private seen: string | null = null
  /** The folder's fingerprint at the last poll, and how many loads in a row failed. */
  private lastFingerprint: string | null = null
  private failures = 0

  constructor(
    private readonly dir: string,
    private readonly store: CatalogWriter,
    private readonly search: SearchIndex,
    private readonly log: (event: string, fields: Record<string, unknown>) => void = () => {},
    private readonly parse: FolderParser = parseFolderInline,
  ) {}

  load(): Promise<LoadOutcome> {
    // Loads never overlap: a change seen mid-load is picked up by the next poll.
    this.running ??= this.loadOnce().finally(() => {
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

  private async loadOnce(): Promise<LoadOutcome> {
    const current = await this.store.currentHash()
    const skip = [this.seen, current, this.refused?.hash].filter((h): h is string => !!h)
    const { hash, result } = await this.parse(this.dir, skip)
    // Only a change of the folder reloads it: a catalog imported through the admin API since
    // stays until the folder changes.
    if (hash !== null && hash === this.refused?.hash) return this.refused.outcome
    if (result === null) {
      this.seen = hash
      return { status: 'unchanged' }
    }
    if (!result.ok) {
      const files = [...new Set(result.issues.map((i) => i.file))]
      this.log('catalog.refused', {
        dir: this.dir,
        files,
        issues: result.issues.slice(0, LOGGED_ISSUES),
        count: result.issues.length,
      })
      const outcome: LoadOutcome = { status: 'refused', issues: result.issues }
      if (hash !== null) this.refused = { hash, outcome }
      return outcome
    }
    const diff = await this.store.replace(result.catalog, hash ?? `folder:${Date.now()}`)
    this.seen = hash
    await this.search.refresh()
    this.log('catalog.loaded', { dir: this.dir, courses: result.catalog.courses.length, ...diff })
    return { status: 'loaded', diff }
  }
}
