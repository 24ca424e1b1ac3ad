import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'

let server: TestServer
let officer: Client
let bookId: string

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => server?.close())

async function createEntry(fields: Record<string, string> = buildBirthFields(), client = officer) {
  const response = await client.post(`/api/books/${bookId}/entries`, { fields })
  expect(response.status).toBe(201)
  return response.body as { id: string; version: number; status: string; issues: Array<{ field: string; severity: string; message: string }> }
}

describe('entries', () => {
  it('keys a birth entry as a draft, lists it, and audits the write and every read', async () => {
    const entry = await createEntry()
    expect(entry).toMatchObject({ status: 'draft', version: 1, so: 12, trangSo: 7, registrationDate: '15.03.2024' })
    expect(entry.issues.filter((i) => i.severity === 'error')).toEqual([])

    const list = await officer.get(`/api/books/${bookId}/entries?q=nguyen van an`)
    expect(list.status).toBe(200)
    expect(list.body.items).toEqual([expect.objectContaining({ id: entry.id, so: 12, subjectName: 'Nguyễn Văn An' })])

    const read = await officer.get(`/api/entries/${entry.id}`)
    expect(read.body.fields.nksHoTen).toBe('Nguyễn Văn An')
    const actions = (await auditRows(server, entry.id)).map((r) => r.action)
    expect(actions).toEqual(['entry.create', 'entry.read'])
    const listAudit = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'entry.list').execute()
    expect(listAudit.some((row) => (row.details as { returned: string[] }).returned.includes(entry.id))).toBe(true)
  })

  it('keeps what the keyer typed (NFC, trimmed) and drops empty fields', async () => {
    const entry = await createEntry(buildBirthFields({ so: '13', nksHoTen: '  Nguye\u0302\u0303n Thị Hoà ', ghiChu: '' }))
    const read = await officer.get(`/api/entries/${entry.id}`)
    expect(read.body.fields.nksHoTen).toBe('Nguyễn Thị Hoà')
    expect(read.body.fields).not.toHaveProperty('ghiChu')
  })

  it('saves a draft with errors, shows them in Vietnamese, and refuses "done" until they are fixed', async () => {
    const entry = await createEntry(buildBirthFields({ so: '14', ngayDangKy: '31.02.2024', nksHoTen: '' }))
    const errors = entry.issues.filter((i) => i.severity === 'error')
    expect(errors.map((i) => i.field).sort()).toEqual(['ngayDangKy', 'nksHoTen'])
    expect(errors.every((i) => /[ăâđêôơưáàảãạ]/i.test(i.message))).toBe(true)

    const refused = await officer.post(`/api/entries/${entry.id}/transitions`, { action: 'markKeyed', version: entry.version })
    expect(refused.status).toBe(422)
    expect(refused.body.issues.length).toBeGreaterThanOrEqual(2)

    const fixed = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: '14' }), version: entry.version })
    expect(fixed.status).toBe(200)
    const done = await officer.post(`/api/entries/${entry.id}/transitions`, { action: 'markKeyed', version: fixed.body.version })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'keyed', statusLabel: 'Đã nhập xong' })
    const revisions = await server.db.kysely.selectFrom('entry_revisions').select(['version', 'change_kind']).where('entry_id', '=', entry.id).orderBy('version').execute()
    expect(revisions.map((r) => r.change_kind)).toEqual(['create', 'update', 'transition:markKeyed'])
  })

  it('refuses a transition the table does not allow', async () => {
    const entry = await createEntry(buildBirthFields({ so: '15' }))
    const reopenDraft = await officer.post(`/api/entries/${entry.id}/transitions`, { action: 'reopen', version: entry.version })
    expect(reopenDraft.status).toBe(409)
    const digitizer = await server.login('sohoa.anphu')
    const keyed = await digitizer.post(`/api/entries/${entry.id}/transitions`, { action: 'markKeyed', version: entry.version })
    expect(keyed.status).toBe(200)
    // A digitizer may finish an entry but not reopen it; the justice officer may.
    expect((await digitizer.post(`/api/entries/${entry.id}/transitions`, { action: 'reopen', version: keyed.body.version })).status).toBe(409)
    expect((await officer.post(`/api/entries/${entry.id}/transitions`, { action: 'reopen', version: keyed.body.version })).status).toBe(200)
  })

  it('a stale version answers 409 with the current version and changes nothing', async () => {
    const entry = await createEntry(buildBirthFields({ so: '16' }))
    const first = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: '16', nksHoTen: 'Nguyễn Văn Bảo' }), version: 1 })
    expect(first.status).toBe(200)
    const stale = await officer.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ so: '16', nksHoTen: 'Nguyễn Văn Cũ' }), version: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/vừa được người khác sửa/)
    expect(stale.body.current).toMatchObject({ version: 2, fields: expect.objectContaining({ nksHoTen: 'Nguyễn Văn Bảo' }) })
    expect((await officer.get(`/api/entries/${entry.id}`)).body.fields.nksHoTen).toBe('Nguyễn Văn Bảo')
    const update = (await auditRows(server, entry.id)).find((r) => r.action === 'entry.update')
    expect((update?.details as { changes: Record<string, unknown> }).changes).toEqual({ nksHoTen: ['Nguyễn Văn An', 'Nguyễn Văn Bảo'] })
  })

  it("another commune's officer gets 404 on the entry and its book, and nothing changes", async () => {
    const entry = await createEntry(buildBirthFields({ so: '17' }))
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/entries/${entry.id}`)).status).toBe(404)
    expect((await other.put(`/api/entries/${entry.id}`, { fields: buildBirthFields({ nksHoTen: 'X' }), version: 1 })).status).toBe(404)
    expect((await other.post(`/api/entries/${entry.id}/transitions`, { action: 'markKeyed', version: 1 })).status).toBe(404)
    expect((await other.get(`/api/books/${bookId}/entries`)).status).toBe(404)
    expect((await other.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields() })).status).toBe(404)
    const row = await server.db.kysely.selectFrom('entries').selectAll().where('id', '=', entry.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ version: 1, status: 'draft' })
    expect(row.fields.nksHoTen).toBe('Nguyễn Văn An')
    // Nothing read or written; each refused attempt is in the trail (issue 14: access.refused).
    const rows = await auditRows(server, entry.id)
    expect(rows.map((r) => r.action)).toEqual(['entry.create', 'access.refused', 'access.refused', 'access.refused'])
    expect(rows.slice(1).map((r) => (r.details as { method: string }).method)).toEqual(['GET', 'PUT', 'POST'])
  })

  it('a retried save with the same client transaction id creates one entry', async () => {
    const body = { fields: buildBirthFields({ so: '18' }), clientTxnId: 'txn-retry-0001' }
    const first = await officer.post(`/api/books/${bookId}/entries`, body)
    const retry = await officer.post(`/api/books/${bookId}/entries`, body)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(200)
    expect(retry.body.id).toBe(first.body.id)
    const rows = await server.db.kysely.selectFrom('entries').select('id').where('so', '=', 18).where('book_id', '=', bookId).execute()
    expect(rows).toHaveLength(1)
  })

  it('rejects fields that the catalog does not know', async () => {
    const response = await officer.post(`/api/books/${bookId}/entries`, { fields: { ...buildBirthFields(), hoTenBiSai: 'x' } })
    expect(response.status).toBe(400)
    expect(response.body.message).toContain('hoTenBiSai')
  })

  it('the validate endpoint returns rule issues for a draft without saving it', async () => {
    const before = await server.db.kysely.selectFrom('entries').select('id').execute()
    const response = await officer.post('/api/entries/validate', {
      bookType: 'KS',
      bookId,
      fields: buildBirthFields({ nksNgaySinh: '20.03.2024', ngayDangKy: '15.03.2024' }),
    })
    expect(response.status).toBe(200)
    expect(response.body.issues.some((i: { field: string }) => i.field === 'nksNgaySinh' || i.field === 'ngayDangKy')).toBe(true)
    expect(await server.db.kysely.selectFrom('entries').select('id').execute()).toHaveLength(before.length)
  })
})
