/**
 * `npm run scrape`: fetch (or read saved) pages, read their records, validate, merge into the
 * catalog folder, print the diff, write atomically. A page that fails (or yields nothing) keeps
 * its previous records and holds back none of its provider's other pages; records of a provider
 * the catalog does not know are reported for review, not written.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SingleBar } from 'cli-progress'
import { readCatalogFolder } from '../adapters/catalog-folder.js'
import { writeAtomically } from '../adapters/catalog-persist.js'
import { type CatalogFile, jsonPath, parseCatalogFiles } from '../core/catalog/document.js'
import { type Course, courseSchema, type Provider } from '../core/catalog/schemas.js'
import { type FetcherOptions, PoliteFetcher } from './fetcher.js'
import { disambiguate } from './ids.js'
import { type Merge, mergeRecords } from './merge.js'
import { slug, stableId } from './normalize.js'
import { crawl, type PageJob, SAVED_ORIGIN, savedPages } from './pages.js'
import { readPage } from './read-page.js'
import { parseRecipes, RECIPES_FILE, type Recipe, type RecipesResult } from './recipes.js'
import { printReport, type Report } from './report.js'
import type { Party } from './structured/index.js'

export interface ScrapeOptions {
  catalogDir: string
  /** Only these providers (all when empty). */
  providers: string[]
  dryRun: boolean
  /** Read saved pages from this folder (every `.html` under it) instead of fetching. */
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

/** Bad usage found by the run (an unknown provider, a bad recipe or manifest): exit 2. */
export class UsageError extends Error {}

/** Runs a scrape; resolves to the process exit code (0 ok, 1 a page failed, 2 bad usage). */
export async function runScrape(o: ScrapeOptions): Promise<number> {
  const files = await readCatalogFolder(o.catalogDir)
  const loaded = parseCatalogFiles(files)
  if (!loaded.ok) {
    for (const i of loaded.issues) o.err(`catalog: ${i.file} ${i.path}: ${i.message}`)
    o.err('the catalog folder does not load; fix it before scraping')
    return 1
  }
  const recipesRead = await readRecipes(o.catalogDir)
  if (!recipesRead.ok) throw new UsageError(recipesRead.errors.join('; '))
  const providers = loaded.catalog.providers
  const recipes = recipesRead.recipes.filter(
    (r) => o.providers.length === 0 || o.providers.includes(r.provider),
  )
  const known = new Set([
    ...providers.map((p) => p.id),
    ...recipesRead.recipes.map((r) => r.provider),
  ])
  const unknown = o.providers.filter((p) => !known.has(p))
  if (unknown.length > 0)
    throw new UsageError(`unknown provider ${unknown.join(', ')}; known: ${[...known].join(', ')}`)

  const fetcher = new PoliteFetcher(o.fetcher)
  const report: Report = {
    pages: 0,
    failures: [],
    warnings: [],
    renamed: [],
    merges: new Map(),
    review: new Map(),
  }
  const { jobs, sample } = await gatherPages(o, recipes, fetcher)
  report.pages = jobs.length

  const read = await readPages(jobs, { o, sample, providers, recipes: recipesRead.recipes, report })
  mergeFound(read, { o, sample, providers, files, report })

  const writes = plannedWrites(files, report.merges)
  const after = [...files.filter((f) => !writes.some((w) => w.name === f.name)), ...writes]
  const checked = parseCatalogFiles(after)
  if (!checked.ok) {
    for (const issue of checked.issues)
      o.err(`catalog check: ${issue.file} ${issue.path}: ${issue.message}`)
    o.err('nothing written: the catalog would not load')
    return 1
  }
  const s = fetcher.stats
  const fetched = o.from
    ? 'read from saved files'
    : `${s.requests} requests, ${s.fromCache} unchanged (304), ${s.retries} retries, ${s.disallowed} disallowed by robots.txt, ${s.unreachable} unreachable`
  printReport(report, o, fetched, writes.length)
  if (!o.dryRun) for (const w of writes) await writeAtomically(join(o.catalogDir, w.name), w.text)
  const refused = [...report.merges.values()].some((m) => m.merge.refused)
  return report.failures.length > 0 || refused ? 1 : 0
}

interface Context {
  o: ScrapeOptions
  sample: boolean
  providers: readonly Provider[]
  report: Report
}

interface PagesRead {
  /** Valid records by provider, in page order. */
  found: Map<string, Course[]>
  /** Pages whose previous records are kept (failed, or yielded nothing). */
  keptUrls: Set<string>
  /** Who the structured data says offers each provider's first record. */
  offeredBy: Map<string, Party | null>
}

/** Reads every page; groups its valid records by provider; notes failures and warnings. */
async function readPages(
  jobs: readonly PageJob[],
  { o, sample, providers, recipes, report }: Context & { recipes: readonly Recipe[] },
): Promise<PagesRead> {
  const out: PagesRead = { found: new Map(), keptUrls: new Set(), offeredBy: new Map() }
  const recipeOf = (p: string) => recipes.find((r) => r.provider === p)
  for (const job of jobs) {
    if (job.error || job.html === undefined) {
      report.failures.push(`${job.label}: ${job.error ?? 'no content'}`)
      out.keptUrls.add(job.url)
      continue
    }
    const page = { url: job.url, html: job.html, fetchedAt: job.fetchedAt }
    let provider = job.provider
    let read = await readPage(
      page,
      provider ?? 'pending',
      provider ? recipeOf(provider) : undefined,
    )
    if (!provider) {
      provider = providerFor(read.offeredBy[0] ?? null, job.url, providers, job.folder)
      read = await readPage(page, provider, recipeOf(provider))
    }
    if (o.providers.length > 0 && !o.providers.includes(provider)) continue
    for (const p of read.problems) report.warnings.push(`${job.label}: ${p}`)
    if (read.records.length === 0) {
      out.keptUrls.add(job.url)
      if (!job.hub)
        report.warnings.push(`${job.label}: no courses found (its previous records are kept)`)
      continue
    }
    const bucket = out.found.get(provider) ?? []
    out.found.set(provider, bucket)
    read.records.forEach((record, i) => {
      const checked = courseSchema.safeParse(savedAddress(sample ? asSample(record) : record))
      if (!checked.success) {
        for (const issue of checked.error.issues)
          report.failures.push(
            `${job.label}: record ${record.id} ${jsonPath(issue.path)}: ${issue.message}`,
          )
        out.keptUrls.add(job.url)
        return
      }
      bucket.push(checked.data)
      if (!out.offeredBy.has(provider)) out.offeredBy.set(provider, read.offeredBy[i] ?? null)
    })
  }
  return out
}

/**
 * Merges each known provider's records into its file (keeping the records of its pages that
 * failed or yielded nothing); reports the providers the catalog does not know for review.
 */
function mergeFound(
  { found, keptUrls, offeredBy }: PagesRead,
  { o, sample, providers, files, report }: Context & { files: readonly CatalogFile[] },
) {
  const isKnown = new Set(providers.map((p) => p.id))
  for (const [provider, records] of found) {
    const { records: unique, renamed } = disambiguate(records)
    report.renamed.push(...renamed)
    if (!isKnown.has(provider)) {
      report.review.set(provider, { records: unique, offeredBy: offeredBy.get(provider) ?? null })
      continue
    }
    const file = `courses/${sample ? 'sample-scrape-' : ''}${provider}.json`
    const current = currentRecords(files, file)
    const owned = (c: Course) => c.source.confidence === (sample ? 'sample' : 'scraped')
    const kept = current.filter(
      (c) =>
        owned(c) &&
        !!c.source.url &&
        keptUrls.has(c.source.url) &&
        !unique.some((u) => u.id === c.id),
    )
    const merge = mergeRecords(current, [...unique, ...kept], {
      owned,
      allowRemovals: o.allowRemovals,
    })
    report.merges.set(provider, { file, merge })
  }
}

async function gatherPages(
  o: ScrapeOptions,
  recipes: readonly Recipe[],
  fetcher: PoliteFetcher,
): Promise<{ jobs: PageJob[]; sample: boolean }> {
  if (o.from) {
    const saved = await savedPages(o.from, recipes)
    return { jobs: saved.pages, sample: saved.sample }
  }
  const bar = o.progress
    ? new SingleBar({ format: 'scraping [{bar}] {value}/{total} {page}', stream: process.stderr })
    : null
  bar?.start(
    recipes.reduce((n, r) => n + r.start.length, 0),
    0,
    { page: '' },
  )
  let done = 0
  const jobs = await crawl(recipes, fetcher, o.today, (job) => {
    done++
    bar?.setTotal(Math.max(bar.getTotal(), done))
    bar?.increment(1, { page: job.url })
  })
  bar?.stop()
  return { jobs, sample: false }
}

/**
 * The catalog provider of a page no manifest or recipe places: a known provider with the name
 * or site its structured data gives, else a new id made from that name, the page's site, or
 * (a saved page with neither) its folder's name.
 */
export function providerFor(
  party: Party | null,
  url: string,
  providers: readonly Provider[],
  folder?: string,
): string {
  const host = (u: string | null | undefined) => {
    try {
      return u ? new URL(u).host.replace(/^www\./, '') : null
    } catch {
      return null
    }
  }
  const name = party?.name.toLowerCase()
  const site = host(party?.url) ?? (url.startsWith(SAVED_ORIGIN) ? null : host(url))
  const match = providers.find(
    (p) => (name && p.name.toLowerCase() === name) || (site && host(p.url) === site),
  )
  if (match) return match.id
  return slug(party?.name ?? site ?? folder ?? '') || 'unknown-provider'
}

function currentRecords(files: readonly CatalogFile[], name: string): Course[] {
  const existing = files.find((f) => f.name === name)
  return existing ? (JSON.parse(existing.text) as Course[]) : []
}

function plannedWrites(
  files: readonly CatalogFile[],
  merges: ReadonlyMap<string, { file: string; merge: Merge }>,
): CatalogFile[] {
  return [...merges.values()]
    .filter(({ merge }) => !merge.refused)
    .map(({ file, merge }) => ({ name: file, text: `${JSON.stringify(merge.next, null, 2)}\n` }))
    .filter((w) => files.find((f) => f.name === w.name)?.text !== w.text)
}

/** A saved page without an address of its own gives its records none. */
function savedAddress(c: Course): Course {
  const { url, ...rest } = c
  const saved = (u: string | null | undefined) => !!u && u.startsWith(SAVED_ORIGIN)
  return {
    ...rest,
    ...(url && !saved(url) && { url }),
    source: { ...c.source, url: saved(c.source.url) ? null : c.source.url },
  }
}

function asSample(c: Course): Course {
  return {
    ...c,
    id: stableId('sample', c.id),
    source: {
      ...c.source,
      confidence: 'sample',
      note: 'parsed from a saved sample page (test fixture), not a live provider page',
    },
  }
}

/** The recipes of a catalog folder; none when it has no recipes file. */
async function readRecipes(catalogDir: string): Promise<RecipesResult> {
  const text = await readFile(join(catalogDir, RECIPES_FILE), 'utf8').catch(() => null)
  return text === null ? { ok: true, recipes: [] } : parseRecipes(text)
}
