import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { freshDatabase } from '../../test/harness'
import { countersAndRecount } from '../../test/counters'

describe('migration 0030 on existing activity', () => {
  it('fills entry_activity_types from the revisions, leaves entry_activity as it was, and its triggers keep both', { timeout: 60_000 }, async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0029_spouse_lookup')
      const unit = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('99', 'Xã Thử', 'xa thu', 'commune') returning id`.execute(db.kysely)
      const unitId = unit.rows[0]?.id
      const bookOf = async (type: string) => (await sql<{ id: string }>`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id) values (${type}, '01/2024', 2024, 'UBND xã Thử', ${unitId}) returning id`.execute(db.kysely)).rows[0]?.id
      const births = await bookOf('KS')
      const deaths = await bookOf('KT')
      const entry = async (bookId: string | undefined, type: string, so: string) =>
        (await sql<{ id: string }>`insert into entries (book_id, custodian_unit_id, book_type, status, fields) values (${bookId}, ${unitId}, ${type}, 'keyed', ${JSON.stringify({ so })}) returning id`.execute(db.kysely)).rows[0]?.id ?? ''
      const keyed = [await entry(births, 'KS', '1'), await entry(births, 'KS', '2'), await entry(deaths, 'KT', '1')]
      // The same day, user (none), change kind and status for both types: one row of entry_activity.
      for (const id of keyed) {
        await sql`insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_at) values (${id}, 1, 'keyed', '{}'::jsonb, 'transition:markKeyed', '2026-12-01T03:00:00Z')`.execute(db.kysely)
      }
      const activity = async () => (await sql<{ k: string }>`
        select concat_ws('|', custodian_unit_id, day, user_id, action, status, entries) as k from entry_activity order by 1`.execute(db.kysely)).rows.map((r) => r.k)
      const columns = async () => (await sql<{ k: string }>`
        select concat_ws(' ', column_name, data_type) as k from information_schema.columns where table_name = 'entry_activity' order by ordinal_position`.execute(db.kysely)).rows.map((r) => r.k)
      const primaryKey = async () => (await sql<{ k: string }>`
        select pg_get_constraintdef(oid) as k from pg_constraint where conrelid = 'entry_activity'::regclass and contype = 'p'`.execute(db.kysely)).rows.map((r) => r.k)
      const [activityBefore, columnsBefore, keyBefore] = [await activity(), await columns(), await primaryKey()]
      expect(activityBefore).toHaveLength(1)
      expect(activityBefore[0]).toMatch(/\|transition:markKeyed\|keyed\|3$/)

      await migrateToLatest(db)
      // entry_activity: the same columns, key and rows as before.
      expect(await columns()).toEqual(columnsBefore)
      expect(await primaryKey()).toEqual(keyBefore)
      expect(await activity()).toEqual(activityBefore)
      const byType = async () => (await sql<{ k: string }>`
        select concat_ws('|', book_type, day, action, entries) as k from entry_activity_types where entries <> 0 order by 1`.execute(db.kysely)).rows.map((r) => r.k)
      expect(await byType()).toEqual(['KS|2026-12-01|transition:markKeyed|2', 'KT|2026-12-01|transition:markKeyed|1'])

      // From now on the triggers file each revision under its entry's type (a bulk insert of revisions, as bench/dashboard.ts writes them).
      await sql`insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_at)
        select id, 2, 'checked', null, 'transition:check', '2026-12-02T03:00:00Z'::timestamptz from entries`.execute(db.kysely)
      expect(await byType()).toEqual([
        'KS|2026-12-01|transition:markKeyed|2', 'KS|2026-12-02|transition:check|2', 'KT|2026-12-01|transition:markKeyed|1', 'KT|2026-12-02|transition:check|1',
      ])
      // An entry moved to the book of the other type takes its history along; entry_activity does not change.
      const activityTyped = await activity()
      await sql`update entries set book_id = ${deaths}, book_type = 'KT' where id = ${keyed[0]}`.execute(db.kysely)
      expect(await byType()).toEqual([
        'KS|2026-12-01|transition:markKeyed|1', 'KS|2026-12-02|transition:check|1', 'KT|2026-12-01|transition:markKeyed|2', 'KT|2026-12-02|transition:check|2',
      ])
      expect(await activity()).toEqual(activityTyped)
      const counters = await countersAndRecount(db.kysely)
      expect(counters.activity[0]).toEqual(counters.activity[1])
      expect(counters.activityTypes[0]).toEqual(counters.activityTypes[1])

      // Down again: no entry_activity_types, entry_activity as it was, and 0023's triggers keep it.
      await migrateTo(db, '0029_spouse_lookup')
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'entry_activity_types'`.execute(db.kysely)
      expect(tables.rows).toEqual([{ n: 0 }])
      expect(await columns()).toEqual(columnsBefore)
      expect(await primaryKey()).toEqual(keyBefore)
      const totals = async () => (await sql<{ k: string }>`select concat_ws('|', day, action, entries) as k from entry_activity where entries <> 0 order by 1`.execute(db.kysely)).rows.map((r) => r.k)
      expect(await totals()).toEqual(['2026-12-01|transition:markKeyed|3', '2026-12-02|transition:check|3'])
      await sql`insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_at) values (${keyed[1]}, 3, 'approved', null, 'transition:approve', '2026-12-03T03:00:00Z')`.execute(db.kysely)
      expect(await totals()).toEqual(['2026-12-01|transition:markKeyed|3', '2026-12-02|transition:check|3', '2026-12-03|transition:approve|1'])
    } finally {
      await dispose()
    }
  })
})
