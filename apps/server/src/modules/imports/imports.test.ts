import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mojFixture } from '../../test/fixtures'
import { startTestServer, type TestServer } from '../../test/harness'
import { download, importFile, readWorkbook, upload, waitForJob } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const entriesOf = (importId: string) =>
  server.db.kysely.selectFrom('entries').selectAll().where('import_id', '=', importId).orderBy('so').orderBy('created_at').execute()

describe('the real MOJ files import', () => {
  it('the KS template: analysis first (nothing written), then its sample rows, then a re-import skips them all', async () => {
    const officer = await server.login('tuphap.anphu')
    const uploaded = await upload(officer, { bookType: 'KS' }, 'moj-template-KS.xlsx', mojFixture('moj-template-KS.xlsx'))
    expect(uploaded.status).toBe(201)
    const analysis = uploaded.body.analysis
    expect(analysis).toMatchObject({ sheetName: 'DL Import', headerRowNumber: 1, layout: 'moj', rowCount: 3, missingRequired: [] })
    expect(analysis.columns.filter((c: any) => c.status === 'unknown')).toEqual([])
    expect(analysis.routes).toEqual([expect.objectContaining({ label: '02/2018', year: 2018, rows: 3, bookId: null })])
    expect(analysis.preview[0].fields).toMatchObject({ so: '01/2018', ngayDangKy: '27.10.2008', meNgaySinh: '10.10.1981', loaiDangKy: '1' })
    expect(await entriesOf(uploaded.body.id)).toEqual([])

    // The book 02/2018 does not exist: starting asks the user to confirm its creation.
    const refused = await officer.post(`/api/imports/${uploaded.body.id}/start`, {})
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/02\/2018/)
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const job = await waitForJob(officer, started.body.jobId)
    expect(job.status).toBe('succeeded')
    expect(job.result).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0, skipped: 0, booksCreated: 1 })

    const entries = await entriesOf(uploaded.body.id)
    expect(entries).toHaveLength(3)
    expect(entries[2]?.fields).toMatchObject({ so: '03/2008', nksQuocTichKhac: 'Nhật Bản', nycSoGiayToTuyThan: '141742143', meSoGiayToTuyThan: '141742143', nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo: '05.2019' })
    expect(entries.map((e) => e.status)).toEqual(['keyed', 'keyed', 'keyed'])
    const book = await server.db.kysely.selectFrom('books').selectAll().where('id', '=', entries[0]!.book_id).executeTakeFirstOrThrow()
    expect(book).toMatchObject({ volume: '02/2018', year: 2018, book_type: 'KS', issuing_authority: 'UBND xã An Phú' })
    const revisions = await server.db.kysely.selectFrom('entry_revisions').selectAll().where('entry_id', 'in', entries.map((e) => e.id)).execute()
    expect(revisions.map((r) => r.change_kind)).toEqual(['import', 'import', 'import'])
    const batches = await server.db.kysely.selectFrom('audit_events').selectAll().where('entity_id', '=', uploaded.body.id).where('action', '=', 'import.batch').execute()
    expect(batches).toHaveLength(1)
    expect((batches[0]?.details.entryIds as string[]).sort()).toEqual(entries.map((e) => e.id).sort())

    const again = await importFile(officer, 'moj-template-KS.xlsx', mojFixture('moj-template-KS.xlsx'))
    expect(again.previousImports).toHaveLength(1)
    expect(again.counts).toMatchObject({ accepted: 0, skipped: 3, rejected: 0 })
    expect(await entriesOf(again.id)).toEqual([])
  })

  it('the CMC export with year-only dates: rows without names are set aside, or taken as drafts when the user allows it', async () => {
    const officer = await server.login('tuphap.anphu')
    const strict = await importFile(officer, 'real-export-CMC.2006.01.xlsx', mojFixture('real-export-CMC.2006.01.xlsx'), { bookType: 'CMC' })
    expect(strict.analysis).toMatchObject({ rowCount: 2, layout: 'moj', missingRequired: [] })
    expect(strict.counts).toMatchObject({ accepted: 0, rejected: 2 })
    const rejected = await download(officer, `/api/imports/${strict.id}/rejected.xlsx`)
    expect(rejected.status).toBe(200)
    const sheet = await readWorkbook(rejected.bytes)
    expect(sheet.headers.at(-1)).toBe('Lỗi')
    expect(sheet.rows).toHaveLength(2)
    expect(sheet.rows[0]).toMatchObject({ quyenSo: '01/2006', ngayDangKy: '2006' })
    expect(sheet.rows[0]?.['Lỗi']).toMatch(/Chưa nhập Số/)

    const lenient = await importFile(officer, 'real-export-CMC.2006.01.xlsx', mojFixture('real-export-CMC.2006.01.xlsx'), { bookType: 'CMC' }, { missingBooks: 'create', allowIncomplete: true })
    expect(lenient.counts).toMatchObject({ accepted: 2, drafts: 2, rejected: 0 })
    const entries = await entriesOf(lenient.id)
    expect(entries.map((e) => [e.status, e.fields.ngayDangKy, e.registration_date, e.registration_date_precision, e.registration_year])).toEqual([
      ['draft', '2006', '2006-01-01', 'year', 2006],
      ['draft', '2006', '2006-01-01', 'year', 2006],
    ])
    // The same file again: its two identical unnumbered rows are recognised, not doubled.
    const again = await importFile(officer, 'real-export-CMC.2006.01.xlsx', mojFixture('real-export-CMC.2006.01.xlsx'), { bookType: 'CMC' }, { missingBooks: 'create', allowIncomplete: true })
    expect(again.counts).toMatchObject({ accepted: 0, skipped: 2 })
  })
})
