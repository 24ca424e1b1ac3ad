import { sql, type Kysely } from 'kysely'

/**
 * Notes read from the officers' own words in an imported ghi chú column (issue 12): the line stays in the
 * entry's ghi chú as the book says it, and the note keeps it in `book_text` so the export does not write
 * the note a second time. A correction of the note clears it (the note no longer reads as that line).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entry_notes add column book_text text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entry_notes drop column book_text`.execute(db)
}
