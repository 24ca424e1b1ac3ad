import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SearchPage } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { nameQuery, oneEditVariants } from './ranking'
import { candidatesQuery, type SearchFilter } from './repository'

/**
 * Registry-wide search through the server (issue 12): names typed without marks, with the other
 * tone placement, a middle name left out or one typo; never another commune's entry; audited.
 */
let server: TestServer
let officer: Client
const ids: Record<string, string> = {}

async function keyed(client: Client, bookId: string, so: number, fields: Record<string, string>): Promise<string> {
  const response = await client.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(so), ...fields }), complete: true })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return String(response.body.id)
}

async function search(client: Client, params: Record<string, string>) {
  const response = await client.get(`/api/search?${new URLSearchParams(params).toString()}`)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return SearchPage.parse(response.body)
}

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  const book = await createBook(officer, server)
  ids.hoa = await keyed(officer, book.id, 1, { nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', meHoTen: 'Phạm Thị Diệu Linh' })
  ids.an = await keyed(officer, book.id, 2, {})
  ids.le = await keyed(officer, book.id, 3, { nksHoTen: 'Lê Thị Hòa', nksGioiTinh: '2' })
  ids.van = await keyed(officer, book.id, 4, { nksHoTen: 'Nguyễn Văn Hoà', nksPersonalId: '' })
  const other = await server.login('tuphap.binhminh')
  const otherBook = await createBook(other, server, '98002', { issuingAuthority: 'UBND xã Bình Minh' })
  ids.foreign = await keyed(other, otherBook.id, 1, { nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2' })
})
afterAll(async () => server?.close())

describe('search', () => {
  it('finds a name typed in capitals without marks, the other tone placement, no middle name or one typo; exact first', async () => {
    const plain = await search(officer, { q: 'NGUYEN THI HOA' })
    expect(plain.items[0]).toMatchObject({ id: ids.hoa, match: 'folded', so: '1', motherName: 'Phạm Thị Diệu Linh', bookType: 'KS', volume: '01/2024' })
    expect(plain.items.map((i) => i.id)).not.toContain(ids.foreign)

    const oldTone = await search(officer, { q: 'nguyễn thị hòa' })
    expect(oldTone.items[0]).toMatchObject({ id: ids.hoa, match: 'exact' })
    expect((await search(officer, { q: 'Lê Thị Hoà' })).items[0]).toMatchObject({ id: ids.le, match: 'exact' })

    const noMiddle = await search(officer, { q: 'Nguyen Hoa' })
    expect(noMiddle.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.hoa, ids.van]))
    expect(noMiddle.items[0]?.match).toBe('partial')

    for (const typo of ['Nguyen Thi Hao', 'Nguyen Thi Hoaa', 'Ngyen Thi Hoa']) {
      const found = await search(officer, { q: typo })
      expect(found.items[0], typo).toMatchObject({ id: ids.hoa, match: 'fuzzy' })
    }
    // One word: any part of the name.
    expect((await search(officer, { q: 'hoa' })).items.map((i) => i.id).sort()).toEqual([ids.hoa, ids.le, ids.van].sort())
  })

  it('filters by parents, year, status and số; the page links to the entry and its book', async () => {
    const byMother = await search(officer, { parent: 'pham thi dieu linh' })
    expect(byMother.items.map((i) => i.id)).toEqual([ids.hoa])
    expect((await search(officer, { q: 'hoa', so: '3' })).items.map((i) => i.id)).toEqual([ids.le])
    expect((await search(officer, { q: 'hoa', yearFrom: '2025' })).items).toEqual([])
    expect((await search(officer, { q: 'hoa', status: 'keyed', pageSize: '1', page: '2' })).items).toHaveLength(1)
    const invalid = await officer.get('/api/search')
    expect(invalid.status).toBe(400)
    expect(JSON.stringify(invalid.body)).toContain('Nhập họ tên')
  })

  it('never shows another commune\'s entry; a foreign unit filter answers 404; the province sees both', async () => {
    expect((await officer.get(`/api/search?q=hoa&unitId=${await unitIdByCode(server, '98002')}`)).status).toBe(404)
    expect((await search(officer, { q: 'hoa', unitId: await unitIdByCode(server, '98001') })).total).toBe(3)
    const province = await search(await server.login('sotuphap'), { q: 'Nguyen Thi Hoa' })
    expect(province.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.hoa, ids.foreign]))
    // A historic commune merged into Hòa Bình is a filter its officer may use (it is not in An Phú's scope).
    const hoaBinh = await server.login('tuphap.hoabinh')
    expect((await hoaBinh.get(`/api/search?q=hoa&unitId=${await unitIdByCode(server, '98101')}`)).status).toBe(200)
    expect((await officer.get(`/api/search?q=hoa&unitId=${await unitIdByCode(server, '98101')}`)).status).toBe(404)
  })

  it('audits every search with its query and the ids shown', async () => {
    await search(officer, { q: 'NGUYEN THI HOA', personalId: '001234567890' })
    await search(officer, { q: 'NGUYEN THI HOA' })
    const rows = await server.db.kysely.selectFrom('audit_events').select(['details', 'action']).where('action', '=', 'search.entries').orderBy('id', 'desc').limit(2).execute()
    expect(rows[0]?.details).toMatchObject({ query: { q: 'NGUYEN THI HOA' }, returned: expect.arrayContaining([ids.hoa, ids.van]) })
    expect(rows[1]?.details).toMatchObject({ query: { q: 'NGUYEN THI HOA', personalId: '001234567890' }, returned: [] })
  })
})

describe('search plans', () => {
  /** Plans over a few thousand synthetic rows. */
  it('use the name key (with the date in it), the trigram indexes of 0018', async () => {
    const db = server.db.kysely
    const book = await db.selectFrom('books').select(['id', 'custodian_unit_id']).where('custodian_unit_id', '=', await unitIdByCode(server, '98001')).executeTakeFirstOrThrow()
    await sql`insert into entries (book_id, custodian_unit_id, book_type, status, fields, registration_year, subject_name, subject_name_folded, parents_folded)
      select ${book.id}::uuid, ${book.custodian_unit_id}::uuid, 'KS', 'draft', '{}'::jsonb, 1990 + g % 30, 'x',
        (array['nguyen','tran','le','pham','hoang'])[1 + g % 5] || ' ' || (array['van','thi','minh','duc'])[1 + g % 4] || ' ' || translate(substr(md5(g::text), 1, 5), '0123456789', 'ghijklmnpq'),
        translate(md5(g::text), '0123456789', 'ghijklmnpq') || ' | ' || translate(md5((g + 1)::text), '0123456789', 'ghijklmnpq')
      from generate_series(1, 5000) g`.execute(db)
    await sql`vacuum analyze entries`.execute(db)
    // Scans priced out: at this size a scan is as good; the plans must show the indexes serve each
    // condition (at 30,000 rows and more the planner picks them itself: bench/search.ts BENCH_EXPLAIN=1).
    const plan = (filter: Omit<SearchFilter, 'scope'>) => db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      const rows = await sql<{ 'QUERY PLAN': string }>`explain ${candidatesQuery({ scope: [book.custodian_unit_id], ...filter }, 500)}`.execute(trx)
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    const full = nameQuery('Nguyen Thi Hoa')
    const one = nameQuery('hoa')
    if (!full || !one) throw new Error('no name')
    expect(await plan({ name: { query: full, givenVariants: oneEditVariants(full.given), surnameVariants: oneEditVariants(full.surname) } })).toContain('entries_search_name_key')
    // A date is compared in the name key (0040), not on rows fetched from the table for it.
    const dated = await plan({ name: { query: full, givenVariants: [], surnameVariants: [] }, dateFrom: '1995-03-02', dateTo: '1995-03-02', yearFrom: 1995, yearTo: 1995 })
    expect(dated).toMatch(/Index Cond: .*registration_date >= '1995-03-02'::date/)
    expect(await plan({ name: { query: one, givenVariants: [], surnameVariants: [] } })).toContain('entries_search_name_trgm')
    expect(await plan({ parent: 'pham thi dieu linh' })).toContain('entries_search_parents_trgm')
  })
})
