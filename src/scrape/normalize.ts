/**
 * Normalising what provider pages say into catalog values: prices, hours, credits, content
 * areas, approving bodies, stable ids. Pure functions over strings.
 */

import { APPROVAL_ALIASES, canonicalApproval } from '../core/catalog/constants.js'
import {
  APPROVALS,
  type Approval,
  type Category,
  FORMATS,
  type Format,
} from '../core/catalog/schemas.js'

const MONEY = /\$\s*(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)/g
const amount = (s: string) => Number(s.replace(/,/g, ''))

/**
 * The list (non-member) price in dollars, or null when the text gives none.
 * `"$29.95"` -> 29.95; `"Free"` -> 0; `"Members: $10 / Non-members: $20"` -> 20 (the list
 * price: the catalog's price is the non-member one).
 */
export function parsePrice(text: string | null | undefined): number | null {
  if (!text) return null
  const t = text.replace(/\s+/g, ' ').trim()
  const nonMember = /non[-\s]?members?\s*:?\s*(free|\$\s*[\d,.]+)/i.exec(t)
  if (nonMember) return priceOf(nonMember[1] as string)
  const prices = [...t.matchAll(MONEY)].map((m) => amount(m[1] as string))
  if (prices.length > 0) return Math.max(...prices)
  if (/^(free|no charge|no cost|complimentary|\$?0(\.00)?)$/i.test(t) || /\bfree\b/i.test(t))
    return 0
  return null
}

function priceOf(token: string): number {
  return /free/i.test(token) ? 0 : amount(token.replace(/[$\s]/g, ''))
}

/**
 * Contact hours: `"1.5 contact hours"` -> 1.5, `"90 min"` -> 1.5, `"1 hour 30 minutes"` -> 1.5,
 * `"2 hrs"` -> 2, ISO 8601 `"PT1H30M"` -> 1.5; null when none is stated.
 */
export function parseHours(text: string | null | undefined): number | null {
  if (!text) return null
  const iso = /^P(?:T)?(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?$/i.exec(text.trim())
  if (iso && (iso[1] || iso[2])) return round2(Number(iso[1] ?? 0) + Number(iso[2] ?? 0) / 60)
  const h = /(\d+(?:\.\d+)?)\s*(?:contact\s+|clock\s+)?(?:hours?|hrs?\.?)(?![a-z])/i.exec(text)
  const m = /(\d+(?:\.\d+)?)\s*(?:minutes?|mins?\.?)(?![a-z])/i.exec(text)
  if (!h && !m) return null
  return round2(Number(h?.[1] ?? 0) + Number(m?.[1] ?? 0) / 60)
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** An AAMA content area named in the text (`"Clinical"`, `"admin"`, `"General/Legal"`). */
export function parseArea(text: string | null | undefined): Category | null {
  if (!text) return null
  const t = text.toLowerCase()
  if (/\badmin/.test(t)) return 'administrative'
  if (/\bclinical\b/.test(t)) return 'clinical'
  if (/\bgeneral\b/.test(t)) return 'general'
  return null
}

/**
 * Credits by content area: `"1.0 AAMA CEU (Clinical)"` -> `{ clinical: 1 }`;
 * `"Administrative: 0.5, General: 0.5"` -> both; a number alone needs `area`.
 */
export function parseCredits(
  text: string | null | undefined,
  area: Category | null = null,
): Partial<Record<Category, number>> {
  if (!text) return {}
  const out: Partial<Record<Category, number>> = {}
  for (const m of text.matchAll(
    /(administrative|admin|clinical|general)\s*[:\-–]?\s*(\d+(?:\.\d+)?)/gi,
  )) {
    const a = parseArea(m[1]) as Category
    out[a] = round2((out[a] ?? 0) + Number(m[2]))
  }
  if (Object.keys(out).length > 0) return out
  const n = /(\d+(?:\.\d+)?)/.exec(text)
  const named = parseArea(text) ?? area
  if (n && named) return { [named]: Number(n[1]) }
  return {}
}

const APPROVAL_NAMES = new RegExp(
  `\\b(${[...APPROVALS, ...Object.keys(APPROVAL_ALIASES)].join('|')})\\b`,
  'g',
)

/** Approving bodies named in the text; "AMMA", a common typo, is read as AAMA. */
export function parseApprovals(text: string | null | undefined): Approval[] {
  if (!text) return []
  const found = new Set<Approval>()
  for (const m of text.toUpperCase().matchAll(APPROVAL_NAMES)) {
    const name = m[1] as string
    found.add((APPROVAL_ALIASES[name] ?? name) as Approval)
  }
  return APPROVALS.filter((a) => found.has(a))
}

/**
 * When an approval ends, as pages put it: `"AAMA approved through 08/29/2019"`, `"AAMA
 * approval expires August 29, 2019"`, `"approved by AAMA until 2019-08-29"`. The body named
 * nearest before the phrase is the one that ends.
 */
export function parseApprovalsUntil(
  text: string | null | undefined,
): Partial<Record<Approval, string>> {
  const until: Partial<Record<Approval, string>> = {}
  if (!text) return until
  const phrase =
    /\b(AAMA|AMMA|AMT|NHA|NCCT|ARMA)\b[^.;]{0,60}?\b(?:until|through|thru|expires?(?:\s+on)?|valid\s+through)\s*:?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/gi
  for (const m of text.matchAll(phrase)) {
    const name = (m[1] as string).toUpperCase()
    const body = canonicalApproval(name) ?? (name as Approval)
    const date = usDate(m[2] as string) ?? parseDate(m[2])
    if (date) until[body] = date
  }
  return until
}

/** `8/29/2019` (month first, as US pages write it) as `2019-08-29`. */
function usDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  return m
    ? `${m[3]}-${(m[1] as string).padStart(2, '0')}-${(m[2] as string).padStart(2, '0')}`
    : null
}

/** A catalog format from a page's words (`"Self-Study"`, `"Webinar"`, `"Workshop"`). */
export function parseFormat(text: string | null | undefined, fallback: Format = 'online'): Format {
  return formatIn(text) ?? fallback
}

/** The catalog format a text names, or null when it names none. */
export function formatIn(text: string | null | undefined): Format | null {
  const t = (text ?? '').toLowerCase().replace(/\s+/g, '-')
  if (t.includes('self-study') || t.includes('selfstudy')) return 'self-study'
  return FORMATS.find((f) => t.includes(f)) ?? null
}

/** A stable id: provider, then the course code or the title, as `[a-z0-9-]`. */
export function stableId(provider: string, key: string): string {
  return `${provider}-${slug(key)}`
}

/** Text as `[a-z0-9-]`, at most 80 characters: `"Wound Care & Dressing"` -> `wound-care-and-dressing`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/** `YYYY-MM-DD` from an ISO date-time or a written date (`"March 14, 2027"`); null otherwise. */
export function parseDate(text: string | null | undefined): string | null {
  if (!text) return null
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
  const written = /([A-Z][a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(text)
  if (!written) return null
  const month = MONTHS.indexOf((written[1] as string).slice(0, 3).toLowerCase())
  if (month < 0) return null
  return `${written[3]}-${String(month + 1).padStart(2, '0')}-${(written[2] as string).padStart(2, '0')}`
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Collapses whitespace. */
export const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
