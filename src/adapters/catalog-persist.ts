/**
 * Writing a whole catalog back into the catalog folder, so that an import made through the
 * admin API (JSON or CSV) or `npm run catalog:import` is what the folder, and so a restart,
 * serves. Only the files whose records change are written; each course stays in the file it
 * was in, and a new course goes to `courses/<provider>.json`.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { CatalogFile } from '../core/catalog/document.js'
import { ruleSetSchema } from '../core/catalog/rule-set.js'
import {
  type Catalog,
  type Course,
  courseSchema,
  offerSchema,
  providerSchema,
  synonymsSchema,
} from '../core/catalog/schemas.js'

export interface FolderWrite {
  /** Files to (re)write, relative to the catalog folder. */
  writes: CatalogFile[]
  /** Files to delete (a credential's rule set removed, a course file left empty). */
  deletes: string[]
}

/** How every catalog file is written: two-space JSON and a final newline, as the scraper does. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** The same records, whatever the key order or formatting of the file. */
function sameRecords(file: CatalogFile | undefined, schema: z.ZodType, next: unknown): boolean {
  if (!file) return false
  try {
    const parsed = schema.safeParse(JSON.parse(file.text))
    return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(next)
  } catch {
    return false
  }
}

/**
 * Which files make the folder hold `catalog`, given the files it holds now. Pure.
 *
 * ```ts
 * layoutCatalog(files, { ...catalog, courses: [...catalog.courses, newAceCourse] })
 * // -> { writes: [{ name: 'courses/ace.json', text: '[\n  {\n ...' }], deletes: [] }
 * ```
 */
export function layoutCatalog(files: readonly CatalogFile[], catalog: Catalog): FolderWrite {
  const byName = new Map(files.map((f) => [f.name, f]))
  const out: FolderWrite = { writes: [], deletes: [] }
  const put = (name: string, schema: z.ZodType, records: unknown, optional = false) => {
    const file = byName.get(name)
    if (optional && !file && Array.isArray(records) && records.length === 0) return
    if (!sameRecords(file, schema, records)) out.writes.push({ name, text: renderJson(records) })
  }
  put('providers.json', z.array(providerSchema), catalog.providers)
  put('offers.json', z.array(offerSchema), catalog.offers, true)
  put('synonyms.json', synonymsSchema, catalog.synonyms, true)

  const ruleSetIds = new Set(catalog.credentials.map((r) => r.id))
  for (const rules of catalog.credentials) put(`credentials/${rules.id}.json`, ruleSetSchema, rules)
  for (const name of byName.keys()) {
    const id = /^credentials\/([^/]+)\.json$/.exec(name)?.[1]
    if (id !== undefined && !ruleSetIds.has(id)) out.deletes.push(name)
  }

  // Each course stays where it is; a new one joins its provider's file.
  const courseFiles = [...byName.values()].filter((f) => /^courses\/[^/]+\.json$/.test(f.name))
  const home = new Map<string, string>()
  const order = new Map<string, string[]>()
  for (const file of courseFiles) {
    const ids = readIds(file.text)
    order.set(file.name, ids)
    for (const id of ids) if (!home.has(id)) home.set(id, file.name)
  }
  const next = new Map<string, Course[]>([...order.keys()].map((name) => [name, []]))
  const incoming = new Map(catalog.courses.map((c) => [c.id, c]))
  for (const [name, ids] of order) {
    for (const id of ids) {
      const course = incoming.get(id)
      if (course && home.get(id) === name) next.get(name)?.push(course)
    }
  }
  for (const course of catalog.courses) {
    if (home.has(course.id)) continue
    const name = `courses/${course.provider}.json`
    const list = next.get(name) ?? []
    list.push(course)
    next.set(name, list)
  }
  for (const [name, courses] of next) {
    if (courses.length === 0 && byName.has(name)) out.deletes.push(name)
    else if (courses.length > 0) put(name, z.array(courseSchema), courses)
  }
  return out
}

/** The ids in a course file, in order; a file that does not parse has none. */
function readIds(text: string): string[] {
  try {
    const data: unknown = JSON.parse(text)
    return Array.isArray(data)
      ? data.flatMap((r) => (typeof r?.id === 'string' ? [r.id as string] : []))
      : []
  } catch {
    return []
  }
}

/**
 * Applies a layout: every new file is written beside its target first, then all are renamed
 * into place (a rename is atomic), then the removed files go. A reader sees each file old or
 * new, never a part of one.
 */
export async function writeCatalogFolder(dir: string, layout: FolderWrite): Promise<string[]> {
  const staged: { temp: string; path: string }[] = []
  try {
    for (const file of layout.writes) {
      const path = join(dir, file.name)
      await mkdir(dirname(path), { recursive: true })
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
      await writeFile(temp, file.text)
      staged.push({ temp, path })
    }
  } catch (error) {
    await Promise.all(staged.map((s) => unlink(s.temp).catch(() => {})))
    throw error
  }
  for (const { temp, path } of staged) await rename(temp, path)
  for (const name of layout.deletes) await unlink(join(dir, name))
  return [...layout.writes.map((w) => w.name), ...layout.deletes.map((d) => `${d} (deleted)`)]
}

/** Writes one file so that readers see the old content or the new, never a part. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await writeCatalogFolder(dirname(path), {
    writes: [{ name: path.slice(dirname(path).length + 1), text }],
    deletes: [],
  })
}

/**
 * When the catalog folder last changed: the newest modification time (ms) of its files and of
 * its folders (a deleted file changes its folder's time).
 */
export async function folderChangedAt(dir: string): Promise<number> {
  let newest = 0
  for (const sub of ['', 'courses', 'credentials']) {
    const path = join(dir, sub)
    let names: string[]
    try {
      names = await readdir(path)
      newest = Math.max(newest, (await stat(path)).mtimeMs)
    } catch {
      continue
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      newest = Math.max(newest, (await stat(join(path, name))).mtimeMs)
    }
  }
  return newest
}
