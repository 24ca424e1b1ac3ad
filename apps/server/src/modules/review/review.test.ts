import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FOUR_EYES_REFUSAL } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'

/**
 * Checking and approval through the server (issue 11): sohoa.anphu keys, tuphap.anphu checks and
 * approves; four eyes, returns with a reason, edits after approval, bulk approval, other units.
 */
let server: TestServer
let keyer: Client
let officer: Client
let bookId: string
let number = 100

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => server?.close())

interface Entry { id: string; version: number; status: string; allowedActions: string[]; returnReason: string | null; keyedBy: string | null; contentChangedBy: string | null }

/** A complete birth entry keyed (saved and completed) by the keyer. */
async function keyedEntry(overrides: Record<string, string> = {}): Promise<Entry> {
  number += 1
  const response = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number), ...overrides }), complete: true })
  expect(response.status).toBe(201)
  expect(response.body.status).toBe('keyed')
  return response.body as Entry
}

const read = async (client: Client, id: string) => (await client.get(`/api/entries/${id}`)).body as Entry
const act = (client: Client, entry: { id: string; version: number }, action: string, reason?: string) =>
  client.post(`/api/entries/${entry.id}/transitions`, { action, version: entry.version, ...(reason !== undefined && { reason }) })
const statusInDb = async (id: string) =>
  (await server.db.kysely.selectFrom('entries').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow())

describe('four eyes', () => {
  it('the keyer is never offered, and is refused, checking or approving their own entry; someone else is', async () => {
    const entry = await keyedEntry()
    const own = await read(keyer, entry.id)
    expect(own.allowedActions).not.toContain('check')
    const refused = await act(keyer, entry, 'check')
    expect(refused.status).toBe(403)
    expect(refused.body.message).toBe(FOUR_EYES_REFUSAL)
    expect(await statusInDb(entry.id)).toEqual({ status: 'keyed', version: entry.version })

    const seen = await read(officer, entry.id)
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['check', 'approve', 'return']))
    const checked = await act(officer, entry, 'check')
    expect(checked.status).toBe(200)
    expect(checked.body.status).toBe('checked')
    const approved = await act(officer, checked.body, 'approve')
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', statusLabel: 'Đã phê duyệt' })
    expect((await auditRows(server, entry.id)).map((r) => r.action)).toEqual(expect.arrayContaining(['entry.create', 'entry.markKeyed', 'entry.check', 'entry.approve']))
  })

  it('whoever last changed the content cannot approve it either: a correction by the officer needs another approver', async () => {
    const entry = await keyedEntry()
    const corrected = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: String(number), nksHoTen: 'Nguyễn Văn Ân' }), version: entry.version })
    expect(corrected.status).toBe(200)
    expect(corrected.body.contentChangedBy).not.toBe(entry.keyedBy)
    const refused = await act(officer, corrected.body, 'approve')
    expect(refused.status).toBe(403)
    expect(await statusInDb(entry.id)).toMatchObject({ status: 'keyed' })
  })

  it('correct-and-approve: the checker saves a correction and approves it in one request, judged on the entry as keyed', async () => {
    const entry = await keyedEntry()
    const response = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: String(number), nksHoTen: 'Nguyễn Văn Bình' }), version: entry.version, action: 'approve' })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ status: 'approved', fields: expect.objectContaining({ nksHoTen: 'Nguyễn Văn Bình' }) })
    // The keyer cannot approve their own entry by correcting it first.
    const other = await keyedEntry()
    const own = await keyer.put(`/api/entries/${other.id}`, { fields: buildBirthFields({ so: String(number) }), version: other.version, action: 'check' })
    expect(own.status).toBe(403)
    expect(await statusInDb(other.id)).toEqual({ status: 'keyed', version: other.version })
  })
})

describe('returned, edited, locked', () => {
  it('returns an entry with a reason to the keyer, who fixes it and completes it again', async () => {
    const entry = await keyedEntry()
    const noReason = await act(officer, entry, 'return', '  ')
    expect(noReason.status).toBe(422)
    expect(noReason.body.message).toMatch(/lý do/)
    const returned = await act(officer, entry, 'return', 'Sai tên mẹ so với trang sổ')
    expect(returned.status).toBe(200)
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Sai tên mẹ so với trang sổ' })

    const seen = await read(keyer, entry.id)
    expect(seen.returnReason).toBe('Sai tên mẹ so với trang sổ')
    // The keyer's list of entries to fix carries the reason too.
    const toFix = await keyer.get(`/api/books/${bookId}/entries?status=returned&pageSize=200`)
    expect(toFix.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: entry.id, returnReason: 'Sai tên mẹ so với trang sổ' })]))
    expect(seen.allowedActions).toContain('markKeyed')
    const fixed = await keyer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: String(number), meHoTen: 'Trần Thị Bích Ngọc' }), version: seen.version, complete: true })
    expect(fixed.status).toBe(200)
    expect(fixed.body).toMatchObject({ status: 'keyed', returnReason: null })
    const note = await server.db.kysely.selectFrom('entry_revisions').select(['note', 'change_kind']).where('entry_id', '=', entry.id).where('change_kind', '=', 'transition:return').executeTakeFirstOrThrow()
    expect(note.note).toBe('Sai tên mẹ so với trang sổ')
  })

  it('an approved entry changed later goes back to checked, its approved revision kept', async () => {
    const entry = await keyedEntry()
    const approved = (await act(officer, entry, 'approve')).body as Entry
    expect(approved.status).toBe('approved')
    const edited = await keyer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: String(number), ghiChu: 'Bổ sung ghi chú' }), version: approved.version })
    expect(edited.status).toBe(200)
    expect(edited.body.status).toBe('checked')
    const revisions = await server.db.kysely.selectFrom('entry_revisions').select(['version', 'status']).where('entry_id', '=', entry.id).orderBy('version').execute()
    expect(revisions.map((r) => r.status)).toEqual(['draft', 'keyed', 'approved', 'checked'])
    // The keyer changed it last: the officer approves again (a digitizer could not approve anyway: 409 from the table).
    expect((await act(keyer, edited.body, 'approve')).status).toBe(409)
    expect((await act(officer, edited.body, 'approve')).body.status).toBe('approved')
  })

  it('a checked entry refuses an edit that brings errors back; handing over is never taken on one entry', async () => {
    const entry = await keyedEntry()
    const checked = (await act(officer, entry, 'check')).body as Entry
    const broken = await keyer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: String(number), ngayDangKy: '31.02.2024' }), version: checked.version })
    expect(broken.status).toBe(422)
    expect(await statusInDb(entry.id)).toEqual({ status: 'checked', version: checked.version })
    const approved = (await act(officer, checked, 'approve')).body as Entry
    expect(approved.allowedActions).not.toContain('handOver')
    expect((await act(officer, approved, 'handOver')).status).toBe(409)
  })
})

describe('check queue and bulk approval', () => {
  it('lists what waits, oldest first, never the user\'s own work, with the flags the checker filters on', async () => {
    const first = await keyedEntry()
    const second = await keyedEntry()
    const forOfficer = await officer.get(`/api/review/queue?bookId=${bookId}&stage=check&pageSize=200`)
    expect(forOfficer.status).toBe(200)
    const ids = forOfficer.body.items.map((i: { id: string }) => i.id)
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id))
    expect(forOfficer.body.items.find((i: { id: string }) => i.id === first.id)).toMatchObject({ keyedByName: expect.any(String), bookLabel: expect.stringContaining('01/2024') })

    number += 1
    const illegible = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number) }), illegibleFields: ['meHoTen'], complete: true })
    expect(illegible.body.status).toBe('keyed')
    const flagged = await officer.get(`/api/review/queue?bookId=${bookId}&flag=illegible&pageSize=200`)
    expect(flagged.body.items.map((i: { id: string }) => i.id)).toEqual([illegible.body.id])
    expect(flagged.body.items[0]).toMatchObject({ illegibleCount: 1 })

    const forKeyer = await keyer.get(`/api/review/queue?bookId=${bookId}&stage=check&pageSize=200`)
    expect(forKeyer.status).toBe(200)
    expect(forKeyer.body.items.map((i: { id: string }) => i.id)).not.toContain(first.id)

    const queueAudit = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'review.queue').execute()
    expect(queueAudit.some((r) => (r.details as { returned: string[] }).returned.includes(first.id))).toBe(true)

    const bad = await officer.get('/api/review/queue?stage=later&flag=everything')
    expect(bad.status).toBe(400)
    expect((await (await server.login('lanhdao.anphu')).get('/api/review/queue')).status).toBe(403)
  })

  it('the officer approves a checked book at once, leaving their own work; the audit lists the ids', async () => {
    const book = (await createBook(officer, server, '98001', { volume: '02/2024' })).id
    const ids: string[] = []
    for (let i = 1; i <= 3; i += 1) {
      const created = await keyer.post(`/api/books/${book}/entries`, { fields: buildBirthFields({ so: String(i), quyenSo: '02/2024' }), complete: true })
      expect(created.status).toBe(201)
      const checked = await act(officer, created.body, 'check')
      expect(checked.status).toBe(200)
      if (i === 3) {
        // The officer then corrects this one: their own change, left for someone else to approve.
        const corrected = await officer.put(`/api/entries/${created.body.id}`, { fields: buildBirthFields({ so: String(i), quyenSo: '02/2024', ghiChu: 'sửa' }), version: checked.body.version })
        expect(corrected.body.status).toBe('checked')
      }
      ids.push(created.body.id)
    }
    const summary = await officer.get(`/api/books/${book}/review`)
    expect(summary.body).toEqual({ counts: { checked: 3 }, approvable: 2 })

    const stale = await officer.post(`/api/books/${book}/approve-checked`, { expectedCount: 5 })
    expect(stale.status).toBe(409)
    expect((await officer.get(`/api/books/${book}/review`)).body.counts).toEqual({ checked: 3 })

    const done = await officer.post(`/api/books/${book}/approve-checked`, { expectedCount: 2 })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ approved: 2, skippedOwnWork: 1, skippedWithErrors: 0 })
    expect([...done.body.entryIds].sort()).toEqual(ids.slice(0, 2).sort())
    expect((await officer.get(`/api/books/${book}/review`)).body.counts).toEqual({ checked: 1, approved: 2 })
    const audit = await auditRows(server, book)
    const bulk = audit.find((r) => r.action === 'entry.approve.bulk')
    expect((bulk?.details as { entryIds: string[] }).entryIds.sort()).toEqual(ids.slice(0, 2).sort())
    const revision = await server.db.kysely.selectFrom('entry_revisions').select(['status', 'changed_by']).where('entry_id', '=', ids[0] ?? '').orderBy('version', 'desc').executeTakeFirstOrThrow()
    expect(revision.status).toBe('approved')

    // The digitizer may check but not approve.
    expect((await keyer.post(`/api/books/${book}/approve-checked`, {})).status).toBe(403)
  })

  it('another commune sees none of it: 404 for the book, the entry and the unit', async () => {
    const entry = await keyedEntry()
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.get(`/api/review/queue?bookId=${bookId}`)).status).toBe(404)
    expect((await stranger.get(`/api/books/${bookId}/review`)).status).toBe(404)
    expect((await stranger.post(`/api/books/${bookId}/approve-checked`, {})).status).toBe(404)
    expect((await act(stranger, entry, 'check')).status).toBe(404)
    const own = await stranger.get('/api/review/queue?stage=check&pageSize=200')
    expect(own.body.items.map((i: { id: string }) => i.id)).not.toContain(entry.id)
    expect(await statusInDb(entry.id)).toEqual({ status: 'keyed', version: entry.version })
  })
})
