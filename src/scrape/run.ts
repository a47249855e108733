/**
 * `npm run scrape`: fetch (or read saved) provider pages, parse, validate, merge into the
 * catalog folder, print the diff, write atomically. A provider that fails keeps its records.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SingleBar } from 'cli-progress'
import { readCatalogFolder } from '../adapters/catalog-folder.js'
import { writeAtomically } from '../adapters/catalog-persist.js'
import { jsonPath, parseCatalogFiles } from '../core/catalog/document.js'
import { type Course, courseSchema } from '../core/catalog/schemas.js'
import { type FetcherOptions, PoliteFetcher } from './fetcher.js'
import { type Merge, mergeRecords } from './merge.js'
import { parsePage, SOURCES, sourceOf } from './providers.js'

export interface ScrapeOptions {
  catalogDir: string
  /** Only these providers (all when empty). */
  providers: string[]
  dryRun: boolean
  /** Read saved pages from this folder (its `manifest.json` lists them) instead of fetching. */
  from?: string
  allowRemovals: boolean
  fetcher?: FetcherOptions
  /** `YYYY-MM-DD`, stamped as `fetchedAt` on fetched pages. */
  today: string
  out: (line: string) => void
  err: (line: string) => void
  /** Draw a progress bar on stderr (when it is a terminal). */
  progress?: boolean
}

interface PageRef {
  provider: string
  kind: string
  url: string
  file?: string
}

interface Manifest {
  fetchedAt: string
  /** Saved pages that are sample data: their records are labelled `sample`. */
  sample?: boolean
  pages: PageRef[]
}

/** Runs a scrape; resolves to the process exit code (0 ok, 1 a provider failed, 2 bad usage). */
export async function runScrape(o: ScrapeOptions): Promise<number> {
  const manifest: Manifest = o.from
    ? JSON.parse(await readFile(join(o.from, 'manifest.json'), 'utf8'))
    : {
        fetchedAt: o.today,
        pages: SOURCES.flatMap((s) => s.pages.map((p) => ({ ...p, provider: s.provider }))),
      }
  const unknown = o.providers.filter((p) => !sourceOf(p))
  if (unknown.length > 0) {
    o.err(
      `unknown provider ${unknown.join(', ')}; known: ${SOURCES.map((s) => s.provider).join(', ')}`,
    )
    return 2
  }
  const pages = manifest.pages.filter(
    (p) => o.providers.length === 0 || o.providers.includes(p.provider),
  )
  const sample = manifest.sample === true
  const fetcher = new PoliteFetcher(o.fetcher)
  const records = new Map<string, Course[]>()
  const failures = new Map<string, string[]>()
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key)
    if (list) list.push(value)
    else map.set(key, [value])
  }
  const fail = (provider: string, reason: string) => add(failures, provider, reason)

  const bar = o.progress
    ? new SingleBar({ format: 'scraping [{bar}] {value}/{total} {page}', stream: process.stderr })
    : null
  bar?.start(pages.length, 0, { page: '' })
  for (const ref of pages) {
    bar?.increment(0, { page: ref.url })
    const source = sourceOf(ref.provider)
    if (!source) {
      fail(ref.provider, `${ref.url}: no parser for provider ${ref.provider}`)
      continue
    }
    let html: string
    if (ref.file && o.from) html = await readFile(join(o.from, ref.file), 'utf8')
    else {
      const got = await fetcher.get(ref.url)
      if (!got.ok) {
        fail(ref.provider, `${ref.url}: ${got.reason}`)
        bar?.increment()
        continue
      }
      html = got.body
    }
    try {
      const found = parsePage(
        source,
        { url: ref.url, html, fetchedAt: manifest.fetchedAt },
        ref.kind,
      )
      if (found.length === 0)
        fail(ref.provider, `${ref.url}: no records found (has the page's markup changed?)`)
      for (const c of found) {
        const checked = courseSchema.safeParse(sample ? asSample(c) : c)
        if (checked.success) add(records, ref.provider, checked.data)
        else
          for (const issue of checked.error.issues)
            fail(
              ref.provider,
              `${ref.url}: record ${c.id} ${jsonPath(issue.path)}: ${issue.message}`,
            )
      }
    } catch (error) {
      fail(
        ref.provider,
        `${ref.url}: parser failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    bar?.increment()
  }
  bar?.stop()

  // Merge each provider that succeeded into its file.
  const files = await readCatalogFolder(o.catalogDir)
  const merges = new Map<string, { file: string; merge: Merge }>()
  for (const [provider, found] of records) {
    if (failures.has(provider)) continue
    const file = `courses/${sample ? 'sample-scrape-' : ''}${provider}.json`
    const existing = files.find((f) => f.name === file)
    const current: Course[] = existing ? JSON.parse(existing.text) : []
    const merge = mergeRecords(current, found, {
      owned: (c) => c.source.confidence === (sample ? 'sample' : 'scraped'),
      allowRemovals: o.allowRemovals,
    })
    if (merge.refused) fail(provider, merge.refused)
    merges.set(provider, { file, merge })
  }

  // The catalog as it would be, checked whole before anything is written.
  const writes = [...merges.entries()]
    .filter(([provider]) => !failures.has(provider))
    .map(([, { file, merge }]) => ({
      name: file,
      text: `${JSON.stringify(merge.next, null, 2)}\n`,
    }))
    .filter((w) => files.find((f) => f.name === w.name)?.text !== w.text)
  const after = [...files.filter((f) => !writes.some((w) => w.name === f.name)), ...writes]
  const checked = parseCatalogFiles(after)
  if (!checked.ok) {
    for (const issue of checked.issues)
      o.err(`catalog check: ${issue.file} ${issue.path}: ${issue.message}`)
    o.err('nothing written: the catalog would not load')
    return 1
  }

  // The diff.
  let added = 0
  let changed = 0
  let removed = 0
  for (const [provider, { file, merge }] of merges) {
    const refused = failures.has(provider)
    o.out(`${provider} (${file})${refused ? ' [refused]' : ''}`)
    for (const c of merge.added) o.out(`  + ${c.id}  ${c.title}`)
    for (const c of merge.changed) o.out(`  ~ ${c.id}  (${c.fields.join(', ')})`)
    for (const c of merge.removed) o.out(`  - ${c.id}  ${c.title}`)
    if (merge.added.length + merge.changed.length + merge.removed.length === 0)
      o.out('  (no change)')
    if (refused) continue
    added += merge.added.length
    changed += merge.changed.length
    removed += merge.removed.length
  }
  for (const [provider, reasons] of failures) {
    o.err(`FAILED ${provider}: keeps its previous records`)
    for (const r of reasons) o.err(`  ${r}`)
  }

  if (!o.dryRun) for (const w of writes) await writeAtomically(join(o.catalogDir, w.name), w.text)
  const s = fetcher.stats
  o.out(
    `${pages.length} pages (${o.from ? 'read from saved files' : `${s.requests} requests, ${s.fromCache} unchanged (304), ${s.retries} retries, ${s.disallowed} disallowed by robots.txt`}); ` +
      `${merges.size - [...merges.keys()].filter((p) => failures.has(p)).length} providers merged, ${failures.size} failed; ` +
      `${added} added, ${changed} changed, ${removed} removed; ` +
      (o.dryRun ? 'dry run: nothing written' : `${writes.length} file(s) written`),
  )
  return failures.size > 0 ? 1 : 0
}

function asSample(c: Course): Course {
  return {
    ...c,
    id: `sample-${c.id}`,
    source: {
      ...c.source,
      confidence: 'sample',
      note: 'parsed from a saved sample page (test fixture), not a live provider page',
    },
  }
}
