/** A real server process (`src/entry/node.ts`) on a random port, with its log lines. */
import { type ChildProcess, spawn } from 'node:child_process'

const ROOT = new URL('../../', import.meta.url).pathname

export interface Server {
  url: string
  /** Every JSON log line so far, parsed. */
  logs: Record<string, unknown>[]
  /** Resolves with the first log line (past or future) whose event matches. */
  waitForLog(event: string, from?: number): Promise<Record<string, unknown>>
  stop(): Promise<number | null>
}

export async function startServer(env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CATALOG_POLL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const logs: Record<string, unknown>[] = []
  const waiters: { event: string; from: number; resolve: (l: Record<string, unknown>) => void }[] =
    []
  let buffer = ''
  const check = () => {
    for (const w of [...waiters]) {
      const found = logs.slice(w.from).find((l) => l.event === w.event)
      if (found) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(found)
      }
    }
  }
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        logs.push({ event: 'text', line })
      }
    }
    check()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const waitForLog = (event: string, from = 0) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ event, from, resolve })
      check()
      exited.then(() =>
        reject(new Error(`server exited before ${event}: ${JSON.stringify(logs, null, 1)}`)),
      )
    })
  const listening = await waitForLog('server.listening')
  return {
    url: `http://127.0.0.1:${listening.port as number}`,
    logs,
    waitForLog,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}
