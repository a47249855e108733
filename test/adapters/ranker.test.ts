import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { expandQuery, SynonymTable } from '../../src/core/search/expansion.js'
import { Ranker } from '../../src/core/search/ranking.js'
import { Vocabulary } from '../../src/core/search/vocabulary.js'
import { makeTestApp } from '../helpers/app.js'

/** The in-memory ranker must order matches exactly as FTS5's own bm25() would. */
describe('Ranker agrees with FTS5 bm25()', () => {
  const t = makeTestApp()
  // biome-ignore lint/suspicious/noExplicitAny: the test reaches into the drizzle handle
  const db = () => (t.store as any).db
  let ranker: Ranker
  let vocabulary: Vocabulary

  beforeAll(async () => {
    await t.loadFolder()
    const texts = db().all(
      sql`select rowid as seq, title, tags, description, provider from courses_fts`,
    )
    ranker = new Ranker(
      texts.map((r: Record<string, string>) => ({
        seq: Number(r.seq),
        fields: [r.title, r.tags, r.description, r.provider],
      })),
      [10, 4, 1, 2],
    )
    vocabulary = new Vocabulary(db().all(sql`select term, doc as docs from courses_vocab`))
  })

  it.each([
    'cardiology',
    'medical',
    'safety',
    'patient',
    'assistants',
    'online',
    'sample',
    'coding',
    'blood',
  ])('orders "%s" as FTS5 does', (word) => {
    const fts: { seq: number; score: number }[] = db().all(
      sql`select rowid as seq, bm25(courses_fts, 10.0, 4.0, 1.0, 2.0) as score from courses_fts where courses_fts match ${`"${word}"`}`,
    )
    expect(fts.length).toBeGreaterThan(0)
    const groups = expandQuery(`${word} `, vocabulary, new SynonymTable([]))
    const keys = ranker.score(
      fts.map((r) => r.seq),
      groups,
    )
    // FTS5's bm25() is the negated score: lower is better.
    fts.forEach((row, k) => {
      expect(keys[k]).toBeCloseTo(-row.score, 6)
    })
  })
})
