/**
 * `npm run catalog:import -- FILE.csv` and `npm run catalog:export`: the catalog folder and CSV,
 * with the same checks, wipe guards and atomic write as the admin API and the scraper.
 */
import { readFile } from 'node:fs/promises'
import { parseCatalogDocument } from '../core/catalog/document.js'
import { compareCatalogs, wipeRefusals } from '../core/catalog/guard.js'
import { coursesToCsv, mergeCoursesCsv } from './catalog-csv.js'
import { readCatalog, readCatalogFolder } from './catalog-folder.js'
import { layoutCatalog, writeCatalogFolder } from './catalog-persist.js'

export interface CsvImportOptions {
  catalogDir: string
  file: string
  provider?: string
  dryRun: boolean
  force: boolean
  out: (line: string) => void
  err: (line: string) => void
}

/** Resolves to the exit code: 0 imported (or nothing to do), 1 refused or invalid. */
export async function runCsvImport(o: CsvImportOptions): Promise<number> {
  const { result } = await readCatalog(o.catalogDir)
  if (!result.ok) {
    for (const i of result.issues) o.err(`catalog: ${i.file} ${i.path}: ${i.message}`)
    o.err('nothing written: the catalog folder does not load as it is')
    return 1
  }
  const merged = mergeCoursesCsv(result.catalog, await readFile(o.file, 'utf8'), {
    ...(o.provider && { provider: o.provider }),
  })
  if (!merged.ok) {
    for (const e of merged.errors)
      o.err(`${o.file}: row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`)
    o.err(`nothing written: ${merged.errors.length} error(s)`)
    return 1
  }
  // Provider references and unique ids, as for any catalog.
  const checked = parseCatalogDocument(merged.catalog)
  if (!checked.ok) {
    for (const i of checked.issues) o.err(`catalog check: ${i.path}: ${i.message}`)
    o.err('nothing written: the catalog would not load')
    return 1
  }
  const byId = new Map(merged.catalog.courses.map((c) => [c.id, c]))
  const before = new Map(result.catalog.courses.map((c) => [c.id, c]))
  for (const id of merged.added) o.out(`  + ${id}  ${byId.get(id)?.title}`)
  for (const id of merged.changed) o.out(`  ~ ${id}  ${byId.get(id)?.title}`)
  for (const id of merged.removed) o.out(`  - ${id}  ${before.get(id)?.title}`)
  const reasons = wipeRefusals(compareCatalogs(result.catalog, merged.catalog))
  const summary = `${merged.added.length} added, ${merged.changed.length} changed, ${merged.removed.length} removed`
  if (reasons.length > 0 && !o.force) {
    o.err(`refused: ${reasons.join('; ')}. Nothing written; add --force to insist.`)
    return 1
  }
  if (o.dryRun) {
    o.out(`${summary}; dry run: nothing written`)
    return 0
  }
  const files = await writeCatalogFolder(
    o.catalogDir,
    layoutCatalog(await readCatalogFolder(o.catalogDir), merged.catalog),
  )
  o.out(`${summary}; ${files.length} file(s) written${files.length ? `: ${files.join(', ')}` : ''}`)
  return 0
}

/** The catalog folder's courses as CSV (all, or one provider's). */
export async function exportCsv(catalogDir: string, provider?: string): Promise<string> {
  const { result } = await readCatalog(catalogDir)
  if (!result.ok) throw new Error(`the catalog folder does not load: ${result.issues[0]?.message}`)
  const { courses, providers } = result.catalog
  if (provider !== undefined && !providers.some((p) => p.id === provider))
    throw new UnknownProvider(
      provider,
      providers.map((p) => p.id),
    )
  return coursesToCsv(courses.filter((c) => !provider || c.provider === provider))
}

/** A provider the catalog does not list (a typo exports nothing, which would look like none). */
export class UnknownProvider extends Error {
  constructor(provider: string, known: readonly string[]) {
    super(`no provider "${provider}" in the catalog (it has ${known.join(', ')})`)
    this.name = 'UnknownProvider'
  }
}
