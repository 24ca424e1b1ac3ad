import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type TestServer } from '../../test/harness'
import { createImportsRepository } from './repository'

describe('existing numbers seen by an import', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => server?.close())

  it('finds each (book, year, số) already kept, dated or not, and nothing in another book or year', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server)
    const other = await createBook(officer, server, '98001', { volume: '02/2024' })
    const keyed = async (bookId: string, fields: Record<string, string>) => {
      const response = await officer.post(`/api/books/${bookId}/entries`, { fields })
      expect(response.status).toBe(201)
    }
    await keyed(book.id, buildBirthFields({ so: '12', ngayDangKy: '15.03.2024' }))
    await keyed(book.id, buildBirthFields({ so: '13', ngayDangKy: '' }))
    await keyed(other.id, buildBirthFields({ so: '14', ngayDangKy: '16.03.2024' }))

    const repo = createImportsRepository(server.db.kysely)
    const found = await repo.existingNumbers(server.db.kysely, [
      { bookId: book.id, year: 2024, so: 12 },
      { bookId: book.id, year: null, so: 13 },
      { bookId: book.id, year: 2023, so: 12 },
      { bookId: book.id, year: 2024, so: 14 },
      { bookId: other.id, year: 2024, so: 14 },
      { bookId: other.id, year: 2024, so: 12 },
    ])
    expect([...found.keys()].sort()).toEqual([`${book.id}|2024|12`, `${book.id}||13`, `${other.id}|2024|14`].sort())
    expect([...(found.get(`${book.id}|2024|12`)?.dates ?? [])]).toEqual(['2024-03-15|day'])
    expect(found.get(`${book.id}|2024|12`)?.shown).toBe('15.03.2024')
    expect([...(found.get(`${book.id}||13`)?.dates ?? [])]).toEqual(['|'])
    expect((await repo.existingNumbers(server.db.kysely, [])).size).toBe(0)
  })
})
