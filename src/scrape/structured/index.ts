/**
 * The course records a page's schema.org data states (JSON-LD, microdata, RDFa), whatever the
 * provider: the page's own items of a course or live-event type, and those a list or a page
 * holds (`ItemList`, `mainEntity`). An item nested in a record (an instance, a sub-event) is a
 * part of that record, and an event merely mentioned by something else (an action, an article)
 * is not the page's.
 */
import { extractItems, type Item } from './graph.js'
import { readItem, type StatedCourse } from './record.js'
import { CONTAINER_PROPERTIES, kindOf } from './schema.js'

export type { Party, StatedCourse } from './record.js'

export interface StructuredPage {
  records: StatedCourse[]
  /** How many schema.org items the page carries (0: it has no structured data at all). */
  items: number
  problems: string[]
}

export async function readStructured(html: string, pageUrl: string): Promise<StructuredPage> {
  const { roots, problems } = await extractItems(html, pageUrl)
  const records = recordItems(roots).flatMap((item) => {
    const record = readItem(item, pageUrl)
    return record ? [record] : []
  })
  return { records, items: roots.length, problems }
}

function recordItems(roots: readonly Item[], depth = 0): Item[] {
  if (depth > 3) return []
  return roots.flatMap((item) => {
    if (kindOf(item)) return [item]
    const members = CONTAINER_PROPERTIES.flatMap((p) =>
      (item.props[p] ?? []).filter((v): v is Item => typeof v !== 'string'),
    )
    return recordItems(members, depth + 1)
  })
}
