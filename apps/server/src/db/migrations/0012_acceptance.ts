import { sql, type Kysely } from 'kysely'

/**
 * Acceptance by sampling (nghiệm thu, issue 11): a lot is the approved entries of a unit (or one
 * book) for a phase; its ISO 2859-1 plan, the seed of its sample and the sample itself are frozen
 * when it is drawn, so the same lot always shows the same entries. The inspector's findings are
 * kept per sampled entry, field by field (the value found and the right one), with the keyer, so
 * errors count per field and per keyer. Numbers 0010 and 0011 belong to other changes.
 */
const LOT_STATUSES = `('inspecting', 'accepted', 'rejected')`

const statements = [
  `create table acceptance_lots (
    id uuid primary key default gen_random_uuid(),
    custodian_unit_id uuid not null references administrative_units (id),
    book_id uuid references books (id),
    phase text not null,
    year_from integer,
    year_to integer,
    aql double precision not null,
    inspection_level text not null,
    lot_size integer not null,
    code_letter text not null,
    sample_size integer not null,
    acceptance_number integer not null,
    rejection_number integer not null,
    seed text not null,
    unit_price integer not null default 0,
    status text not null default 'inspecting' check (status in ${LOT_STATUSES}),
    defective_entries integer not null default 0,
    field_errors integer not null default 0,
    previous_lot_id uuid references acceptance_lots (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    decided_by uuid references users (id),
    decided_at timestamptz
  )`,
  `create index acceptance_lots_unit on acceptance_lots (custodian_unit_id, created_at)`,
  `create table acceptance_samples (
    lot_id uuid not null references acceptance_lots (id),
    entry_id uuid not null references entries (id),
    position integer not null,
    entry_version integer not null,
    keyed_by uuid references users (id),
    inspected_by uuid references users (id),
    inspected_at timestamptz,
    errors jsonb not null default '[]'::jsonb,
    primary key (lot_id, entry_id)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists acceptance_samples').execute(db)
  await sql.raw('drop table if exists acceptance_lots').execute(db)
}
