// `npm start`: builds the web app and the server when their sources are newer than their builds,
// then runs the compiled server (API + web on one port) with plain `node`, no TypeScript compiler at
// run time, and behaves like a service: it says each step as it goes, and SIGINT or SIGTERM stops the
// server it started (a second signal kills it). PORT, HOST, DATA_DIR, DEMO and DATABASE_URL are read
// by the server.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = path.join(root, 'apps/web/dist/index.html')
const builtServer = path.join(root, 'apps/server/dist/main.js')
const started = Date.now()

const say = (vi, en) => console.log(`• ${vi} / ${en} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

/** The time of the newest file among `paths` (folders walked). */
function newestOf(paths) {
  return Math.max(...paths.map((p) => path.join(root, p)).map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)))
}

/** True when `built` is missing or older than the newest of `sources`. */
function stale(built, sources) {
  return !fs.existsSync(built) || fs.statSync(built).mtimeMs < newestOf(sources)
}

/** The child running now (the web build, then the server): a signal to us goes to it. */
let current
/** When the first stop signal came (0: running). */
let stopping = 0
function stop(signal) {
  if (!current) process.exit(130)
  if (stopping) {
    // Ctrl+C reaches every process of the terminal's group at once: only a signal repeated later kills.
    if (Date.now() - stopping < 2000) return
    console.log('Dừng ngay (SIGKILL) / killing now')
    current.kill('SIGKILL')
    return
  }
  stopping = Date.now()
  console.log(`\n${signal}: đang dừng máy chủ / stopping the server...`)
  current.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM')
  // A server that does not stop within 20 s is killed: never leave it running behind us.
  setTimeout(() => current?.kill('SIGKILL'), 20_000).unref()
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal))
// `npm start` runs us through `sh -c`, which dies on npm's SIGTERM without passing it on: when our
// parent goes away (we are handed to init), stop as if signalled, so no server is left orphaned.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent && !stopping) stop('npm start đã dừng / npm start ended')
}, 300).unref()

function run(args, options = {}) {
  return new Promise((resolve) => {
    current = spawn(args[0], args.slice(1), { cwd: root, stdio: 'inherit', ...options })
    current.on('exit', (code, signal) => {
      current = undefined
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 15))
    })
  })
}

if (process.env.WEB_DIST === '') {
  say('WEB_DIST rỗng: chỉ chạy API, không build giao diện web', 'WEB_DIST is empty: API only, no web build')
} else if (stale(builtIndex, ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/domain/src'])) {
  say('Đang build giao diện web (lần đầu có thể mất 1-2 phút)', 'building the web app (first time: a minute or two)')
  // Always React's production build, whatever NODE_ENV the server is started with.
  const status = await run([process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', 'build', '-w', '@hts/web'], { env: { ...process.env, NODE_ENV: 'production' } })
  if (status !== 0 || stopping) process.exit(stopping ? 130 : status)
  say('Đã build giao diện web', 'web app built')
} else {
  say('Giao diện web đã build sẵn', 'web app already built')
}

if (stale(builtServer, ['apps/server/src', 'apps/server/build.mjs', 'packages/domain/src', 'packages/domain/package.json'])) {
  say('Đang biên dịch máy chủ (vài giây)', 'compiling the server (a few seconds)')
  const status = await run([process.execPath, 'apps/server/build.mjs'])
  if (status !== 0 || stopping) process.exit(stopping ? 130 : status)
  say('Đã biên dịch máy chủ', 'server compiled')
} else {
  say('Máy chủ đã biên dịch sẵn', 'server already compiled')
}

say('Đang chạy máy chủ (tạo và cập nhật CSDL, dữ liệu mẫu, rồi nghe cổng)', 'starting the server (database, migrations, seed, listen)')
// Plain node on the compiled server (apps/server/dist): no TypeScript compiler at run time.
// A larger young generation: matching and imports allocate many short-lived objects (+10% measured).
// A heap that grows by 20% over what the last full collection kept, not V8's default: a 1M-row import
// on PGlite stayed at ~830 MB instead of passing 1 GB, no CPU cost measured (docs/PERFORMANCE.md).
// The same flags in bench/lib/server-process.ts and deploy/ho-tich-so.service.
// The IPC channel lets the server notice if we die without passing on a signal (kill -9) and stop too.
const code = await run([process.execPath, '--max-semi-space-size=32', '--heap-growing-percent=20', builtServer], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
process.exit(code)
