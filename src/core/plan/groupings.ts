import type { Candidate } from './candidates.js'
import type { Group } from './columns.js'
import { isKept, keptWith } from './kept-sets.js'
import { EPS, type Model } from './model.js'

/*
 * The column reduction's groups over a kept candidate set (kept-sets.ts), kept per shape of rows:
 * what a grouping reads of the rows is which rows there are, their coefficients and whether
 * each is a covering row, not the amounts needed, so transcripts alike in that share it, and
 * only each group's limit is worked out per request (columns.ts, ColumnReducer.groups).
 */

/**
 * The model's groups with this request's limits, as `read` reads them; over a kept set, read
 * once per shape of rows, and only the limits worked out per request.
 */
export function groupsOf(model: Model, read: () => Group[]): Group[] {
  if (!isKept(model.candidates)) return read()
  const byShape = keptWith(groupsKept, model.candidates, () => new Map<string, Group[]>())
  const shape = rowsShape(model.rows)
  let groups = byShape.get(shape)
  if (!groups) {
    groups = read()
    byShape.set(shape, groups)
    if (byShape.size > GROUPINGS_KEPT) byShape.delete(byShape.keys().next().value as string)
  }
  return groups.map((g) => ({ ...g, limit: limitOf(g, model.need) }))
}

/** Per kept candidate array, its groups per shape of rows. */
const groupsKept = new WeakMap<readonly Candidate[], Map<string, Group[]>>()
const GROUPINGS_KEPT = 32

/**
 * What of a model's rows its grouping reads, as a key: each row's coefficients (per worth, or
 * over single courses) and whether it is a covering row; not the amounts needed.
 */
function rowsShape(rows: Model['rows']): string {
  let key = ''
  for (const row of rows) {
    const covering = row.lower > Number.NEGATIVE_INFINITY ? 1 : 0
    key += row.source
      ? `${row.source.credential}:${row.source.of.join(',')}`
      : `s${row.index.join(',')}:${row.value.join(',')}`
    key += `:${covering}|`
  }
  return key
}

/** How many of a group could ever help: what the largest row it counts in could use. */
export function limitOf(
  { index, value }: Pick<Group, 'index' | 'value'>,
  need: readonly number[],
): number {
  let limit = 1
  for (let k = 0; k < index.length; k++) {
    const v = value[k] as number
    const n = need[index[k] as number] as number
    if (v > EPS && n > 0) limit = Math.max(limit, Math.ceil(n / v - EPS))
  }
  return limit
}
