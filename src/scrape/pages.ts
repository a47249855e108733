/**
 * Where the pages come from: saved files (`--from DIR`: every `.html` under DIR, a
 * `manifest.json` optional), or the providers' sites, crawled from each recipe's start pages
 * through the links its `follow` patterns accept, by the polite fetcher.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { load } from 'cheerio'
import { z } from 'zod'
import type { PoliteFetcher } from './fetcher.js'
import { type Recipe, recipeForUrl } from './recipes.js'

/** A page to read, or the reason it could not be had. */
export interface PageJob {
  url: string
  /** The provider it belongs to, when known before reading (manifest, recipe). */
  provider: string | null
  /** Where it was read from, for messages: the URL or the saved file. */
  label: string
  fetchedAt: string
  /** A recipe start page that links to courses: finding none on it is no news. */
  hub: boolean
  /** A saved page's folder name: the provider's last resort, when nothing else names one. */
  folder?: string
  html?: string
  error?: string
}

const manifestSchema = z.object({
  fetchedAt: z.string().optional(),
  /** Saved pages that are sample data: their records are labelled `sample`. */
  sample: z.boolean().optional(),
  pages: z
    .array(z.object({ file: z.string(), url: z.url(), provider: z.string().optional() }).loose())
    .default([]),
})

export interface SavedPages {
  pages: PageJob[]
  sample: boolean
}

/** Every `.html` file under `dir`, with what `manifest.json` says of it, if anything. */
export async function savedPages(dir: string, recipes: readonly Recipe[]): Promise<SavedPages> {
  let manifest: z.infer<typeof manifestSchema> = { pages: [] }
  const manifestText = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => null)
  if (manifestText !== null) {
    const parsed = manifestSchema.safeParse(JSON.parse(manifestText))
    if (!parsed.success) throw new Error(`${join(dir, 'manifest.json')}: ${parsed.error.message}`)
    manifest = parsed.data
  }
  const listed = new Map(manifest.pages.map((p) => [p.file.split('/').join(sep), p]))
  const files = await htmlFiles(dir)
  const pages: PageJob[] = []
  for (const file of files) {
    const rel = relative(dir, file)
    const html = await readFile(file, 'utf8')
    const entry = listed.get(rel)
    const url = entry?.url ?? canonicalUrl(html) ?? savedUrl(rel)
    const provider = entry?.provider ?? recipeForUrl(recipes, url)?.provider ?? null
    const fetchedAt = manifest.fetchedAt ?? (await stat(file)).mtime.toISOString().slice(0, 10)
    const folder = basename(dirname(file))
    pages.push({ url, provider, label: rel, fetchedAt, hub: false, html, folder })
  }
  return { pages, sample: manifest.sample === true }
}

/** A saved page with no address of its own is known by its file name under this origin. */
export const SAVED_ORIGIN = 'https://saved-page.invalid/'
const savedUrl = (rel: string) =>
  new URL(rel.split(sep).map(encodeURIComponent).join('/'), SAVED_ORIGIN).toString()

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && /\.html?$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** `<link rel="canonical">` or `og:url`, when absolute. */
function canonicalUrl(html: string): string | null {
  const $ = load(html)
  const href =
    $('link[rel~="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content')
  if (!href) return null
  try {
    return new URL(href).toString()
  } catch {
    return null
  }
}

/**
 * Fetches each recipe's start pages and the same-site links on them (and on pages reached
 * from them) that match its `follow` patterns, breadth first, up to `maxPages`.
 */
export async function crawl(
  recipes: readonly Recipe[],
  fetcher: PoliteFetcher,
  today: string,
  onPage?: (job: PageJob) => void,
): Promise<PageJob[]> {
  const jobs: PageJob[] = []
  for (const recipe of recipes) {
    const follow = recipe.follow.map((f) => new RegExp(f))
    const queue = recipe.start.map((url) => ({ url, hub: follow.length > 0 }))
    const seen = new Set(queue.map((q) => q.url))
    while (
      queue.length > 0 &&
      jobs.filter((j) => j.provider === recipe.provider).length < recipe.maxPages
    ) {
      const { url, hub } = queue.shift() as { url: string; hub: boolean }
      const got = await fetcher.get(url)
      const job: PageJob = got.ok
        ? { url, provider: recipe.provider, label: url, fetchedAt: today, hub, html: got.body }
        : { url, provider: recipe.provider, label: url, fetchedAt: today, hub, error: got.reason }
      jobs.push(job)
      onPage?.(job)
      if (!job.html) continue
      for (const link of links(job.html, url)) {
        if (seen.has(link) || !follow.some((f) => f.test(link))) continue
        seen.add(link)
        queue.push({ url: link, hub: false })
      }
    }
  }
  return jobs
}

/** Same-origin links of a page, absolute, without fragments. */
function links(html: string, base: string): string[] {
  const origin = new URL(base).origin
  const $ = load(html)
  return $('a[href]')
    .toArray()
    .flatMap((a) => {
      try {
        const u = new URL($(a).attr('href') as string, base)
        u.hash = ''
        return u.origin === origin ? [u.toString()] : []
      } catch {
        return []
      }
    })
}
