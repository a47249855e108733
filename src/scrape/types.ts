import type { Course } from '../core/catalog/schemas.js'

/** A fetched (or saved) page. */
export interface Page {
  url: string
  html: string
  /** `YYYY-MM-DD`: when it was fetched (or saved). */
  fetchedAt: string
}

/** What one provider page yields: catalog course records with their provenance. */
export type Parser = (page: Page) => Course[]

/** A provider the scraper knows: where its pages are and how to read them. */
export interface ProviderSource {
  /** The provider id in `catalog/providers.json`. */
  provider: string
  /** Pages to fetch, each read by `parse`. */
  pages: { url: string; kind: string }[]
  /** Reads a page that has no structured data (structured data is read first, generically). */
  parse: (page: Page, kind: string) => Course[]
  /** Values the pages leave out but the provider states once (e.g. ACE: AAMA-approved). */
  defaults?: Partial<Pick<Course, 'approvals' | 'format'>>
}
