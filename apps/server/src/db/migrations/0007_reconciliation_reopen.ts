import { sql, type Kysely } from 'kysely'

/**
 * What a decision wrote, so that reopening it can undo exactly that: the entry field the linked
 * personal ID was written into (null when the book already had a value and nothing was written),
 * and the follow-up case a mismatch decision opened. Decisions taken before this migration have
 * neither: reopening them leaves the entry and the follow-up list as they are, and says so.
 */
const statements = [
  `alter table reconciliation_results add column linked_field text`,
  `alter table reconciliation_results add column followup_id uuid`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table reconciliation_results drop column if exists followup_id').execute(db)
  await sql.raw('alter table reconciliation_results drop column if exists linked_field').execute(db)
}
