import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { download, importFile, readWorkbook, workbookOf } from '../../test/import-helpers'

let server: TestServer
let keyer: Client
let officer: Client
let bookId: string
let number = 100

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => server?.close())

interface Entry { id: string; version: number; status: string; fields: Record<string, string> }

async function keyedEntry(): Promise<Entry> {
  number += 1
  const response = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number) }), complete: true })
  expect(response.status).toBe(201)
  return response.body as Entry
}

describe('entry history', () => {
  it('lists each revision newest first: who, why, the fields changed with old and new values, and the transitions', async () => {
    number += 1
    const draft = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number) }) })
    const keyed = draft.body as Entry
    const edited = await keyer.put(`/api/entries/${keyed.id}`, { fields: { ...keyed.fields, nksHoTen: 'Nguyễn Văn Ân', chaHoTen: 'Nguyễn Văn Cương' }, version: keyed.version, complete: true })
    expect(edited.status).toBe(200)
    const checked = await officer.post(`/api/entries/${keyed.id}/transitions`, { action: 'check', version: edited.body.version })
    const returned = await officer.post(`/api/entries/${keyed.id}/transitions`, { action: 'return', version: checked.body.version, reason: 'Kiểm tra lại tên cha' })
    expect(returned.status).toBe(200)

    const history = await officer.get(`/api/entries/${keyed.id}/history`)
    expect(history.status).toBe(200)
    const revisions = history.body.revisions as Array<{ version: number; changeKind: string; changeLabel: string; transition: { from: string | null; to: string } | null; reason: string | null; changedBy: { name: string } | null; changes: Array<{ field: string; label: string; before: string | null; after: string | null }> }>
    expect(revisions.map((r) => r.changeKind)).toEqual(['transition:return', 'transition:check', 'transition:markKeyed', 'update', 'create'])
    const [ret, , , update, create] = revisions
    expect(ret).toMatchObject({ transition: { from: 'checked', to: 'returned' }, reason: 'Kiểm tra lại tên cha', changes: [], changeLabel: 'Trả lại người nhập' })
    expect(ret?.changedBy?.name).toBeTruthy()
    expect(update?.transition).toBeNull()
    expect(update?.changes).toEqual([
      { field: 'nksHoTen', label: 'Họ, chữ đệm, tên (Người được đăng ký)', before: 'Nguyễn Văn An', after: 'Nguyễn Văn Ân' },
      { field: 'chaHoTen', label: expect.any(String), before: 'Nguyễn Văn Cường', after: 'Nguyễn Văn Cương' },
    ])
    expect(update?.changedBy).toEqual(ret?.changedBy === null ? null : expect.objectContaining({ id: expect.any(String) }))
    expect(create?.changes.find((c) => c.field === 'nksHoTen')).toEqual({ field: 'nksHoTen', label: 'Họ, chữ đệm, tên (Người được đăng ký)', before: null, after: 'Nguyễn Văn An' })
    expect(create?.transition).toEqual({ from: null, to: 'draft', fromLabel: null, toLabel: expect.any(String) })

    // A transition stores no copy of the fields; the version's fields are read back from the last one stored.
    const stored = await server.db.kysely.selectFrom('entry_revisions').select(['version', 'fields', 'change_kind']).where('entry_id', '=', keyed.id).orderBy('version').execute()
    expect(stored.filter((r) => r.change_kind.startsWith('transition:')).every((r) => r.fields === null)).toBe(true)
    expect((await auditRows(server, keyed.id)).map((r) => r.action)).toContain('entry.history')
  })
})

describe('marginal notes', () => {
  it('keeps what the book says, shows the entry after the notes, and audits the note', async () => {
    const entry = await keyedEntry()
    const added = await officer.post(`/api/entries/${entry.id}/notes`, {
      kind: 'correction', noteDate: '02.05.2025', decisionNumber: '15/QĐ-UBND', authority: 'UBND xã An Phú',
      changes: { nksHoTen: 'Nguyễn Văn Ân' }, text: 'Cải chính họ tên theo tờ khai',
    })
    expect(added.status).toBe(201)
    expect(added.body.asBooked.nksHoTen).toBe('Nguyễn Văn An')
    expect(added.body.afterNotes.nksHoTen).toBe('Nguyễn Văn Ân')
    expect(added.body.changedFields).toEqual(['nksHoTen'])
    expect(added.body.notes[0]).toMatchObject({ kind: 'correction', kindLabel: 'Cải chính hộ tịch', noteDate: '02.05.2025', changes: [{ field: 'nksHoTen', label: 'Họ, chữ đệm, tên (Người được đăng ký)', before: 'Nguyễn Văn An', value: 'Nguyễn Văn Ân' }] })

    const read = await officer.get(`/api/entries/${entry.id}`)
    expect(read.body.fields.nksHoTen).toBe('Nguyễn Văn An')
    expect(read.body.version).toBe(entry.version)
    const notes = await keyer.get(`/api/entries/${entry.id}/notes`)
    expect(notes.body.notes).toHaveLength(1)
    const audit = (await auditRows(server, entry.id)).find((r) => r.action === 'entry.note.add')
    expect(audit?.details).toMatchObject({ kind: 'correction', changes: { nksHoTen: 'Nguyễn Văn Ân' } })

    // A field the type does not have, or a value the catalog's rules refuse: 400 in Vietnamese, nothing written.
    expect((await officer.post(`/api/entries/${entry.id}/notes`, { kind: 'change', changes: { khongCo: 'x' } })).status).toBe(400)
    const badDate = await officer.post(`/api/entries/${entry.id}/notes`, { kind: 'change', changes: { nksNgaySinh: '31.02.2024' } })
    expect(badDate.status).toBe(400)
    expect(badDate.body.message).toMatch(/Ngày/)
    expect((await officer.post(`/api/entries/${entry.id}/notes`, { kind: 'divorce' })).status).toBe(400)
    expect((await keyer.get(`/api/entries/${entry.id}/notes`)).body.notes).toHaveLength(1)

    // The MOJ package's ghi chú column: the book's own note, then one line per marginal note.
    const exported = await download(officer, `/api/books/${bookId}/export.xlsx`)
    const row = (await readWorkbook(exported.bytes)).rows.find((r) => r.so === String(number))
    expect(row?.nksHoTen).toBe('Nguyễn Văn An')
    expect(row?.ghiChu).toBe('Cải chính hộ tịch ngày 02.05.2025 (số 15/QĐ-UBND, UBND xã An Phú): Họ, chữ đệm, tên (Người được đăng ký): Nguyễn Văn An → Nguyễn Văn Ân; Cải chính họ tên theo tờ khai')

    // Imported back: the note line becomes a note again; the book's own text stays in ghi chú.
    const imported = await importFile(officer, 'so-ks-2024.xlsx', await workbookOf([{ ...row, so: '900', ghiChu: `Đã cấp bản sao\n${row?.ghiChu ?? ''}` }]))
    expect(imported.counts).toMatchObject({ accepted: 1, rejected: 0 })
    const back = await server.db.kysely.selectFrom('entries').select(['id', 'fields']).where('book_id', '=', bookId).where('so', '=', 900).executeTakeFirstOrThrow()
    expect(back.fields.ghiChu).toBe('Đã cấp bản sao')
    const backNotes = await officer.get(`/api/entries/${back.id}/notes`)
    expect(backNotes.body.notes).toEqual([expect.objectContaining({ kind: 'correction', source: 'import', decisionNumber: '15/QĐ-UBND', authority: 'UBND xã An Phú', text: 'Cải chính họ tên theo tờ khai' })])
    expect(backNotes.body.afterNotes.nksHoTen).toBe('Nguyễn Văn Ân')
  })

  it("reads the officers' own words in an imported ghi chú as notes, keeps the column as the book says it, exports it unchanged", async () => {
    const entry = await keyedEntry()
    const exported = await download(officer, `/api/books/${bookId}/export.xlsx`)
    const row = (await readWorkbook(exported.bytes)).rows.find((r) => r.so === String(entry.fields.so))
    const column = 'Đăng ký quá hạn\nThay đổi họ tên từ Nguyễn Văn An thành Nguyễn Văn Ánh theo Quyết định số 31/QĐ-UBND ngày 4/5/2012 của UBND xã An Phú\nĐã cấp bản sao'
    const imported = await importFile(officer, 'so-ks-2024.xlsx', await workbookOf([{ ...row, so: '901', ghiChu: column }]))
    expect(imported.counts).toMatchObject({ accepted: 1, rejected: 0 })
    const back = await server.db.kysely.selectFrom('entries').select(['id', 'fields']).where('book_id', '=', bookId).where('so', '=', 901).executeTakeFirstOrThrow()
    expect(back.fields.ghiChu).toBe(column)
    const notes = await officer.get(`/api/entries/${back.id}/notes`)
    expect(notes.status).toBe(200)
    expect(notes.body.notes).toEqual([expect.objectContaining({
      kind: 'change', source: 'import', noteDate: '04.05.2012', decisionNumber: '31/QĐ-UBND', authority: 'UBND xã An Phú',
      bookText: 'Thay đổi họ tên từ Nguyễn Văn An thành Nguyễn Văn Ánh theo Quyết định số 31/QĐ-UBND ngày 4/5/2012 của UBND xã An Phú',
      changes: [expect.objectContaining({ field: 'nksHoTen', before: 'Nguyễn Văn An', value: 'Nguyễn Văn Ánh' })],
    })])
    expect(notes.body.asBooked.nksHoTen).toBe('Nguyễn Văn An')
    expect(notes.body.afterNotes.nksHoTen).toBe('Nguyễn Văn Ánh')

    // Exported again: the column exactly as the book says it, the note not written twice.
    const again = (await readWorkbook((await download(officer, `/api/books/${bookId}/export.xlsx`)).bytes)).rows.find((r) => r.so === '901')
    expect(again?.ghiChu).toBe(column)

    // Corrected, the note no longer reads as the book's line: the export adds it as a note line.
    const note = notes.body.notes[0]
    const edited = await officer.put(`/api/entries/${back.id}/notes/${note.id}`, { version: note.version, noteDate: '04.05.2012', decisionNumber: '31/QĐ-UBND', authority: 'UBND huyện Kim Bảng', text: note.text })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body.notes[0].bookText).toBeNull()
    const corrected = (await readWorkbook((await download(officer, `/api/books/${bookId}/export.xlsx`)).bytes)).rows.find((r) => r.so === '901')
    expect(corrected?.ghiChu).toBe(`${column}\nThay đổi hộ tịch ngày 04.05.2012 (số 31/QĐ-UBND, UBND huyện Kim Bảng): Họ, chữ đệm, tên (Người được đăng ký): Nguyễn Văn An → Nguyễn Văn Ánh; ${note.text}`)
  })

  it("answers 404 for another unit's entry history and notes, and writes nothing", async () => {
    const entry = await keyedEntry()
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.get(`/api/entries/${entry.id}/history`)).status).toBe(404)
    expect((await stranger.get(`/api/entries/${entry.id}/notes`)).status).toBe(404)
    expect((await stranger.post(`/api/entries/${entry.id}/notes`, { kind: 'other', text: 'x' })).status).toBe(404)
    const rows = await server.db.kysely.selectFrom('entry_notes').select('id').where('entry_id', '=', entry.id).execute()
    expect(rows).toEqual([])
  })
})
