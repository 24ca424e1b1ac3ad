import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'
import type { Database, DuplicatePairsTable } from '../../db/schema'

export type PairRow = Selectable<DuplicatePairsTable> & { unit_name: string }

export interface PairEntryRow {
  id: string
  book_id: string
  volume: string
  so: number | null
  registration_year: number | null
  subject_name: string | null
  status: string
}

export function createDuplicatesRepository(db: Kysely<Database>) {
  const pairs = () => db
    .selectFrom('duplicate_pairs')
    .innerJoin('administrative_units as u', 'u.id', 'duplicate_pairs.custodian_unit_id')
    .selectAll('duplicate_pairs')
    .select('u.name as unit_name')

  /** An open pair one of whose entries was since withdrawn (as the other side of another pair) needs no decision. */
  const live = (status: 'open' | 'same' | 'different') => (eb: ExpressionBuilder<Database & { duplicate_pairs: DuplicatePairsTable }, 'duplicate_pairs'>) =>
    status !== 'open' ? eb.lit(true) : eb.not(eb.exists(eb.selectFrom('entries').select('entries.id')
      .where((w) => w.or([w('entries.id', '=', w.ref('duplicate_pairs.entry_a')), w('entries.id', '=', w.ref('duplicate_pairs.entry_b'))]))
      .where('entries.status', '=', 'withdrawn')))

  return {
    async list(unitIds: string[], status: 'open' | 'same' | 'different', page: number, pageSize: number) {
      if (unitIds.length === 0) return { rows: [] as PairRow[], total: 0 }
      const rows = await pairs()
        .where('duplicate_pairs.custodian_unit_id', 'in', unitIds)
        .where('duplicate_pairs.status', '=', status)
        .where(live(status))
        .orderBy('duplicate_pairs.found_at')
        .orderBy('duplicate_pairs.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      const { total } = await db
        .selectFrom('duplicate_pairs')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('custodian_unit_id', 'in', unitIds)
        .where('status', '=', status)
        .where(live(status))
        .executeTakeFirstOrThrow()
      return { rows, total: Number(total) }
    },

    findEntry: (id: string) => db.selectFrom('entries').select(['id', 'book_type', 'fields', 'custodian_unit_id']).where('id', '=', id).executeTakeFirst(),

    find: (id: string) => pairs().where('duplicate_pairs.id', '=', id).executeTakeFirst(),

    async entriesOf(ids: string[]): Promise<Map<string, PairEntryRow>> {
      if (ids.length === 0) return new Map()
      const rows = await db
        .selectFrom('entries')
        .innerJoin('books', 'books.id', 'entries.book_id')
        .select(['entries.id', 'entries.book_id', 'books.volume', 'entries.so', 'entries.registration_year', 'entries.subject_name', 'entries.status'])
        .where('entries.id', 'in', [...new Set(ids)])
        .execute()
      return new Map(rows.map((r) => [r.id, r]))
    },
  }
}
