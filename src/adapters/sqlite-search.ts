import { sql } from 'drizzle-orm'
import { highlight } from '../core/highlight.js'
import type { SearchIndex } from '../core/ports.js'
import {
  expandQuery,
  type QueryGroup,
  SynonymTable,
  toFts5Match,
  typedOnly,
} from '../core/query-expansion.js'
import { SearchColumns } from '../core/search-columns.js'
import type { SearchHit, SearchParams, SearchResult } from '../core/search-query.js'
import { Vocabulary } from '../core/vocabulary.js'
import type { CatalogStore, Db } from './db/catalog-store.js'

/** bm25 weights of the FTS5 columns: title, tags, description, provider. */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0, 2.0')

interface State {
  columns: SearchColumns
  vocabulary: Vocabulary
  synonyms: SynonymTable
}

/**
 * Search on SQLite FTS5 (better-sqlite3 or D1). FTS5 finds and ranks (bm25 with field weights,
 * prefix indexes); the query is expanded first with synonyms and typo corrections from the
 * index's own vocabulary; filters, disjunctive facets, sorts and pages run in memory over
 * {@link SearchColumns}. The ranked match list of a text query is cached (a small LRU keyed by
 * the MATCH expression), so refining a search by facets, sorts or pages does not query again.
 */
export class SqliteSearchIndex implements SearchIndex {
  private state: State | null = null
  private readonly cache = new Map<string, Int32Array>()
  private readonly cacheSize: number

  constructor(
    private readonly db: Db,
    private readonly store: CatalogStore,
    /** `cacheSize`: ranked match lists kept (LRU); 0 turns the cache off. */
    options: { cacheSize?: number } = {},
  ) {
    this.cacheSize = options.cacheSize ?? 64
  }

  async refresh(): Promise<void> {
    const [facts, terms, synonyms] = await Promise.all([
      this.store.facts(),
      this.db.all<{ term: string; doc: number }>(sql`select term, doc from courses_vocab`),
      this.store.synonyms(),
    ])
    this.cache.clear()
    this.state = {
      columns: new SearchColumns(facts),
      vocabulary: new Vocabulary(terms.map((t) => ({ term: t.term, docs: t.doc }))),
      synonyms: new SynonymTable(synonyms),
    }
  }

  async search(params: SearchParams): Promise<Omit<SearchResult, 'took'>> {
    if (!this.state) await this.refresh()
    const { columns, vocabulary, synonyms } = this.state as State
    const groups = params.q ? expandQuery(params.q, vocabulary, synonyms) : []
    const candidates = groups.length > 0 ? await this.ranked(groups) : null
    const found = columns.run(candidates, params)
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

  /**
   * Every matching course's `seq`, best first: those matching the words as typed (ranked by
   * them alone), then those found only through synonyms or typo corrections.
   */
  private async ranked(groups: QueryGroup[]): Promise<Int32Array> {
    const match = toFts5Match(groups)
    const cached = this.cache.get(match)
    if (cached) {
      this.cache.delete(match)
      this.cache.set(match, cached)
      return cached
    }
    let ids = await this.matches(match)
    const typed = typedOnly(groups)
    if (typed && ids.length > 1) {
      // Exact matches first, ranked by the typed words alone; then the rest.
      const first = await this.matches(toFts5Match(typed))
      const inFirst = new Set(first)
      ids = Int32Array.from([...first, ...ids.filter((id) => !inFirst.has(id))])
    }
    if (this.cacheSize === 0) return ids
    this.cache.set(match, ids)
    if (this.cache.size > this.cacheSize)
      this.cache.delete(this.cache.keys().next().value as string)
    return ids
  }

  /** The `seq` of every course matching the expression, best bm25 first. */
  private async matches(match: string): Promise<Int32Array> {
    // One row holding a JSON array is far cheaper to move out of SQLite (and out of D1) than
    // one row per match.
    const [row] = await this.db.all<{ ids: string }>(
      sql`select json_group_array(rowid) as ids from (
            select rowid from courses_fts where courses_fts match ${match}
            order by bm25(courses_fts, ${WEIGHTS}), rowid)`,
    )
    return Int32Array.from(JSON.parse(row?.ids ?? '[]') as number[])
  }
}
