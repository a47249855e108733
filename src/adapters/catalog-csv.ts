/**
 * Courses as CSV, one row a course, for maintainers who keep the catalog in a spreadsheet.
 * Parsed and written by PapaParse (quoted fields, CRLF or LF, a UTF-8 byte-order mark); every
 * row is validated by the course schema and every error names its row and column.
 *
 * A row updates the course with its id (the columns it has replace those fields; everything
 * else, such as the description and tags, is kept) or adds a new one. With `provider`, the CSV
 * is that provider's whole list: its courses missing from the CSV are removed.
 */
import Papa from 'papaparse'
import {
  type Approval,
  CATEGORIES,
  type Catalog,
  type Course,
  courseSchema,
} from '../core/catalog/schemas.js'

/** The columns, in the order an export writes them. */
export const CSV_COLUMNS = [
  'id',
  'provider',
  'title',
  'url',
  'format',
  'hours',
  'administrative',
  'clinical',
  'general',
  'approvals',
  'price',
  'sessions',
  'source-url',
  'fetched-at',
  'confidence',
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]

/** Columns a CSV may leave out (their fields are then kept; a new row may need `confidence`). */
const OPTIONAL_COLUMNS: readonly CsvColumn[] = [
  'url',
  'sessions',
  'source-url',
  'fetched-at',
  'confidence',
]
/** A CSV needs these. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter(
  (column) => !OPTIONAL_COLUMNS.includes(column),
)

export interface CsvError {
  /** The spreadsheet's row number: the header is row 1. */
  row: number
  column: string
  message: string
}

export type CsvResult =
  | {
      ok: true
      catalog: Catalog
      added: string[]
      changed: string[]
      removed: string[]
    }
  | { ok: false; errors: CsvError[] }

/** "Source URL", "source_url" and "source-url" are one column. */
const normalize = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')

/**
 * Merges the courses of a CSV into a catalog.
 *
 * ```ts
 * mergeCoursesCsv(catalog, 'id,provider,title,...\nace-new,ace,New course,...', {})
 * // -> { ok: true, catalog, added: ['ace-new'], changed: [], removed: [] }
 * ```
 */
export function mergeCoursesCsv(
  catalog: Catalog,
  text: string,
  options: { provider?: string } = {},
): CsvResult {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' })
  const errors: CsvError[] = parsed.errors.map((e) => ({
    row: (e.row ?? 0) + 1,
    column: '',
    message: e.message,
  }))
  const [header = [], ...rows] = parsed.data
  const columns = header.map(normalize)
  errors.push(...headerErrors(columns, options))
  if (errors.length > 0) return { ok: false, errors }

  const existing = new Map(catalog.courses.map((c) => [c.id, c]))
  const providers = new Set(catalog.providers.map((p) => p.id))
  const seen = new Map<string, number>()
  const updates = new Map<string, Course>()
  rows.forEach((cells, i) => {
    const row = i + 2
    const record = Object.fromEntries(columns.map((c, j) => [c, (cells[j] ?? '').trim()]))
    if (cells.length !== columns.length)
      errors.push({
        row,
        column: '',
        message: `has ${cells.length} cells where the header has ${columns.length}`,
      })
    const id = record.id ?? ''
    if (seen.has(id)) {
      errors.push({ row, column: 'id', message: `repeats the id of row ${seen.get(id)}` })
      return
    }
    seen.set(id, row)
    const result = rowToCourse(record, existing.get(id), options.provider)
    if ('errors' in result) errors.push(...result.errors.map((e) => ({ row, ...e })))
    else if (!providers.has(result.course.provider))
      errors.push({
        row,
        column: 'provider',
        message: `unknown provider "${result.course.provider}" (add it to providers.json first)`,
      })
    else updates.set(id, result.course)
  })
  if (errors.length > 0) return { ok: false, errors }

  const added: string[] = []
  const changed: string[] = []
  const removed: string[] = []
  const courses: Course[] = []
  for (const course of catalog.courses) {
    const update = updates.get(course.id)
    if (update) {
      if (stable(update) !== stable(course)) changed.push(course.id)
      courses.push(stable(update) === stable(course) ? course : update)
    } else if (options.provider && course.provider === options.provider) removed.push(course.id)
    else courses.push(course)
  }
  for (const [id, course] of updates)
    if (!existing.has(id)) {
      added.push(id)
      courses.push(course)
    }
  return { ok: true, catalog: { ...catalog, courses }, added, changed, removed }
}

function headerErrors(columns: string[], options: { provider?: string }): CsvError[] {
  const errors: CsvError[] = []
  const known = new Set<string>(CSV_COLUMNS)
  columns.forEach((c, i) => {
    if (!known.has(c))
      errors.push({
        row: 1,
        column: c,
        message: `unknown column (known: ${CSV_COLUMNS.join(', ')})`,
      })
    else if (columns.indexOf(c) !== i)
      errors.push({ row: 1, column: c, message: 'repeated column' })
  })
  for (const required of REQUIRED_COLUMNS) {
    if (required === 'provider' && options.provider) continue
    if (!columns.includes(required))
      errors.push({ row: 1, column: required, message: 'required column is missing' })
  }
  return errors
}

type Cells = Partial<Record<string, string>>

/** One row as a course (the existing course's other fields kept), or its errors by column. */
function rowToCourse(
  cells: Cells,
  old: Course | undefined,
  provider: string | undefined,
): { course: Course } | { errors: { column: string; message: string }[] } {
  const errors: { column: string; message: string }[] = []
  const has = (c: CsvColumn) => cells[c] !== undefined
  const cell = (c: CsvColumn) => cells[c] ?? ''
  const number = (c: CsvColumn): number | null | undefined => {
    const text = cell(c).replace(/^\$/, '')
    if (text === '') return null
    const value = Number(text)
    if (!Number.isFinite(value) || !/^-?\d*\.?\d+$/.test(text)) {
      errors.push({ column: c, message: `"${cell(c)}" is not a number (use a dot for decimals)` })
      return undefined
    }
    return value
  }
  // Fields the row does not give are kept; for a new course they start empty.
  const draft: Record<string, unknown> = old
    ? structuredClone(old)
    : { tags: [], credits: {}, approvals: [], hours: null, price: null, source: {} }
  draft.id = cell('id')
  const rowProvider = has('provider') ? cell('provider') : ''
  if (provider && rowProvider && rowProvider !== provider)
    errors.push({ column: 'provider', message: `is "${rowProvider}", not ${provider}` })
  draft.provider = rowProvider || provider || ''
  if (has('title')) draft.title = cell('title')
  if (has('format')) draft.format = cell('format')
  if (has('url')) setOptional(draft, 'url', cell('url'))
  for (const c of ['hours', 'price'] as const) if (has(c)) draft[c] = number(c)
  if (CATEGORIES.some((c) => has(c))) {
    const credits: Record<string, number> = {}
    for (const category of CATEGORIES) {
      const value = has(category) ? number(category) : (old?.credits[category] ?? null)
      if (typeof value === 'number') credits[category] = value
    }
    draft.credits = credits
  }
  if (has('approvals')) readApprovals(cell('approvals'), draft, errors)
  if (has('sessions')) readSessions(cell('sessions'), draft, errors)
  const source = { ...(draft.source as Record<string, unknown>) }
  if (has('source-url')) setOptional(source, 'url', cell('source-url'))
  if (has('fetched-at')) setOptional(source, 'fetchedAt', cell('fetched-at'))
  if (has('confidence')) source.confidence = cell('confidence') || undefined
  draft.source = source
  if (errors.length > 0) return { errors }

  const parsed = courseSchema.safeParse(draft)
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((issue) => ({
        column: columnOf(issue.path),
        message: issue.message,
      })),
    }
  return { course: parsed.data }
}

/** An empty cell clears a field (to null when it held null, so a round trip changes nothing). */
function setOptional(target: Record<string, unknown>, key: string, value: string) {
  if (value !== '') target[key] = value
  else if (target[key] !== null) delete target[key]
}

/** `AAMA until 2019-08-29; AMT`: bodies separated by `;`, each with an optional last day. */
function readApprovals(
  text: string,
  draft: Record<string, unknown>,
  errors: { column: string; message: string }[],
) {
  const approvals: string[] = []
  const until: Partial<Record<Approval, string>> = {}
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+)(?:\s+until\s+(\S+))?$/i.exec(part)
    const body = match?.[1]?.toUpperCase()
    if (!match || !body) {
      errors.push({
        column: 'approvals',
        message: `"${part}" is not "BODY" or "BODY until YYYY-MM-DD"`,
      })
      continue
    }
    approvals.push(body)
    if (match[2]) until[body as Approval] = match[2]
  }
  draft.approvals = approvals
  if (Object.keys(until).length > 0) draft.approvalsUntil = until
  else delete draft.approvalsUntil
}

/** `2027-03-14/2027-03-15 Columbus, OH; 2027-05-01`: sessions separated by `;`. */
function readSessions(
  text: string,
  draft: Record<string, unknown>,
  errors: { column: string; message: string }[],
) {
  const sessions: { start: string; end?: string; location?: string }[] = []
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\S+?)(?:\/(\S+))?(?:\s+(.+))?$/.exec(part)
    if (!match?.[1]) {
      errors.push({ column: 'sessions', message: `"${part}" is not "START[/END] [LOCATION]"` })
      continue
    }
    sessions.push({
      start: match[1],
      ...(match[2] && { end: match[2] }),
      ...(match[3] && { location: match[3] }),
    })
  }
  if (sessions.length > 0) draft.sessions = sessions
  // An empty list stays one (a round trip changes nothing); sessions cleared in the cell go.
  else if (!(Array.isArray(draft.sessions) && draft.sessions.length === 0)) delete draft.sessions
}

/** The CSV column a schema error is about. */
function columnOf(path: readonly PropertyKey[]): string {
  const [field, sub] = path.map(String)
  if (field === 'credits' && sub) return sub
  if (field === 'approvalsUntil') return 'approvals'
  if (field === 'source')
    return sub === 'url' ? 'source-url' : sub === 'fetchedAt' ? 'fetched-at' : 'confidence'
  return field ?? ''
}

/** Key-order-free JSON, to tell a real change from a re-ordered object. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )
}

/** Every course of the catalog as CSV, in catalog order (CRLF line ends, as spreadsheets write). */
export function coursesToCsv(courses: readonly Course[]): string {
  const rows = courses.map((c) => [
    c.id,
    c.provider,
    c.title,
    c.url ?? '',
    c.format,
    c.hours ?? '',
    ...CATEGORIES.map((k) => c.credits[k] ?? ''),
    c.approvals
      .map((a) => (c.approvalsUntil?.[a] ? `${a} until ${c.approvalsUntil[a]}` : a))
      .join(';'),
    c.price ?? '',
    (c.sessions ?? [])
      .map((s) => `${s.start}${s.end ? `/${s.end}` : ''}${s.location ? ` ${s.location}` : ''}`)
      .join(';'),
    c.source.url ?? '',
    c.source.fetchedAt ?? '',
    c.source.confidence,
  ])
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\r\n' })}\r\n`
}
