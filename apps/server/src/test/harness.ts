import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions, type AppServices } from '../app'
import { loadConfig, type Config } from '../config'
import { openDatabase, type Db } from '../db/engine'
import { copyBlankPgliteCluster } from './pglite-template'
import { createScratchDatabase } from './scratch-database'
import { migrateToLatest } from '../db/migrate'
import { seedDemo } from '../seed/demo'
import type { OcrEngine } from '../modules/ocr'

export const TEST_PASSWORD = 'Test-password-2025'

/** Tests read no page with Tesseract unless they pass `ocrEngine` (a page costs seconds): pages read as empty. */
export const NO_TEXT_OCR: OcrEngine = { name: 'test: no text', read: async () => ({ lines: [], ms: 0 }), close: async () => {} }

export interface TestServer {
  url: string
  db: Db
  app: FastifyInstance
  services: AppServices
  login(username: string, password?: string): Promise<Client>
  anonymous(): Client
  close(): Promise<void>
}

/** A cookie-keeping HTTP client for the real server. */
export class Client {
  private cookie: string | undefined
  constructor(private readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(this.base + url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) this.cookie = setCookie.split(';')[0]
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : undefined }
  }
  /** The same session against another server process (several instances behind one proxy). */
  on(base: string): Client {
    const other = new Client(base)
    other.cookie = this.cookie
    return other
  }
  get = (url: string) => this.request('GET', url)
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {})
  put = (url: string, body: unknown) => this.request('PUT', url, body)
  patch = (url: string, body: unknown) => this.request('PATCH', url, body)
  delete = (url: string) => this.request('DELETE', url)
  /** Plain fetch with the session cookie, for multipart uploads and binary responses. */
  fetch = (url: string, init: RequestInit = {}) =>
    fetch(this.base + url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...(this.cookie ? { cookie: this.cookie } : {}) } })
}

/** A fresh PostgreSQL database per server when DATABASE_URL is set, else PGlite in a fresh data dir. */
export async function freshDatabase(): Promise<{ db: Db; dispose(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, 'hts_test')
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() })
    return {
      db,
      async dispose() {
        await db.close()
        await scratch.drop(2500)
      },
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-test-'))
  await copyBlankPgliteCluster(path.join(dataDir, 'pgdata'))
  const db = await openDatabase({ dataDir })
  return {
    db,
    async dispose() {
      await db.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** `config` overrides settings for this server only (e.g. an online lookup service pointing at a test server). */
export async function startTestServer(options: AppOptions & { config?: Partial<Config> } = {}): Promise<TestServer> {
  const { db, dispose } = await freshDatabase()
  await migrateToLatest(db)
  await seedDemo(db.kysely, TEST_PASSWORD)
  return serveOn(db, options, dispose)
}

/**
 * A test server on a database already migrated and seeded (its own file directory, login throttle
 * raised); `dispose` runs after the server closes (e.g. drops a scratch database).
 */
export async function serveOn(db: Db, options: AppOptions & { config?: Partial<Config> } = {}, dispose: () => Promise<void> = async () => {}): Promise<TestServer> {
  // Files (scans, exports) go to a fresh directory per server, never to the repository's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-files-'))
  const defaults = loadConfig({})
  // Every test file logs in many times from 127.0.0.1: the login throttle's tests set their own limits.
  const login = { ...defaults.login, perAddress: 100_000, perAccount: 100_000 }
  const config = { ...defaults, dataDir, webDist: undefined, logLevel: 'silent', demo: true, login, ...options.config }
  const { app, services } = await buildApp(config, db, { ocrEngine: NO_TEXT_OCR, ...options })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    url,
    db,
    app,
    services,
    anonymous: () => new Client(url),
    async login(username, password = TEST_PASSWORD) {
      const client = new Client(url)
      const response = await client.post('/api/auth/login', { username, password })
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`)
      return client
    },
    async close() {
      await app.close()
      await dispose()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
