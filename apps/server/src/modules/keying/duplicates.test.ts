/** The duplicate check the workbench calls while a keyer types (issue 12: seen before saving, never blocking). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'

let server: TestServer
let officer: Client
let bookId: string
let firstId: string

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
  const first = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '12' }) })
  expect(first.status).toBe(201)
  firstId = first.body.id
  // Same name, another child: same mother's name would not be enough, the birth date and father differ.
  const cousin = await officer.post(`/api/books/${bookId}/entries`, {
    fields: buildBirthFields({ so: '13', nksNgaySinh: '04.03.2024', meHoTen: 'Lê Thị Hạnh', chaHoTen: 'Nguyễn Văn Dũng' }),
  })
  expect(cousin.status).toBe(201)
})
afterAll(async () => server?.close())

const check = (client: Client, fields: Record<string, string>, excludeEntryId?: string) =>
  client.post(`/api/books/${bookId}/duplicate-check`, { fields, ...(excludeEntryId && { excludeEntryId }) })

describe('duplicate check while keying', () => {
  it('says a số is already used in the year, and the same event keyed again, with the differences explained', async () => {
    const res = await check(officer, buildBirthFields({ so: '12', nksHoTen: 'NGUYEN VAN AN', meHoTen: 'Trần Bích' }))
    expect(res.status).toBe(200)
    expect(res.body.sameNumber.map((e: { id: string }) => e.id)).toEqual([firstId])
    expect(res.body.samePerson).toHaveLength(1)
    const [same] = res.body.samePerson
    expect(same).toMatchObject({ id: firstId, so: 12, registrationYear: 2024, subjectName: 'Nguyễn Văn An' })
    const byKey = Object.fromEntries(same.fields.map((f: { key: string; verdict: string }) => [f.key, f.verdict]))
    expect(byKey).toMatchObject({ nksHoTen: 'agree', nksNgaySinh: 'agree', meHoTen: 'agree', chaHoTen: 'agree' })
    expect((await auditRows(server, bookId)).find((r) => r.action === 'book.duplicate_check')?.details).toMatchObject({ entryIds: [firstId] })
  })

  it('finds the event through the birth date when the middle name was dropped, and not a cousin with another mother', async () => {
    const res = await check(officer, buildBirthFields({ so: '40', nksHoTen: 'Nguyễn An' }))
    expect(res.body.sameNumber).toEqual([])
    expect(res.body.samePerson.map((e: { id: string }) => e.id)).toEqual([firstId])
    const other = await check(officer, buildBirthFields({ so: '41', meHoTen: 'Phạm Thị Thu' }))
    expect(other.body.samePerson).toEqual([])
  })

  it('does not compare an entry with itself, and answers 404 for another commune’s book', async () => {
    const res = await check(officer, buildBirthFields({ so: '12' }), firstId)
    expect(res.body.sameNumber).toEqual([])
    expect(res.body.samePerson).toEqual([])
    const other = await server.login('tuphap.binhminh')
    expect((await check(other, buildBirthFields())).status).toBe(404)
  })

  it('records with the save which possible duplicates the keyer saw (the save is not refused)', async () => {
    const saved = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '12' }), duplicatesSeen: [firstId], complete: true })
    expect(saved.status).toBe(201)
    expect((await auditRows(server, saved.body.id)).find((r) => r.action === 'entry.create')?.details).toMatchObject({ duplicatesSeen: [firstId] })
    const numbering = await officer.get(`/api/books/${bookId}/numbering?year=2024`)
    expect(numbering.body.years[0].duplicates).toEqual([expect.objectContaining({ so: 12 })])
  })

  it('refuses a malformed draft with 400, not a 500', async () => {
    const res = await officer.post(`/api/books/${bookId}/duplicate-check`, { fields: { so: 12 } })
    expect(res.status).toBe(400)
  })
})
