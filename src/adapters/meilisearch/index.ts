import type { Meilisearch } from 'meilisearch'
import type { SearchIndex } from '../../core/ports.js'
import { highlight } from '../../core/search/highlight.js'
import type { SearchHit, SearchParams, SearchResult } from '../../core/search/query.js'
import type { CatalogStore } from '../db/catalog-store.js'
import { type MeiliResult, multiSearchOf, readMultiSearch } from './query.js'

/**
 * Search on Meilisearch (chosen by `MEILISEARCH_URL`), behind the same port and with the same
 * answers' shape as the SQLite index: Meilisearch matches, ranks, filters and counts; the courses
 * themselves come from the catalog store. `npm run search:sync` fills the index.
 */
export class MeilisearchIndex implements SearchIndex {
  /** Provider ids for the provider facet: every one, and those with a course that is not sample. */
  private providers: { all: string[]; real: string[] } | null = null

  constructor(
    private readonly client: Pick<Meilisearch, 'multiSearch'>,
    private readonly store: Pick<CatalogStore, 'courses' | 'facts'>,
    private readonly indexUid = 'courses',
  ) {}

  async refresh(): Promise<void> {
    const facts = await this.store.facts()
    const ids = (list: typeof facts) => [...new Set(list.map((f) => f.provider))].sort()
    this.providers = { all: ids(facts), real: ids(facts.filter((f) => !f.sample)) }
  }

  async search(params: SearchParams): Promise<Omit<SearchResult, 'took'>> {
    if (!this.providers) await this.refresh()
    const request = multiSearchOf(params, this.indexUid)
    const response = (await this.client.multiSearch(request as never)) as unknown as {
      results: MeiliResult[]
    }
    const providers = this.providers?.[params.sample === 'exclude' ? 'real' : 'all'] ?? []
    const read = readMultiSearch(response.results, params, providers)
    const courses = await this.store.courses(read.ids)
    const hits: SearchHit[] = courses.map((course) => {
      const marked = read.highlights.get(course.id)
      return {
        ...course,
        highlight: {
          title: marked?.title ?? highlight(course.title, []),
          ...(course.description !== undefined && {
            description: marked?.description ?? highlight(course.description, [], 30),
          }),
        },
      }
    })
    return {
      total: read.total,
      page: params.page,
      perPage: params.perPage,
      hits,
      facets: read.facets,
    }
  }
}
