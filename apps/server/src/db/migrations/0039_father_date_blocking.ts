import { sql, type Kysely } from 'kysely'

/**
 * Two more keys of the "loose" search stage (issue 15; see blockingKeys in the domain), for the
 * people every other key missed: the surname and birth year with the father's surname and given
 * name (a mistyped given name on a book without the mother, or with the mother mistyped, searched
 * in the year and its neighbours), and the middle names with the full birth date (a mistyped given
 * name or surname together with a year off by one, when the population data has no parents).
 * Added to population_people (its partitions follow), computed for the rows already loaded with the
 * same rules in SQL, and indexed on every attached extract as the loader indexes a new one.
 */
const KEYS = ['key_year_father', 'key_middle_date'] as const

const WORDS = `string_to_array(name_folded, ' ')`
const SURNAME = `split_part(name_folded, ' ', 1)`
const MIDDLE = `array_to_string((${WORDS})[2:array_length(${WORDS}, 1) - 1], ' ')`
const FATHER = `split_part(father_folded, ' ', 1) || ' ' || regexp_replace(father_folded, '^.* ', '')`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const key of KEYS) await sql.raw(`alter table population_people add column ${key} text`).execute(db)
  await sql.raw(`update population_people set
    key_year_father = case when father_folded is not null and father_folded <> '' and birth_year is not null then ${SURNAME} || '|' || birth_year::text || '|' || ${FATHER} end,
    key_middle_date = case when birth_key ~ '^\\d{4}-\\d{2}-\\d{2}$' then ${MIDDLE} || '|' || birth_key end
    where name_folded is not null and name_folded <> ''`).execute(db)
  const partitions = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'population_people'::regclass`.execute(db)
  for (const { name } of partitions.rows) {
    if (!/^population_x_[0-9a-f]{32}$/.test(name)) continue
    for (const key of KEYS) await sql.raw(`create index if not exists ${name}_${key} on ${name} (${key})`).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const key of KEYS) await sql.raw(`alter table population_people drop column if exists ${key}`).execute(db)
}
