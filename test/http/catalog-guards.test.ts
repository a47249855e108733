/**
 * Every wipe is refused unless forced: a folder or an upload that removes more than half the
 * courses, any credential's rule set, or the synonyms. The old catalog keeps answering.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compareCatalogs, wipeRefusals } from '../../src/core/catalog/guard.js'
import type { Catalog } from '../../src/core/catalog/schemas.js'
import {
  CATALOG_DIR,
  makeCatalog,
  makeCourse,
  makeTestApp,
  shippedCatalog,
} from '../helpers/app.js'

const TOKEN = 'guards-test-token-0123456789'
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function copyOfCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-guards-'))
  dirs.push(dir)
  cpSync(CATALOG_DIR, join(dir, 'catalog'), { recursive: true })
  return join(dir, 'catalog')
}

const progressBody = {
  credential: 'cma-aama',
  cycleEnd: '2027-06-30',
  asOf: '2026-11-24',
  activities: [],
}

/** The app over a copy of the catalog folder, loaded, with its log lines. */
async function folderApp() {
  const dir = copyOfCatalog()
  const logs: { event: string; fields: Record<string, unknown> }[] = []
  const t = makeTestApp({
    adminToken: TOKEN,
    catalogDir: dir,
    log: (event, fields) => logs.push({ event, fields }),
  })
  expect((await t.loadFolder()).status).toBe('loaded')
  /** The old catalog still answers: 154 courses, and progress for every credential. */
  const stillServing = async () => {
    expect((await t.get('/healthz')).body.courses).toBe(154)
    expect((await t.post('/v1/progress', progressBody)).status).toBe(200)
    expect((await t.get('/v1/courses?q=phlebotmy')).body.total).toBeGreaterThan(0)
  }
  return { t, dir, logs, stillServing }
}

describe('a catalog folder that looks like a wipe', () => {
  it.each([
    ['every course file deleted', ['courses'], /removes 154 of the 154 loaded courses/],
    ['credentials/ deleted', ['credentials'], /rule set of .*cma-aama/],
    ['synonyms.json deleted', ['synonyms.json'], /removes all \d+ synonym groups/],
  ])('is held when %s, logged, and the old catalog keeps serving', async (_, paths, reason) => {
    const { t, dir, logs, stillServing } = await folderApp()
    for (const path of paths) rmSync(join(dir, path), { recursive: true })
    const outcome = await t.loadFolder()
    expect(outcome.status).toBe('held')
    expect(outcome.status === 'held' && outcome.reasons.join(' ')).toMatch(reason)
    const line = logs.find((l) => l.event === 'catalog.held')
    expect(String(line?.fields.reasons)).toMatch(reason)
    await stillServing()
    // Insisting loads it.
    const forced = await t.app.request('/v1/admin/catalog/reload?force=true', {
      method: 'POST',
      headers: auth,
    })
    expect(forced.status).toBe(200)
    expect((await forced.json()).status).toBe('loaded')
  })

  it('lists the removed credentials in the 409 of a reload', async () => {
    const { t, dir } = await folderApp()
    rmSync(join(dir, 'credentials', 'rma-amt.json'))
    const res = await t.app.request('/v1/admin/catalog/reload', { method: 'POST', headers: auth })
    expect(res.status).toBe(409)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect((await res.json()).change.credentials.removed).toEqual(['rma-amt'])
  })
})

describe('an upload that looks like a wipe', () => {
  const put = (t: ReturnType<typeof makeTestApp>, doc: unknown, query = '') =>
    t.app.request(`/v1/admin/catalog${query}`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(doc),
    })

  it.each<[string, (c: Catalog) => Catalog, RegExp]>([
    ['credentials: []', (c) => ({ ...c, credentials: [] }), /rule set of ccma-nha, cma-aama/],
    ['synonyms: []', (c) => ({ ...c, synonyms: [] }), /synonym groups/],
    [
      'fewer than half the courses',
      (c) => ({ ...c, courses: c.courses.slice(0, 70) }),
      /removes 84 of the 154/,
    ],
  ])('with %s is refused with 409 and the change, then forced', async (_, edit, reason) => {
    const { t, stillServing } = await folderApp()
    const doc = edit(await shippedCatalog())
    const res = await put(t, doc)
    expect(res.status).toBe(409)
    const body = await res.json()
    expect(body.detail).toMatch(reason)
    expect(body.change.before).toBe(154)
    expect(body.change.credentials.removed).toEqual(
      doc.credentials.length === 0
        ? ['ccma-nha', 'cma-aama', 'ncma-ncct', 'rma-amt', 'rma-arma']
        : [],
    )
    await stillServing()
    const forced = await put(t, doc, '?force=true')
    expect(forced.status).toBe(200)
    expect((await forced.json()).storage.source).toBe('folder')
  })

  it('keeps the current credentials and synonyms when the upload omits them (no wipe)', async () => {
    const { t } = await folderApp()
    const { credentials: _c, synonyms: _s, ...doc } = await shippedCatalog()
    const res = await put(t, doc)
    expect(res.status).toBe(200)
    expect((await res.json()).change.credentials).toEqual({ added: [], changed: [], removed: [] })
  })
})

describe('wipeRefusals', () => {
  const courses = Array.from({ length: 10 }, (_, i) => makeCourse({ id: `c${i}` }))
  const before = makeCatalog({ courses, synonyms: [['ekg', 'ecg']] })
  it.each<[string, Partial<Catalog>, number]>([
    ['removing 5 of 10 courses (exactly half)', { courses: courses.slice(5) }, 0],
    ['removing 6 of 10 courses', { courses: courses.slice(6) }, 1],
    ['changing every course', { courses: courses.map((c) => ({ ...c, price: 99 })) }, 0],
    ['dropping the synonyms', { synonyms: [] }, 1],
    ['dropping courses and synonyms', { courses: [], synonyms: [] }, 2],
  ])('%s: %i reason(s)', (_, edit, reasons) => {
    expect(wipeRefusals(compareCatalogs(before, { ...before, ...edit }))).toHaveLength(reasons)
  })

  it('never refuses a first load', () => {
    const empty = makeCatalog({ providers: [] })
    expect(wipeRefusals(compareCatalogs(empty, before))).toEqual([])
  })
})
