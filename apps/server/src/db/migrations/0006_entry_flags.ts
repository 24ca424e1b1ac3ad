import { sql, type Kysely } from 'kysely'

/** Fields the keyer marked illegible (khó đọc), on entries and on the server copy of drafts. */
const statements = [
  `alter table entries add column illegible_fields jsonb not null default '[]'::jsonb`,
  `alter table entry_drafts add column illegible_fields jsonb not null default '[]'::jsonb`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table entry_drafts drop column if exists illegible_fields').execute(db)
  await sql.raw('alter table entries drop column if exists illegible_fields').execute(db)
}
