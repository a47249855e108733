/**
 * The catalog's closed vocabularies as plain arrays: no zod here, so the browser widgets import
 * them without pulling a validator into their bundle.
 */

/** AAMA content areas; every credit amount is keyed by one of them. */
export const CATEGORIES = ['administrative', 'clinical', 'general'] as const
/** Bodies that approve or accept a course. "AAMA" means the course carries AAMA CEUs. */
export const APPROVALS = ['AAMA', 'AMT', 'NHA', 'NCCT', 'ARMA'] as const
/**
 * Other spellings of an approving body, accepted on input and never emitted. "AMMA" is a common
 * typo for AAMA.
 */
export const APPROVAL_ALIASES: Readonly<Record<string, (typeof APPROVALS)[number]>> = {
  AMMA: 'AAMA',
}
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
/** The search's facets, counted disjunctively. */
export const FACETS = ['category', 'approval', 'provider', 'format'] as const
export const SORTS = ['relevance', 'price', 'credits', 'value', 'title'] as const

/** An approving body's canonical name for a value read case-insensitively, aliases included. */
export function canonicalApproval(value: string): (typeof APPROVALS)[number] | null {
  const upper = value.trim().toUpperCase()
  return APPROVALS.find((a) => a === upper) ?? APPROVAL_ALIASES[upper] ?? null
}
