import { sql } from 'drizzle-orm'
import type { SearchIndex } from '../core/ports.js'
import { SearchColumns } from '../core/search/columns.js'
import {
  expandQuery,
  type QueryGroup,
  SynonymTable,
  toFts5Match,
} from '../core/search/expansion.js'
import { highlight } from '../core/search/highlight.js'
import type { SearchHit, SearchParams, SearchResult } from '../core/search/query.js'
import { Ranker } from '../core/search/ranking.js'
import { Vocabulary } from '../core/search/vocabulary.js'
import type { CatalogStore, Db } from './db/catalog-store.js'

/** Weights of the full-text columns: title, tags, description, provider. */
const WEIGHTS = [10, 4, 1, 2]

interface State {
  columns: SearchColumns
  vocabulary: Vocabulary
  synonyms: SynonymTable
  ranker: Ranker
}

interface Ranked {
  seqs: Int32Array
  keys: Float64Array
}

/**
 * Search on SQLite FTS5 (better-sqlite3 or D1).
 *
 * - FTS5 finds the matching courses: its inverted index with prefix indexes answers the
 *   expanded query (synonyms, typo corrections from its own vocabulary, last word as prefix).
 * - {@link Ranker} orders them by FTS5's bm25 formula with field weights, from a forward index in
 *   memory: evaluating `bm25()` inside SQLite costs a microsecond per match, too slow when a
 *   common word matches a third of 100k courses.
 * - {@link SearchColumns} filters, counts disjunctive facets, sorts and pages in one pass.
 *
 * The scored match set of a text query is cached (a small LRU keyed by the MATCH expression), so
 * refining a search by facets, sorts or pages does not query the index again.
 */
export class SqliteSearchIndex implements SearchIndex {
  private state: State | null = null
  /** The hash of the catalog a `prepare` from another connection built the index for. */
  private preparedFor: string | null = null
  private readonly cache = new Map<string, Ranked>()
  private readonly cacheSize: number

  constructor(
    private readonly db: Db,
    private readonly store: CatalogStore,
    /** `cacheSize`: scored match sets kept (LRU); 0 turns the cache off. */
    options: { cacheSize?: number } = {},
  ) {
    this.cacheSize = options.cacheSize ?? 64
  }

  async refresh(): Promise<void> {
    // Already built, from the catalog now loaded, by `prepare` (see ThreadedCatalogStore).
    if (this.preparedFor !== null && this.preparedFor === (await this.store.currentHash())) {
      this.preparedFor = null
      return
    }
    ;(await this.prepare(this.db, this.store))()
  }

  /**
   * Builds the index of the catalog that `db` and `store` read, and answers the function that
   * puts it in place. `pause` runs between the steps (reading the rows, building the columns,
   * the vocabulary, the ranker), so that requests are answered meanwhile; the index in place
   * keeps answering until the swap.
   *
   * ```ts
   * const swap = await search.prepare(fresh.db, freshStore, () => new Promise(setImmediate))
   * swap() // in the same turn as the main connection moves to the new catalog
   * ```
   */
  async prepare(
    db: Db,
    store: CatalogStore,
    pause: () => Promise<void> = async () => {},
  ): Promise<() => void> {
    const hash = await store.currentHash()
    const facts = await store.facts()
    await pause()
    const terms = await db.all<{ term: string; doc: number }>(
      sql`select term, doc from courses_vocab`,
    )
    const synonyms = await store.synonyms()
    await pause()
    const texts = await db.all<{
      seq: number
      title: string
      tags: string
      description: string
      provider: string
    }>(sql`select rowid as seq, title, tags, description, provider from courses_fts`)
    await pause()
    const columns = new SearchColumns(facts)
    await pause()
    const vocabulary = new Vocabulary(terms.map((t) => ({ term: t.term, docs: t.doc })))
    await pause()
    const ranker = new Ranker(
      texts.map((t) => ({ seq: t.seq, fields: [t.title, t.tags, t.description, t.provider] })),
      WEIGHTS,
    )
    const state = { columns, vocabulary, synonyms: new SynonymTable(synonyms), ranker }
    return () => {
      this.cache.clear()
      this.state = state
      this.preparedFor = db === this.db ? null : hash
    }
  }

  async search(params: SearchParams): Promise<Omit<SearchResult, 'took'>> {
    if (!this.state) await this.refresh()
    const { columns, vocabulary, synonyms } = this.state as State
    const groups = params.q ? expandQuery(params.q, vocabulary, synonyms) : []
    const ranked = groups.length > 0 ? await this.ranked(groups) : null
    const found = columns.run(ranked?.seqs ?? null, params, ranked?.keys ?? null)
    const courses = await this.store.courses(found.ids)
    const hits: SearchHit[] = courses.map((course) => ({
      ...course,
      highlight: {
        title: highlight(course.title, groups),
        ...(course.description !== undefined && {
          description: highlight(course.description, groups, 30),
        }),
      },
    }))
    return {
      total: found.total,
      page: params.page,
      perPage: params.perPage,
      hits,
      facets: found.facets,
    }
  }

  private async ranked(groups: QueryGroup[]): Promise<Ranked> {
    const match = toFts5Match(groups)
    const cached = this.cache.get(match)
    if (cached) {
      this.cache.delete(match)
      this.cache.set(match, cached)
      return cached
    }
    // One row holding a JSON array is far cheaper to move out of SQLite (and out of D1) than
    // one row per match.
    const [row] = await this.db.all<{ ids: string }>(
      sql`select json_group_array(rowid) as ids from courses_fts where courses_fts match ${match}`,
    )
    const seqs = Int32Array.from(JSON.parse(row?.ids ?? '[]') as number[])
    const ranked = { seqs, keys: (this.state as State).ranker.score(seqs, groups) }
    if (this.cacheSize > 0) {
      this.cache.set(match, ranked)
      if (this.cache.size > this.cacheSize)
        this.cache.delete(this.cache.keys().next().value as string)
    }
    return ranked
  }
}
