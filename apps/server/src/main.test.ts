/**
 * Production-safe defaults (issue 14), through the real server started as a process: demo mode
 * listens on 127.0.0.1 only and refuses any other HOST; a production start creates one
 * administrator with a one-time password printed once and a forced change, no demo account, and
 * /api/docs behind login; `npm start` (scripts/start.mjs) stops the server it started.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Client } from './test/harness'
import { childData, exited, exitedWithin, freePort, startChildServer, type ChildData, type ChildServer } from './test/child-server'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const PRODUCTION = { DEMO: 'false', NODE_ENV: 'production' }
// Each start compiles the server (tsx) and opens a database: about 25 s on a busy machine.
const SLOW = 240_000

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function data(prefix: string): Promise<ChildData> {
  const d = await childData(prefix)
  cleanups.push(() => d.dispose())
  return d
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  if (!(await exitedWithin(child, 20_000))) {
    child.kill('SIGKILL')
    await exited(child)
  }
}

async function start(d: ChildData, env: NodeJS.ProcessEnv): Promise<ChildServer> {
  const server = await startChildServer(d, await freePort(), env)
  cleanups.push(() => stopProcess(server.child))
  return server
}

/** True when something accepts connections at host:port. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.setTimeout(2000)
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => { socket.destroy(); resolve(false) })
  })
}

const otherAddress = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address

describe('demo mode', () => {
  it('listens on 127.0.0.1 only when HOST is not set, and says so', async () => {
    const server = await start(await data('hts-demo-'), { HOST: '' })
    const port = Number(new URL(server.base).port)
    expect(server.output()).toContain('Chế độ demo: chỉ nghe trên 127.0.0.1')
    expect(server.output()).toContain('tuphap.anphu')
    expect(await listening('127.0.0.1', port)).toBe(true)
    if (otherAddress) expect(await listening(otherAddress, port)).toBe(false)
    // The API description stays open in demo mode.
    expect((await fetch(`${server.base}/api/docs/json`)).status).toBe(200)
  }, SLOW)

  it('refuses to start with HOST=0.0.0.0, saying why and what to do', async () => {
    const d = await data('hts-demo-host-')
    await expect(startChildServer(d, await freePort(), { HOST: '0.0.0.0', DEMO: 'true' })).rejects.toThrow(/server exited \(2\)[\s\S]*Chế độ demo chỉ chạy trên 127\.0\.0\.1[\s\S]*DEMO=false/)
  }, SLOW)

  it.skipIf(Boolean(process.env.DATABASE_URL))('refuses a PGlite buffer pool it cannot use, saying what to write, not that the data is damaged', async () => {
    const d = await data('hts-pool-setting-')
    const refused = startChildServer(d, await freePort(), { PGLITE_SHARED_BUFFERS: '3GB' })
    await expect(refused).rejects.toThrow(/server exited \(2\)[\s\S]*PGLITE_SHARED_BUFFERS=3GB không dùng được: viết một số nguyên kèm đơn vị kB, MB hoặc GB/)
    await expect(refused).rejects.not.toThrow(/có thể đã hỏng/)
  }, SLOW)
})

describe('a production start', () => {
  it('creates one administrator with a one-time password printed once, who must change it; no demo account; /api/docs needs login', async () => {
    const d = await data('hts-prod-')
    let server = await start(d, PRODUCTION)
    const printed = [...server.output().matchAll(/Mật khẩu dùng một lần \/ one-time password: (\S+)/g)].map((m) => m[1] ?? '')
    expect(printed).toHaveLength(1)
    const oneTime = printed[0] ?? ''
    expect(server.output()).not.toContain('Tài khoản demo')

    const anonymous = new Client(server.base)
    for (const url of ['/api/docs', '/api/docs/json']) expect((await fetch(server.base + url, { redirect: 'manual' })).status).toBe(401)
    expect((await anonymous.post('/api/auth/login', { username: 'tuphap.anphu', password: 'HoTich@2025' })).status).toBe(401)
    expect((await anonymous.post('/api/auth/login', { username: 'sotuphap', password: 'HoTich@2025' })).status).toBe(401)

    const admin = new Client(server.base)
    const login = await admin.post('/api/auth/login', { username: 'admin', password: oneTime })
    expect(login.status).toBe(200)
    expect(login.body.user).toMatchObject({ username: 'admin', role: 'system_admin', passwordChangeRequired: true })
    // Nothing but the change until it is made.
    const refused = await admin.get('/api/users')
    expect(refused.status).toBe(403)
    expect(refused.body.error).toBe('password_change_required')
    expect((await admin.get('/api/auth/me')).status).toBe(200)
    expect((await admin.post('/api/auth/change-password', { currentPassword: 'sai-mat-khau-1', newPassword: 'Quan-tri-moi-2026' })).status).toBe(400)
    expect((await admin.post('/api/auth/change-password', { currentPassword: oneTime, newPassword: 'Quan-tri-moi-2026' })).status).toBe(204)
    // The session that made the change goes on (any other one ends); the one-time password no longer works.
    const changed = await admin.get('/api/auth/me')
    expect(changed.status).toBe(200)
    expect(changed.body.user.passwordChangeRequired).toBe(false)
    expect((await new Client(server.base).post('/api/auth/login', { username: 'admin', password: oneTime })).status).toBe(401)
    const again = new Client(server.base)
    const relogin = await again.post('/api/auth/login', { username: 'admin', password: 'Quan-tri-moi-2026' })
    expect(relogin.body.user.passwordChangeRequired).toBe(false)
    const users = await again.get('/api/users')
    expect(users.status).toBe(200)
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(['admin'])
    expect((await again.fetch('/api/docs/json')).status).toBe(200)

    expect(relogin.body.user.unit.code).toBe('00')

    // The province's units imported, a second start on the same data creates nobody, prints no
    // password, and moves the administrator from the placeholder to the province.
    await stopProcess(server.child)
    const csv = path.join(d.dataDir, 'units.csv')
    fs.writeFileSync(csv, 'code,name,level\n97,Tỉnh Thử Nghiệm,province\n')
    const env: NodeJS.ProcessEnv = { ...process.env, ...PRODUCTION, DATA_DIR: d.dataDir }
    delete env.DATABASE_URL
    if (d.databaseUrl) env.DATABASE_URL = d.databaseUrl
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/units-import.ts', csv, '--version-date', '2025-07-01'], { cwd: ROOT, env, stdio: 'pipe' })
    server = await start(d, PRODUCTION)
    expect(server.output()).not.toContain('one-time password')
    const after = new Client(server.base)
    const moved = await after.post('/api/auth/login', { username: 'admin', password: 'Quan-tri-moi-2026' })
    expect(moved.status).toBe(200)
    expect(moved.body.user.unit).toMatchObject({ code: '97', level: 'province' })
    expect((await after.get('/api/users')).body.items).toHaveLength(1)
  }, SLOW)
})

/** `node scripts/start.mjs` (what `npm start` runs) or `npm start` itself, API only, with the pids of the script's children. */
async function startScript(d: ChildData, via: 'node' | 'npm' = 'node'): Promise<{ child: ChildProcess; port: number; output(): string; serverPids(): number[] }> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: d.dataDir, DEMO: 'true', DEMO_CAMPAIGN: 'false', NODE_ENV: 'test', WEB_DIST: '', LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  if (d.databaseUrl) env.DATABASE_URL = d.databaseUrl
  let output = ''
  const child = via === 'node'
    ? spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  cleanups.push(async () => {
    child.kill('SIGKILL')
    await exited(child)
  })
  const childrenOf = (pid: number | undefined): number[] => {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0)
    } catch {
      return []
    }
  }
  // Under npm: npm → sh -c → start.mjs → server; every process below npm must go.
  const serverPids = (): number[] => {
    const all: number[] = []
    for (let level = childrenOf(child.pid); level.length > 0; level = level.flatMap(childrenOf)) all.push(...level)
    return all
  }
  for (const until = Date.now() + 120_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    if (child.exitCode !== null) throw new Error(`start.mjs exited (${child.exitCode}):\n${output}`)
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return { child, port, output: () => output, serverPids }
  }
  throw new Error(`start.mjs did not start the server:\n${output}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function gone(pids: number[], port: number): Promise<void> {
  for (const until = Date.now() + 20_000; Date.now() < until && (pids.some(alive) || (await listening('127.0.0.1', port))); ) await new Promise((r) => setTimeout(r, 200))
  expect(pids.filter(alive)).toEqual([])
  expect(await listening('127.0.0.1', port)).toBe(false)
}

describe('npm start (scripts/start.mjs)', () => {
  it('says each step, and a SIGTERM stops the server it started: port freed, no orphan', async () => {
    const script = await startScript(await data('hts-start-'))
    expect(script.output()).toContain('Đang chạy máy chủ')
    expect(script.output()).toContain('Đang cập nhật cấu trúc dữ liệu')
    const pids = script.serverPids()
    expect(pids).toHaveLength(1)
    script.child.kill('SIGTERM')
    expect(await exitedWithin(script.child, 25_000)).toBe(true)
    await gone(pids, script.port)
  }, SLOW)

  it('a SIGTERM to `npm start` itself stops everything below it (sh does not pass it on)', async () => {
    const script = await startScript(await data('hts-start-npm-'), 'npm')
    const pids = script.serverPids()
    expect(pids.length).toBeGreaterThanOrEqual(2)
    script.child.kill('SIGTERM')
    await exited(script.child)
    await gone(pids, script.port)
  }, SLOW)

  it('a kill -9 of start.mjs stops its server too', async () => {
    const script = await startScript(await data('hts-start-kill-'))
    const pids = script.serverPids()
    expect(pids).toHaveLength(1)
    script.child.kill('SIGKILL')
    await exited(script.child)
    await gone(pids, script.port)
  }, SLOW)
})
