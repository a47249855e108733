/**
 * Catalog parsing in a worker thread (Node): the event loop keeps answering searches and plans
 * while a large or hostile catalog is parsed and validated; the thread has a heap limit and a
 * deadline, and ends after each job so its memory goes back to the system.
 */
import type { Worker } from 'node:worker_threads'
import type { FolderParser } from '../catalog-folder.js'
import { siblingModule, startWorker } from '../worker-thread.js'
import {
  type CatalogParser,
  type CurrentRules,
  DEFAULT_PARSE_LIMITS,
  type ParseLimits,
  type UploadResult,
} from './bounded.js'

export type ThreadJob =
  | { kind: 'upload'; text: string; current: CurrentRules }
  /** Reads the folder; `result` is null when its hash is one of `skip`. */
  | { kind: 'folder'; dir: string; skip: string[] }

export type FolderParse = Awaited<ReturnType<FolderParser>>

export interface ThreadLimits extends ParseLimits {
  /** A job running longer is stopped and its catalog refused. */
  timeoutMs: number
  /** Heap of the thread, in MB. */
  heapMb: number
}

export const DEFAULT_THREAD_LIMITS: ThreadLimits = {
  ...DEFAULT_PARSE_LIMITS,
  timeoutMs: 60_000,
  heapMb: 2_048,
}

/** Thrown when a job could not finish: too slow, out of memory, or the thread failed. */
export class ParseAborted extends Error {
  override name = 'ParseAborted'
}

const THREAD = siblingModule('thread', import.meta.url)

/** Starts a thread and resolves once it has loaded its code and is ready for a job. */
function startThread(heapMb: number): Promise<Worker> {
  const worker = startWorker(THREAD, { resourceLimits: { maxOldGenerationSizeMb: heapMb } })
  worker.unref()
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker))
    worker.once('error', reject)
    worker.once('exit', (code) =>
      reject(new ParseAborted(`the parsing thread stopped (exit ${code})`)),
    )
  })
}

/** Runs one job on a ready thread, then ends the thread (its memory goes back). */
function runOn<T>(worker: Worker, job: ThreadJob, limits: ThreadLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      worker.removeAllListeners()
      fn()
      void worker.terminate()
    }
    const timer = setTimeout(
      () =>
        settle(() => reject(new ParseAborted(`parsing took longer than ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    )
    worker.on('message', (message: { ok: boolean; value?: T; error?: string }) =>
      settle(() =>
        message.ok
          ? resolve(message.value as T)
          : reject(new ParseAborted(message.error ?? 'failed')),
      ),
    )
    worker.on('error', (error) =>
      settle(() =>
        reject(
          new ParseAborted(
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `parsing needed more than ${limits.heapMb} MB`
              : error.message,
          ),
        ),
      ),
    )
    worker.on('exit', (code) =>
      settle(() => reject(new ParseAborted(`the parsing thread stopped (exit ${code})`))),
    )
    worker.postMessage({
      job,
      limits: { maxDepth: limits.maxDepth, maxCourses: limits.maxCourses },
    })
  })
}

/** A refusal naming why the whole catalog could not be parsed. */
const aborted = (file: string, error: unknown) => ({
  ok: false as const,
  issues: [{ file, path: '$', message: error instanceof Error ? error.message : String(error) }],
})

/**
 * One thread is kept loaded and idle, so a job starts at once (loading the code takes a while);
 * each job ends its thread and a fresh one is started for the next.
 */
export class ThreadedCatalogParser implements CatalogParser {
  private spare: Promise<Worker> | null = null

  constructor(
    readonly limits: ThreadLimits = DEFAULT_THREAD_LIMITS,
    /** Told when a spare thread has loaded and waits for a job. */
    private readonly onSpareReady: (ms: number) => void = () => {},
  ) {}

  private run<T>(job: ThreadJob): Promise<T> {
    const ready = this.spare ?? startThread(this.limits.heapMb)
    // The next job's thread loads while this one runs.
    this.spare = null
    const next = () => {
      const started = performance.now()
      this.spare = startThread(this.limits.heapMb)
      this.spare.then(
        () => this.onSpareReady(Math.round(performance.now() - started)),
        () => {
          this.spare = null
        },
      )
    }
    return ready.then(
      (worker) => runOn<T>(worker, job, this.limits).finally(next),
      (error: unknown) => {
        next()
        throw new ParseAborted(error instanceof Error ? error.message : String(error))
      },
    )
  }

  /** Ends the spare thread (at shutdown). */
  async close(): Promise<void> {
    const spare = this.spare
    this.spare = null
    if (spare) await (await spare.catch(() => null))?.terminate()
  }

  async upload(text: string, current: CurrentRules): Promise<UploadResult> {
    try {
      return await this.run<UploadResult>({ kind: 'upload', text, current })
    } catch (error) {
      if (error instanceof ParseAborted) return aborted('', error)
      throw error
    }
  }

  /** Reads, hashes and (unless its hash is in `skip`) parses a catalog folder in a thread. */
  folder: FolderParser = async (dir, skip) => {
    try {
      return await this.run<FolderParse>({ kind: 'folder', dir, skip })
    } catch (error) {
      if (error instanceof ParseAborted) return { hash: null, result: aborted(dir, error) }
      throw error
    }
  }
}
