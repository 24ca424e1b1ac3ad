import { Worker, type WorkerOptions } from 'node:worker_threads'

/** Set to true by the production build (apps/server/build.mjs); not defined when the sources run through tsx or vitest. */
declare const __HTS_COMPILED__: boolean | undefined

/**
 * A worker thread running one of our modules, named by its TypeScript file beside the caller
 * (`new URL('./pdf-worker.ts', import.meta.url)`).
 *
 * From the sources (tsx, vitest) the worker registers tsx itself, so this works the same under
 * `tsx`, plain `node` and vitest. In the compiled server (dist/) the worker runs the compiled
 * `pdf-worker.js` beside the bundle with plain Node: no TypeScript compiler at run time (the
 * build defines __HTS_COMPILED__, so the tsx branch is not even in dist/).
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (typeof __HTS_COMPILED__ === 'boolean' && __HTS_COMPILED__) {
    return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), options)
  }
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(module.href)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}
