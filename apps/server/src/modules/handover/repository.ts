import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { EntryStatus } from '@hts/domain'
import type { Database, HandoverBatchesTable, HandoverEntriesTable } from '../../db/schema'

export type BatchRow = Selectable<HandoverBatchesTable>
export type ManifestRow = Selectable<HandoverEntriesTable> & { rehandover: boolean }

const HANDED_OVER: EntryStatus = 'handed_over'
const CHUNK = 1000

export function createHandoverRepository(db: Kysely<Database>) {
  return {
    async insertBatch(trx: Transaction<Database>, batch: Insertable<HandoverBatchesTable>, entries: readonly Insertable<HandoverEntriesTable>[]): Promise<BatchRow> {
      const row = await trx.insertInto('handover_batches').values(batch).returningAll().executeTakeFirstOrThrow()
      for (let i = 0; i < entries.length; i += CHUNK) await trx.insertInto('handover_entries').values(entries.slice(i, i + CHUNK)).execute()
      return row
    },

    findBatch: (id: string) => db.selectFrom('handover_batches').selectAll().where('id', '=', id).executeTakeFirst(),

    batchesOfBook: (bookId: string) =>
      db.selectFrom('handover_batches').selectAll().where('book_id', '=', bookId).orderBy('created_at', 'desc').orderBy('id').execute(),

    /** The batch's manifest in its order; `rehandover` when the entry was already in an earlier batch. */
    manifestOf: (batchId: string): Promise<ManifestRow[]> =>
      db.selectFrom('handover_entries as he')
        .selectAll('he')
        .select(sql<boolean>`exists (select 1 from handover_entries earlier where earlier.entry_id = he.entry_id and earlier.version < he.version)`.as('rehandover'))
        .where('he.batch_id', '=', batchId)
        .orderBy('he.position')
        .execute(),

    /**
     * Entries of the book's batches that are no longer handed over (corrected since), each with the
     * last batch it was in.
     */
    pendingOfBook: (bookId: string) =>
      db.selectFrom('handover_entries as he')
        .innerJoin('handover_batches as hb', 'hb.id', 'he.batch_id')
        .innerJoin('entries as e', 'e.id', 'he.entry_id')
        .distinctOn('he.entry_id')
        .select(['he.entry_id', 'he.version as handed_version', 'hb.id as batch_id', 'hb.created_at as batch_created_at',
          'e.so', 'e.registration_date', 'e.subject_name', 'e.status', 'e.version', 'e.registration_year'])
        .where('hb.book_id', '=', bookId)
        .where('e.status', '<>', HANDED_OVER)
        .orderBy('he.entry_id')
        .orderBy('he.version', 'desc')
        .execute(),
  }
}
export type HandoverRepository = ReturnType<typeof createHandoverRepository>
