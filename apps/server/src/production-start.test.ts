/**
 * Production-safe defaults (issue 14): the dependencies run on the Node version the README states,
 * and `npm start` (scripts/start.mjs) compiles the server and runs the compiled JavaScript with
 * plain `node`, no TypeScript compiler at run time, worker threads included (Excel import rows,
 * PDF page rendering).
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Client } from './test/harness'
import { CHILD_PASSWORD, childData, exited, exitedWithin, freePort } from './test/child-server'
import { syntheticBirthRows, upload, waitForJob, workbookOf } from './test/import-helpers'
import { buildPdf, uploadScans } from './modules/scans/scan-fixtures'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const DIST = path.join(ROOT, 'apps/server/dist')

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('the Node version the README states', () => {
  it('is the lowest that package.json allows, and every installed package runs on it', () => {
    const range = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string
    const promised = /^>=\s*(\d+\.\d+)$/.exec(range)?.[1]
    expect(promised, `engines.node ${range}`).toBeTruthy()
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`Node.js ${promised}+`)
    // Fails (exit 1, naming each package) while cookie@2 or content-disposition@3 (Node >= 22) are installed.
    const output = execFileSync(process.execPath, ['scripts/check-engines.mjs'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })
    expect(output).toContain(`runs on Node ${promised}`)
  })
})

/** The pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0)
  } catch {
    return []
  }
}

describe('npm start in production', () => {
  it('runs the compiled server with plain node (no tsx anywhere), and its worker threads import a workbook and render PDF pages', async () => {
    const d = await childData('hts-compiled-')
    cleanups.push(() => d.dispose())
    const port = await freePort()
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: d.dataDir, DEMO: 'true', DEMO_CAMPAIGN: 'false', DEMO_PASSWORD: CHILD_PASSWORD, NODE_ENV: 'test', WEB_DIST: '', LOG_LEVEL: 'warn' }
    delete env.DATABASE_URL
    delete env.NODE_OPTIONS
    if (d.databaseUrl) env.DATABASE_URL = d.databaseUrl
    let output = ''
    const script = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    script.stdout.on('data', (c: Buffer) => (output += c.toString()))
    script.stderr.on('data', (c: Buffer) => (output += c.toString()))
    cleanups.push(async () => {
      script.kill('SIGTERM')
      if (!(await exitedWithin(script, 25_000))) script.kill('SIGKILL')
      await exited(script)
    })
    const base = `http://127.0.0.1:${port}`
    for (const until = Date.now() + 180_000; !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); await new Promise((r) => setTimeout(r, 250))) {
      if (script.exitCode !== null || Date.now() > until) throw new Error(`start.mjs did not start the server (${script.exitCode}):\n${output}`)
    }
    expect(output).toMatch(/Đang biên dịch máy chủ|Máy chủ đã biên dịch sẵn/)

    // The server process: plain node on dist/main.js, no loader, nothing of tsx in its options.
    const [serverPid] = childrenOf(script.pid ?? 0)
    const commandLine = fs.readFileSync(`/proc/${serverPid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    expect(commandLine[0]).toBe(process.execPath)
    expect(commandLine).toContain(path.join(DIST, 'main.js'))
    expect(commandLine.join(' ')).not.toMatch(/tsx|--import|--loader|\.ts\b/)
    const environment = fs.readFileSync(`/proc/${serverPid}/environ`, 'utf8').split('\0')
    expect(environment.filter((v) => v.startsWith('NODE_OPTIONS=') && /tsx|--import|--loader/.test(v))).toEqual([])
    // Nor in the compiled files: the worker helper's tsx branch is not compiled in.
    const compiled = fs.readdirSync(DIST).filter((f) => f.endsWith('.js'))
    expect(compiled).toEqual(expect.arrayContaining(['main.js', 'pdf-worker.js', 'row-worker.js', 'scoring-worker.js']))
    expect(compiled.filter((f) => fs.readFileSync(path.join(DIST, f), 'utf8').includes('tsx'))).toEqual([])

    const officer = new Client(base)
    expect((await officer.post('/api/auth/login', { username: 'tuphap.anphu', password: CHILD_PASSWORD })).status).toBe(200)

    // An Excel import: its rows are read and judged in a worker thread (row-worker.js).
    const uploaded = await upload(officer, { bookType: 'KS' }, 'khai-sinh.xlsx', await workbookOf([...syntheticBirthRows(20, 2024)]))
    expect(uploaded.status).toBe(201)
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const imported = await waitForJob(officer, started.body.jobId, 120_000)
    expect(imported, output).toMatchObject({ status: 'succeeded', result: { accepted: 20, rejected: 0 } })

    // A PDF's pages: pdf.js paints them in a worker thread (pdf-worker.js).
    const books = await officer.get('/api/books')
    const bookId = (books.body.items as { id: string }[])[0]?.id ?? ''
    const scans = await uploadScans(officer, bookId, [{ name: 'so.pdf', data: await buildPdf(2), type: 'application/pdf' }])
    expect(scans.status).toBe(201)
    const rendered = await waitForJob(officer, scans.body.jobId ?? '', 120_000)
    expect(rendered, output).toMatchObject({ status: 'succeeded', result: { pagesDone: 2, pagesFailed: 0 } })
    const pages = (await officer.get(`/api/books/${bookId}/pages`)).body.items as { status: string; width: number; height: number }[]
    expect(pages.map((p) => [p.status, p.height])).toEqual([['ready', 1600], ['ready', 1600]])

    script.kill('SIGTERM')
    expect(await exitedWithin(script, 25_000)).toBe(true)
  }, 400_000)
})
