import { describe, expect, it } from 'vitest'
import { FreshSearchIndex } from '../../src/adapters/fresh-search.js'
import type { SearchIndex } from '../../src/core/ports.js'
import { searchParamsSchema } from '../../src/core/search/query.js'

describe('a search index that notices a catalog replaced under it', () => {
  it('refreshes when the catalog hash moved, checking at most once per interval', async () => {
    let refreshes = 0
    let hashReads = 0
    let hash = 'a'
    let clock = 0
    const inner: SearchIndex = {
      search: async (p) => ({
        total: 0,
        page: p.page,
        perPage: p.perPage,
        hits: [],
        facets: { category: {}, approval: {}, provider: {}, format: {} },
      }),
      refresh: async () => {
        refreshes++
      },
    }
    const fresh = new FreshSearchIndex(
      inner,
      {
        currentHash: async () => {
          hashReads++
          return hash
        },
      },
      5_000,
      () => clock,
    )
    const params = searchParamsSchema.parse({})
    await fresh.search(params)
    expect(refreshes).toBe(1) // first use
    hash = 'b'
    clock = 1_000
    await fresh.search(params)
    expect([refreshes, hashReads]).toEqual([1, 1]) // within the interval: not even asked
    clock = 6_000
    await fresh.search(params)
    expect([refreshes, hashReads]).toEqual([2, 2]) // moved: refreshed
    clock = 12_000
    await fresh.search(params)
    expect([refreshes, hashReads]).toEqual([2, 3]) // unchanged: no refresh
  })
})
