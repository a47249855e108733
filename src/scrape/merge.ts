/**
 * Merging a provider's freshly scraped records into its catalog file, and the diff. Pure.
 *
 * The scraper owns the records it wrote before (confidence `scraped`, or `sample` in a
 * `sample-scrape-*` file); records written by hand (official, secondary, unverified) are kept, unless
 * a scraped record has the same id, which replaces them. A record whose content did not change
 * keeps its old `fetchedAt`, so an unchanged page leaves the file byte-identical.
 */
import type { Course } from '../core/catalog/schemas.js'

export interface Change {
  id: string
  fields: string[]
}

export interface Merge {
  next: Course[]
  added: Course[]
  changed: Change[]
  removed: Course[]
  /** Set when the merge removes too many records and must not be written. */
  refused?: string
}

/** The share of a provider's scraped records a run may remove without `--allow-removals`. */
export const MAX_REMOVED_SHARE = 0.2

export function mergeRecords(
  existing: readonly Course[],
  scraped: readonly Course[],
  options: { owned: (c: Course) => boolean; allowRemovals: boolean },
): Merge {
  const fresh = new Map<string, Course>()
  for (const c of scraped) if (!fresh.has(c.id)) fresh.set(c.id, c)
  const next: Course[] = []
  const changed: Change[] = []
  const removed: Course[] = []
  const seen = new Set<string>()
  for (const old of existing) {
    const update = fresh.get(old.id)
    if (update) {
      seen.add(old.id)
      const fields = changedFields(old, update)
      if (fields.length === 0) next.push(old)
      else {
        next.push(update)
        changed.push({ id: old.id, fields })
      }
    } else if (options.owned(old)) removed.push(old)
    else next.push(old)
  }
  const added = [...fresh.values()].filter((c) => !seen.has(c.id))
  next.push(...added)
  const owned = existing.filter(options.owned).length
  const merge: Merge = { next, added, changed, removed }
  if (!options.allowRemovals && owned > 0 && removed.length / owned > MAX_REMOVED_SHARE) {
    merge.refused = `would remove ${removed.length} of ${owned} scraped records (more than ${MAX_REMOVED_SHARE * 100}%); rerun with --allow-removals if that is right`
  }
  return merge
}

/** Top-level fields that differ, ignoring when the page was fetched. */
export function changedFields(a: Course, b: Course): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof Course)[]
  return keys.filter((k) => {
    if (k === 'source') {
      const { fetchedAt: _a, ...sa } = a.source
      const { fetchedAt: _b, ...sb } = b.source
      return stable(sa) !== stable(sb)
    }
    return stable(a[k]) !== stable(b[k])
  })
}

function stable(value: unknown): string {
  return (
    JSON.stringify(value, (_, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
        : v,
    ) ?? 'undefined'
  )
}
