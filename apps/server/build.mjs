// `npm run build -w @hts/server`: the server compiled to plain JavaScript in dist/, so that a
// production start needs no TypeScript compiler (no tsx loader) at run time.
//
// esbuild bundles our own code (the server and @hts/domain, whose package points at TypeScript
// sources) and leaves every npm package external, loaded from node_modules as usual. tsc cannot do
// this alone: our imports have no file extensions (moduleResolution "bundler"), which Node's ESM
// loader does not resolve, and @hts/domain is TypeScript.
//
// Layout: every entry point sits at the top of dist/ (main.js, the worker entries pdf-worker.js,
// row-worker.js, scoring-worker.js, the command-line tools), and so do the shared chunks. Code
// that finds files from its own place (`new URL('./pdf-worker.ts', import.meta.url)`, the
// repository root in config.ts) sees the same depth below the repository as in src/; the worker
// helper (src/lib/ts-worker.ts) loads `<name>.js` beside it when it runs compiled. Migrations go
// to dist/migrations/, one file each, read by db/migrate.ts like src/db/migrations/.
//
// The build is written to a temporary folder and then put in place, so that a server started
// meanwhile never sees half a build; dist/main.js carries the time the build started, so that
// `npm start` rebuilds after any source change made during a build.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const src = path.join(here, 'src')
const dist = path.join(here, 'dist')
const started = new Date()

const tsFiles = (dir) => fs.readdirSync(path.join(src, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `${dir}/${f}`)
/** Worker entry files (`*-worker.ts`), each started by `startTsWorker(new URL('./<name>.ts', import.meta.url))`. */
const workers = fs.readdirSync(path.join(src, 'modules'), { recursive: true }).map(String).filter((f) => f.endsWith('-worker.ts')).map((f) => `modules/${f}`)
const entries = ['main.ts', ...workers, ...tsFiles('cli')]
const names = entries.map((e) => path.basename(e, '.ts'))
const twice = names.find((n, i) => names.indexOf(n) !== i)
if (twice) throw new Error(`Two entry points are named ${twice}: they would both be dist/${twice}.js`)

/** Our own packages (@hts/*) are compiled in; every other bare import stays an npm package. */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@hts/') ? undefined : { path: args.path, external: true }))
  },
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  // Compiled-only code paths (src/lib/ts-worker.ts); minifySyntax folds them, so the tsx branch is dropped.
  define: { __HTS_COMPILED__: 'true' },
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [npmPackagesExternal],
}

const out = fs.mkdtempSync(path.join(here, '.dist-'))
try {
  await build({
    ...common,
    entryPoints: entries.map((e) => path.join(src, e)),
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    splitting: true,
  })
  await build({
    ...common,
    entryPoints: tsFiles('db/migrations').map((e) => path.join(src, e)),
    outdir: path.join(out, 'migrations'),
    entryNames: '[name]',
  })
  fs.utimesSync(path.join(out, 'main.js'), started, started)
  fs.chmodSync(out, 0o755)
  // The previous build is moved aside (one rename) and removed after: dist/ is never half there, and
  // of two builds at once (two starts, tests) the last one to arrive replaces the other's.
  const aside = fs.mkdtempSync(path.join(here, '.dist-old-'))
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        fs.renameSync(dist, path.join(aside, String(attempt)))
      } catch (error) {
        if (error.code !== 'ENOENT') throw error
      }
      try {
        fs.renameSync(out, dist)
        break
      } catch (error) {
        if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error
      }
    }
  } finally {
    fs.rmSync(aside, { recursive: true, force: true })
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true })
}
console.log(`Server compiled to ${path.relative(process.cwd(), dist) || '.'} in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`)
