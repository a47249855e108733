import { z } from 'zod'
import { ruleSetSchema } from './rule-set.js'
import {
  type Catalog,
  courseSchema,
  offerSchema,
  providerSchema,
  synonymsSchema,
} from './schemas.js'

/** One problem found in a catalog; `file` is empty for a single-document upload. */
export interface CatalogIssue {
  file: string
  path: string
  message: string
}

export interface CatalogFile {
  /** Path relative to the catalog folder, with forward slashes, e.g. `courses/ace.json`. */
  name: string
  text: string
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] }

/** A whole catalog as one document: the body of `PUT /v1/admin/catalog`. */
export const catalogDocumentSchema = z.object({
  providers: z.array(providerSchema),
  offers: z.array(offerSchema).default([]),
  courses: z.array(courseSchema),
  synonyms: synonymsSchema.default([]),
  credentials: z.array(ruleSetSchema).default([]),
})

/** Formats a zod path as a JSON path: `$[3].credits.clinical`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$'
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  return out
}

function issuesOf(file: string, error: z.ZodError): CatalogIssue[] {
  return error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: issue.message }))
}

/**
 * Validates the files of a catalog folder and assembles the catalog, or lists every problem.
 *
 * ```ts
 * parseCatalogFiles([{ name: 'providers.json', text: '[]' }, ...])
 * // -> { ok: false, issues: [{ file: 'courses/ace.json', path: '$[2].price', message: '...' }] }
 * ```
 * Files other than providers.json, offers.json, synonyms.json, courses/*.json and
 * credentials/<id>.json are ignored.
 */
export function parseCatalogFiles(files: readonly CatalogFile[]): CatalogResult {
  const issues: CatalogIssue[] = []
  const parts: Record<string, unknown> = { providers: [], offers: [], courses: [], synonyms: [] }
  const courseLists: unknown[] = []
  const credentials: Catalog['credentials'] = []
  let sawProviders = false

  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const kind = kindOf(file.name)
    if (!kind) continue
    let data: unknown
    try {
      data = JSON.parse(file.text)
    } catch (error) {
      issues.push({
        file: file.name,
        path: '$',
        message: `invalid JSON: ${(error as Error).message}`,
      })
      continue
    }
    const schema = {
      providers: z.array(providerSchema),
      offers: z.array(offerSchema),
      courses: z.array(courseSchema),
      synonyms: synonymsSchema,
      credentials: ruleSetSchema,
    }[kind]
    const parsed = schema.safeParse(data)
    if (!parsed.success) {
      for (const issue of issuesOf(file.name, parsed.error)) issues.push(issue)
      continue
    }
    if (kind === 'credentials') {
      const ruleSet = parsed.data as Catalog['credentials'][number]
      if (file.name !== `credentials/${ruleSet.id}.json`) {
        issues.push({
          file: file.name,
          path: '$.id',
          message: `must match the file name (credentials/${ruleSet.id}.json)`,
        })
      }
      credentials.push(ruleSet)
      continue
    }
    if (kind === 'courses') courseLists.push({ file: file.name, courses: parsed.data })
    else parts[kind] = parsed.data
    if (kind === 'providers') sawProviders = true
  }
  if (!sawProviders && !issues.some((i) => i.file === 'providers.json')) {
    issues.push({ file: 'providers.json', path: '$', message: 'file is missing' })
  }
  if (issues.length > 0) return { ok: false, issues }

  const catalog: Catalog = {
    providers: parts.providers as Catalog['providers'],
    offers: parts.offers as Catalog['offers'],
    courses: [],
    synonyms: parts.synonyms as Catalog['synonyms'],
    credentials,
  }
  const courseFile = new Map<number, { file: string; index: number }>()
  for (const list of courseLists as { file: string; courses: Catalog['courses'] }[]) {
    list.courses.forEach((course, index) => {
      courseFile.set(catalog.courses.length, { file: list.file, index })
      catalog.courses.push(course)
    })
  }
  const crossIssues = checkReferences(catalog, (kind, index) => {
    if (kind === 'courses') {
      const at = courseFile.get(index)
      return at ? { file: at.file, prefix: `$[${at.index}]` } : { file: '', prefix: '$' }
    }
    return { file: `${kind}.json`, prefix: `$[${index}]` }
  })
  return crossIssues.length > 0 ? { ok: false, issues: crossIssues } : { ok: true, catalog }
}

/** Validates a single catalog document (the admin upload). */
export function parseCatalogDocument(data: unknown): CatalogResult {
  const parsed = catalogDocumentSchema.safeParse(data)
  if (!parsed.success) return { ok: false, issues: issuesOf('', parsed.error) }
  const issues = checkReferences(parsed.data, (kind, index) => ({
    file: '',
    prefix: `$.${kind}[${index}]`,
  }))
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog: parsed.data }
}

type Locate = (
  kind: 'providers' | 'offers' | 'courses',
  index: number,
) => { file: string; prefix: string }

/** Ids are unique and every provider reference resolves. */
function checkReferences(catalog: Catalog, locate: Locate): CatalogIssue[] {
  const issues: CatalogIssue[] = []
  const providerIds = new Set<string>()
  const push = (kind: Parameters<Locate>[0], index: number, field: string, message: string) => {
    const at = locate(kind, index)
    issues.push({ file: at.file, path: `${at.prefix}.${field}`, message })
  }
  type Kind = Parameters<Locate>[0]
  const ids: Record<Kind, Set<string>> = {
    providers: providerIds,
    offers: new Set(),
    courses: new Set(),
  }
  const noun: Record<Kind, string> = { providers: 'provider', offers: 'offer', courses: 'course' }
  const unique = (kind: Kind, index: number, id: string) => {
    if (ids[kind].has(id)) push(kind, index, 'id', `duplicate ${noun[kind]} id "${id}"`)
    ids[kind].add(id)
  }
  const provider = (kind: Kind, index: number, field: string, ref: string | undefined) => {
    if (ref !== undefined && !providerIds.has(ref))
      push(kind, index, field, `unknown provider "${ref}"`)
  }
  catalog.providers.forEach((p, i) => {
    unique('providers', i, p.id)
  })
  catalog.offers.forEach((offer, i) => {
    unique('offers', i, offer.id)
    provider('offers', i, 'provider', offer.provider)
    for (const field of ['coursePrice', 'courseDiscount'] as const) {
      provider('offers', i, `${field}.provider`, offer[field]?.provider || undefined)
    }
  })
  catalog.courses.forEach((course, i) => {
    unique('courses', i, course.id)
    provider('courses', i, 'provider', course.provider)
  })
  return issues
}

function kindOf(
  name: string,
): 'providers' | 'offers' | 'courses' | 'synonyms' | 'credentials' | null {
  if (name === 'providers.json') return 'providers'
  if (/^credentials\/[^/]+\.json$/.test(name)) return 'credentials'
  if (name === 'offers.json') return 'offers'
  if (name === 'synonyms.json') return 'synonyms'
  if (/^courses\/[^/]+\.json$/.test(name)) return 'courses'
  return null
}
