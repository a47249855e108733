/**
 * Colliding ids within one provider's records. The same record read twice (a listing and its
 * course page) is kept once; different records that came out with the same id (two courses with
 * one title and no course code) are told apart by their URL, then by a number, and each rename
 * is reported. Nothing is dropped silently.
 */
import type { Course } from '../core/catalog/schemas.js'
import { changedFields } from './merge.js'
import { stableId } from './normalize.js'

export interface Disambiguated {
  records: Course[]
  /** One line per renamed record. */
  renamed: string[]
}

export function disambiguate(records: readonly Course[]): Disambiguated {
  const byId = new Map<string, Course[]>()
  for (const r of records) byId.set(r.id, [...(byId.get(r.id) ?? []), r])
  const taken = new Set(byId.keys())
  const out: Course[] = []
  const renamed: string[] = []
  for (const [id, group] of byId) {
    const distinct: Course[] = []
    for (const r of group)
      if (!distinct.some((d) => changedFields(d, r).length === 0 && d.url === r.url))
        distinct.push(r)
    out.push(distinct[0] as Course)
    for (const r of distinct.slice(1)) {
      const next = freeId(r, taken)
      taken.add(next)
      out.push({ ...r, id: next })
      renamed.push(
        `${id}: another record has this id; ${r.url ?? r.source.url ?? r.title} is now ${next}`,
      )
    }
  }
  return { records: out, renamed }
}

function freeId(r: Course, taken: ReadonlySet<string>): string {
  const byUrl = r.url ? clip(stableId(r.id, urlKey(r.url))) : null
  if (byUrl && byUrl !== r.id && !taken.has(byUrl)) return byUrl
  for (let n = 2; ; n++) if (!taken.has(`${r.id}-${n}`)) return `${r.id}-${n}`
}

/** The distinctive end of a URL: its last path segment and query. */
function urlKey(url: string): string {
  try {
    const u = new URL(url)
    const last = u.pathname.split('/').filter(Boolean).pop() ?? ''
    return `${last} ${u.search.slice(1)}`.trim() || u.host
  } catch {
    return url
  }
}

/** Ids are at most 120 characters. */
const clip = (id: string) => id.slice(0, 120).replace(/-+$/, '')
