/** What the keying workbench adds beside entries: illegible flags, their drafts, and value suggestions. */
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

describe('illegible fields (khó đọc)', () => {
  it('stores the flags, lowers errors on those fields to warnings, and lets the entry be marked done', async () => {
    const fields = buildBirthFields({ so: '31' })
    delete fields.meHoTen
    const created = await officer.post(`/api/books/${bookId}/entries`, { fields, illegibleFields: ['meHoTen', 'meHoTen', 'khongCo'] })
    expect(created.status).toBe(201)
    expect(created.body.illegibleFields).toEqual(['meHoTen'])
    const issue = (created.body.issues as Array<{ field: string; severity: string; message: string }>).find((i) => i.field === 'meHoTen')
    expect(issue?.severity).toBe('warning')
    expect(issue?.message).toMatch(/khó đọc/)
    const done = await officer.post(`/api/entries/${created.body.id}/transitions`, { action: 'markKeyed', version: created.body.version })
    expect(done.status).toBe(200)
    expect((await auditRows(server, created.body.id)).find((r) => r.action === 'entry.create')?.details).toMatchObject({ illegibleFields: ['meHoTen'] })
  })

  it('keeps the flags when an update omits them, clears them with [], and then the error blocks done again', async () => {
    const fields = buildBirthFields({ so: '32' })
    delete fields.chaHoTen
    const created = await officer.post(`/api/books/${bookId}/entries`, { fields, illegibleFields: ['chaHoTen'] })
    const kept = await officer.put(`/api/entries/${created.body.id}`, { fields: { ...fields, ghiChu: 'lề' }, version: created.body.version })
    expect(kept.status).toBe(200)
    expect(kept.body.illegibleFields).toEqual(['chaHoTen'])
    const cleared = await officer.put(`/api/entries/${created.body.id}`, { fields, version: kept.body.version, illegibleFields: [] })
    expect(cleared.body.illegibleFields).toEqual([])
    const refused = await officer.post(`/api/entries/${created.body.id}/transitions`, { action: 'markKeyed', version: cleared.body.version })
    expect(refused.status).toBe(422)
  })

  it('keeps the flags in the server copy of a draft', async () => {
    const saved = await officer.put('/api/drafts/wb-test-draft-1', { bookId, fields: { so: '40', nksHoTen: 'Nguyễn Văn ?' }, illegibleFields: ['nksHoTen'], seq: 1 })
    expect(saved.status).toBe(200)
    const restored = await officer.get('/api/drafts/wb-test-draft-1')
    expect(restored.body).toMatchObject({ fields: { so: '40', nksHoTen: 'Nguyễn Văn ?' }, illegibleFields: ['nksHoTen'] })
  })
})

describe('value suggestions', () => {
  it('lists this field’s values first, then other places of the book, then the province’s unit names', async () => {
    const rows: Array<[string, string, string]> = [['51', 'Trạm y tế xã An Phú', 'Thôn 1, xã An Phú'], ['52', 'Trạm y tế xã An Phú', 'Thôn 2, xã An Phú'], ['53', 'Bệnh viện tỉnh', 'Thôn 1, xã An Phú']]
    for (const [so, noiSinh, noiCuTru] of rows) {
      const created = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so, nksNoiSinh: noiSinh, meNoiCuTru: noiCuTru }) })
      expect(created.status).toBe(201)
    }
    const res = await officer.get(`/api/books/${bookId}/values?field=nksNoiSinh`)
    expect(res.status).toBe(200)
    const items = res.body.items as Array<{ value: string; count: number; source: string }>
    expect(items.slice(0, 2)).toEqual([
      { value: 'Trạm y tế xã An Phú', count: 2, source: 'field' },
      { value: 'Bệnh viện tỉnh', count: 1, source: 'field' },
    ])
    expect(items.find((i) => i.value === 'Thôn 1, xã An Phú')?.source).toBe('book')
    expect(items.some((i) => i.source === 'unit' && /^Xã An Phú, .*Tỉnh/.test(i.value))).toBe(true)
    expect((await auditRows(server, bookId)).some((r) => r.action === 'book.values')).toBe(true)
  })

  it('refuses a field without suggestions and a book of another commune', async () => {
    expect((await officer.get(`/api/books/${bookId}/values?field=nksNgaySinh`)).status).toBe(400)
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/books/${bookId}/values?field=nksNoiSinh`)).status).toBe(404)
  })
})
