import { sql, type Kysely } from 'kysely'

/**
 * The server copy of an entry being keyed keeps its OCR provenance too (issue 16): the fields whose
 * proposal the keyer passed over and what was proposed. An entry resumed from another computer (or
 * after the browser's storage was cleared) is then saved with it, and the book's OCR accuracy counts it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entry_drafts add column ocr jsonb`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entry_drafts drop column ocr`.execute(db)
}
