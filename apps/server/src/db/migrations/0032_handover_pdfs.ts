import { sql, type Kysely } from 'kysely'

/**
 * A handover batch's entry PDFs (issue 11: the MOJ package is the Excel plus one PDF per entry).
 * The manifest, written with the batch, names each entry's page images; a background job builds
 * the zip of PDFs from it afterwards (a book's PDFs run to hundreds of megabytes: not in the
 * handover's transaction) and records it here. Batches made before have no PDFs to wait for.
 */
const statements = [
  'alter table handover_batches add column pdfs_expected integer not null default 0',
  'alter table handover_batches add column pdf_job_id uuid references jobs (id) on delete set null',
  'alter table handover_batches add column pdf_zip_sha256 text',
  'alter table handover_batches add column pdf_zip_size bigint',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['pdf_zip_size', 'pdf_zip_sha256', 'pdf_job_id', 'pdfs_expected']) await sql.raw(`alter table handover_batches drop column if exists ${column}`).execute(db)
}
