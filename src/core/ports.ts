import type { RuleSet } from './catalog/rule-set.js'
import type { Catalog, Course, Offer, Provider } from './catalog/schemas.js'
import type { SearchParams, SearchResult } from './search/query.js'

/** Read access to the loaded catalog. */
export interface CatalogReader {
  providers(): Promise<Provider[]>
  offers(): Promise<Offer[]>
  course(id: string): Promise<Course | null>
  courses(ids: readonly string[]): Promise<Course[]>
  credentials(): Promise<RuleSet[]>
  synonyms(): Promise<string[][]>
  /** Every course with a known price: what the planner may propose. */
  pricedCourses(): Promise<readonly Course[]>
  /** Number of loaded courses, or null before any catalog has been loaded. */
  loadedCourses(): Promise<number | null>
  /** How many of the loaded courses are sample data (`source.confidence: "sample"`). */
  sampleCourses(): Promise<number>
}

/** Replaces the whole catalog at once: either all of it lands, or nothing changes. */
export interface CatalogWriter {
  replace(catalog: Catalog, hash: string, origin?: CatalogOrigin): Promise<CatalogDiff>
  currentHash(): Promise<string | null>
  /** The whole loaded catalog, or null before any was loaded. */
  snapshot(): Promise<Catalog | null>
  /** How the loaded catalog got there, or null when nothing says. */
  origin(): Promise<CatalogOrigin | null>
}

/** Where the loaded catalog came from, kept with it in the database. */
export interface CatalogOrigin {
  /** `folder`: loaded from CATALOG_DIR; `admin`: `PUT /v1/admin/catalog` (JSON or CSV). */
  via: 'folder' | 'admin'
  /** When it was loaded (ISO 8601). */
  at: string
  /** The content hash of the catalog folder once the change landed; null without a folder. */
  folderHash: string | null
}

export interface CatalogDiff {
  added: number
  changed: number
  removed: number
}

/** Full-text search with filters and facets (SQLite FTS5 or Meilisearch). */
export interface SearchIndex {
  search(params: SearchParams): Promise<Omit<SearchResult, 'took'>>
  /** Re-reads whatever the index caches after the catalog changed. */
  refresh(): Promise<void>
}
