import type { SearchIndex } from '../core/ports.js'
import type { SearchParams, SearchResult } from '../core/search/query.js'

/**
 * A search index that notices when the catalog changed under it (another process or a
 * `catalog:d1` run replaced it): before a search it compares the catalog's hash, at most once
 * per `intervalMs`, and refreshes the index when the hash moved. The Node server refreshes
 * explicitly after loading; Workers isolates use this.
 */
export class FreshSearchIndex implements SearchIndex {
  private hash: string | null | undefined = undefined
  private checkedAt = 0

  constructor(
    private readonly inner: SearchIndex,
    private readonly catalog: { currentHash(): Promise<string | null> },
    private readonly intervalMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async search(params: SearchParams): Promise<Omit<SearchResult, 'took'>> {
    await this.check()
    return this.inner.search(params)
  }

  async refresh(): Promise<void> {
    this.hash = await this.catalog.currentHash()
    this.checkedAt = this.now()
    await this.inner.refresh()
  }

  private async check() {
    if (this.hash !== undefined && this.now() - this.checkedAt < this.intervalMs) return
    const hash = await this.catalog.currentHash()
    this.checkedAt = this.now()
    if (hash !== this.hash) {
      await this.inner.refresh()
      this.hash = hash
    }
  }
}
