/**
 * Uploads analysed but never imported are removed after the retention period (3 days on this
 * server, 7 by default): the draft import and its file, unless other rows use the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { syntheticBirthRow, upload, waitForJob, workbookOf } from '../../test/import-helpers'
import { createJobRunner } from '../jobs/runner'
import { UPLOAD_CLEANUP_TASK, type CleanupResult } from './upload-cleanup'

const DAY = 24 * 60 * 60 * 1000
let server: TestServer
let officer: Client

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 }, config: { uploadRetentionDays: 3 } })
  officer = await server.login('tuphap.anphu')
})
afterAll(async () => server?.close())

/** A small KS workbook whose bytes differ by `tag`. */
const file = (tag: number) => workbookOf([syntheticBirthRow(tag, 2022, `0${tag}/2022`)])

async function uploaded(bytes: Buffer, name: string): Promise<{ id: string; sha256: string }> {
  const response = await upload(officer, { bookType: 'KS' }, name, bytes)
  expect(response.status).toBe(201)
  return { id: response.body.id, sha256: response.body.sha256 }
}

/** Makes an import look idle for `days` (as if uploaded and last analysed then). */
async function age(importId: string, days: number): Promise<void> {
  const then = new Date(Date.now() - days * DAY)
  await server.db.kysely.updateTable('imports').set({ created_at: then, updated_at: then }).where('id', '=', importId).execute()
}

const cleanup = async () => (await server.services.jobRunner.runPeriodicNow(UPLOAD_CLEANUP_TASK)) as CleanupResult
const expiries = (importId: string) => server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'import.expire').where('entity_id', '=', importId).execute()

describe('cleanup of uploads never imported', () => {
  it('removes an idle draft and its file, keeps recent drafts and started imports, and audits it', async () => {
    const idle = await uploaded(await file(1), 'bo-do.xlsx')
    // The officer is told until when an upload not imported is kept.
    const view = (await officer.get(`/api/imports/${idle.id}`)).body
    expect(Date.parse(view.expiresAt) - Date.now()).toBeGreaterThan(3 * DAY - 60_000)
    expect(Date.parse(view.expiresAt) - Date.now()).toBeLessThanOrEqual(3 * DAY)
    const recent = await uploaded(await file(2), 'moi-tai.xlsx')
    const started = await uploaded(await file(3), 'da-nhap.xlsx')
    const run = await officer.post(`/api/imports/${started.id}/start`, { missingBooks: 'create' })
    expect(run.status).toBe(202)
    expect((await waitForJob(officer, run.body.jobId)).status).toBe('succeeded')
    await age(idle.id, 4)
    await age(recent.id, 2)
    await age(started.id, 30)

    expect(await cleanup()).toEqual({ importsRemoved: 1, filesRemoved: 1, filesKept: 0 })
    expect((await officer.get(`/api/imports/${idle.id}`)).status).toBe(404)
    expect(await server.services.files.has(idle.sha256)).toBe(false)
    expect((await officer.get('/api/imports')).body.items.map((i: { id: string }) => i.id)).not.toContain(idle.id)
    const [audit, ...more] = await expiries(idle.id)
    expect(more).toEqual([])
    expect(audit).toMatchObject({ user_id: null, entity_type: 'import' })
    expect(audit?.details).toMatchObject({ fileName: 'bo-do.xlsx', sha256: idle.sha256, retentionDays: 3, fileRemoved: true, fileKeptFor: [] })

    // The recent draft can still be imported; the started import keeps its file for download.
    expect((await officer.get(`/api/imports/${recent.id}`)).status).toBe(200)
    expect(await server.services.files.has(recent.sha256)).toBe(true)
    expect((await officer.fetch(`/api/imports/${started.id}/file`)).status).toBe(200)
    expect((await officer.get(`/api/imports/${started.id}`)).body.expiresAt).toBeNull()
    expect(await cleanup()).toEqual({ importsRemoved: 0, filesRemoved: 0, filesKept: 0 })
  })

  it('keeps the file when another import or a scan uses the same bytes', async () => {
    // The same file uploaded twice: the first draft is abandoned, the second is fresh.
    const bytes = await file(4)
    const old = await uploaded(bytes, 'lan-1.xlsx')
    const again = await uploaded(bytes, 'lan-2.xlsx')
    expect(again.sha256).toBe(old.sha256)
    await age(old.id, 10)
    // Bytes shared with a scan upload (the store keeps one copy per content).
    const scanShared = await uploaded(await file(5), 'trung-anh-quet.xlsx')
    await age(scanShared.id, 10)
    // (Written directly: a scan upload only takes PDFs and images, so HTTP cannot make one share an Excel file's bytes.)
    const book = await server.db.kysely.selectFrom('books').select(['id', 'custodian_unit_id']).executeTakeFirstOrThrow()
    await server.db.kysely.insertInto('scan_uploads').values({ book_id: book.id, custodian_unit_id: book.custodian_unit_id, file_name: 'x.pdf', sha256: scanShared.sha256, size: 1, mime_type: 'application/pdf', page_count: 1, job_id: null, created_by: null }).execute()
    // Bytes shared with a handover batch's stored Excel (written directly, as above).
    const handoverShared = await uploaded(await file(7), 'trung-ban-giao.xlsx')
    await age(handoverShared.id, 10)
    await server.db.kysely.insertInto('handover_batches').values({ book_id: book.id, custodian_unit_id: book.custodian_unit_id, created_by: null, entry_count: 1, excel_sha256: handoverShared.sha256, manifest_sha256: 'f'.repeat(64), note: null }).execute()

    expect(await cleanup()).toEqual({ importsRemoved: 3, filesRemoved: 0, filesKept: 3 })
    expect((await expiries(old.id))[0]?.details).toMatchObject({ fileRemoved: false, fileKeptFor: ['import'] })
    expect((await expiries(scanShared.id))[0]?.details).toMatchObject({ fileRemoved: false, fileKeptFor: ['scan'] })
    expect((await expiries(handoverShared.id))[0]?.details).toMatchObject({ fileRemoved: false, fileKeptFor: ['handover'] })
    expect(await server.services.files.has(handoverShared.sha256)).toBe(true)
    expect(await server.services.files.has(old.sha256)).toBe(true)
    expect(await server.services.files.has(scanShared.sha256)).toBe(true)

    // The fresh upload of the same bytes still imports.
    const run = await officer.post(`/api/imports/${again.id}/start`, { missingBooks: 'create' })
    expect(run.status).toBe(202)
    expect((await waitForJob(officer, run.body.jobId)).result).toMatchObject({ accepted: 1 })

    // Once the last draft of some bytes goes, so does the file.
    const six = await file(6)
    const lone = await uploaded(six, 'lan-3.xlsx')
    const twin = await uploaded(six, 'lan-4.xlsx')
    expect(twin.sha256).toBe(lone.sha256)
    await age(lone.id, 5)
    await age(twin.id, 6)
    expect(await cleanup()).toEqual({ importsRemoved: 2, filesRemoved: 1, filesKept: 1 })
    expect(await server.services.files.has(lone.sha256)).toBe(false)
    // Uploading the same bytes again stores them again.
    const back = await uploaded(six, 'lan-5.xlsx')
    expect(back.sha256).toBe(lone.sha256)
    expect(await server.services.files.has(back.sha256)).toBe(true)
  })

  it('waits 7 days unless UPLOAD_RETENTION_DAYS says otherwise (at least one day)', () => {
    expect(loadConfig({}).uploadRetentionDays).toBe(7)
    expect(loadConfig({ UPLOAD_RETENTION_DAYS: '30' }).uploadRetentionDays).toBe(30)
    expect(loadConfig({ UPLOAD_RETENTION_DAYS: '0' }).uploadRetentionDays).toBe(7)
    expect(loadConfig({ UPLOAD_RETENTION_DAYS: 'abc' }).uploadRetentionDays).toBe(7)
  })

  it('the runner runs its housekeeping at start, then on its timer, never twice at once, and not after stop', async () => {
    let runs = 0
    let concurrent = 0
    let maxConcurrent = 0
    const runner = createJobRunner(server.db.kysely, [], {
      pollMs: 1000,
      periodic: [{ name: 'test.tick', everyMs: 40, run: async () => {
        runs++
        maxConcurrent = Math.max(maxConcurrent, ++concurrent)
        await new Promise((r) => setTimeout(r, 60))
        concurrent--
      } }],
    })
    runner.start()
    // At start: once the runner has claimed this period's run in periodic_runs (one query).
    for (const deadline = Date.now() + 5000; runs < 1 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 5))
    expect(runs).toBe(1)
    // Runs every 40 ms after the last one ended (60 ms): 3 runs take ~200 ms; a loaded machine gets up to 5 s.
    for (const deadline = Date.now() + 5000; runs < 3 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20))
    await runner.stop()
    const after = runs
    expect(after).toBeGreaterThanOrEqual(3)
    expect(maxConcurrent).toBe(1)
    await new Promise((r) => setTimeout(r, 150))
    expect(runs).toBe(after)
  })
})
