/**
 * End-to-end harness: the real server as a child process on a free port with a fresh PGlite data
 * directory (or a fresh PostgreSQL database, see E2E_DATABASE_URL), and headless Chromium through
 * playwright-core. Nothing is mocked.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core'
import { exitedWithin, freePort } from '../apps/server/src/test/processes'
import { createScratchDatabase } from '../apps/server/src/test/scratch-database'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DEMO_PASSWORD = 'E2e-MatKhau@2025'

function newestMtime(p: string): number {
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).map((name) => newestMtime(path.join(p, name))))
}

/**
 * Builds the web app when there is no build yet, or when it is older than its sources (the test
 * script normally builds it first; a stale build would test yesterday's screens).
 */
export function ensureWebBuilt(): void {
  const index = path.join(ROOT, 'apps/web/dist/index.html')
  const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/domain/src']
  const sourceTime = Math.max(...sources.map((p) => newestMtime(path.join(ROOT, p))))
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sourceTime) return
  // NODE_ENV is "test" under vitest: a build made with it would ship React's development build.
  const build = spawnSync('npm', ['run', 'build', '-w', '@hts/web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`Building the web app failed (exit ${build.status})`)
}

export interface ServerHandle {
  baseUrl: string
  dataDir: string
  /** Everything the server printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * E2E_DATABASE_URL (a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres) runs the
 * journey on a fresh database created there and dropped afterwards, instead of PGlite.
 */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const adminUrl = process.env.E2E_DATABASE_URL
  if (!adminUrl) return undefined
  const scratch = await createScratchDatabase(adminUrl, 'hts_e2e')
  return { url: scratch.url, drop: () => scratch.drop() }
}

/** `env` adds settings for this server only (e.g. SESSION_IDLE_MINUTES). */
export async function startServer(timeoutMs = 180_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerHandle> {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-e2e-'))
  const postgres = await freshPostgres()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_PASSWORD,
    NODE_ENV: 'test',
    DEMO: 'true',
    // Journeys start from the demo's units and accounts only (seed/demo-campaign.ts is left out).
    DEMO_CAMPAIGN: 'false',
    ...extraEnv,
  }
  delete env.DATABASE_URL
  delete env.E2E_DATABASE_URL
  if (postgres) env.DATABASE_URL = postgres.url
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)

  const baseUrl = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      if (!(await exitedWithin(child, 10_000))) {
        child.kill('SIGKILL')
        await exitedWithin(child, 5_000)
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
    await postgres?.drop()
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop()
      throw new Error(`The server exited before it was ready (code ${child.exitCode}).\n${output}`)
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return { baseUrl, dataDir, output: () => output, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms.\n${output}`)
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface Journey {
  server: ServerHandle
  browser: Browser
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** A journey's set-up: the built web app, a real server, Chromium with one Vietnamese-locale page. */
export async function startJourney(contextOptions: BrowserContextOptions = {}, serverEnv: NodeJS.ProcessEnv = {}): Promise<Journey> {
  ensureWebBuilt()
  const server = await startServer(undefined, serverEnv)
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 }, ...contextOptions })
    const page = await context.newPage()
    const opened = browser
    return {
      server, browser, context, page,
      async close() {
        await context.close()
        await opened.close()
        await server.stop()
      },
    }
  } catch (error) {
    await browser?.close()
    await server.stop()
    throw error
  }
}

/** Saves a screenshot when SCREENSHOT_DIR is set (for looking at the screens by eye). */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

/** Presses Tab until the element with this id has the focus: the field must be reachable in tab order. */
export async function tabTo(page: Page, id: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    const active = await page.evaluate(() => document.activeElement?.id ?? '')
    if (active === id) return
    await page.keyboard.press('Tab')
  }
  const active = await page.evaluate(() => document.activeElement?.id ?? '')
  throw new Error(`Tab did not reach #${id} within ${maxPresses} presses (focus is on #${active})`)
}

/** Polls until the locator's text matches, so that a failure shows what the screen said instead. */
export async function expectTextOn(page: Page, locator: Locator, pattern: RegExp, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout
  let last = ''
  while (Date.now() < deadline) {
    if ((await locator.count()) > 0 && (await locator.first().isVisible())) {
      last = (await locator.first().innerText()).trim()
      if (pattern.test(last)) return last
    }
    await page.waitForTimeout(100)
  }
  throw new Error(`Expected text matching ${pattern}, last seen: "${last}"`)
}

/** Logs in from the login page with the keyboard only, as an officer does (the caller waits for what follows). */
export async function logInWithKeyboard(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
}

/** JSON from the API with the page's session (its cookies); a refusal throws with what the server said. */
export async function apiOn(page: Page, baseUrl: string, method: 'GET' | 'POST', url: string, data?: unknown): Promise<Record<string, unknown>> {
  const res = method === 'GET' ? await page.request.get(baseUrl + url) : await page.request.post(baseUrl + url, { data })
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

/**
 * Collects what the browser reports as broken (page errors, console errors and warnings) into
 * `problems`, for the journey to check at the end. The login page asks who is logged in before
 * anyone is: that 401 is always expected; `ignored` adds what a journey knowingly tolerates.
 */
export function collectBrowserProblems(page: Page, problems: string[], ignored?: RegExp): void {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (m) => {
    const text = m.text()
    if ((m.type() === 'error' || m.type() === 'warning') && !/status of 401/.test(text) && !ignored?.test(text)) problems.push(`${m.type()}: ${text}`)
  })
}

/** Types into the focused field of the keying workbench (it must be `expectedField`) and presses Enter to go on. */
export async function keyField(page: Page, expectedField: string, text: string): Promise<void> {
  const active = await page.evaluate(() => document.activeElement?.id ?? '')
  if (active !== expectedField) throw new Error(`The focus is on "${active}", expected "${expectedField}"`)
  if (text) await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}

/** Enter over fields the book leaves empty for this entry. */
export async function skipFields(page: Page, ...fields: string[]): Promise<void> {
  for (const field of fields) await keyField(page, field, '')
}
