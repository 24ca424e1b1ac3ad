import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { freshDatabase } from '../../test/harness'
import { revisionFields } from './handover'

describe('migration 0020 on existing revisions', () => {
  it('empties the copies a transition made, and every version still reads its own fields', async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0017_audit_read')
      const unit = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('99', 'Xã Thử', 'xa thu', 'commune') returning id`.execute(db.kysely)
      const unitId = unit.rows[0]?.id
      const book = await sql<{ id: string }>`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id) values ('KS', '01/2024', 2024, 'UBND xã Thử', ${unitId}) returning id`.execute(db.kysely)
      const entry = await sql<{ id: string }>`insert into entries (book_id, custodian_unit_id, book_type, status, fields, version) values (${book.rows[0]?.id}, ${unitId}, 'KS', 'checked', '{"so":"1","nksHoTen":"B"}', 4) returning id`.execute(db.kysely)
      const entryId = entry.rows[0]?.id ?? ''
      await sql`insert into entry_revisions (entry_id, version, status, fields, change_kind) values
        (${entryId}, 1, 'draft', '{"so":"1","nksHoTen":"A"}', 'create'),
        (${entryId}, 2, 'keyed', '{"so":"1","nksHoTen":"A"}', 'transition:markKeyed'),
        (${entryId}, 3, 'keyed', '{"so":"1","nksHoTen":"B"}', 'update'),
        (${entryId}, 4, 'checked', '{"so":"1","nksHoTen":"B"}', 'transition:check')`.execute(db.kysely)
      await migrateToLatest(db)

      const stored = await db.kysely.selectFrom('entry_revisions').select(['version', 'fields']).where('entry_id', '=', entryId).orderBy('version').execute()
      expect(stored.map((r) => r.fields)).toEqual([{ so: '1', nksHoTen: 'A' }, null, { so: '1', nksHoTen: 'B' }, null])
      const read: Array<{ version: number; fields: Record<string, string> }> = []
      for await (const r of revisionFields(db.kysely, [1, 2, 3, 4].map((version) => ({ entryId, version })))) read.push({ version: r.version, fields: r.fields })
      expect(read.map((r) => r.fields.nksHoTen)).toEqual(['A', 'A', 'B', 'B'])
    } finally {
      await dispose()
    }
  })
})
