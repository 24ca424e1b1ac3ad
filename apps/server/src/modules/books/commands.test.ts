/** deleteBookIfEmpty: a book goes only when nothing names it, audited in the caller's transaction. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { auditRows, createBook, unitIdByCode } from '../../test/factories'
import { BOOK_REFERENCES, deleteBookIfEmpty } from './commands'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

let volumes = 1
const newBook = async () => createBook(await server.login('tuphap.anphu'), server, '98001', { volume: `9${volumes++}/2011`, year: 2011, openedOn: null, closedOn: null })
const remove = (bookId: string) => server.db.kysely.transaction().execute((trx) => deleteBookIfEmpty(trx, null, bookId, 'test.empty', { importId: null }))
const exists = async (bookId: string) => (await server.db.kysely.selectFrom('books').select('id').where('id', '=', bookId).executeTakeFirst()) !== undefined

describe('deleteBookIfEmpty', () => {
  it('removes a book nothing names, with an audit row saying why; a second call finds it gone', async () => {
    const book = await newBook()
    expect(await remove(book.id)).toEqual({ deleted: true })
    expect(await exists(book.id)).toBe(false)
    const audit = (await auditRows(server, book.id)).map((r) => [r.action, r.details.reason ?? null])
    expect(audit).toEqual([['book.create', null], ['book.delete', 'test.empty']])
    expect(await remove(book.id)).toEqual({ deleted: false, missing: true })
  })

  it('keeps a book with an entry, an assignment or an import chosen for it, and writes nothing', async () => {
    const withEntry = await newBook()
    await server.db.kysely
      .insertInto('entries')
      .values({ book_id: withEntry.id, custodian_unit_id: await unitIdByCode(server, '98001'), book_type: 'KS', status: 'draft', fields: JSON.stringify({ so: '1' }) })
      .execute()
    expect(await remove(withEntry.id)).toEqual({ deleted: false, missing: false, references: ['entries'] })

    const assigned = await newBook()
    const keyer = await server.db.kysely.selectFrom('users').select('id').where('username', '=', 'sohoa.anphu').executeTakeFirstOrThrow()
    await server.db.kysely.insertInto('book_assignments').values({ book_id: assigned.id, user_id: keyer.id }).execute()
    expect(await remove(assigned.id)).toEqual({ deleted: false, missing: false, references: ['book_assignments'] })

    const chosen = await newBook()
    await server.db.kysely
      .insertInto('imports')
      .values({ unit_id: await unitIdByCode(server, '98001'), book_type: 'KS', file_name: 'a.xlsx', file_format: 'xlsx', file_size: 1, file_sha256: 'x', mapping: '{}', options: JSON.stringify({ target: { bookId: chosen.id } }), counts: '{}' })
      .execute()
    expect(await remove(chosen.id)).toEqual({ deleted: false, missing: false, references: ['imports'] })

    for (const book of [withEntry, assigned, chosen]) {
      expect(await exists(book.id)).toBe(true)
      expect((await auditRows(server, book.id)).map((r) => r.action)).toEqual(['book.create'])
    }
  })

  it('checks every table whose foreign key names a book', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select distinct c.relname as table_name from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      where k.contype = 'f' and k.confrelid = 'books'::regclass and not c.relispartition`.execute(server.db.kysely)
    const checked = Object.keys(BOOK_REFERENCES)
    expect(rows.map((r) => r.table_name).filter((table) => !checked.includes(table))).toEqual([])
  })
})
