/**
 * The catalog as a Meilisearch index: one document per course, and the index settings. Pure.
 */
import { CATEGORIES, ON_DEMAND_DAY } from '../../core/catalog/constants.js'
import type { Catalog, Course } from '../../core/catalog/schemas.js'
import { countingDays } from '../../core/rules/counts-for.js'
import { dayNumber, factsOf } from '../../core/search/facts.js'

/** What Meilisearch stores per course; the full course is read from the catalog store. */
export interface CourseDocument {
  id: string
  title: string
  titleSort: string
  tags: string[]
  description: string
  providerName: string
  provider: string
  format: string
  category: string[]
  approval: string[]
  price?: number
  hours?: number
  credits: number
  /** Sort key for "value" (credits per dollar, best first); absent when the price is unknown. */
  valueRank?: number
  /** `YYYYMMDD` of the last session; 99999999 on demand; 0 scheduled with no known date. */
  lastSession: number
  /**
   * Per credential id the course counts for, the last day it counts (`YYYYMMDD`); credentials
   * it never counts for are absent. Filtered as `countsUntil.<id> >= <today>`.
   */
  countsUntil: Record<string, number>
  /** Invented demo data, filtered out by `sample=exclude`. */
  sample: boolean
}

/** One course's document; `countsUntil` comes from the rules engine (`countingDays`). */
export function documentOf(
  course: Course,
  providerName: string,
  countsUntil: Record<string, string>,
): CourseDocument {
  const facts = factsOf(course, 0, countsUntil)
  const doc: CourseDocument = {
    id: course.id,
    title: course.title,
    titleSort: course.title.toLowerCase(),
    tags: course.tags,
    description: course.description ?? '',
    providerName: `${providerName} ${course.provider}`.trim(),
    provider: course.provider,
    format: course.format,
    category: CATEGORIES.filter((c) => (course.credits[c] ?? 0) > 0),
    approval: [...course.approvals],
    credits: facts.credits,
    lastSession: facts.lastSession === null ? ON_DEMAND_DAY : dayNumber(facts.lastSession),
    countsUntil: Object.fromEntries(
      Object.entries(countsUntil).map(([credential, until]) => [credential, dayNumber(until)]),
    ),
    sample: facts.sample,
  }
  if (course.price !== null) {
    doc.price = course.price
    doc.valueRank =
      course.price === 0 ? (facts.credits > 0 ? -1e12 : 0) : -facts.credits / course.price
  }
  if (course.hours !== null) doc.hours = course.hours
  return doc
}

export function documentsOf(catalog: Catalog): CourseDocument[] {
  const names = new Map(catalog.providers.map((p) => [p.id, p.name]))
  return catalog.courses.map((c) =>
    documentOf(c, names.get(c.provider) ?? '', countingDays(catalog.credentials, c)),
  )
}

/**
 * Index settings: searchable fields in weight order (as the FTS5 bm25 weights), filterable and
 * sortable fields, the catalog's synonyms (every word of a group maps to the others), and
 * Meilisearch's usual typo allowance (one typo from 5 letters, two from 9).
 */
export function indexSettings(synonyms: readonly (readonly string[])[]) {
  const map: Record<string, string[]> = {}
  for (const group of synonyms) {
    for (const word of group)
      map[word] = [...new Set([...(map[word] ?? []), ...group.filter((w) => w !== word)])]
  }
  return {
    searchableAttributes: ['title', 'tags', 'description', 'providerName'],
    filterableAttributes: [
      'category',
      'approval',
      'provider',
      'format',
      'price',
      'hours',
      'credits',
      'lastSession',
      'countsUntil',
      'sample',
    ],
    sortableAttributes: ['price', 'credits', 'valueRank', 'titleSort'],
    displayedAttributes: ['id', 'title', 'description'],
    synonyms: map,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 1_000_000 },
    faceting: { maxValuesPerFacet: 1_000 },
  }
}
