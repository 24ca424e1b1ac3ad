import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config'
import { countersAndRecount } from '../../test/counters'
import { openDatabase, type Db } from '../../db/engine'
import { migrateToLatest } from '../../db/migrate'
import { seedDemo } from '../../seed/demo'
import { buildBirthFields, createBook } from '../../test/factories'
import { serveOn, TEST_PASSWORD, type Client, type TestServer } from '../../test/harness'
import { importFile, syntheticBirthRow, workbookOf } from '../../test/import-helpers'
import { isCi } from '../../test/ci'
import { copyBlankPgliteCluster } from '../../test/pglite-template'
import { createScratchDatabase, type ScratchDatabase } from '../../test/scratch-database'
import { createFileStore, fileStoreConfigFromEnv } from '../files/store'
import { loadPopulation, populationCsv } from '../population/population-fixtures'
import { buildPng, uploadScans, waitForJob } from '../scans/scan-fixtures'
import { verifyAuditChain } from '../audit'
import { BackupInvalidError, backupDirOf, createBackupsService, restoreBackup, RestoreRefusedError } from '.'

/**
 * The restore drill (issue 17), on the engine the suite runs on: a database with entries in every
 * status, scans, an import, a population extract, a reconciliation result and audit rows is backed up
 * (through the path `npm run backup` takes while the server runs) while an officer keeps keying; the
 * backup is restored into an empty target; every table's rows and every file are compared with the
 * source; then a server starts on the restored data and an officer logs in and reads a scan.
 */
const adminUrl = process.env.DATABASE_URL
const engine = adminUrl ? 'postgres' : 'pglite'
/** PostgreSQL backups need pg_dump/pg_restore (postgresql-client; .ci/run installs it): skipped without them, except in CI. */
const missingTools = Boolean(adminUrl) && spawnSync('pg_dump', ['--version']).status !== 0 && !isCi()

interface Place {
  db: Db
  dataDir: string
  url: string | undefined
  scratch: ScratchDatabase | undefined
}

async function emptyPlace(prefix: string, withCluster: boolean): Promise<Place> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, 'hts_drill')
    return { db: undefined as never, dataDir, url: scratch.url, scratch }
  }
  if (withCluster) await copyBlankPgliteCluster(path.join(dataDir, 'pgdata'))
  return { db: undefined as never, dataDir, url: undefined, scratch: undefined }
}

const open = (place: Place) => openDatabase({ databaseUrl: place.url, dataDir: place.dataDir })

/** Every row of every table as an md5 of its text, sorted (the restore's own audit row left out). */
async function tableDigests(db: Db): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db.kysely)
  const digests = new Map<string, string[]>()
  for (const { name } of tables.rows) {
    const where = name === 'audit_events' ? sql`where t.action <> 'backup.restore'` : sql``
    const rows = await sql<{ h: string }>`select md5(t::text) as h from ${sql.table(name)} t ${where}`.execute(db.kysely)
    digests.set(name, rows.rows.map((r) => r.h).sort())
  }
  return digests
}

/** What `a` holds beyond `b`, as multisets. */
function beyond(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>()
  for (const h of b) counts.set(h, (counts.get(h) ?? 0) + 1)
  return a.filter((h) => {
    const n = counts.get(h) ?? 0
    if (n === 0) return true
    counts.set(h, n - 1)
    return false
  })
}

let source: Place
let target: Place
let server: TestServer
let officer: Client
let bookId: string
let admin: Client

beforeAll(async () => {
  if (missingTools) return
  source = await emptyPlace('hts-drill-src-', true)
  source.db = await open(source)
  await migrateToLatest(source.db)
  await seedDemo(source.db.kysely, TEST_PASSWORD)
  server = await serveOn(source.db, { config: { dataDir: source.dataDir, databaseUrl: source.url }, jobRunner: { pollMs: 50 } })
  officer = await server.login('tuphap.anphu')
  const keyer = await server.login('sohoa.anphu')
  const police = await server.login('congan.anphu')
  bookId = (await createBook(officer, server)).id
  admin = await server.login('admin')

  // Entries in every status: draft, keyed, checked, approved, returned, handed over.
  const keyed = async (so: number) => (await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(so) }), complete: true })).body as { id: string; version: number }
  await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '1' }) })
  const act = async (entry: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) => {
    const response = await officer.post(`/api/entries/${entry.id}/transitions`, { action, version: entry.version, ...extra })
    expect(response.status).toBe(200)
    return response.body as { id: string; version: number }
  }
  await keyed(2)
  await act(await keyed(3), 'check')
  await act(await act(await keyed(4), 'check'), 'approve')
  await act(await keyed(5), 'return', { reason: 'Sai ngày sinh so với sổ' })
  const toHandOver = await act(await act(await keyed(6), 'check'), 'approve')
  const handover = await officer.post(`/api/books/${bookId}/handovers`, {})
  expect([200, 201]).toContain(handover.status)
  expect((await officer.get(`/api/entries/${toHandOver.id}`)).body.status).toBe('handed_over')
  // The handover took every approved entry: one approved after it stays approved.
  await act(await act(await keyed(8), 'check'), 'approve')
  const statuses = await server.db.kysely.selectFrom('entries').select('status').distinct().execute()
  expect(statuses.map((r) => r.status).sort()).toEqual(['approved', 'checked', 'draft', 'handed_over', 'keyed', 'returned'])

  // Scanned pages, an Excel import, a population extract and a reconciliation result.
  // Images rather than a PDF: no pdf.js worker to start, the drill is about what is stored.
  const scans = await uploadScans(officer, bookId, [{ name: 'trang-1.png', data: await buildPng(400, 550) }, { name: 'trang-2.png', data: await buildPng(400, 550, '#e8e0c8') }])
  expect((await waitForJob(officer, scans.body.jobId ?? '')).status).toBe('succeeded')
  const imported = await importFile(officer, 'ks.xlsx', await workbookOf([syntheticBirthRow(1, 2023), syntheticBirthRow(2, 2023)]))
  expect(imported.status).toBe('succeeded')
  await loadPopulation(server, police, populationCsv())
  const entry = await keyed(7)
  expect((await police.post(`/api/entries/${entry.id}/reconcile`)).status).toBe(200)
}, 120_000)

afterAll(async () => {
  await server?.close()
  await source?.db?.close()
  await target?.db?.close()
  for (const place of [source, target]) {
    await place?.scratch?.drop(2500)
    if (place) fs.rmSync(place.dataDir, { recursive: true, force: true })
  }
})

describe.skipIf(missingTools)(`restore drill (${engine})`, () => {
  it('backs up while an officer keys, restores into an empty target, and the target holds the same rows and files', async () => {
    // Only the running server's own token opens the command-line path.
    expect((await officer.post('/api/backups/cli', { osUser: 'x', host: 'y' })).status).toBe(403)

    // An officer keeps keying while the backup is taken.
    const written: string[] = []
    let writing = true
    let so = 100
    const writer = (async () => {
      while (writing || written.length < 3) {
        const response = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(++so) }) })
        expect(response.status).toBe(201)
        written.push(response.body.id as string)
        // A busy officer, not a loop with no pause: the server has other work to do meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    while (written.length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    const response = await fetch(`${server.url}/api/backups/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hts-cli-token': server.services.backups.cliToken },
      body: JSON.stringify({ osUser: 'drill', host: 'test' }),
    })
    const backup = (await response.json()) as { id: string; path: string; files: number; sizeBytes: number }
    expect(response.status, JSON.stringify(backup)).toBe(200)
    writing = false
    await writer
    const backupMs = Date.now() - started
    expect(written.length).toBeGreaterThan(3)
    expect(backup.files).toBeGreaterThan(2)

    // The backup is listed, verified, and reported by /api/health; who asked is in the audit trail.
    const listed = (await admin.get('/api/backups')).body.items as { id: string; status: string; sizeBytes: number }[]
    expect(listed[0]).toMatchObject({ id: backup.id, status: 'succeeded', sizeBytes: backup.sizeBytes })
    const health = (await server.anonymous().get('/api/health')).body
    expect(health.backup).toMatchObject({ stale: false })
    expect(health.backup.ageSeconds).toBeLessThan(120)
    const audit = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'backup.create').where('entity_id', '=', backup.id).executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ via: 'cli', osUser: 'drill' })

    // A non-empty target is refused (in Vietnamese), and so is a damaged file.
    const occupied = restoreBackup({ file: backup.path, target: adminUrl ? { engine: 'postgres', url: source.url ?? '' } : { engine: 'pglite', dataDir: source.dataDir }, targetFiles: server.services.files, force: false, open: () => open(source) })
    await expect(occupied).rejects.toThrow(RestoreRefusedError)
    await expect(occupied).rejects.toThrow(/Không khôi phục: .*--force/)
    const damaged = path.join(path.dirname(backup.path), 'hong.htsbak')
    const bytes = fs.readFileSync(backup.path)
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff
    fs.writeFileSync(damaged, bytes)
    fs.copyFileSync(`${backup.path}.sha256`, `${damaged}.sha256`)
    target = await emptyPlace('hts-drill-dst-', false)
    const targetFiles = createFileStore(fileStoreConfigFromEnv(target.dataDir, {}))
    const targetOf = () => (target.url ? { engine: 'postgres' as const, url: target.url } : { engine: 'pglite' as const, dataDir: target.dataDir })
    await expect(restoreBackup({ file: damaged, target: targetOf(), targetFiles, force: false, open: () => open(target) })).rejects.toThrow(BackupInvalidError)

    const restoreStarted = Date.now()
    const report = await restoreBackup({ file: backup.path, target: targetOf(), targetFiles, force: false, open: () => open(target) })
    const restoreMs = Date.now() - restoreStarted
    expect(report).toMatchObject({ backupId: backup.id, files: { listed: backup.files, copied: backup.files, failed: 0 } })
    target.db = await open(target)

    // Every table: the restored rows are the source's, except the entries keyed after the snapshot
    // (with their revisions and audit rows), and rows that change by themselves (sessions seen, the
    // chain's head, the backup's own row).
    const mutable = new Set(['sessions', 'audit_chain', 'backups'])
    // Counters (migrations 0023, 0030) change with every write: what must hold is that the restored ones agree with the restored rows.
    const derived = new Set(['entry_counts', 'entry_counts_yearly', 'entry_counts_total', 'entry_activity', 'entry_activity_types'])
    const recount = await countersAndRecount(target.db.kysely)
    for (const [kept, recounted] of Object.values(recount)) expect(kept).toEqual(recounted)
    const growing = new Set(['entries', 'entry_revisions', 'audit_events'])
    const [before, after] = [await tableDigests(server.db), await tableDigests(target.db)]
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [table, rows] of before) {
      const restored = after.get(table) ?? []
      if (derived.has(table)) continue
      if (mutable.has(table)) {
        expect(restored.length, table).toBeLessThanOrEqual(rows.length)
        continue
      }
      expect(beyond(restored, rows), `rows of ${table} that the source never had`).toEqual([])
      if (!growing.has(table)) expect(restored.length, `rows of ${table}`).toBe(rows.length)
    }
    const restoredIds = new Set((await target.db.kysely.selectFrom('entries').select('id').execute()).map((r) => r.id))
    const sourceIds = (await server.db.kysely.selectFrom('entries').select('id').execute()).map((r) => r.id)
    const lost = sourceIds.filter((id) => !restoredIds.has(id))
    // Only entries keyed during the backup may be missing, and the snapshot is one moment: a prefix of them.
    expect(lost.every((id) => written.includes(id))).toBe(true)
    expect(written.slice(0, written.length - lost.length).every((id) => restoredIds.has(id))).toBe(true)
    expect((await verifyAuditChain(target.db.kysely)).ok).toBe(true)
    const own = await target.db.kysely.selectFrom('backups').select(['status']).where('id', '=', backup.id).executeTakeFirstOrThrow()
    expect(own.status).toBe('succeeded')

    // Every file, by its hash.
    const sourceFiles: string[] = []
    for await (const sha256 of server.services.files.list()) sourceFiles.push(sha256)
    const restoredFiles: string[] = []
    for await (const sha256 of targetFiles.list()) restoredFiles.push(sha256)
    expect(restoredFiles.sort()).toEqual(sourceFiles.sort())
    for (const sha256 of restoredFiles) expect((await targetFiles.verify(sha256)).status).toBe('ok')

    // A server on the restored data: migrations pass, an officer logs in and reads a scanned page.
    await migrateToLatest(target.db)
    const restoredServer = await serveOn(target.db, { config: { ...loadConfig({}), dataDir: target.dataDir } })
    try {
      const again = await restoredServer.login('tuphap.anphu', TEST_PASSWORD)
      const pages = (await again.get(`/api/books/${bookId}/pages`)).body.items as { imageUrl: string }[]
      expect(pages.length).toBe(2)
      expect((await again.fetch(pages[0]?.imageUrl ?? '')).status).toBe(200)
      expect((await again.get(`/api/entries/${written[0]}`)).status).toBe(200)
    } finally {
      await restoredServer.close()
      await target.db.close()
      target.db = undefined as never
    }
    console.log(`restore drill (${engine}): backup ${backupMs} ms (${written.length} entries keyed meanwhile, ${lost.length} after the snapshot), restore ${restoreMs} ms, ${backup.files} files, ${Math.round(backup.sizeBytes / 1024)} KB`)
  }, 120_000)

  it('backups are for administrators; the province officer sees their age', async () => {
    const officerStatus = await officer.get('/api/backups')
    expect(officerStatus.status).toBe(403)
    const province = await server.login('sotuphap')
    expect((await province.get('/api/backups/status')).status).toBe(200)
    expect((await province.post('/api/backups')).status).toBe(403)
  })

  it('the schedule takes the nightly backup when there is none yet, then waits for the next hour', async () => {
    const taken = await server.services.backups.runScheduled()
    expect(taken?.path).toMatch(/-daily-/)
    expect(await server.services.backups.due()).toBeUndefined()
    expect(await server.services.backups.due(new Date(Date.now() + 61 * 60_000))).toBeDefined()
  })

  it('keeps the configured number of generations: older backup files are deleted, their rows marked pruned', async () => {
    const { config } = server.services
    const keepOne = createBackupsService({ db: server.db, files: server.services.files, config: { ...config.backups, keep: { ...config.backups.keep, manual: 1 } }, dir: backupDirOf(config), databaseUrl: source.url })
    const requester = { kind: 'schedule' } as const
    const older = await keepOne.run('manual', requester)
    const newer = await keepOne.run('manual', requester)
    expect(fs.existsSync(older.path)).toBe(false)
    expect(fs.existsSync(`${older.path}.sha256`)).toBe(false)
    expect(fs.existsSync(newer.path)).toBe(true)
    const rows = await server.db.kysely.selectFrom('backups').select(['id', 'status']).where('id', 'in', [older.id, newer.id]).execute()
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [older.id]: 'pruned', [newer.id]: 'succeeded' })
  })
})
