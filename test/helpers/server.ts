/**
 * A real server process, started with the command `npm start` runs (package.json), on a free
 * port, over a fresh database. Its JSON log lines are collected.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = new URL('../../', import.meta.url).pathname

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** Every log line so far, parsed. */
  lines: Record<string, unknown>[]
  /** Resolves with the first log line (past or future) that matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  exited: Promise<number | null>
  stop(): Promise<void>
}

/** `npm start`'s command, run directly, so that the signals a test sends reach what npm runs. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const [program, ...args] = (pkg.scripts.start as string).split(/\s+/)
  if (program !== 'node') throw new Error(`npm start does not run node directly: ${program}`)
  return args
}

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'recert-srv-'))
  const child = spawn(process.execPath, startCommand(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'db.sqlite'),
      CATALOG_POLL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: Record<string, unknown>[] = []
  const waiters: {
    match: (l: Record<string, unknown>) => boolean
    resolve: (l: Record<string, unknown>) => void
  }[] = []
  let rest = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString()
    const parts = text.split('\n')
    rest = parts.pop() ?? ''
    for (const part of parts) {
      if (!part.startsWith('{')) continue
      const line = JSON.parse(part) as Record<string, unknown>
      lines.push(line)
      for (const w of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  // 'close', not 'exit': every line the process wrote has been read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  const waitFor = (match: (l: Record<string, unknown>) => boolean) => {
    const seen = lines.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ match, resolve })
      void exited.then((code) =>
        reject(new Error(`server exited (${code}): ${JSON.stringify(lines)}`)),
      )
    })
  }
  const listening = await waitFor((l) => l.event === 'server.listening')
  return {
    child,
    url: `http://127.0.0.1:${listening.port}`,
    lines,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
