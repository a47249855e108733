/**
 * `npm run bench -- search [--sizes 10000,100000] [--queries 1000] [--orama-queries-large 200]`
 *
 * Times the same query log, in-process and in the same run, on:
 *  - recert: the SQLite FTS5 search adapter (the production code path, page records included),
 *    with its match cache off (every query cold) and on (the default);
 *  - Orama (@orama/orama), the in-memory JS search engine;
 *  - a naive in-memory scan.
 * Every engine computes disjunctive facets (Orama and the scan with one extra pass per active
 * faceted filter, as their APIs require). Results go to bench/results/search.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { create, insertMultiple, search as oramaSearch } from '@orama/orama'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { CATEGORIES, type Course, totalCredits } from '../../src/core/catalog/schemas.js'
import type { SearchParams } from '../../src/core/search/query.js'
import { tokenize } from '../../src/core/search/text.js'
import { option } from './args.js'
import { syntheticCatalog, syntheticQueries } from './synthetic.js'

type Engine = (params: SearchParams) => Promise<unknown> | unknown

interface Stats {
  queries: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  const round = (n: number) => Math.round(n * 1000) / 1000
  return {
    queries: times.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    max: round(sorted.at(-1) ?? 0),
  }
}

async function time(
  engine: Engine,
  queries: SearchParams[],
  warmUp: SearchParams[],
): Promise<number[]> {
  // Warm up the JIT on a different query log, so no engine's caches hold the measured queries.
  for (const q of warmUp) await engine(q)
  const times: number[] = []
  for (const q of queries) {
    const start = performance.now()
    await engine(q)
    times.push(performance.now() - start)
  }
  return times
}

async function recertEngine(
  courses: Course[],
  data: ReturnType<typeof syntheticCatalog>,
  cacheSize: number,
) {
  const sqlite = openSqlite(':memory:')
  const store = new CatalogStore(sqlite.db, sqlite.runAtomically)
  const index = new SqliteSearchIndex(sqlite.db, store, { cacheSize })
  await store.replace({ ...data.catalog, courses }, 'bench')
  await index.refresh()
  return { engine: (p: SearchParams) => index.search(p), close: sqlite.close }
}

const FACETS = ['category', 'approval', 'provider', 'format'] as const

async function oramaEngine(courses: Course[]) {
  const db = create({
    schema: {
      id: 'string',
      title: 'string',
      tags: 'string',
      description: 'string',
      category: 'enum[]',
      approval: 'enum[]',
      provider: 'enum',
      format: 'enum',
      price: 'number',
      credits: 'number',
      hours: 'number',
    } as const,
  })
  await insertMultiple(
    db,
    courses.map((c) => ({
      id: c.id,
      title: c.title,
      tags: c.tags.join(' '),
      description: c.description ?? '',
      category: CATEGORIES.filter((k) => (c.credits[k] ?? 0) > 0),
      approval: c.approvals,
      provider: c.provider,
      format: c.format,
      price: c.price ?? 1e9,
      credits: totalCredits(c),
      hours: c.hours ?? 1e9,
    })),
    1_000,
  )
  const whereOf = (p: SearchParams, skip?: string) => {
    // biome-ignore lint/suspicious/noExplicitAny: Orama's where clause type is deep
    const where: Record<string, any> = {}
    if (p.category && skip !== 'category') where.category = { containsAny: p.category }
    if (p.approval && skip !== 'approval') where.approval = { containsAny: p.approval }
    if (p.provider && skip !== 'provider') where.provider = { in: p.provider }
    if (p.format && skip !== 'format') where.format = { in: p.format }
    if (p.maxPrice !== undefined) where.price = { lte: p.maxPrice }
    if (p.maxHours !== undefined) where.hours = { lte: p.maxHours }
    if (p.minCredits !== undefined) where.credits = { gte: p.minCredits }
    return where
  }
  const sortBy = (p: SearchParams) =>
    p.sort === 'price'
      ? { property: 'price', order: 'ASC' as const }
      : p.sort === 'credits'
        ? { property: 'credits', order: 'DESC' as const }
        : undefined
  const engine = async (p: SearchParams) => {
    // Without a term, Orama lists documents only when no `properties` are given (its fast path).
    const base = p.q
      ? {
          term: p.q,
          properties: ['title', 'tags', 'description'] as ('title' | 'tags' | 'description')[],
          boost: { title: 10, tags: 4 },
          tolerance: 1,
        }
      : {}
    const main = await oramaSearch(db, {
      ...base,
      where: whereOf(p),
      facets: Object.fromEntries(FACETS.map((f) => [f, {}])),
      limit: p.perPage,
      offset: (p.page - 1) * p.perPage,
      ...(sortBy(p) && { sortBy: sortBy(p) }),
    })
    // Orama's facets are conjunctive: one more search per active faceted filter.
    for (const facet of FACETS) {
      if (p[facet]?.length) {
        await oramaSearch(db, {
          ...base,
          where: whereOf(p, facet),
          facets: { [facet]: {} },
          limit: 0,
        })
      }
    }
    return main
  }
  return { engine }
}

function naiveEngine(courses: Course[]) {
  const docs = courses.map((c) => ({
    course: c,
    title: tokenize(c.title).join(' '),
    tags: tokenize(c.tags.join(' ')).join(' '),
    description: tokenize(c.description ?? '').join(' '),
    categories: CATEGORIES.filter((k) => (c.credits[k] ?? 0) > 0) as string[],
    credits: totalCredits(c),
  }))
  const passes = (d: (typeof docs)[number], p: SearchParams, skip?: string) =>
    (!p.category || skip === 'category' || p.category.some((k) => d.categories.includes(k))) &&
    (!p.approval ||
      skip === 'approval' ||
      p.approval.some((a) => d.course.approvals.includes(a))) &&
    (!p.provider || skip === 'provider' || p.provider.includes(d.course.provider)) &&
    (!p.format || skip === 'format' || p.format.includes(d.course.format)) &&
    (p.maxPrice === undefined || (d.course.price !== null && d.course.price <= p.maxPrice)) &&
    (p.maxHours === undefined || (d.course.hours !== null && d.course.hours <= p.maxHours)) &&
    (p.minCredits === undefined || d.credits >= p.minCredits)
  return {
    engine: (p: SearchParams) => {
      const words = tokenize(p.q ?? '')
      const scored: { d: (typeof docs)[number]; score: number }[] = []
      for (const d of docs) {
        let score = 0
        let all = true
        for (const w of words) {
          const s =
            (d.title.includes(w) ? 10 : 0) +
            (d.tags.includes(w) ? 4 : 0) +
            (d.description.includes(w) ? 1 : 0)
          if (s === 0) {
            all = false
            break
          }
          score += s
        }
        if (all) scored.push({ d, score })
      }
      const hits = scored.filter((s) => passes(s.d, p)).sort((a, b) => b.score - a.score)
      const facets: Record<string, Record<string, number>> = {}
      for (const facet of FACETS) {
        const counts: Record<string, number> = {}
        for (const { d } of scored) {
          if (!passes(d, p, facet)) continue
          const values =
            facet === 'category'
              ? d.categories
              : facet === 'approval'
                ? d.course.approvals
                : [d.course[facet]]
          for (const v of values) counts[v] = (counts[v] ?? 0) + 1
        }
        facets[facet] = counts
      }
      return {
        total: hits.length,
        hits: hits.slice((p.page - 1) * p.perPage, p.page * p.perPage),
        facets,
      }
    },
  }
}

export async function benchSearch(args: string[]): Promise<void> {
  const sizes = option(args, 'sizes', '10000,100000').split(',').map(Number)
  const queryCount = Number(option(args, 'queries', '1000'))
  const oramaLarge = Number(option(args, 'orama-queries-large', '100'))
  const results: Record<string, unknown>[] = []

  for (const size of sizes) {
    const data = syntheticCatalog(size)
    const queries = syntheticQueries(data.words, queryCount)
    const warmUp = syntheticQueries(data.words, 200, 99)
    const courses = data.catalog.courses
    console.error(`\n${size.toLocaleString('en')} courses, ${queries.length} queries`)

    // Each engine is built just before it is timed, so no engine's heap (Orama's is large)
    // slows another's garbage collection.
    let started = performance.now()
    const cold = await recertEngine(courses, data, 0)
    const buildRecert = performance.now() - started
    const timesCold = await time(cold.engine, queries, warmUp)
    cold.close()
    const warm = await recertEngine(courses, data, 64)
    const timesWarm = await time(warm.engine, queries, warmUp)
    warm.close()
    const timesNaive = await time(naiveEngine(courses).engine, queries, warmUp)
    started = performance.now()
    const orama = await oramaEngine(courses)
    const buildOrama = performance.now() - started
    // Orama is too slow to run the whole log on a large catalog in reasonable time: it runs the
    // first N queries, and its ratio compares with recert on exactly those queries.
    const oramaQueries = size > 20_000 ? queries.slice(0, oramaLarge) : queries
    const timesOrama = await time(
      orama.engine,
      oramaQueries,
      size > 20_000 ? warmUp.slice(0, 20) : warmUp,
    )
    const coldOnOramaSubset = stats(timesCold.slice(0, oramaQueries.length))
    const row = {
      courses: size,
      build: { recertMs: Math.round(buildRecert), oramaMs: Math.round(buildOrama) },
      recert: stats(timesCold),
      recertCached: stats(timesWarm),
      naive: stats(timesNaive),
      orama: stats(timesOrama),
      recertOnOramaQueries: coldOnOramaSubset,
      ratios: {
        naiveP50: round(stats(timesNaive).p50 / stats(timesCold).p50),
        naiveP99: round(stats(timesNaive).p99 / stats(timesCold).p99),
        oramaP50: round(stats(timesOrama).p50 / coldOnOramaSubset.p50),
        oramaP99: round(stats(timesOrama).p99 / coldOnOramaSubset.p99),
      },
    }
    results.push(row)
    console.error(JSON.stringify(row))
  }

  const table = [
    '| courses | engine | queries | p50 ms | p95 ms | p99 ms | p50 ratio | p99 ratio |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of results as unknown as Row[]) {
    const line = (name: string, s: Stats, ratio50: string, ratio99: string) =>
      `| ${r.courses.toLocaleString('en')} | ${name} | ${s.queries} | ${s.p50} | ${s.p95} | ${s.p99} | ${ratio50} | ${ratio99} |`
    const ratios = r.ratios
    table.push(line('recert (SQLite FTS5, cache off)', r.recert, '1', '1'))
    table.push(line('recert (cache on, default)', r.recertCached, '', ''))
    table.push(line('naive in-memory scan', r.naive, `${ratios.naiveP50}x`, `${ratios.naiveP99}x`))
    table.push(line('Orama 3', r.orama, `${ratios.oramaP50}x`, `${ratios.oramaP99}x`))
  }
  const output = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    note: 'Times per query in ms, in-process, disjunctive facets on. Ratios: other engine / recert with its cache off (higher is better for recert); Orama ratios compare on the queries Orama ran.',
    results,
    table: table.join('\n'),
  }
  mkdirSync(new URL('../../bench/results/', import.meta.url), { recursive: true })
  writeFileSync(
    new URL('../../bench/results/search.json', import.meta.url),
    `${JSON.stringify(output, null, 2)}\n`,
  )
  console.log(table.join('\n'))
}

interface Row {
  courses: number
  recert: Stats
  recertCached: Stats
  naive: Stats
  orama: Stats
  ratios: Record<string, number>
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}
