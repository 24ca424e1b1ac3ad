import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { countEntries } from './index'

/**
 * The all-years totals (migration 0034) equal a GROUP BY over the entries after creates, saves that
 * change the year and transitions; a phase window counted from the totals minus the years
 * outside equals the same window counted from the years inside and a direct count of the entries.
 */
let server: TestServer
let keyer: Client
let officer: Client
let anPhu: string

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  anPhu = await unitIdByCode(server, '98001')
})
afterAll(async () => server?.close())

type Row = { unit_id: string; book_type: string; status: string; entries: number }
const sorted = (rows: Row[]) => rows.map((r) => ({ ...r, entries: Number(r.entries) })).sort((a, b) => `${a.unit_id}${a.book_type}${a.status}`.localeCompare(`${b.unit_id}${b.book_type}${b.status}`))

/** The window as the dashboard means it, counted on the entries themselves. */
async function direct(fromYear: number, fromMonth: number, toYear: number, toMonth: number) {
  const result = await sql<Row>`
    select custodian_unit_id as unit_id, book_type, status, count(*)::int as entries from entries
     where custodian_unit_id = ${anPhu}::uuid and book_type = 'KS' and (
       (registration_date_precision in ('day', 'month') and registration_year * 12 + extract(month from registration_date)::int between ${fromYear * 12 + fromMonth}::int and ${toYear * 12 + toMonth}::int)
       or (registration_date_precision = 'year' and registration_year between ${fromYear}::int and ${toYear}::int))
     group by 1, 2, 3`.execute(server.db.kysely)
  return sorted(result.rows)
}

const viaCounters = async (windowFrom: string, windowTo: string) =>
  sorted((await countEntries(server.db.kysely, { unitIds: [anPhu], phase: { bookTypes: ['KS'], windowFrom, windowTo } }))
    .map((c) => ({ unit_id: c.unitId, book_type: c.bookType, status: c.status, entries: c.entries })))

describe('entry totals (migration 0034)', () => {
  it('stay equal to a full count, and every window counts the same either way', { timeout: 120_000 }, async () => {
    const book = await createBook(officer, server, '98001', { volume: '31/2024' })
    const dates = ['15.03.2001', '02.11.2005', '2003', '07.2010', '', '30.12.2012', '01.01.2020', '2021', '31.12.1999']
    const ids: Array<{ id: string; version: number }> = []
    for (const [i, ngayDangKy] of dates.entries()) {
      const created = await keyer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: String(i + 1), ngayDangKy }), complete: ngayDangKy !== '' })
      expect([201, 422]).toContain(created.status)
      const entry = created.status === 201 ? created.body : created.body.saved
      ids.push({ id: entry.id, version: entry.version })
    }
    // A save that moves an entry to another year, and a transition.
    const first = ids[0] as { id: string; version: number }
    const moved = await keyer.put(`/api/entries/${first.id}`, { fields: buildBirthFields({ so: '1', ngayDangKy: '15.03.2018' }), version: first.version })
    expect(moved.status).toBe(200)
    const second = ids[1] as { id: string; version: number }
    expect((await officer.post(`/api/entries/${second.id}/transitions`, { action: 'approve', version: second.version })).status).toBe(200)

    const totals = await sql<Row>`select custodian_unit_id as unit_id, book_type, status, entries from entry_counts_total where entries <> 0`.execute(server.db.kysely)
    const recount = await sql<Row>`select custodian_unit_id as unit_id, book_type, status, count(*)::int as entries from entries group by 1, 2, 3`.execute(server.db.kysely)
    expect(sorted(totals.rows)).toEqual(sorted(recount.rows))

    // Whole years over most of the registry (totals minus outside), a narrow window (years inside), years cut by months.
    for (const [from, to] of [['1990-01', '2030-12'], ['2000-01', '2024-12'], ['2003-01', '2005-12'], ['2001-04', '2020-06'], ['2010-07', '2010-07']] as const) {
      const [fy, fm] = from.split('-').map(Number) as [number, number]
      const [ty, tm] = to.split('-').map(Number) as [number, number]
      expect(await viaCounters(from, to), `${from}..${to}`).toEqual(await direct(fy, fm, ty, tm))
    }
  })
})
