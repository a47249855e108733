/**
 * The Node server as a child process for the benchmarks that go through HTTP: `npm start`'s
 * program on a free loopback port, over a fresh database and a copy of the catalog folder (an
 * admin import is written into the folder it serves, never into the repository's). Every JSON
 * log line goes to `onLine`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789'

export interface BenchServer {
  base: string
  child: ChildProcess
  stop(): Promise<void>
}

export async function startBenchServer(
  env: Record<string, string>,
  onLine: (entry: Record<string, unknown>) => void = () => {},
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'recert-bench-'))
  const catalogDir = join(dir, 'catalog')
  cpSync(new URL('../../catalog', import.meta.url).pathname, catalogDir, { recursive: true })
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'bench.db'),
      CATALOG_DIR: catalogDir,
      CATALOG_POLL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let pending = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.startsWith('{')) continue
        const entry = JSON.parse(line) as Record<string, unknown>
        if (entry.event === 'server.listening') resolve(entry.port as number)
        onLine(entry)
      }
    })
    void exited.then(() => reject(new Error('the server exited before listening')))
  })
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
