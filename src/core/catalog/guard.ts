/**
 * What a catalog change does, and whether it looks like a wipe. Pure: the folder loader, the
 * admin import and the CSV import all ask it before anything is written.
 */
import type { Catalog } from './schemas.js'

/** Ids added, changed and removed in one kind of record. */
export interface RecordChange {
  added: string[]
  changed: string[]
  removed: string[]
}

export interface CatalogChange {
  providers: RecordChange
  offers: RecordChange
  courses: RecordChange
  credentials: RecordChange
  synonyms: { before: number; after: number; changed: boolean }
  /** Courses loaded before and after. */
  before: number
  after: number
}

/** Why a change is refused unless forced; empty when it may go ahead. */
export type WipeRefusals = string[]

/** Above this share of the loaded courses removed, a change must be forced. */
export const MAX_REMOVED_COURSES = 0.5

/**
 * Compares two catalogs by record id and content.
 *
 * ```ts
 * compareCatalogs(before, { ...before, credentials: [] }).credentials.removed // ['cma-aama', ...]
 * ```
 */
export function compareCatalogs(before: Catalog, after: Catalog): CatalogChange {
  return {
    providers: compareRecords(before.providers, after.providers),
    offers: compareRecords(before.offers, after.offers),
    courses: compareRecords(before.courses, after.courses),
    credentials: compareRecords(before.credentials, after.credentials),
    synonyms: {
      before: before.synonyms.length,
      after: after.synonyms.length,
      changed: JSON.stringify(before.synonyms) !== JSON.stringify(after.synonyms),
    },
    before: before.courses.length,
    after: after.courses.length,
  }
}

function compareRecords(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
): RecordChange {
  const old = new Map(before.map((r) => [r.id, JSON.stringify(r)]))
  const change: RecordChange = { added: [], changed: [], removed: [] }
  for (const record of after) {
    const was = old.get(record.id)
    if (was === undefined) change.added.push(record.id)
    else if (was !== JSON.stringify(record)) change.changed.push(record.id)
    old.delete(record.id)
  }
  change.removed = [...old.keys()]
  return change
}

/**
 * The reasons to refuse a change without `force`: it removes more than half the courses, any
 * credential's rule set, or every synonym. A first load (nothing loaded before) is never refused.
 */
export function wipeRefusals(change: CatalogChange): WipeRefusals {
  const reasons: string[] = []
  const removed = change.courses.removed.length
  if (change.before > 0 && removed > change.before * MAX_REMOVED_COURSES) {
    reasons.push(
      `it removes ${removed} of the ${change.before} loaded courses (more than ${MAX_REMOVED_COURSES * 100}%)`,
    )
  }
  if (change.credentials.removed.length > 0) {
    reasons.push(
      `it removes the rule set of ${change.credentials.removed.join(', ')}: progress and plan would refuse ${change.credentials.removed.length === 1 ? 'that credential' : 'those credentials'}`,
    )
  }
  if (change.synonyms.before > 0 && change.synonyms.after === 0) {
    reasons.push(`it removes all ${change.synonyms.before} synonym groups of search`)
  }
  return reasons
}

/** Counts for an answer or a log line: `{ added, changed, removed }` over providers, offers, courses. */
export function changeCounts(change: CatalogChange): {
  added: number
  changed: number
  removed: number
} {
  const kinds = [change.providers, change.offers, change.courses]
  const sum = (pick: (r: RecordChange) => string[]) => kinds.reduce((n, r) => n + pick(r).length, 0)
  return {
    added: sum((r) => r.added),
    changed: sum((r) => r.changed),
    removed: sum((r) => r.removed),
  }
}

/** Where the catalog lives once an import has landed. */
export type CatalogStorage =
  | {
      /** The catalog folder holds the import: a restart, and git, see it. */
      source: 'folder'
      dir: string
      /** Files written or deleted. */
      files: string[]
    }
  | {
      /** The database is the source: there is no catalog folder (or it could not be written). */
      source: 'database'
      note: string
    }

export type ImportOutcome =
  | {
      status: 'imported'
      change: CatalogChange
      counts: { added: number; changed: number; removed: number }
      storage: CatalogStorage
    }
  | { status: 'refused'; reasons: string[]; change: CatalogChange }

export interface ImportOptions {
  /** Import even when the change looks like a wipe. */
  force: boolean
}

/** Takes a whole validated catalog in place of the loaded one (a port: the adapters implement it). */
export interface CatalogImporter {
  importCatalog(catalog: Catalog, options: ImportOptions): Promise<ImportOutcome>
  /** The loaded catalog, for merging partial imports (a CSV of courses) into it. */
  current(): Promise<Catalog | null>
  /** Reloads the catalog folder, when there is one; `force` loads it even if held. */
  reload?(options: { force: boolean }): Promise<LoadOutcome>
}

/** What a load of the catalog folder did. */
export type LoadOutcome =
  | { status: 'loaded'; diff: { added: number; changed: number; removed: number } }
  | { status: 'unchanged' }
  | { status: 'refused'; issues: { file: string; path: string; message: string }[] }
  | {
      /** Valid, but refused: it looks like a wipe, or it is older than an admin import. */
      status: 'held'
      reasons: string[]
      change?: CatalogChange
    }
