/**
 * Catalog parsing with bounds, the same on Node and Workers: nesting depth and the number of
 * courses are checked by a scan (`scan.ts`) before any JSON.parse, so a hostile document
 * (millions of empty objects, JSON nested thousands deep) is refused without being built; an
 * upload is scanned while it arrives (`readUpload`). At most `MAX_ISSUES` problems are kept. On
 * Node the parsing runs in a worker thread (`threaded.ts`).
 */

import {
  type CatalogFile,
  type CatalogIssue,
  type CatalogResult,
  parseCatalogDocument,
  parseCatalogFiles,
} from '../../core/catalog/document.js'
import type { Catalog } from '../../core/catalog/schemas.js'
import { type JsonShape, JsonShapeScanner, scanJson } from './scan.js'

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
  readonly limits: ParseLimits
  /** The JSON text of one catalog document. */
  upload(text: string, current: CurrentRules): Promise<UploadResult>
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

/** Why a document of this shape is refused, if it is. */
function shapeIssue(file: string, shape: JsonShape, limits: ParseLimits): CatalogIssue | null {
  if (shape.depth > limits.maxDepth)
    return { file, path: '$', message: `nested deeper than ${limits.maxDepth} levels` }
  if (shape.keyItems > limits.maxCourses) return tooMany(file, '$.courses', limits)
  return null
}

/** The bounds an upload (one catalog document) is scanned with. */
const uploadBounds = (limits: ParseLimits) => ({
  maxDepth: limits.maxDepth,
  maxKeyItems: limits.maxCourses,
})

/** Parses JSON text within the depth bound, or says why not. */
function parseJson(file: string, text: string, limits: ParseLimits): unknown | CatalogIssue {
  const issue = shapeIssue(file, scanJson(text, uploadBounds(limits)), limits)
  if (issue) return issue
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    return { file, path: '$', message: `invalid JSON: ${(error as Error).message}` }
  }
}

/**
 * Reads an upload's body as it arrives, scanning each piece: a document that crosses the depth
 * or course bound is refused as soon as it does, before the rest is kept or anything is parsed
 * (a 10 MB body of millions of empty courses is refused after its first 200,000). The rest is
 * still read, and dropped, so that a client still sending gets the refusal and not a reset
 * connection; the body limit bounds how much that is.
 */
export async function readUpload(
  body: ReadableStream<Uint8Array> | null,
  limits: ParseLimits,
): Promise<{ ok: true; text: string } | { ok: false; issues: CatalogIssue[] }> {
  const scanner = new JsonShapeScanner(uploadBounds(limits))
  const kept: Uint8Array[] = []
  let size = 0
  const reader = body?.getReader()
  for (;;) {
    const next = await reader?.read()
    if (!next || next.done) break
    if (!scanner.feed(next.value)) continue
    kept.push(next.value)
    size += next.value.length
  }
  const issue = shapeIssue('', scanner.shape, limits)
  if (issue) return refused([issue])
  const bytes = new Uint8Array(size)
  let at = 0
  for (const piece of kept) {
    bytes.set(piece, at)
    at += piece.length
  }
  return { ok: true, text: new TextDecoder().decode(bytes) }
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
    const { depth, items } = scanJson(file.text, {
      maxDepth: limits.maxDepth,
      maxItems: limits.maxCourses,
    })
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
    limits,
    upload: (text, current) => parseUpload(text, current, limits),
  }
}
