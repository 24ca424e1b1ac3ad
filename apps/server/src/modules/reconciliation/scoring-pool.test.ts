import { DEFAULT_MATCH_SETTINGS } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook } from '../../test/factories'
import { createLocalLookup } from '../population/lookup-local'
import { loadPopulation, populationCsv } from '../population/population-fixtures'
import { reconcileEntries, type EntryForMatch } from './engine'
import { createScoringPool } from './scoring-pool'

let server: TestServer
let entries: EntryForMatch[]
let scope: string[]

beforeAll(async () => {
  server = await startTestServer()
  const officer = await server.login('tuphap.anphu')
  await loadPopulation(server, await server.login('congan.anphu'), populationCsv())
  const book = await createBook(officer, server, '98001', { volume: '01/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })
  const variants = [
    buildBirthFields({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' }),
    buildBirthFields({ nksHoTen: 'NGUYEN THI HOA', nksGioiTinh: '2', nksNgaySinh: '05.12.1990', meHoTen: 'Tran Thi Lan' }),
    buildBirthFields({ nksHoTen: 'Nguyễn Văn Hùng', nksGioiTinh: '1', nksNgaySinh: '1985' }),
    buildBirthFields({ nksHoTen: 'Hoàng Văn Vắng', nksGioiTinh: '1', nksNgaySinh: '01.01.2001' }),
  ]
  for (const fields of variants) expect((await officer.post(`/api/books/${book.id}/entries`, { fields })).status).toBe(201)
  const unit = await server.db.kysely.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()
  scope = [...(await server.services.units.scopeOf(unit.id))]
  const rows = await server.db.kysely.selectFrom('entries').select(['id', 'book_id', 'custodian_unit_id', 'book_type', 'fields']).where('book_id', '=', book.id).orderBy('id').execute()
  entries = rows.map((r) => ({ ...r, fields: r.fields as Record<string, string> }))
})
afterAll(async () => server?.close())

describe('scoring in worker threads', () => {
  it('proposes exactly what scoring on the calling thread proposes', async () => {
    const here = await reconcileEntries(createLocalLookup(server.db.kysely), scope, entries, DEFAULT_MATCH_SETTINGS)
    // Not a trivial comparison: people found, with their explanations.
    // The swapped date with another father's name is left to a person (relatives rule, issue 15).
    expect(here.drafts.map((d) => d.outcome).sort()).toEqual(['ambiguous', 'match', 'not_found', 'not_found'])
    expect(here.drafts.find((d) => d.outcome === 'match')?.candidates[0]?.fields.length).toBeGreaterThan(5)
    const pool = createScoringPool(server.db.kysely, 2)
    try {
      // Two batches at once: both workers start, each with its own queries through this thread.
      const [first, second] = await Promise.all([pool.reconcile(scope, entries.slice(0, 2), DEFAULT_MATCH_SETTINGS), pool.reconcile(scope, entries.slice(2), DEFAULT_MATCH_SETTINGS)])
      expect([...first.drafts, ...second.drafts]).toEqual(here.drafts)
      expect(first.extractIds).toEqual(here.extractIds)
    } finally {
      await pool.close()
    }
  })

  it('fails the batches under way with a message when the pool stops, instead of leaving them waiting', async () => {
    const pool = createScoringPool(server.db.kysely, 1)
    const pending = pool.reconcile(scope, entries, DEFAULT_MATCH_SETTINGS)
    await pool.close()
    await expect(pending).rejects.toThrow(/Tiến trình đối chiếu đã dừng/)
  })
})
