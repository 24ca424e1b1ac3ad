import { sql, type Kysely } from 'kysely'

/**
 * Blocking without blind spots (issue 15): the keys of the "loose" search stage (see blockingKeys
 * in the domain), for entries with a mistyped given name or surname together with a year off by
 * one, a year-only date or no mother. Each drops one of the two names but keeps its initial: the
 * given name with the surname's initial and the father's or the mother's surname and given name;
 * the surname, birth year and middle names with the given name's initial; the given name, birth
 * year and middle names with the surname's initial. Added to population_people (its partitions
 * follow), computed for the rows already loaded with the same rules in SQL, and indexed on every
 * attached extract as the loader indexes a new one.
 */
const KEYS = ['key_given_father', 'key_given_mother', 'key_initial_year', 'key_given_year'] as const

const WORDS = `string_to_array(name_folded, ' ')`
const SURNAME = `split_part(name_folded, ' ', 1)`
const GIVEN = `regexp_replace(name_folded, '^.* ', '')`
const MIDDLE = `array_to_string((${WORDS})[2:array_length(${WORDS}, 1) - 1], ' ')`
const parent = (column: string) => `split_part(${column}, ' ', 1) || ' ' || regexp_replace(${column}, '^.* ', '')`
const has = (column: string) => `${column} is not null and ${column} <> ''`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const key of KEYS) await sql.raw(`alter table population_people add column ${key} text`).execute(db)
  await sql.raw(`update population_people set
    key_given_father = case when ${has('father_folded')} then ${GIVEN} || '|' || left(name_folded, 1) || '|' || ${parent('father_folded')} end,
    key_given_mother = case when ${has('mother_folded')} then ${GIVEN} || '|' || left(name_folded, 1) || '|' || ${parent('mother_folded')} end,
    key_initial_year = case when birth_year is not null then ${SURNAME} || '|' || birth_year::text || '|' || ${MIDDLE} || '|' || left(${GIVEN}, 1) end,
    key_given_year = case when birth_year is not null then ${GIVEN} || '|' || birth_year::text || '|' || ${MIDDLE} || '|' || left(name_folded, 1) end
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
