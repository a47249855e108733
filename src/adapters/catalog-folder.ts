import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type CatalogFile,
  type CatalogIssue,
  type CatalogResult,
  parseCatalogFiles,
} from '../core/catalog/document.js'
import type { CatalogDiff, CatalogWriter, SearchIndex } from '../core/ports.js'

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
  return { hash: hashCatalogFiles(files), result: parseCatalogFiles(files) }
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

/**
 * Loads the catalog folder into the database when its content hash differs from the loaded
 * one. A folder with any bad file is refused whole and the previous catalog keeps serving.
 */
export class CatalogFolderLoader {
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<LoadOutcome> | null = null
  private refused: { hash: string; outcome: LoadOutcome } | null = null
  /** The folder content last loaded (or found loaded). */
  private seen: string | null = null

  constructor(
    private readonly dir: string,
    private readonly store: CatalogWriter,
    private readonly search: SearchIndex,
    private readonly log: (event: string, fields: Record<string, unknown>) => void = () => {},
  ) {}

  load(): Promise<LoadOutcome> {
    // Loads never overlap: a change seen mid-load is picked up by the next poll.
    this.running ??= this.loadOnce().finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Polls the folder's content hash; cheap for a catalog of a few hundred files. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.load().catch((error: unknown) => this.log('catalog.error', { error: String(error) }))
    }, intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  private async loadOnce(): Promise<LoadOutcome> {
    const files = await readCatalogFolder(this.dir)
    const hash = hashCatalogFiles(files)
    // Only a change of the folder reloads it: a catalog imported through the admin API since
    // stays until the folder changes.
    if (hash === this.seen) return { status: 'unchanged' }
    if (hash === (await this.store.currentHash())) {
      this.seen = hash
      return { status: 'unchanged' }
    }
    if (hash === this.refused?.hash) return this.refused.outcome
    const parsed = parseCatalogFiles(files)
    if (!parsed.ok) {
      this.log('catalog.refused', { dir: this.dir, issues: parsed.issues })
      this.refused = { hash, outcome: { status: 'refused', issues: parsed.issues } }
      return this.refused.outcome
    }
    const diff = await this.store.replace(parsed.catalog, hash)
    this.seen = hash
    await this.search.refresh()
    this.log('catalog.loaded', { dir: this.dir, courses: parsed.catalog.courses.length, ...diff })
    return { status: 'loaded', diff }
  }
}
