/**
 * The catalog's fixed vocabularies and defaults, written once. Plain arrays and objects without
 * zod, so that the widget can import them (values and `import type`) without pulling zod into
 * its bundle.
 */

/** AAMA content areas; every credit amount is keyed by one of them. */
export const CATEGORIES = ['administrative', 'clinical', 'general'] as const
/** Bodies that approve or accept a course. "AAMA" means the course carries AAMA CEUs. */
export const APPROVALS = ['AAMA', 'AMT', 'NHA', 'NCCT', 'ARMA'] as const
export const FORMATS = [
  'online',
  'self-study',
  'article',
  'webinar',
  'seminar',
  'conference',
  'workshop',
  'cpr-card',
  'college',
] as const
/**
 * How far a fact can be trusted: `official` (the provider's or issuer's own page), `secondary`
 * (another party's page), `unverified` (a reported figure nobody has checked on a primary
 * page), `scraped` (read by the scraper), `sample` (invented demo data).
 */
export const CONFIDENCES = ['official', 'secondary', 'unverified', 'scraped', 'sample'] as const

/**
 * Whether sample records (`source.confidence: "sample"`) are served: `include` (the shipped demo
 * catalog) or `exclude` (what a real deployment sets, with `SAMPLE_DATA=exclude`).
 */
export const SAMPLE_MODES = ['include', 'exclude'] as const
export type SampleMode = (typeof SAMPLE_MODES)[number]

/** Whether a record (course, offer, provider) is invented demo data. */
export function isSample(record: { source?: { confidence: string } | undefined }): boolean {
  return record.source?.confidence === 'sample'
}

export type Category = (typeof CATEGORIES)[number]
export type Approval = (typeof APPROVALS)[number]
export type Format = (typeof FORMATS)[number]

/**
 * Misspellings of an approving body accepted on input and read as the body ("AMMA" is a common
 * typo for AAMA; see docs/rules.md). Never emitted.
 */
export const APPROVAL_ALIASES: Readonly<Record<string, Approval>> = { AMMA: 'AAMA' }

/** An approving body's canonical name for any spelling in `APPROVAL_ALIASES`; other values as given. */
export function normalizeApproval(value: unknown): unknown {
  return typeof value === 'string' ? (APPROVAL_ALIASES[value.toUpperCase()] ?? value) : value
}

/** The search facets, in the order the API answers them. */
export const FACETS = ['category', 'approval', 'provider', 'format'] as const
export type Facet = (typeof FACETS)[number]

/** The search sort orders; `relevance` is the default. */
export const SORTS = ['relevance', 'price', 'credits', 'value', 'title'] as const
export type Sort = (typeof SORTS)[number]

/**
 * The day number (YYYYMMDD) stored as the last session of an on-demand course, later than any
 * real date, so that `available` filters keep on-demand courses.
 */
export const ON_DEMAND_DAY = 99_999_999

/** Default request limits of the HTTP API (the Node entry's environment may override them). */
export const LIMIT_DEFAULTS = {
  /** Largest request body, in bytes (413 above). */
  bodyBytes: 256 * 1024,
  /** Largest admin catalog upload, in bytes. */
  adminBodyBytes: 16 * 1024 * 1024,
  /** Progress and plan requests per client per minute; 0 = no limit. */
  perMinute: 60,
  /** How many of those may come at once. */
  burst: 20,
  /** Longest planning time before the best plan found is answered as not proved optimal. */
  planMs: 5_000,
} as const

/** An approving body's canonical name for a value read case-insensitively, aliases included. */
export function canonicalApproval(value: string): Approval | null {
  const upper = value.trim().toUpperCase()
  return APPROVALS.find((a) => a === upper) ?? APPROVAL_ALIASES[upper] ?? null
}
