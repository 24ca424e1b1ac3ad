import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * A worker thread running one of our TypeScript modules. The worker registers tsx itself, so this
 * works the same under `tsx`, plain `node` and vitest.
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(module.href)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}
