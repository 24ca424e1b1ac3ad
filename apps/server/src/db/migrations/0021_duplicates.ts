import { sql, type Kysely } from 'kysely'

/**
 * Possible duplicates inside the registry (issue 12, DOMAIN.md §10): pairs of entries of one
 * custodian and register type with the same số in a year, or describing the same event. Found by
 * the scan job (and kept when found again), decided once by an officer: "same entry — keep one"
 * withdraws the other (status withdrawn, never deleted), "different people" closes the pair.
 * entry_a < entry_b, so a pair is stored once whichever side was found first. The entry statuses
 * gain "withdrawn" (written out, as in 0008/0009: a migration means the same thing forever).
 */
const ENTRY_STATUSES = `('draft', 'keyed', 'returned', 'checked', 'approved', 'handed_over', 'withdrawn')`
const PREVIOUS_STATUSES = `('draft', 'keyed', 'returned', 'checked', 'approved', 'handed_over')`

const statusCheck = (statuses: string) => ['entries', 'entry_revisions'].flatMap((table) => [
  `alter table ${table} drop constraint if exists ${table}_status_check`,
  `alter table ${table} add constraint ${table}_status_check check (status in ${statuses})`,
])

const statements = [
  ...statusCheck(ENTRY_STATUSES),
  `create table duplicate_pairs (
    id uuid primary key default gen_random_uuid(),
    custodian_unit_id uuid not null references administrative_units (id),
    book_type text not null,
    entry_a uuid not null references entries (id),
    entry_b uuid not null references entries (id),
    same_number boolean not null,
    same_event boolean not null,
    evidence jsonb not null,
    status text not null default 'open' check (status in ('open', 'same', 'different')),
    kept_entry_id uuid references entries (id),
    decided_by uuid references users (id),
    decided_at timestamptz,
    found_at timestamptz not null default now(),
    constraint duplicate_pairs_order check (entry_a < entry_b),
    constraint duplicate_pairs_once unique (entry_a, entry_b)
  )`,
  `create index duplicate_pairs_unit on duplicate_pairs (custodian_unit_id, status, found_at)`,
  `create index duplicate_pairs_entry_b on duplicate_pairs (entry_b)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists duplicate_pairs').execute(db)
  for (const statement of statusCheck(PREVIOUS_STATUSES)) await sql.raw(statement).execute(db)
}
