import { followupKind } from '@hts/domain'
import { sql, type Kysely } from 'kysely'

/**
 * Reconciliation that holds on data it was not tuned to (issue 15).
 *
 * Blocking keys without the full name or the exact year (see blockingKeys in the domain):
 * surname + given name with day and month, with the mother's surname and given name, and surname
 * + birth year with the mother's names. Added to population_people (its partitions, one per
 * extract, follow), computed for the rows already loaded with the same rules in SQL, and indexed
 * on every attached extract as the loader indexes a new one.
 *
 * The model a run learned (m-probabilities by expectation-maximisation, learn.ts in the domain) is
 * kept, and every result says which model scored it, so that a decision is explained later with the
 * weights it was made with.
 *
 * Follow-up cases carry the kind of their difference (followupKind: middle name only, diacritics
 * only, day and month swapped, birth year...), so that the list is worked kind by kind; the cases
 * already open get theirs from the differences they keep.
 */
const KEYS = ['key_sg_md', 'key_sg_mother', 'key_year_mother'] as const

const SG = `split_part(name_folded, ' ', 1) || ' ' || regexp_replace(name_folded, '^.* ', '')`
const MOTHER = `split_part(mother_folded, ' ', 1) || ' ' || regexp_replace(mother_folded, '^.* ', '')`
const HAS_MOTHER = `mother_folded is not null and mother_folded <> ''`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const key of KEYS) await sql.raw(`alter table population_people add column ${key} text`).execute(db)
  await sql.raw(`update population_people set
    key_sg_md = case when birth_key ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then ${SG} || '|' || substr(birth_key, 6, 5) end,
    key_sg_mother = case when ${HAS_MOTHER} then ${SG} || '|' || ${MOTHER} end,
    key_year_mother = case when ${HAS_MOTHER} and birth_year is not null then split_part(name_folded, ' ', 1) || '|' || birth_year::text || '|' || ${MOTHER} end`).execute(db)
  const partitions = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'population_people'::regclass`.execute(db)
  for (const { name } of partitions.rows) {
    if (!/^population_x_[0-9a-f]{32}$/.test(name)) continue
    for (const key of KEYS) await sql.raw(`create index if not exists ${name}_${key} on ${name} (${key})`).execute(db)
  }
  await sql.raw(`create table reconciliation_models (
    id uuid primary key default gen_random_uuid(),
    custodian_unit_id uuid not null references administrative_units (id),
    book_id uuid not null references books (id),
    job_id uuid,
    model jsonb not null,
    fit jsonb not null,
    created_at timestamptz not null default now()
  )`).execute(db)
  await sql.raw(`create index reconciliation_models_book on reconciliation_models (book_id, created_at)`).execute(db)
  await sql.raw(`alter table reconciliation_results add column model_id uuid`).execute(db)
  await sql.raw(`alter table followup_cases add column kind text not null default 'unspecified'`).execute(db)
  await sql.raw(`create index followup_cases_kind on followup_cases (custodian_unit_id, kind, status)`).execute(db)
  const cases = await sql<{ id: string; differences: unknown }>`select id, differences from followup_cases`.execute(db)
  for (const c of cases.rows) {
    const differences = Array.isArray(c.differences) ? c.differences.filter((d): d is { field: string; level: string; book?: string | null; population?: string | null } => typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.level === 'string') : []
    await sql`update followup_cases set kind = ${followupKind(differences)} where id = ${c.id}`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table followup_cases drop column if exists kind').execute(db)
  await sql.raw('alter table reconciliation_results drop column if exists model_id').execute(db)
  await sql.raw('drop table if exists reconciliation_models').execute(db)
  for (const key of KEYS) await sql.raw(`alter table population_people drop column if exists ${key}`).execute(db)
}
