/**
 * Starting a worker thread from a module next to the caller, from TypeScript sources (npm start,
 * tests: the thread registers tsx before it loads the module) or from built JavaScript.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'

/** The URL of the sibling module `name` (no extension), in the caller's own language. */
export function siblingModule(name: string, callerUrl: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl)
}

/** A worker thread running `module`; like `new Worker(module, options)`, TypeScript included. */
export function startWorker(module: URL, options: WorkerOptions = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options)
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}) })`,
    { ...options, eval: true },
  )
}
