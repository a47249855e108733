import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The database is derived from the catalog folder: every row is rebuilt on each load.
 * Full records are kept as JSON in `data`; the scalar columns exist for filtering and the
 * in-memory search columns.
 */
export const providers = sqliteTable('providers', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  data: text('data', { mode: 'json' }).notNull(),
})

export const offers = sqliteTable('offers', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  position: integer('position').notNull(),
  data: text('data', { mode: 'json' }).notNull(),
})

export const courses = sqliteTable(
  'courses',
  {
    /** Also the rowid of `courses_fts`; dense from 1, in id order. */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    provider: text('provider').notNull(),
    title: text('title').notNull(),
    format: text('format').notNull(),
    price: real('price'),
    hours: real('hours'),
    credits: real('credits').notNull(),
    categoryMask: integer('category_mask').notNull(),
    approvalMask: integer('approval_mask').notNull(),
    /** Latest session start (`YYYY-MM-DD`); null for a course on demand. */
    lastSession: text('last_session'),
    /**
     * For each credential the course counts for, the last day it counts (JSON object), computed
     * by the rules engine on load. Null in rows loaded before this column existed (computed on
     * read then).
     */
    countsUntil: text('counts_until', { mode: 'json' }).$type<Record<string, string>>(),
    /** Invented demo data (`source.confidence: "sample"`), hidden by `SAMPLE_DATA=exclude`. */
    sample: integer('sample', { mode: 'boolean' }).notNull().default(false),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (table) => [
    // /healthz counts the sample courses: without it, a scan of every row (160 ms at 100k courses).
    index('courses_sample').on(table.sample).where(sql`${table.sample}`),
  ],
)

/** Key-value facts about the loaded catalog: its content hash, load time, synonyms. */
export const catalogMeta = sqliteTable('catalog_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})
