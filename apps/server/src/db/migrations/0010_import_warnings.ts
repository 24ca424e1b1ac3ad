import { sql, type Kysely } from 'kysely'

/**
 * The rows an import took with warnings (issue 11): one row per file row, with each warning's field
 * and message, so the result can list them (paged) however large the file. Written in the batch's
 * transaction beside the entries; a cancelled or failed import removes its rows with the rest.
 */
const statements = [
  `create table import_warnings (
    import_id uuid not null references imports (id),
    row_number integer not null,
    warnings jsonb not null,
    primary key (import_id, row_number)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists import_warnings').execute(db)
}
