/**
 * DATABASE_READ_URL (issue 17): search and the MOJ Excel of a book read from the replica, while
 * writes and their audit rows go to the primary, and the replica's pool refuses writes. The
 * "replica" here is a copy of the primary taken at one moment (CREATE DATABASE … TEMPLATE), then left
 * behind as a lagging standby would be: what was written after the copy is on the primary only, so
 * an answer shows which database it came from. PostgreSQL only (PGlite has no replicas).
 */
import ExcelJS from 'exceljs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configProblem } from '../config'
import { openDatabase, type Db } from './engine'
import { migrateToLatest } from './migrate'
import { seedDemo } from '../seed/demo'
import { createBook, buildBirthFields } from '../test/factories'
import { serveOn, TEST_PASSWORD, type TestServer } from '../test/harness'
import { createScratchDatabase, type ScratchDatabase } from '../test/scratch-database'

const adminUrl = process.env.DATABASE_URL
let primary: ScratchDatabase
let replicaUrl: string
let server: TestServer
let replica: Db
let bookId: string

beforeAll(async () => {
  if (!adminUrl) return
  primary = await createScratchDatabase(adminUrl, 'hts_primary')
  let db = await openDatabase({ databaseUrl: primary.url, dataDir: '/tmp' })
  await migrateToLatest(db)
  await seedDemo(db.kysely, TEST_PASSWORD)
  const first = await serveOn(db)
  const officer = await first.login('tuphap.anphu')
  bookId = (await createBook(officer, first)).id
  const saved = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '1', nksHoTen: 'Đinh Văn Trước' }), complete: true })
  expect(saved.status).toBe(201)
  await first.close()
  await db.close()
  // The copy: everything up to now.
  const replicaName = `${primary.name}_replica`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${replicaName} template ${primary.name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${replicaName}`
  replicaUrl = url.toString()
  db = await openDatabase({ databaseUrl: primary.url, dataDir: '/tmp' })
  replica = await openDatabase({ databaseUrl: replicaUrl, dataDir: '/tmp', readOnly: true })
  server = await serveOn(db, { readDb: replica }, async () => db.close())
}, 120_000)

afterAll(async () => {
  if (!adminUrl) return
  await server?.close()
  await replica?.close()
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${primary.name}_replica with (force)`)
  await admin.end()
  await primary?.drop(2500)
})

describe('DATABASE_READ_URL', () => {
  it('needs DATABASE_URL', () => {
    expect(configProblem({ demo: false, host: '0.0.0.0', databaseUrl: undefined, databaseReadUrl: 'postgres://x@y/z' })).toMatch(/DATABASE_READ_URL.*cần DATABASE_URL/)
  })

  it.skipIf(!adminUrl)('search and the book Excel read the replica; writes and audit rows go to the primary', async () => {
    const officer = await server.login('tuphap.anphu')
    // Written now: on the primary only, as if the replica lagged.
    const after = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '2', nksHoTen: 'Đinh Văn Sau' }), complete: true })
    expect(after.status).toBe(201)
    expect((await officer.get(`/api/entries/${after.body.id}`)).status).toBe(200)

    const found = (q: string) => officer.get(`/api/search?q=${encodeURIComponent(q)}`).then((r) => r.body.items.map((i: { subjectName: string }) => i.subjectName))
    expect(await found('Đinh Văn Trước')).toEqual(['Đinh Văn Trước'])
    expect(await found('Đinh Văn Sau')).toEqual([])

    const excel = await officer.fetch(`/api/books/${bookId}/export.xlsx`)
    expect(excel.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await excel.arrayBuffer())
    const names = workbook.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string' && v.startsWith('Đinh'))
    expect(names).toEqual(['Đinh Văn Trước'])

    // The audit rows of those reads are on the primary (the replica cannot take them).
    const actions = await server.db.kysely.selectFrom('audit_events').select('action').where('action', 'in', ['search.entries', 'export.book']).execute()
    expect(actions.map((a) => a.action).sort()).toEqual(['export.book', 'search.entries', 'search.entries'])
    await expect(replica.kysely.deleteFrom('sessions').execute()).rejects.toThrow(/read-only/)
  })
})
