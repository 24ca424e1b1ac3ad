import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { EntryStatus } from '@hts/domain'
import type { Database, HandoverBatchesTable, HandoverEntriesTable } from '../../db/schema'

/** A batch with the state of the job that builds its PDFs (null when it has none). */
export type BatchRow = Selectable<HandoverBatchesTable> & { pdf_job_status: string | null; pdf_job_progress: unknown; pdf_job_error: string | null }
export type ManifestRow = Selectable<HandoverEntriesTable> & { rehandover: boolean }

const HANDED_OVER: EntryStatus = 'handed_over'
const APPROVED: EntryStatus = 'approved'
const CHUNK = 1000

const withPdfJob = (executor: Kysely<Database>) =>
  executor.selectFrom('handover_batches as hb')
    .leftJoin('jobs as j', 'j.id', 'hb.pdf_job_id')
    .selectAll('hb')
    .select(['j.status as pdf_job_status', 'j.progress as pdf_job_progress', 'j.error as pdf_job_error'])

export function createHandoverRepository(db: Kysely<Database>) {
  return {
    async insertBatch(trx: Transaction<Database>, batch: Insertable<HandoverBatchesTable>, entries: readonly Insertable<HandoverEntriesTable>[]): Promise<void> {
      await trx.insertInto('handover_batches').values(batch).execute()
      for (let i = 0; i < entries.length; i += CHUNK) await trx.insertInto('handover_entries').values(entries.slice(i, i + CHUNK)).execute()
    },

    findBatch: (id: string, executor: Kysely<Database> = db): Promise<BatchRow | undefined> => withPdfJob(executor).where('hb.id', '=', id).executeTakeFirst(),

    batchesOfBook: (bookId: string): Promise<BatchRow[]> =>
      withPdfJob(db).where('hb.book_id', '=', bookId).orderBy('hb.created_at', 'desc').orderBy('hb.id').execute(),

    /** The built zip of PDFs, recorded once (a job run again after a crash finds it recorded and writes nothing). */
    async recordPdfZip(trx: Transaction<Database>, batchId: string, zip: { sha256: string; size: number }): Promise<boolean> {
      const updated = await trx.updateTable('handover_batches').set({ pdf_zip_sha256: zip.sha256, pdf_zip_size: zip.size })
        .where('id', '=', batchId).where('pdf_zip_sha256', 'is', null).executeTakeFirst()
      return updated.numUpdatedRows > 0n
    },

    /** Names the job building the PDFs, if the batch still names `previous` (false: someone else queued one meanwhile). */
    async setPdfJob(trx: Transaction<Database>, batchId: string, jobId: string, previous: string | null): Promise<boolean> {
      const updated = await trx.updateTable('handover_batches').set({ pdf_job_id: jobId }).where('id', '=', batchId)
        .where((eb) => (previous === null ? eb('pdf_job_id', 'is', null) : eb('pdf_job_id', '=', previous))).executeTakeFirst()
      return updated.numUpdatedRows > 0n
    },

    /** The unit's own books (the books it keeps) with approved entries, and how many, in the books' order. */
    readyBooksOfUnit: (unitId: string) =>
      db.selectFrom('books as b')
        .innerJoin('entries as e', 'e.book_id', 'b.id')
        .select(['b.id', 'b.book_type', 'b.volume', 'b.year', sql<number>`count(*)::int`.as('ready')])
        .where('b.custodian_unit_id', '=', unitId)
        .where('e.status', '=', APPROVED)
        .groupBy(['b.id', 'b.book_type', 'b.volume', 'b.year'])
        .orderBy('b.book_type').orderBy('b.year').orderBy('b.volume').orderBy('b.id')
        .execute(),

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
