/**
 * One source of truth: an admin import survives a restart (a real server process over a real
 * SQLite file), and a folder change after an import is applied or held as designed, with a log.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readCatalog } from '../../src/adapters/catalog-folder.js'
import { layoutCatalog } from '../../src/adapters/catalog-persist.js'
import type { Catalog } from '../../src/core/catalog/schemas.js'
import { CATALOG_DIR, makeCourse } from '../helpers/app.js'
import { type Server, startServer } from '../helpers/server-logs.js'

const TOKEN = 'persist-test-token-0123456789'
const dirs: string[] = []
const servers: Server[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recert-persist-'))
  dirs.push(dir)
  return dir
}

/** A copy of the shipped catalog folder and a database path beside it. */
function workspace() {
  const dir = tempDir()
  cpSync(CATALOG_DIR, join(dir, 'catalog'), { recursive: true })
  return { catalogDir: join(dir, 'catalog'), dbPath: join(dir, 'recert.db') }
}

async function folderCatalog(dir: string): Promise<Catalog> {
  const { result } = await readCatalog(dir)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.catalog
}

/** The shipped catalog with one course added and one changed. */
async function oneAddedOneChanged(dir: string) {
  const catalog = await folderCatalog(dir)
  const [first, ...rest] = catalog.courses
  if (!first) throw new Error('no course')
  const changed = { ...first, title: `${first.title} (second edition)` }
  const added = makeCourse({ id: 'imported-course', provider: first.provider, title: 'Imported' })
  return { doc: { ...catalog, courses: [changed, ...rest, added] }, changed, added }
}

async function put(server: Server, doc: unknown, query = '') {
  const res = await fetch(`${server.url}/v1/admin/catalog${query}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  })
  return { status: res.status, body: await res.json() }
}

const course = async (server: Server, id: string) =>
  (await fetch(`${server.url}/v1/courses/${id}`)).json()

describe('an admin import with a catalog folder', () => {
  it('is written into the folder, says so, and survives a restart', async () => {
    const { catalogDir, dbPath } = workspace()
    const env = { CATALOG_DIR: catalogDir, DATABASE_PATH: dbPath, ADMIN_TOKEN: TOKEN }
    const first = await startServer(env)
    servers.push(first)
    const { doc, changed, added } = await oneAddedOneChanged(catalogDir)
    const answer = await put(first, doc)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ added: 1, changed: 1, removed: 0 })
    expect(answer.body.storage).toMatchObject({ source: 'folder', dir: catalogDir })
    expect(answer.body.change.courses).toEqual({
      added: ['imported-course'],
      changed: [changed.id],
      removed: [],
    })
    // Only the files holding those two courses were written.
    expect(answer.body.storage.files.length).toBeLessThanOrEqual(2)
    await servers.pop()?.stop()

    const second = await startServer(env)
    servers.push(second)
    expect((await course(second, added.id)).title).toBe('Imported')
    expect((await course(second, changed.id)).title).toBe(changed.title)
    // The restart found the folder as the import left it: nothing was reloaded over it.
    expect(second.logs.some((l) => l.event === 'catalog.loaded')).toBe(false)
    const files = (answer.body.storage.files as string[]).map((f) =>
      readFileSync(join(catalogDir, f), 'utf8'),
    )
    expect(files.join('')).toContain('imported-course')
  }, 60_000)

  it('applies a newer folder edit after the import, and holds an older one, logging both', async () => {
    const { catalogDir, dbPath } = workspace()
    const server = await startServer({
      CATALOG_DIR: catalogDir,
      DATABASE_PATH: dbPath,
      ADMIN_TOKEN: TOKEN,
      CATALOG_POLL_MS: '100',
    })
    servers.push(server)
    const { doc, added } = await oneAddedOneChanged(catalogDir)
    const home = `courses/${added.provider}.json`
    const before = readFileSync(join(catalogDir, home), 'utf8')
    expect((await put(server, doc)).status).toBe(200)

    // Files restored from before the import (an older copy, an older image): held, logged.
    let mark = server.logs.length
    const path = join(catalogDir, home)
    writeFileSync(path, before)
    const past = new Date(Date.now() - 3_600_000)
    utimesSync(path, past, past)
    for (const sub of ['', 'courses', 'credentials']) utimesSync(join(catalogDir, sub), past, past)
    const held = await server.waitForLog('catalog.held', mark)
    expect(String(held.reasons)).toContain('older than the admin import')
    expect((await course(server, added.id)).title).toBe('Imported')

    // A maintainer's edit made after the import: applied, logged.
    mark = server.logs.length
    const edited = JSON.parse(before) as { title: string }[]
    ;(edited[0] as { title: string }).title = 'Edited in the folder'
    writeFileSync(path, `${JSON.stringify(edited, null, 2)}\n`)
    const loaded = await server.waitForLog('catalog.loaded', mark)
    expect(loaded).toMatchObject({ changed: expect.any(Number) })
    expect((await fetch(`${server.url}/v1/courses/${added.id}`)).status).toBe(404)
  }, 60_000)
})

describe('an admin import without a catalog folder', () => {
  it('makes the database the source, says so, and survives a restart', async () => {
    const dir = tempDir()
    const env = { CATALOG_DIR: '', DATABASE_PATH: join(dir, 'recert.db'), ADMIN_TOKEN: TOKEN }
    const first = await startServer(env)
    servers.push(first)
    const doc = await folderCatalog(CATALOG_DIR)
    const answer = await put(first, doc)
    expect(answer.status).toBe(200)
    expect(answer.body.storage.source).toBe('database')
    expect(answer.body.added).toBeGreaterThan(150)
    await servers.pop()?.stop()
    const second = await startServer(env)
    servers.push(second)
    const health = await (await fetch(`${second.url}/healthz`)).json()
    expect(health.courses).toBe(doc.courses.length)
  }, 60_000)
})

describe('layoutCatalog', () => {
  it('writes nothing when the catalog is what the folder holds', async () => {
    const { readCatalogFolder } = await import('../../src/adapters/catalog-folder.js')
    const files = await readCatalogFolder(CATALOG_DIR)
    const layout = layoutCatalog(files, await folderCatalog(CATALOG_DIR))
    expect(layout).toEqual({ writes: [], deletes: [] })
  })

  it('deletes the file of a removed rule set and a course file left empty', async () => {
    const { readCatalogFolder } = await import('../../src/adapters/catalog-folder.js')
    const files = await readCatalogFolder(CATALOG_DIR)
    const catalog = await folderCatalog(CATALOG_DIR)
    const layout = layoutCatalog(files, {
      ...catalog,
      credentials: catalog.credentials.filter((r) => r.id !== 'rma-arma'),
      courses: catalog.courses.filter((c) => c.provider !== 'aha'),
    })
    expect(layout.writes).toEqual([])
    expect(layout.deletes.sort()).toEqual(['courses/aha.json', 'credentials/rma-arma.json'])
  })
})
