import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'

/**
 * A unit's handover (issue 11: "approved entries of a book or unit"): one batch per book with approved
 * entries, the total the officer saw checked first, a book refused on its own listed with the reason.
 */
let server: TestServer
let keyer: Client
let officer: Client
let anPhu: string
let number = 0

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  anPhu = await unitIdByCode(server, '98001')
})
afterAll(async () => server?.close())

async function approvedEntry(bookId: string): Promise<string> {
  number += 1
  const keyed = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(number) }), complete: true })
  expect(keyed.status).toBe(201)
  const approved = await officer.post(`/api/entries/${keyed.body.id}/transitions`, { action: 'approve', version: keyed.body.version })
  expect(approved.status).toBe(200)
  return keyed.body.id as string
}

const statusOf = async (id: string) => (await server.db.kysely.selectFrom('entries').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

describe('handing over a whole unit', () => {
  it('lists the books with approved entries, hands each over as its own batch, and refuses a stale total', async () => {
    const before = (await officer.get(`/api/unit-handovers/ready?unitId=${anPhu}`)).body
    const first = await createBook(officer, server, '98001', { volume: '21/2024' })
    const second = await createBook(officer, server, '98001', { volume: '22/2024' })
    const a = [await approvedEntry(first.id), await approvedEntry(first.id)]
    const b = [await approvedEntry(second.id)]
    const ready = await officer.get(`/api/unit-handovers/ready?unitId=${anPhu}`)
    expect(ready.status).toBe(200)
    expect(ready.body).toMatchObject({ unitId: anPhu, unitName: 'Xã An Phú', canHandOver: true, total: before.total + 3 })
    expect(ready.body.books).toEqual(expect.arrayContaining([
      expect.objectContaining({ bookId: first.id, ready: 2, volume: '21/2024', bookTypeLabel: expect.stringMatching(/khai sinh/i) }),
      expect.objectContaining({ bookId: second.id, ready: 1 }),
    ]))

    const stale = await officer.post('/api/unit-handovers', { unitId: anPhu, expectedCount: ready.body.total - 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toMatch(/đã thay đổi/)
    for (const id of [...a, ...b]) expect(await statusOf(id)).toBe('approved')

    const done = await officer.post('/api/unit-handovers', { unitId: anPhu, expectedCount: ready.body.total, note: 'Chuyển giao đợt 1' })
    expect(done.status).toBe(201)
    expect(done.body.handedOver).toBe(ready.body.total)
    expect(done.body.refused).toEqual([])
    const batchOf = (bookId: string) => done.body.batches.find((x: { bookId: string }) => x.bookId === bookId)
    expect(batchOf(first.id)).toMatchObject({ entryCount: 2, note: 'Chuyển giao đợt 1' })
    expect(batchOf(second.id)).toMatchObject({ entryCount: 1 })
    for (const id of [...a, ...b]) expect(await statusOf(id)).toBe('handed_over')
    expect((await auditRows(server, batchOf(first.id).id)).map((r) => r.action)).toContain('handover.create')
    expect((await officer.get(`/api/unit-handovers/ready?unitId=${anPhu}`)).body).toMatchObject({ total: 0, books: [] })

    const nothing = await officer.post('/api/unit-handovers', { unitId: anPhu, expectedCount: 0 })
    expect(nothing.status).toBe(422)
    expect(nothing.body.message).toMatch(/chưa có trường hợp nào đã phê duyệt/)
  })

  it('a keyer may not hand over, another unit answers 404, the province sees the list but may not hand over', async () => {
    const book = await createBook(officer, server, '98001', { volume: '23/2024' })
    const id = await approvedEntry(book.id)
    expect((await keyer.get(`/api/unit-handovers/ready?unitId=${anPhu}`)).status).toBe(403)
    expect((await keyer.post('/api/unit-handovers', { unitId: anPhu, expectedCount: 1 })).status).toBe(403)
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.get(`/api/unit-handovers/ready?unitId=${anPhu}`)).status).toBe(404)
    expect((await stranger.post('/api/unit-handovers', { unitId: anPhu, expectedCount: 1 })).status).toBe(404)
    const province = await server.login('sotuphap')
    const seen = await province.get(`/api/unit-handovers/ready?unitId=${anPhu}`)
    expect(seen.status).toBe(200)
    expect(seen.body.canHandOver).toBe(false)
    const notTheirs = await province.post('/api/unit-handovers', { unitId: anPhu, expectedCount: seen.body.total })
    expect(notTheirs.status).toBe(403)
    expect(await statusOf(id)).toBe('approved')
  })
})
