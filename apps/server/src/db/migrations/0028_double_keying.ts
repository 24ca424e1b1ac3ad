import { sql, type Kysely } from 'kysely'

/**
 * Double keying per book (issue 11): `books.double_keying` set by the unit's justice officer, and one
 * `second_keyings` row per entry keyed a second time, blind: the second keyer's values, the first
 * keyer's as compared, the fields compared and those that differed (the agreement rates read these),
 * and, for a disagreement, the arbitrator's resolution.
 */
const statements = [
  'alter table books add column double_keying boolean not null default false',
  `create table second_keyings (
    id uuid primary key default gen_random_uuid(),
    entry_id uuid not null unique references entries (id) on delete cascade,
    first_keyer uuid references users (id),
    second_keyer uuid not null references users (id),
    entry_version integer not null,
    first_fields jsonb not null,
    second_fields jsonb not null,
    compared_fields jsonb not null,
    differing_fields jsonb not null,
    outcome text not null check (outcome in ('agreed', 'disagreed')),
    created_at timestamptz not null default now(),
    resolved_by uuid references users (id),
    resolved_at timestamptz,
    resolution jsonb
  )`,
  "create index second_keyings_waiting on second_keyings (created_at) where outcome = 'disagreed' and resolved_at is null",
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists second_keyings').execute(db)
  await sql.raw('alter table books drop column if exists double_keying').execute(db)
}
