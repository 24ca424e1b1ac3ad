/**
 * One writer per record: every module that changes an entry goes through the entries commands, so
 * every change checks the version, keeps a revision and an audit row, and nobody's work is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { syntheticBirthRow, upload, waitForJob, workbookOf } from '../../test/import-helpers'
import { loadPopulation, populationCsv } from '../population/population-fixtures'

let server: TestServer
let officer: Client
let police: Client
let digitizer: Client

const revisionsOf = (entryId: string) =>
  server.db.kysely.selectFrom('entry_revisions').select(['version', 'status', 'change_kind']).where('entry_id', '=', entryId).orderBy('version').execute()

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  officer = await server.login('tuphap.anphu')
  police = await server.login('congan.anphu')
  digitizer = await server.login('sohoa.anphu')
})
afterAll(async () => server?.close())

describe('save and mark keyed: one request, one transaction', () => {
  it('creates a complete entry straight as keyed, with both revisions and audit rows', async () => {
    const book = await createBook(officer, server)
    const saved = await digitizer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: '1' }), clientTxnId: 'complete-once-0001', complete: true })
    expect(saved.status).toBe(201)
    expect(saved.body).toMatchObject({ status: 'keyed', version: 2 })
    expect(await revisionsOf(saved.body.id)).toEqual([
      { version: 1, status: 'draft', change_kind: 'create' },
      { version: 2, status: 'keyed', change_kind: 'transition:markKeyed' },
    ])
    expect((await auditRows(server, saved.body.id)).map((a) => a.action)).toEqual(['entry.create', 'entry.markKeyed'])
    // The same request again (its answer was lost): the same entry, nothing written twice.
    const retried = await digitizer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: '1' }), clientTxnId: 'complete-once-0001', complete: true })
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({ id: saved.body.id, status: 'keyed', version: 2 })
    expect(await revisionsOf(saved.body.id)).toHaveLength(2)
  })

  it('keeps the save as a draft and answers 422 with the issues when errors remain; fixing them completes', async () => {
    const book = await createBook(officer, server, '98001', { volume: '02/2024' })
    const fields = buildBirthFields({ so: '2', nksNgaySinh: '31.02.2024' })
    const refused = await digitizer.post(`/api/books/${book.id}/entries`, { fields, clientTxnId: 'complete-refused-01', complete: true })
    expect(refused.status).toBe(422)
    expect(refused.body.issues.some((i: { field: string; severity: string }) => i.field === 'nksNgaySinh' && i.severity === 'error')).toBe(true)
    expect(refused.body.saved).toMatchObject({ status: 'draft', version: 1, fields: { nksNgaySinh: '31.02.2024' } })
    const entryId = refused.body.saved.id as string
    expect((await digitizer.get(`/api/entries/${entryId}`)).body.status).toBe('draft')

    const fixed = await digitizer.put(`/api/entries/${entryId}`, { fields: { ...fields, nksNgaySinh: '28.02.2024' }, version: 1, complete: true })
    expect(fixed.status).toBe(200)
    expect(fixed.body).toMatchObject({ status: 'keyed', version: 3, fields: { nksNgaySinh: '28.02.2024' } })
    expect((await revisionsOf(entryId)).map((r) => r.change_kind)).toEqual(['create', 'update', 'transition:markKeyed'])
  })

  it('refuses before writing anything when the role may not mark an entry keyed', async () => {
    const book = await createBook(officer, server, '98001', { volume: '03/2024' })
    // The commune police may correct an entry but not mark one keyed: its "save and complete" is refused whole.
    const draft = (await digitizer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: '3' }) })).body
    const refused = await police.put(`/api/entries/${draft.id}`, { fields: { ...draft.fields, trangSo: '99' }, version: draft.version, complete: true })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/Hoàn thành nhập/)
    const after = await server.db.kysely.selectFrom('entries').select(['version', 'status', 'trang_so']).where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(after).toEqual({ version: 1, status: 'draft', trang_so: 7 })
    expect(await revisionsOf(draft.id)).toHaveLength(1)
    // Creating is not the police's work at all (permission, before any rule).
    expect((await police.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: '4' }), complete: true })).status).toBe(403)
  })
})

describe('reconciliation links through the entries commands', () => {
  it('a decision taken on a version the keyer has since changed answers 409 and changes nothing', async () => {
    await loadPopulation(server, police, populationCsv())
    const book = await createBook(officer, server, '98001', { volume: '04/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })
    const fields = buildBirthFields({ so: '5', quyenSo: '04/1990', ngayDangKy: '20.05.1990', nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh', meNgaySinh: '1965', chaNgaySinh: '1963' })
    const created = await officer.post(`/api/books/${book.id}/entries`, { fields })
    expect(created.status).toBe(201)
    const result = (await officer.post(`/api/entries/${created.body.id}/reconcile`)).body
    expect(result).toMatchObject({ outcome: 'match', entryVersion: 1 })

    // The keyer corrects the page number meanwhile.
    const edited = await digitizer.put(`/api/entries/${created.body.id}`, { fields: { ...fields, trangSo: '8' }, version: 1 })
    expect(edited.status).toBe(200)
    const before = await server.db.kysely.selectFrom('entries').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow()

    const stale = await police.post(`/api/reconciliation/results/${result.id}/decision`, { outcome: 'match', version: result.version, entryVersion: result.entryVersion })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/vừa được sửa/)
    const after = await server.db.kysely.selectFrom('entries').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    expect(after.fields.nksSoDinhDanh).toBeUndefined()
    expect((await police.get(`/api/reconciliation/results/${result.id}`)).body).toMatchObject({ decision: 'pending', linkedPersonalId: null, version: result.version })

    // Seen again, the decision goes through and the link is a revision of its own, audited with its reason.
    const fresh = (await police.get(`/api/reconciliation/results/${result.id}`)).body
    expect(fresh.entryVersion).toBe(2)
    const decided = await police.post(`/api/reconciliation/results/${result.id}/decision`, { outcome: 'match', version: fresh.version, entryVersion: fresh.entryVersion })
    expect(decided.status).toBe(200)
    expect((await revisionsOf(created.body.id)).map((r) => r.change_kind)).toEqual(['create', 'update', 'reconcile.link'])
    const link = (await auditRows(server, created.body.id)).find((a) => (a.details as { reason?: string }).reason === 'reconcile.link')
    expect(link?.details).toMatchObject({ version: 3, changes: { nksSoDinhDanh: [null, '034190001234'] } })

    // A keyer holding the version from before the link cannot overwrite it.
    const lost = await digitizer.put(`/api/entries/${created.body.id}`, { fields: { ...fields, trangSo: '9' }, version: 2 })
    expect(lost.status).toBe(409)
    expect(lost.body.current.fields.nksSoDinhDanh).toBe('034190001234')
  })
})

describe('an import and a keyer in the same book', () => {
  it('keep both: the keyer saves and edits entries while the import writes its rows', async () => {
    const book = await createBook(officer, server, '98001', { volume: '01/2023', year: 2023, openedOn: '2023-01-02', closedOn: '2023-12-31' })
    const rows = Array.from({ length: 3000 }, (_, i) => syntheticBirthRow(i + 1, 2023, '01/2023'))
    const uploaded = await upload(officer, { bookType: 'KS', bookId: book.id }, 'so-01-2023.xlsx', await workbookOf(rows))
    expect(uploaded.status).toBe(201)
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, {})
    expect(started.status).toBe(202)

    // Meanwhile the keyer keys numbers the file does not have (late registrations at the end of the year) and edits them.
    const keyed: string[] = []
    for (let so = 3001; so <= 3010; so++) {
      const saved = await digitizer.post(`/api/books/${book.id}/entries`, {
        fields: buildBirthFields({ so: String(so), quyenSo: '01/2023', ngayDangKy: '30.12.2023', nksNgaySinh: '01.12.2023', nksHoTen: `Lê Văn Khóa ${so}` }),
        clientTxnId: `concurrent-key-${so}`,
        complete: true,
      })
      expect(saved.status).toBe(201)
      const edited = await digitizer.put(`/api/entries/${saved.body.id}`, { fields: { ...saved.body.fields, trangSo: String(so) }, version: saved.body.version })
      expect(edited.status).toBe(200)
      keyed.push(saved.body.id)
    }
    const job = await waitForJob(officer, started.body.jobId)
    expect(job.status).toBe('succeeded')
    expect(job.result).toMatchObject({ accepted: 3000, rejected: 0 })

    const inBook = await server.db.kysely.selectFrom('entries').select(['id', 'so', 'import_id', 'trang_so', 'status', 'version']).where('book_id', '=', book.id).execute()
    expect(inBook).toHaveLength(3010)
    expect(new Set(inBook.map((e) => e.so)).size).toBe(3010)
    const mine = keyed.map((id) => inBook.find((e) => e.id === id))
    expect(mine.map((e) => [e?.import_id, e?.status, e?.version, e?.trang_so])).toEqual(keyed.map((_, i) => [null, 'keyed', 3, 3001 + i]))
    // Every imported entry has its first revision, written by the same batch command.
    const imported = inBook.filter((e) => e.import_id === uploaded.body.id).map((e) => e.id)
    const revisions = await server.db.kysely.selectFrom('entry_revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('entry_id', 'in', imported).where('change_kind', '=', 'import').executeTakeFirstOrThrow()
    expect(Number(revisions.n)).toBe(3000)
  })
})
