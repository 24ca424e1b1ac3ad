import { ENTRY_ACTIONS, type EntryAction, type Role } from '@hts/domain'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { importFile, syntheticBirthRows, workbookOf } from '../../test/import-helpers'
import { countersAndRecount } from '../../test/counters'
import { activityByType, countEntries, createEntry, deleteImportedEntries, findEntryIn, patchEntryFields, tryTransition, updateEntry, type RoleActor } from './index'
import type { EntryBook } from './checks'

/**
 * The counters kept by triggers (migrations 0023, 0030) equal a full GROUP BY over the rows after a random
 * mix of every kind of write: keyed creates and saves (dates changing year or month), transitions,
 * withdrawals, an import, deletions of its entries and its rollback, a book moved to another unit, an
 * entry put in a book of another type and/or unit, a field patch. Both activity tables are checked:
 * `entry_activity` (per user, no type) and `entry_activity_types` (per type, no user; migration 0030).
 */
let server: TestServer
let officer: Client
const actors: RoleActor[] = []
let units: string[] = []

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  for (const username of ['tuphap.anphu', 'sohoa.anphu']) {
    const user = await server.db.kysely.selectFrom('users').select(['id', 'unit_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow()
    actors.push({ id: user.id, unitId: user.unit_id, role: user.role as Role })
  }
  units = [await unitIdByCode(server, '98001'), await unitIdByCode(server, '98002')]
})
afterAll(async () => server?.close())

/** A small deterministic generator (mulberry32): the same sequence on both engines. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DATES = ['15.03.2024', '02.11.2024', '2024', '07.2024', '', '30.12.2023']

async function expectCountersRight() {
  const { monthly, yearly, activity, activityTypes, totals } = await countersAndRecount(server.db.kysely)
  expect(monthly[0]).toEqual(monthly[1])
  expect(yearly[0]).toEqual(yearly[1])
  expect(activity[0]).toEqual(activity[1])
  expect(activityTypes[0]).toEqual(activityTypes[1])
  expect(totals[0]).toEqual(totals[1])
  expect(activityTypes[0]?.length).toBeGreaterThan(0)
}

describe('entry counters (migrations 0023, 0030)', () => {
  it('equal a full count after random imports, saves, transitions, withdrawals, book and type moves and deletions', { timeout: 180_000 }, async () => {
    const next = random(13)
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
    const books = [(await createBook(officer, server)).id, (await createBook(officer, server, '98001', { volume: '02/2024' })).id]
    const deaths = (await createBook(officer, server, '98001', { bookType: 'KT', volume: '09/2024' })).id
    const imported = await importFile(officer, 'counters.xlsx', await workbookOf([...syntheticBirthRows(12, 2023)]))
    expect(imported.status).toBe('succeeded')
    await expectCountersRight()

    const db = server.db.kysely
    const bookOf = (trx: typeof db, id: string) => trx.selectFrom('books').select(['id', 'book_type', 'custodian_unit_id', 'year', 'opened_on', 'closed_on']).where('id', '=', id).executeTakeFirstOrThrow() as Promise<EntryBook>
    const actions = Object.keys(ENTRY_ACTIONS) as EntryAction[]
    let so = 100
    // The walk's rarer writes must really happen (the seed decides): counted, and checked after the walk.
    const rare = { entryMoved: 0, deleted: 0 }
    for (let step = 0; step < 60; step++) {
      const roll = next()
      const actor = pick(actors)
      await db.transaction().execute(async (trx) => {
        const ids = (await trx.selectFrom('entries').select('id').orderBy('id').execute()).map((r) => r.id)
        const someone = ids.length > 0 ? await findEntryIn(trx, pick(ids)) : undefined
        if (roll < 0.3 || !someone) {
          const book = await bookOf(trx, pick(books))
          const created = await createEntry(trx, actor, book, { fields: buildBirthFields({ so: String(so++), ngayDangKy: pick(DATES) }) })
          if (next() < 0.5) await tryTransition(trx, actor, book, created, 'markKeyed')
        } else if (roll < 0.45) {
          const book = await bookOf(trx, someone.book_id)
          await updateEntry(trx, actor, book, someone, { fields: { ...someone.fields, ngayDangKy: pick(DATES) } }).catch(() => undefined)
        } else if (roll < 0.8) {
          const book = await bookOf(trx, someone.book_id)
          const action = pick(actions)
          await tryTransition(trx, actor, book, someone, action, { reason: 'Kiểm thử', batch: action === 'withdraw' })
        } else if (roll < 0.85) {
          await patchEntryFields(trx, actor, someone, { ghiChu: `ghi chú ${step}` }, 'reconcile.link')
        } else if (roll < 0.89) {
          // A book handed to the other commune: the ON UPDATE CASCADE moves its entries.
          const book = await bookOf(trx, pick(books))
          await sql`update books set custodian_unit_id = ${units.find((u) => u !== book.custodian_unit_id)} where id = ${book.id}`.execute(trx)
        } else if (roll < 0.93) {
          // An entry put in another book: another type, another unit, both or neither (its history follows).
          await sql`update entries set book_id = b.id, book_type = b.book_type, custodian_unit_id = b.custodian_unit_id
                      from books b where b.id = ${pick([...books, deaths])} and entries.id = ${someone.id}`.execute(trx)
          rare.entryMoved++
        } else if (roll < 0.96) {
          // Entries of the import deleted with their revisions (the statement triggers on both tables).
          rare.deleted += await deleteImportedEntries(trx, imported.id, 1 + Math.floor(next() * 2), null)
        } else {
          await sql`update entries set registration_year = registration_year + 1 where id = ${someone.id}`.execute(trx)
        }
      }).catch((error: unknown) => {
        // A refused save (422: errors in a keyed entry) or a stale version writes nothing.
        if (!(error instanceof Error) || !('statusCode' in error)) throw error
      })
      if (step % 20 === 19) await expectCountersRight()
    }
    expect(rare.entryMoved).toBeGreaterThan(0)
    expect(rare.deleted).toBeGreaterThan(0)
    // Whatever the random walk did, one book surely moves (with its entries' history).
    const moved = await db.selectFrom('books').select(['id', 'custodian_unit_id']).where('id', '=', books[0] ?? '').executeTakeFirstOrThrow()
    await sql`update books set custodian_unit_id = ${units.find((u) => u !== moved.custodian_unit_id)} where id = ${moved.id}`.execute(db)
    await expectCountersRight()
    // An entry put in a book of another type of the same commune takes its history to that type (migration 0030).
    const movedEntry = await db.selectFrom('entries').innerJoin('entry_revisions', 'entry_revisions.entry_id', 'entries.id').select('entries.id')
      .where('entries.book_type', '=', 'KS').where('entries.custodian_unit_id', '=', units[0] ?? '').orderBy('entries.id').executeTakeFirstOrThrow()
    await sql`update entries set book_id = ${deaths}, book_type = 'KT' where id = ${movedEntry.id}`.execute(db)
    await expectCountersRight()
    expect(await db.selectFrom('entry_activity_types').select('book_type').distinct().where('entries', '<>', 0).execute()).toHaveLength(2)
    // A cancelled import removes what it wrote.
    await db.transaction().execute(async (trx) => {
      while ((await deleteImportedEntries(trx, imported.id, 5, null)) > 0) { /* next chunk */ }
    })
    await expectCountersRight()
    const statuses = await db.selectFrom('entry_counts').select('status').distinct().execute()
    expect(statuses.length).toBeGreaterThanOrEqual(3)

    // activityByType (the weekly report's read) sums the revisions per type as a recount does.
    const typed = await sql<{ k: string }>`
      select concat_ws('|', e.book_type, r.change_kind, r.status, count(*)) as k from entry_revisions r join entries e on e.id = r.entry_id
       where e.custodian_unit_id = any(${units}::uuid[]) group by e.book_type, r.change_kind, r.status`.execute(db)
    const readTyped = await activityByType(db, units, '2000-01-01', '2100-01-01')
    expect(readTyped.map((r) => `${r.bookType}|${r.action}|${r.status}|${r.entries}`).sort()).toEqual(typed.rows.map((r) => r.k).sort())
    // countEntries (the campaign's read) sums the same numbers, with and without a phase window.
    const direct = await db.selectFrom('entries').select(['custodian_unit_id', 'book_type', 'status', db.fn.countAll<number>().as('n')]).groupBy(['custodian_unit_id', 'book_type', 'status']).execute()
    const read = await countEntries(db, { unitIds: units })
    expect(read.map((r) => `${r.unitId}|${r.bookType}|${r.status}|${r.entries}`).sort()).toEqual(direct.map((r) => `${r.custodian_unit_id}|${r.book_type}|${r.status}|${Number(r.n)}`).sort())
    const window = { windowFrom: '2023-12', windowTo: '2024-07', bookTypes: ['KS'] }
    const inWindow = await sql<{ k: string }>`
      select concat_ws('|', custodian_unit_id, book_type, status, count(*)) as k from entries
       where book_type = 'KS' and ((registration_date_precision in ('day', 'month')
              and registration_year * 12 + extract(month from registration_date) between ${2023 * 12 + 12} and ${2024 * 12 + 7})
          or (registration_date_precision = 'year' and registration_year between 2023 and 2024))
       group by custodian_unit_id, book_type, status`.execute(db)
    const readWindow = await countEntries(db, { unitIds: units, phase: window })
    expect(readWindow.map((r) => `${r.unitId}|${r.bookType}|${r.status}|${r.entries}`).sort()).toEqual(inWindow.rows.map((r) => r.k).sort())
    // Whole years (January to December) come from the yearly table alone: the same numbers.
    const wholeYears = await sql<{ k: string }>`
      select concat_ws('|', custodian_unit_id, book_type, status, count(*)) as k from entries
       where book_type = 'KS' and registration_year between 2023 and 2024 group by custodian_unit_id, book_type, status`.execute(db)
    const readYears = await countEntries(db, { unitIds: units, phase: { windowFrom: '2023-01', windowTo: '2024-12', bookTypes: ['KS'] } })
    expect(readYears.map((r) => `${r.unitId}|${r.bookType}|${r.status}|${r.entries}`).sort()).toEqual(wholeYears.rows.map((r) => r.k).sort())
  })
})
