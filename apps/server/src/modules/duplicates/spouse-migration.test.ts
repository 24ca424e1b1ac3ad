import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { freshDatabase } from '../../test/harness'

describe('migration 0029 on existing marriages', () => {
  it('derives the wife’s folded name and her birth date (to the day only) for the marriages keyed before', async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0028_double_keying')
      const unit = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('99', 'Xã Thử', 'xa thu', 'commune') returning id`.execute(db.kysely)
      const unitId = unit.rows[0]?.id
      const book = await sql<{ id: string }>`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id) values ('KH', '01/2024', 2024, 'UBND xã Thử', ${unitId}) returning id`.execute(db.kysely)
      const births = await sql<{ id: string }>`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id) values ('KS', '01/2024', 2024, 'UBND xã Thử', ${unitId}) returning id`.execute(db.kysely)
      const insert = (bookId: string | undefined, type: string, so: string, fields: Record<string, string>) =>
        sql<{ id: string }>`insert into entries (book_id, custodian_unit_id, book_type, status, fields) values (${bookId}, ${unitId}, ${type}, 'keyed', ${JSON.stringify({ so, ...fields })}) returning id`.execute(db.kysely).then((r) => r.rows[0]?.id ?? '')
      const full = await insert(book.rows[0]?.id, 'KH', '1', { chongHoTen: 'Lò Văn Tài', voHoTen: 'Quàng Thị Hoà', voNgaySinh: '03.04.2001' })
      const yearOnly = await insert(book.rows[0]?.id, 'KH', '2', { chongHoTen: 'Lò Văn Tâm', voHoTen: 'Cà Thị Mai', voNgaySinh: '1999' })
      const birth = await insert(births.rows[0]?.id, 'KS', '1', { nksHoTen: 'Lò Thị Hoa', nksNgaySinh: '01.01.2024' })
      await migrateToLatest(db)

      const rows = await db.kysely.selectFrom('entries').select(['id', 'spouse_name_folded', 'spouse_birth_date']).execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      expect(byId.get(full)).toMatchObject({ spouse_name_folded: 'quang thi hoa', spouse_birth_date: '2001-04-03' })
      expect(byId.get(yearOnly)).toMatchObject({ spouse_name_folded: 'ca thi mai', spouse_birth_date: null })
      expect(byId.get(birth)).toMatchObject({ spouse_name_folded: null, spouse_birth_date: null })
    } finally {
      await dispose()
    }
  })
})
