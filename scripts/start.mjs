// `npm start`: builds the web app when its sources are newer than the build, then runs the server
// (API + web on one port) and behaves like a service: it says each step as it goes, and SIGINT or
// SIGTERM stops the server it started (a second signal kills it). PORT, HOST, DATA_DIR, DEMO and
// DATABASE_URL are read by the server.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = path.join(root, 'apps/web/dist/index.html')
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

const sources = ['apps/web/src', 'apps/web/index.html', 'packages/domain/src'].map((p) => path.join(root, p))
const sourceTime = Math.max(...sources.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)))
if (process.env.WEB_DIST === '') {
  say('WEB_DIST rỗng: chỉ chạy API, không build giao diện web', 'WEB_DIST is empty: API only, no web build')
} else if (!fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < sourceTime) {
  say('Đang build giao diện web (lần đầu có thể mất 1-2 phút)', 'building the web app (first time: a minute or two)')
  const status = await run([process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', 'build', '-w', '@hts/web'])
  if (status !== 0 || stopping) process.exit(stopping ? 130 : status)
  say('Đã build giao diện web', 'web app built')
} else {
  say('Giao diện web đã build sẵn', 'web app already built')
}

say('Đang chạy máy chủ (tạo và cập nhật CSDL, dữ liệu mẫu, rồi nghe cổng)', 'starting the server (database, migrations, seed, listen)')
// A larger young generation: matching and imports allocate many short-lived objects (+10% measured).
// The IPC channel lets the server notice if we die without passing on a signal (kill -9) and stop too.
const code = await run([process.execPath, '--max-semi-space-size=32', '--import', 'tsx', 'apps/server/src/main.ts'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
process.exit(code)
