/** SQLite durability and process lifecycle: WAL, a crash mid-import, graceful shutdown. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CatalogFolderLoader } from '../../src/adapters/catalog-folder.js'
import { CatalogStore } from '../../src/adapters/db/catalog-store.js'
import { openSqlite } from '../../src/adapters/db/sqlite.js'
import { SqliteSearchIndex } from '../../src/adapters/sqlite-search.js'
import { searchParamsSchema } from '../../src/core/search/query.js'
import { CATALOG_DIR } from '../helpers/app.js'

const ROOT = new URL('../../', import.meta.url).pathname

/** Resolves with the first stdout line matching, collecting all output. */
function waitFor(child: ChildProcess, pattern: RegExp, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue
        output.push(line)
        if (pattern.test(line)) resolve(line)
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) =>
      reject(new Error(`exited (${code}) before ${pattern}: ${output.join('\n')}`)),
    )
  })
}

describe('durability', () => {
  it('opens SQLite in WAL mode with a busy timeout', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'recert-db-')), 'x.db')
    openSqlite(path).close()
    const db = new Database(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    const handle = openSqlite(path)
    // biome-ignore lint/suspicious/noExplicitAny: reading the driver under drizzle
    const raw = (handle.db as any).$client as Database.Database
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000)
    handle.close()
  })

  it('keeps the previous catalog intact when killed (SIGKILL) in the middle of an import', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'recert-db-')), 'catalog.db')
    const first = openSqlite(path)
    const store = new CatalogStore(first.db, first.runAtomically)
    const search = new SqliteSearchIndex(first.db, store)
    expect((await new CatalogFolderLoader(CATALOG_DIR, store, search).load()).status).toBe('loaded')
    const before = await store.currentHash()
    first.close()

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/import-child.ts', path, CATALOG_DIR, '30000'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const output: string[] = []
    await waitFor(child, /^writing$/, output)
    await new Promise((resolve) => setTimeout(resolve, 200))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(output.some((l) => l.startsWith('committed'))).toBe(false)

    const after = openSqlite(path)
    // biome-ignore lint/suspicious/noExplicitAny: reading the driver under drizzle
    const raw = (after.db as any).$client as Database.Database
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    const reopened = new CatalogStore(after.db, after.runAtomically)
    expect(await reopened.currentHash()).toBe(before)
    expect(await reopened.loadedCourses()).toBe(154)
    const found = await new SqliteSearchIndex(after.db, reopened).search(
      searchParamsSchema.parse({ q: 'phlebotomy' }),
    )
    expect(found.total).toBeGreaterThan(0)
    after.close()
  }, 60_000)

  it('drains a request in flight on SIGTERM, then exits cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recert-srv-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'db.sqlite'),
        CATALOG_POLL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const output: string[] = []
    const listening = await waitFor(child, /server\.listening/, output)
    const port = JSON.parse(listening).port as number
    const body = JSON.stringify({
      credential: 'cma-aama',
      cycleEnd: '2027-06-30',
      asOf: '2026-11-24',
      activities: [],
    })
    const socket = connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    let response = ''
    socket.on('data', (chunk) => {
      response += chunk.toString()
    })
    const ended = new Promise((resolve) => socket.once('end', resolve))
    // Half a request, then SIGTERM, then the rest: the server must finish it before exiting.
    socket.write(
      `POST /v1/plan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 20)}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    socket.write(body.slice(20))
    await ended
    expect(response).toMatch(/^HTTP\/1\.1 200/)
    expect(response).toContain('"feasible":true')
    expect(await exited).toBe(0)
    expect(output.some((l) => l.includes('"server.stopped"') && l.includes('"drained":true'))).toBe(
      true,
    )
  }, 60_000)
})
