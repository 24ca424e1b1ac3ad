import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { download, readWorkbook } from '../../test/import-helpers'

let server: TestServer
let keyer: Client
let officer: Client
let bookId: string
let number = 300

interface Entry { id: string; version: number; fields: Record<string, string> }
interface Note { id: string; version: number; text: string | null; noteDate: string | null; decisionNumber: string | null; authority: string | null; edited: { by: { name: string } | null } | null; withdrawn: { reason: string; by: { name: string } | null } | null }

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => server?.close())

async function keyedEntry(): Promise<Entry> {
  number += 1
  const response = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number) }), complete: true })
  expect(response.status).toBe(201)
  return response.body as Entry
}

async function addNote(entry: Entry, body: Record<string, unknown>): Promise<Note> {
  const added = await keyer.post(`/api/entries/${entry.id}/notes`, body)
  expect(added.status).toBe(201)
  return (added.body.notes as Note[]).at(-1) as Note
}

async function exportedRow(so: number): Promise<Record<string, string> | undefined> {
  const exported = await download(officer, `/api/books/${bookId}/export.xlsx`)
  return (await readWorkbook(exported.bytes)).rows.find((r) => r.so === String(so))
}

describe('correcting and withdrawing marginal notes', () => {
  it('corrects a note\'s date, basis and text, audited, with the entry untouched and the export as corrected', async () => {
    const entry = await keyedEntry()
    const note = await addNote(entry, { kind: 'correction', noteDate: '02.05.2025', decisionNumber: '15/QĐ-UBND', authority: 'UBND xã An Phú', changes: { nksHoTen: 'Nguyễn Văn Ân' }, text: 'Cải chính họ tên' })
    expect(note).toMatchObject({ version: 1, edited: null, withdrawn: null })

    const edited = await keyer.put(`/api/entries/${entry.id}/notes/${note.id}`, { version: 1, noteDate: '3.5.2025', decisionNumber: '16/QĐ-UBND', authority: 'UBND xã An Phú', text: 'Cải chính họ tên theo tờ khai' })
    expect(edited.status).toBe(200)
    const after = (edited.body.notes as Note[])[0]
    expect(after).toMatchObject({ version: 2, noteDate: '03.05.2025', decisionNumber: '16/QĐ-UBND', text: 'Cải chính họ tên theo tờ khai', withdrawn: null })
    expect(after?.edited?.by?.name).toBeTruthy()
    expect(edited.body.afterNotes.nksHoTen).toBe('Nguyễn Văn Ân')

    // What the book says is as keyed: the entry's fields and version did not move.
    const read = await officer.get(`/api/entries/${entry.id}`)
    expect(read.body.fields).toEqual(entry.fields)
    expect(read.body.version).toBe(entry.version)
    const history = (await keyer.get(`/api/entries/${entry.id}/history`)).body
    expect(history.noteEvents.map((e: { event: string; basis: string | null }) => `${e.event}: ${e.basis}`)).toEqual(['edit: ngày 03.05.2025, số 16/QĐ-UBND, UBND xã An Phú', 'add: ngày 03.05.2025, số 16/QĐ-UBND, UBND xã An Phú'])

    const audit = (await auditRows(server, entry.id)).find((r) => r.action === 'entry.note.edit')
    expect(audit?.details).toMatchObject({ noteId: note.id, version: 2, before: { decisionNumber: '15/QĐ-UBND', text: 'Cải chính họ tên' }, after: { decisionNumber: '16/QĐ-UBND', text: 'Cải chính họ tên theo tờ khai' } })

    const row = await exportedRow(number)
    expect(row?.nksHoTen).toBe('Nguyễn Văn An')
    expect(row?.ghiChu).toBe('Cải chính hộ tịch ngày 03.05.2025 (số 16/QĐ-UBND, UBND xã An Phú): Họ, chữ đệm, tên (Người được đăng ký): Nguyễn Văn An → Nguyễn Văn Ân; Cải chính họ tên theo tờ khai')

    // A stale version (someone corrected it meanwhile): 409 in Vietnamese, nothing written.
    const stale = await officer.put(`/api/entries/${entry.id}/notes/${note.id}`, { version: 1, text: 'Bản cũ' })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/Ghi chú vừa được người khác sửa/)
    // A note that changes nothing keeps its text; a bad date is refused.
    const textOnly = await addNote(entry, { kind: 'other', text: 'Đã cấp bản sao' })
    expect((await keyer.put(`/api/entries/${entry.id}/notes/${textOnly.id}`, { version: 1 })).status).toBe(400)
    expect((await keyer.put(`/api/entries/${entry.id}/notes/${textOnly.id}`, { version: 1, text: 'x', noteDate: '31.02.2025' })).status).toBe(400)
    const notes = (await officer.get(`/api/entries/${entry.id}/notes`)).body.notes as Note[]
    expect(notes.map((n) => [n.version, n.text])).toEqual([[2, 'Cải chính họ tên theo tờ khai'], [1, 'Đã cấp bản sao']])
  })

  it('withdraws a note keyed by mistake with a reason: kept, struck from "Sau ghi chú" and from the export, audited', async () => {
    const entry = await keyedEntry()
    const wrong = await addNote(entry, { kind: 'change', changes: { nksHoTen: 'Nguyễn Văn Sai' }, text: 'Nhập nhầm' })
    const right = await addNote(entry, { kind: 'correction', changes: { nksHoTen: 'Nguyễn Văn Ân' } })
    expect((await keyer.post(`/api/entries/${entry.id}/notes/${wrong.id}/withdraw`, { version: 1, reason: '  ' })).status).toBe(400)

    const withdrawn = await keyer.post(`/api/entries/${entry.id}/notes/${wrong.id}/withdraw`, { version: 1, reason: 'Nhập nhầm vào trường hợp này' })
    expect(withdrawn.status).toBe(200)
    const [first, second] = withdrawn.body.notes as Array<Note & { changes: Array<{ before: string | null }> }>
    expect(first).toMatchObject({ id: wrong.id, version: 2, withdrawn: { reason: 'Nhập nhầm vào trường hợp này' } })
    expect(first?.withdrawn?.by?.name).toBeTruthy()
    // The later note now reads from the book: the withdrawn one changes nothing.
    expect(second).toMatchObject({ id: right.id, withdrawn: null, changes: [{ before: 'Nguyễn Văn An' }] })
    expect(withdrawn.body.afterNotes.nksHoTen).toBe('Nguyễn Văn Ân')
    expect((await officer.get(`/api/entries/${entry.id}`)).body).toMatchObject({ fields: entry.fields, version: entry.version })

    // Withdrawn, not deleted; no second withdrawal nor correction of it.
    const kept = await server.db.kysely.selectFrom('entry_notes').select(['id', 'withdrawn_reason']).where('entry_id', '=', entry.id).orderBy('created_at').execute()
    expect(kept).toEqual([{ id: wrong.id, withdrawn_reason: 'Nhập nhầm vào trường hợp này' }, { id: right.id, withdrawn_reason: null }])
    expect((await keyer.post(`/api/entries/${entry.id}/notes/${wrong.id}/withdraw`, { version: 2, reason: 'Lần nữa' })).status).toBe(409)
    expect((await keyer.put(`/api/entries/${entry.id}/notes/${wrong.id}`, { version: 2, text: 'Sửa' })).status).toBe(409)
    expect((await keyer.post(`/api/entries/${entry.id}/notes/${right.id}/withdraw`, { version: 5, reason: 'Cũ' })).status).toBe(409)
    const audit = (await auditRows(server, entry.id)).filter((r) => r.action === 'entry.note.withdraw')
    expect(audit.map((r) => r.details)).toEqual([expect.objectContaining({ noteId: wrong.id, reason: 'Nhập nhầm vào trường hợp này', changes: { nksHoTen: 'Nguyễn Văn Sai' } })])

    const row = await exportedRow(number)
    expect(row?.ghiChu).toBe('Cải chính hộ tịch: Họ, chữ đệm, tên (Người được đăng ký): Nguyễn Văn An → Nguyễn Văn Ân')

    // The entry's timeline ("Lịch sử") shows both notes added and the withdrawal with its reason, newest first.
    const history = await keyer.get(`/api/entries/${entry.id}/history`)
    expect(history.status).toBe(200)
    const events = history.body.noteEvents as Array<{ noteId: string; event: string; reason: string | null; by: { name: string } | null }>
    expect(events.map((e) => `${e.event} ${e.noteId === wrong.id ? 'wrong' : 'right'}`)).toEqual(['withdraw wrong', 'add right', 'add wrong'])
    expect(events[0]).toMatchObject({ eventLabel: 'Thu hồi ghi chú', kindLabel: 'Thay đổi hộ tịch', reason: 'Nhập nhầm vào trường hợp này' })
    expect(events[0]?.by?.name).toBeTruthy()
  })

  it("answers 404 for another unit's entry or another entry's note, 403 to the police, and writes nothing", async () => {
    const entry = await keyedEntry()
    const other = await keyedEntry()
    const note = await addNote(entry, { kind: 'other', text: 'Ghi chú thật' })
    const stranger = await server.login('tuphap.binhminh')
    const police = await server.login('congan.anphu')
    expect((await stranger.put(`/api/entries/${entry.id}/notes/${note.id}`, { version: 1, text: 'x' })).status).toBe(404)
    expect((await stranger.post(`/api/entries/${entry.id}/notes/${note.id}/withdraw`, { version: 1, reason: 'x' })).status).toBe(404)
    expect((await keyer.put(`/api/entries/${other.id}/notes/${note.id}`, { version: 1, text: 'x' })).status).toBe(404)
    expect((await keyer.post(`/api/entries/${other.id}/notes/${note.id}/withdraw`, { version: 1, reason: 'x' })).status).toBe(404)
    expect((await police.put(`/api/entries/${entry.id}/notes/${note.id}`, { version: 1, text: 'x' })).status).toBe(403)
    expect((await police.post(`/api/entries/${entry.id}/notes/${note.id}/withdraw`, { version: 1, reason: 'x' })).status).toBe(403)
    expect((await police.post(`/api/entries/${entry.id}/notes`, { kind: 'other', text: 'x' })).status).toBe(403)
    // The police still read the notes.
    expect((await police.get(`/api/entries/${entry.id}/notes`)).status).toBe(200)

    const rows = await server.db.kysely.selectFrom('entry_notes').select(['text', 'version', 'withdrawn_at']).where('entry_id', 'in', [entry.id, other.id]).execute()
    expect(rows).toEqual([{ text: 'Ghi chú thật', version: 1, withdrawn_at: null }])
    expect((await auditRows(server, entry.id)).map((r) => r.action)).not.toContain('entry.note.edit')
  })
})
