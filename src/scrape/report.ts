/** What a scrape prints: the diff per provider, new providers for review, problems, a summary. */
import type { Course } from '../core/catalog/schemas.js'
import type { Merge } from './merge.js'
import type { Party } from './structured/index.js'

export interface Report {
  pages: number
  /** Pages that could not be fetched or read (each keeps its previous records). */
  failures: string[]
  /** Pages with no courses, structured data that could not be read. */
  warnings: string[]
  /** Records given another id because theirs was taken. */
  renamed: string[]
  merges: Map<string, { file: string; merge: Merge }>
  /** Records of providers the catalog does not know: not written. */
  review: Map<string, { records: Course[]; offeredBy: Party | null }>
}

export function printReport(
  r: Report,
  o: { out: (line: string) => void; err: (line: string) => void; dryRun: boolean },
  /** How the pages were had: fetched (with the fetcher's counts) or read from saved files. */
  fetched: string,
  files: number,
) {
  let added = 0
  let changed = 0
  let removed = 0
  for (const [provider, { file, merge }] of r.merges) {
    o.out(`${provider} (${file})${merge.refused ? ' [refused]' : ''}`)
    for (const c of merge.added) o.out(`  + ${c.id}  ${c.title}`)
    for (const c of merge.changed) o.out(`  ~ ${c.id}  (${c.fields.join(', ')})`)
    for (const c of merge.removed) o.out(`  - ${c.id}  ${c.title}`)
    if (merge.added.length + merge.changed.length + merge.removed.length === 0)
      o.out('  (no change)')
    if (merge.refused) {
      o.err(`REFUSED ${provider}: ${merge.refused}`)
      continue
    }
    added += merge.added.length
    changed += merge.changed.length
    removed += merge.removed.length
  }
  for (const [provider, { records, offeredBy }] of r.review) {
    const entry = { id: provider, name: offeredBy?.name ?? provider, url: offeredBy?.url ?? null }
    o.out(
      `review: new provider ${provider} (${offeredBy?.name ?? 'no name given'}) is not in providers.json; its ${records.length} record(s) are not written`,
    )
    for (const c of records) o.out(`  + ${c.id}  ${c.title}`)
    o.out(`  to add it, put this in providers.json: ${JSON.stringify(entry)}`)
  }
  for (const line of r.renamed) o.out(`renamed ${line}`)
  for (const line of r.warnings) o.err(`warning: ${line}`)
  for (const line of r.failures) o.err(`FAILED ${line}; previous records kept`)
  o.out(
    `${r.pages} pages (${fetched}); ${r.merges.size} providers merged, ${r.review.size} new for review, ` +
      `${r.failures.length} failed, ${r.warnings.length} warnings; ` +
      `${added} added, ${changed} changed, ${removed} removed; ` +
      (o.dryRun ? 'dry run: nothing written' : `${files} file(s) written`),
  )
}
