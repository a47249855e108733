/**
 * Catalog parsing with bounds, the same on Node and Workers: nesting depth and the number of
 * courses are checked before any validation, so a hostile document (millions of empty objects,
 * JSON nested thousands deep) is refused at the cost of one scan and one JSON.parse. At most
 * `MAX_ISSUES` problems are kept. On Node this runs in a worker thread (`threaded.ts`).
 */

import {
  type CatalogFile,
  type CatalogIssue,
  type CatalogResult,
  parseCatalogDocument,
  parseCatalogFiles,
} from '../../core/catalog/document.js'
import type { Catalog } from '../../core/catalog/schemas.js'

export interface ParseLimits {
  /** Deepest nesting of arrays and objects; a catalog needs about 6. */
  maxDepth: number
  /** Most courses a catalog may hold. */
  maxCourses: number
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 32, maxCourses: 200_000 }

/** Problems reported about one refused catalog, at most. */
export const MAX_ISSUES = 1_000

/** What is kept of the loaded catalog when an upload omits them. */
export type CurrentRules = Pick<Catalog, 'credentials' | 'synonyms'>

export type UploadResult =
  | (CatalogResult & { ok: true; hash: string })
  | (CatalogResult & { ok: false })

/** Parses admin uploads, bounded; the Node implementation keeps the work off the event loop. */
export interface CatalogParser {
  /** The JSON text of one catalog document. */
  upload(text: string, current: CurrentRules): Promise<UploadResult>
}

/**
 * How deep arrays and objects nest in a JSON text (strings skipped), stopping at `max + 1`; how
 * many items its outermost array or object holds; and, for an outermost object, how many items
 * the array under `key` holds. A linear scan with no recursion and no allocation, so neither
 * depth nor size can overflow the stack or fill the heap, and it runs before JSON.parse.
 */
export function scanJson(
  text: string,
  max: number,
  key = 'courses',
): { depth: number; items: number; keyItems: number } {
  let depth = 0
  let deepest = 0
  let stringStart = -1
  let lastKey = ''
  const counts = { items: 0, sawItem: false, keyItems: 0, sawKeyItem: false, inKey: false }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (stringStart >= 0) {
      if (ch === 92)
        i++ // backslash: skip the escaped character
      else if (ch === 34) {
        if (depth === 1) lastKey = text.slice(stringStart, Math.min(i, stringStart + 40))
        stringStart = -1
      }
      continue
    }
    if (ch <= 32) continue
    if (depth === 1) {
      if (ch === 44) counts.items++
      else if (ch !== 93 && ch !== 125) counts.sawItem = true
    } else if (depth === 2 && counts.inKey) {
      if (ch === 44) counts.keyItems++
      else if (ch !== 93 && ch !== 125) counts.sawKeyItem = true
    }
    if (ch === 34) stringStart = i + 1
    else if (ch === 123 || ch === 91) {
      depth++
      if (depth === 2) counts.inKey = ch === 91 && lastKey === key
      if (depth > deepest) {
        deepest = depth
        if (deepest > max) break
      }
    } else if (ch === 125 || ch === 93) depth--
  }
  return {
    depth: deepest,
    items: counts.sawItem ? counts.items + 1 : 0,
    keyItems: counts.sawKeyItem ? counts.keyItems + 1 : 0,
  }
}

const refused = (issues: CatalogIssue[]): { ok: false; issues: CatalogIssue[] } => ({
  ok: false,
  issues: issues.slice(0, MAX_ISSUES),
})

const tooMany = (file: string, path: string, limits: ParseLimits): CatalogIssue => ({
  file,
  path,
  message: `more than ${limits.maxCourses} courses`,
})

/** Parses JSON text within the depth bound, or says why not. */
function parseJson(file: string, text: string, limits: ParseLimits): unknown | CatalogIssue {
  const scan = scanJson(text, limits.maxDepth)
  if (scan.depth > limits.maxDepth)
    return { file, path: '$', message: `nested deeper than ${limits.maxDepth} levels` }
  if (scan.keyItems > limits.maxCourses) return tooMany(file, '$.courses', limits)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    return { file, path: '$', message: `invalid JSON: ${(error as Error).message}` }
  }
}

const isIssue = (value: unknown): value is CatalogIssue =>
  typeof value === 'object' &&
  value !== null &&
  'file' in value &&
  'message' in value &&
  'path' in value

/** SHA-256 hex with Web Crypto (Node and Workers alike). */
async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  )
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** An admin upload, with the current credentials and synonyms where it omits them. */
export async function parseUpload(
  text: string,
  current: CurrentRules,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<UploadResult> {
  const data = parseJson('', text, limits)
  if (isIssue(data)) return refused([data])
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return refused([{ file: '', path: '$', message: 'must be a JSON object' }])
  const body = data as Record<string, unknown>
  if (Array.isArray(body.courses) && body.courses.length > limits.maxCourses)
    return refused([tooMany('', '$.courses', limits)])
  const withCurrent = {
    ...body,
    ...(!('credentials' in body) && { credentials: current.credentials }),
    ...(!('synonyms' in body) && { synonyms: current.synonyms }),
  }
  const parsed = parseCatalogDocument(withCurrent)
  if (!parsed.ok) return refused(parsed.issues)
  return { ...parsed, hash: `admin:${await sha256Hex(JSON.stringify(withCurrent))}` }
}

/**
 * The files of a catalog folder; a file over the bounds is refused by name before anything is
 * parsed (a scan counts the courses of each file without building them).
 */
export function parseFiles(
  files: readonly CatalogFile[],
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): CatalogResult {
  const issues: CatalogIssue[] = []
  let courses = 0
  for (const file of files) {
    const { depth, items } = scanJson(file.text, limits.maxDepth)
    if (depth > limits.maxDepth)
      issues.push({
        file: file.name,
        path: '$',
        message: `nested deeper than ${limits.maxDepth} levels`,
      })
    else if (file.name.startsWith('courses/')) {
      // Reported once, on the file that crosses the limit.
      if (courses <= limits.maxCourses && courses + items > limits.maxCourses)
        issues.push(tooMany(file.name, '$', limits))
      courses += items
    }
  }
  if (issues.length > 0) return refused(issues)
  const parsed = parseCatalogFiles(files)
  return parsed.ok ? parsed : refused(parsed.issues)
}

/** In-process parsing (Workers, tests): bounded, but on the calling thread. */
export function inlineCatalogParser(limits: ParseLimits = DEFAULT_PARSE_LIMITS): CatalogParser {
  return {
    upload: (text, current) => parseUpload(text, current, limits),
  }
}
