import { asc, eq, getTableColumns, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Catalog, Course, Offer, Provider } from '../../core/catalog/schemas.js'
import type { CatalogDiff, CatalogOrigin, CatalogReader, CatalogWriter } from '../../core/ports.js'
import { countingDays } from '../../core/rules/counts-for.js'
import { type CourseFacts, factsOf } from '../../core/search/facts.js'
import { catalogMeta, courses, offers, providers } from './schema.js'

// biome-ignore lint/suspicious/noExplicitAny: one repository serves both the sync (better-sqlite3) and async (D1) drivers
export type Db = BaseSQLiteDatabase<'sync' | 'async', any>

/**
 * Runs statements so that all of them apply or none does. better-sqlite3 wraps them in a
 * transaction; D1 has no interactive transactions, so there it is one `db.batch`.
 */
export type RunAtomically = (statements: SQL[]) => Promise<void>

/** D1 binds at most 100 parameters per statement; inserts are cut to stay under it. */
const MAX_PARAMS = 100

/** The number of columns a row of `table` binds. */
const columnsOf = (table: Parameters<typeof getTableColumns>[0]) =>
  Object.keys(getTableColumns(table)).length

function chunk<T>(items: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns))
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export class CatalogStore implements CatalogReader, CatalogWriter {
  private readonly coursesByIds
  private readonly metaByKey

  constructor(
    protected readonly db: Db,
    private readonly runAtomically: RunAtomically,
  ) {
    // One prepared statement for any number of ids: they travel as one JSON array parameter,
    // which also keeps clear of D1's limit on bound parameters. This runs for every search page.
    this.coursesByIds = db
      .select({ id: courses.id, data: courses.data })
      .from(courses)
      .where(sql`${courses.id} in (select value from json_each(${sql.placeholder('ids')}))`)
      .prepare()
    // Every plan and progress request reads the catalog's hash: one statement, prepared once.
    this.metaByKey = db
      .select({ value: catalogMeta.value })
      .from(catalogMeta)
      .where(eq(catalogMeta.key, sql.placeholder('key')))
      .prepare()
  }

  async providers(): Promise<Provider[]> {
    const rows = await this.db
      .select({ data: providers.data })
      .from(providers)
      .orderBy(asc(providers.position))
    return rows.map((r) => r.data as Provider)
  }

  /**
   * Read once per catalog (its hash): every plan and progress request reads them. The list is
   * the caller's; the offers are shared, and callers only read them. This relies on what every
   * writer of the hash guarantees (`replace`: the folder's content hash, the import's, or a new
   * value per load) and on reads never seeing an older catalog than the last one (SQLite; D1
   * without read replicas). The priced courses and rule sets below rely on the same.
   */
  async offers(): Promise<Offer[]> {
    const hash = await this.currentHash()
    if (hash === null || this.offerList?.hash !== hash) {
      const rows = await this.db
        .select({ data: offers.data })
        .from(offers)
        .orderBy(asc(offers.position))
      this.offerList = { hash, offers: rows.map((r) => r.data as Offer) }
    }
    return [...this.offerList.offers]
  }

  private offerList: { hash: string | null; offers: readonly Offer[] } | null = null

  async course(id: string): Promise<Course | null> {
    return (await this.courses([id]))[0] ?? null
  }

  /** The courses with these ids, in the order asked (unknown ids are skipped). */
  async courses(ids: readonly string[]): Promise<Course[]> {
    if (ids.length === 0) return []
    const rows = await this.coursesByIds.all({ ids: JSON.stringify(ids) })
    const found = new Map(rows.map((row) => [row.id, row.data as Course]))
    return ids.flatMap((id) => found.get(id) ?? [])
  }

  /**
   * Kept for as long as the catalog's hash is unchanged: every plan reads all of them, and the
   * planner caches what each course object is worth, which only pays when the objects live on.
   */
  async pricedCourses(): Promise<readonly Course[]> {
    const hash = await this.currentHash()
    if (this.priced && this.priced.hash === hash) return this.priced.courses
    const rows = await this.db
      .select({ data: courses.data })
      .from(courses)
      .where(isNotNull(courses.price))
    const list = rows.map((r) => r.data as Course)
    this.priced = { hash, courses: list }
    return list
  }

  private priced: { hash: string | null; courses: readonly Course[] } | null = null

  async loadedCourses(): Promise<number | null> {
    if ((await this.currentHash()) === null) return null
    const [row] = await this.db.all<{ n: number }>(sql`select count(*) as n from courses`)
    return row?.n ?? 0
  }

  async sampleCourses(): Promise<number> {
    const [row] = await this.db.all<{ n: number }>(
      sql`select count(*) as n from ${courses} where ${courses.sample}`,
    )
    return row?.n ?? 0
  }

  async currentHash(): Promise<string | null> {
    return this.meta('hash')
  }

  /**
   * Parsed once per catalog (its hash), the same objects from one request to the next: the
   * planner caches what each course is worth per rule set object (plan/dating.ts), which
   * only pays when the rule sets live on. Callers only read them.
   */
  async credentials(): Promise<Catalog['credentials']> {
    const hash = await this.currentHash()
    if (hash === null) return []
    if (this.rules?.hash !== hash) {
      const text = await this.meta('credentials')
      this.rules = { hash, parsed: text ? (JSON.parse(text) as Catalog['credentials']) : [] }
    }
    return this.rules.parsed
  }

  private rules: { hash: string; parsed: Catalog['credentials'] } | null = null

  async synonyms(): Promise<Catalog['synonyms']> {
    const text = await this.meta('synonyms')
    return text ? (JSON.parse(text) as Catalog['synonyms']) : []
  }

  /**
   * The filterable fields of every course, for the in-memory search columns. Rows loaded before
   * `counts_until` existed have none: what they count for is computed here from the stored
   * courses and rule sets (until the next load stores it).
   */
  async facts(): Promise<CourseFacts[]> {
    const rows = await this.db
      .select({
        seq: courses.seq,
        id: courses.id,
        provider: courses.provider,
        title: courses.title,
        format: courses.format,
        price: courses.price,
        hours: courses.hours,
        credits: courses.credits,
        categoryMask: courses.categoryMask,
        approvalMask: courses.approvalMask,
        lastSession: courses.lastSession,
        sample: courses.sample,
        countsUntil: courses.countsUntil,
      })
      .from(courses)
    const missing = rows.some((row) => row.countsUntil === null)
      ? await this.countsUntilOfOldRows()
      : new Map<number, Record<string, string>>()
    return rows.map((row) => ({
      ...row,
      countsUntil: row.countsUntil ?? missing.get(row.seq) ?? {},
    }))
  }

  private async countsUntilOfOldRows(): Promise<Map<number, Record<string, string>>> {
    const ruleSets = await this.credentials()
    const rows = await this.db
      .select({ seq: courses.seq, data: courses.data })
      .from(courses)
      .where(isNull(courses.countsUntil))
    return new Map(rows.map((r) => [r.seq, countingDays(ruleSets, r.data as Course)]))
  }

  async origin(): Promise<CatalogOrigin | null> {
    const text = await this.meta('origin')
    return text ? (JSON.parse(text) as CatalogOrigin) : null
  }

  async snapshot(): Promise<Catalog | null> {
    if ((await this.currentHash()) === null) return null
    const rows = await this.db
      .select({ data: courses.data })
      .from(courses)
      .orderBy(asc(courses.seq))
    return {
      providers: await this.providers(),
      offers: await this.offers(),
      courses: rows.map((r) => r.data as Course),
      synonyms: await this.synonyms(),
      credentials: await this.credentials(),
    }
  }

  async replace(catalog: Catalog, hash: string, origin?: CatalogOrigin): Promise<CatalogDiff> {
    const diff = await this.diff(catalog)
    const providerNames = new Map(catalog.providers.map((p) => [p.id, p.name]))
    const sorted = [...catalog.courses].sort((a, b) => (a.id < b.id ? -1 : 1))
    const statements: SQL[] = [
      sql`delete from ${providers}`,
      sql`delete from ${offers}`,
      sql`delete from ${courses}`,
      sql`delete from courses_fts`,
    ]
    for (const part of chunk(catalog.providers, columnsOf(providers))) {
      statements.push(
        this.db
          .insert(providers)
          .values(part.map((p) => ({ id: p.id, position: catalog.providers.indexOf(p), data: p })))
          .getSQL(),
      )
    }
    for (const part of chunk(catalog.offers, columnsOf(offers))) {
      statements.push(
        this.db
          .insert(offers)
          .values(
            part.map((o) => ({
              id: o.id,
              provider: o.provider,
              position: catalog.offers.indexOf(o),
              data: o,
            })),
          )
          .getSQL(),
      )
    }
    const rows = sorted.map((course, i) => ({
      ...factsOf(course, i + 1, countingDays(catalog.credentials, course)),
      data: course,
    }))
    for (const part of chunk(rows, columnsOf(courses)))
      statements.push(this.db.insert(courses).values(part).getSQL())
    for (const part of chunk(rows, 5)) {
      const values = part.map(
        ({ seq, data: c }) =>
          sql`(${seq}, ${c.title}, ${c.tags.join(' ')}, ${c.description ?? ''}, ${`${providerNames.get(c.provider) ?? ''} ${c.provider}`})`,
      )
      statements.push(
        sql`insert into courses_fts(rowid, title, tags, description, provider) values ${sql.join(values, sql`, `)}`,
      )
    }
    // Merge the index's b-trees into one: fewer segments to read per query.
    statements.push(sql`insert into courses_fts(courses_fts) values ('optimize')`)
    const meta = {
      hash,
      synonyms: JSON.stringify(catalog.synonyms),
      credentials: JSON.stringify(catalog.credentials),
      ...(origin && { origin: JSON.stringify(origin) }),
    }
    for (const [key, value] of Object.entries(meta)) {
      statements.push(
        this.db
          .insert(catalogMeta)
          .values({ key, value })
          .onConflictDoUpdate({ target: catalogMeta.key, set: { value } })
          .getSQL(),
      )
    }
    await this.runAtomically(statements)
    return diff
  }

  /** What replacing the catalog would add, change and remove (providers, offers and courses). */
  async diff(catalog: Catalog): Promise<CatalogDiff> {
    const result: CatalogDiff = { added: 0, changed: 0, removed: 0 }
    const tables = [
      { table: providers, records: catalog.providers },
      { table: offers, records: catalog.offers },
      { table: courses, records: catalog.courses },
    ] as const
    for (const { table, records } of tables) {
      const old = new Map<string, string>()
      const rows = await this.db.select({ id: table.id, data: table.data }).from(table)
      for (const row of rows) old.set(row.id, JSON.stringify(row.data))
      for (const record of records) {
        const before = old.get(record.id)
        if (before === undefined) result.added++
        else if (before !== JSON.stringify(record)) result.changed++
        old.delete(record.id)
      }
      result.removed += old.size
    }
    return result
  }

  private async meta(key: string): Promise<string | null> {
    const [row] = await this.metaByKey.all({ key })
    return row?.value ?? null
  }
}
