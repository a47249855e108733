/**
 * A polite HTTP fetcher: obeys robots.txt, names itself, waits between requests to one host,
 * times out, retries 429 and 5xx with backoff (honouring Retry-After), and revalidates pages it
 * has seen (ETag / Last-Modified) from an on-disk cache.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import robotsParser from 'robots-parser'

export const USER_AGENT =
  'recert-scraper/0.1 (continuing-education catalog for medical assistants; polite: robots.txt, 1 request/s)'

export interface FetcherOptions {
  userAgent?: string
  /** Least time between two requests to one host. Default 1,000 ms (1 request per second). */
  minIntervalMs?: number
  timeoutMs?: number
  /** Retries after the first attempt, for 429, 5xx and network errors. */
  retries?: number
  /** First backoff; doubled on each retry unless the server sends Retry-After. */
  backoffMs?: number
  /** Longest Retry-After honoured; a longer one fails the page. */
  maxRetryAfterMs?: number
  /** Folder for the conditional-GET cache; none when omitted. */
  cacheDir?: string
}

export type FetchOutcome =
  | { ok: true; url: string; body: string; fromCache: boolean; status: number }
  | { ok: false; url: string; reason: string; disallowed?: boolean; unreachable?: boolean }

type Robots =
  | ReturnType<typeof robotsParser>
  | 'all'
  | { unavailable: string; unreachable: boolean }

interface CacheEntry {
  url: string
  etag?: string
  lastModified?: string
  body: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class PoliteFetcher {
  readonly stats = {
    requests: 0,
    fromCache: 0,
    retries: 0,
    disallowed: 0,
    unreachable: 0,
    failed: 0,
  }
  private readonly options: Required<Omit<FetcherOptions, 'cacheDir'>> & { cacheDir?: string }
  private readonly next = new Map<string, number>()
  private readonly robots = new Map<string, Promise<Robots>>()

  constructor(options: FetcherOptions = {}) {
    this.options = {
      userAgent: USER_AGENT,
      minIntervalMs: 1_000,
      timeoutMs: 15_000,
      retries: 3,
      backoffMs: 1_000,
      maxRetryAfterMs: 120_000,
      ...options,
    }
  }

  async get(url: string): Promise<FetchOutcome> {
    const permission = await this.allowed(url)
    if (permission !== true) {
      if (permission.unreachable) this.stats.unreachable++
      else if (permission.disallowed) this.stats.disallowed++
      else this.stats.failed++
      return { ok: false, url, ...permission }
    }
    const cached = await this.readCache(url)
    const headers: Record<string, string> = {}
    if (cached?.etag) headers['if-none-match'] = cached.etag
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified
    const response = await this.request(url, headers)
    if (!('status' in response)) {
      if (!response.unreachable) {
        this.stats.failed++
        return { ok: false, url, reason: response.error }
      }
      this.stats.unreachable++
      return { ok: false, url, reason: `unreachable: ${response.error}`, unreachable: true }
    }
    if (response.status === 304 && cached) {
      this.stats.fromCache++
      return { ok: true, url, body: cached.body, fromCache: true, status: 304 }
    }
    if (response.status < 200 || response.status >= 300) {
      this.stats.failed++
      return { ok: false, url, reason: `HTTP ${response.status}` }
    }
    const body = await response.text()
    await this.writeCache({
      url,
      body,
      ...(response.headers.get('etag') && { etag: response.headers.get('etag') as string }),
      ...(response.headers.get('last-modified') && {
        lastModified: response.headers.get('last-modified') as string,
      }),
    })
    return { ok: true, url, body, fromCache: false, status: response.status }
  }

  /** One request with the rate limit, timeout and retries; an error when all attempts fail. */
  private async request(
    url: string,
    headers: Record<string, string>,
  ): Promise<Response | { error: string; unreachable: boolean }> {
    let delay = this.options.backoffMs
    let last = ''
    let network = false
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) this.stats.retries++
      await this.turn(new URL(url).host)
      this.stats.requests++
      try {
        const response = await fetch(url, {
          headers: { 'user-agent': this.options.userAgent, ...headers },
          redirect: 'follow',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        })
        if (response.status !== 429 && response.status < 500) return response
        last = `HTTP ${response.status}`
        network = false
        const wait = retryAfter(response.headers.get('retry-after'))
        await response.body?.cancel()
        if (wait !== null && wait > this.options.maxRetryAfterMs)
          return {
            error: `${last}; Retry-After ${Math.round(wait / 1000)} s is too long`,
            unreachable: false,
          }
        if (attempt < this.options.retries) await sleep(wait ?? delay)
      } catch (error) {
        last = describe(error)
        network = true
        if (attempt < this.options.retries) await sleep(delay)
      }
      delay *= 2
    }
    return { error: `${last} after ${this.options.retries + 1} attempts`, unreachable: network }
  }

  /** Waits until this host may be asked again. */
  private async turn(host: string) {
    const now = Date.now()
    const at = Math.max(now, this.next.get(host) ?? 0)
    this.next.set(host, at + this.options.minIntervalMs)
    if (at > now) await sleep(at - now)
  }

  /**
   * robots.txt: missing (4xx) allows everything; a server error (5xx) forbids everything for
   * now, as crawlers agree; an unreachable site is reported as unreachable.
   */
  private async allowed(
    url: string,
  ): Promise<true | { reason: string; disallowed?: boolean; unreachable?: boolean }> {
    const origin = new URL(url).origin
    let rules = this.robots.get(origin)
    if (!rules) {
      rules = (async (): Promise<Robots> => {
        const robotsUrl = `${origin}/robots.txt`
        const response = await this.request(robotsUrl, {})
        if (!('status' in response))
          return response.unreachable
            ? { unavailable: response.error, unreachable: true }
            : { unavailable: `robots.txt answered ${response.error}`, unreachable: false }
        if (response.status >= 400 && response.status < 500) return 'all'
        if (response.status >= 500)
          return { unavailable: `robots.txt answered HTTP ${response.status}`, unreachable: false }
        return robotsParser(robotsUrl, await response.text())
      })()
      this.robots.set(origin, rules)
    }
    const parsed = await rules
    if (parsed === 'all') return true
    if ('unavailable' in parsed)
      return parsed.unreachable
        ? { reason: `unreachable: ${parsed.unavailable}`, unreachable: true }
        : { reason: `${parsed.unavailable}; not fetching until it answers` }
    if (parsed.isAllowed(url, this.options.userAgent) === false)
      return { reason: 'disallowed by robots.txt', disallowed: true }
    return true
  }

  private cachePath(url: string): string | null {
    if (!this.options.cacheDir) return null
    return join(this.options.cacheDir, `${createHash('sha256').update(url).digest('hex')}.json`)
  }

  private async readCache(url: string): Promise<CacheEntry | null> {
    const path = this.cachePath(url)
    if (!path) return null
    try {
      const entry = JSON.parse(await readFile(path, 'utf8')) as CacheEntry
      return entry.url === url ? entry : null
    } catch {
      return null
    }
  }

  private async writeCache(entry: CacheEntry) {
    const path = this.cachePath(entry.url)
    if (!path || (!entry.etag && !entry.lastModified)) return
    await mkdir(this.options.cacheDir as string, { recursive: true })
    const temp = `${path}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(entry))
    await rename(temp, path)
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value) * 1_000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** A network error with its cause (fetch says only "fetch failed"; the cause says why). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? (error.cause as Error & { code?: string }) : null
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message
}
