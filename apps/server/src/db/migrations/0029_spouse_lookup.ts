import { sql, type Kysely } from 'kysely'
import { BOOK_TYPE_CODES, foldKey, getBookType, isBookTypeCode, parsePartialDate, partialDateToIso } from '@hts/domain'

/**
 * The other party of a marriage (issue 12: a marriage where a party is already married without a
 * recorded divorce or death is flagged). The husband is the marriage register's subject and was
 * looked up by the subject columns; the wife was not. Two columns derived from the catalog's
 * `spouseNameKey`/`spouseBirthDateKey` by the entries module (entries/derive.ts): her folded name
 * and her birth date when the book gives it to the day, with a partial index for the lookup of
 * one person's marriages (only marriage rows carry them).
 */
const statements = [
  'alter table entries add column spouse_name_folded text',
  'alter table entries add column spouse_birth_date date',
  'create index entries_spouse on entries (spouse_name_folded, spouse_birth_date) where spouse_name_folded is not null',
]

/** The same derivation as entries/derive.ts spouseColumns, for the rows written before. */
function spouseOf(bookType: string, fields: Record<string, string>): { name: string; birth: string | null } | null {
  if (!isBookTypeCode(bookType)) return null
  const { subject } = getBookType(bookType)
  const name = subject.spouseNameKey ? fields[subject.spouseNameKey] : undefined
  if (!name) return null
  const parsed = subject.spouseBirthDateKey && fields[subject.spouseBirthDateKey] ? parsePartialDate(fields[subject.spouseBirthDateKey] ?? '') : undefined
  return { name: foldKey(name), birth: parsed?.ok && parsed.value.precision === 'day' ? partialDateToIso(parsed.value) : null }
}

const BATCH = 2000

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
  const types = BOOK_TYPE_CODES.filter((code) => getBookType(code).subject.spouseNameKey)
  if (types.length === 0) return
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows = (await sql<{ id: string; book_type: string; fields: Record<string, string> }>`
      select id, book_type, fields from entries where book_type in (${sql.join(types)}) and id > ${after}::uuid order by id limit ${BATCH}`.execute(db)).rows
    if (rows.length === 0) break
    after = rows[rows.length - 1]?.id ?? after
    const updates = rows.flatMap((r) => {
      const spouse = spouseOf(r.book_type, r.fields)
      return spouse ? [{ id: r.id, ...spouse }] : []
    })
    if (updates.length > 0) {
      await sql`update entries e set spouse_name_folded = u.name, spouse_birth_date = u.birth
        from unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.name)}::text[], ${updates.map((u) => u.birth)}::date[]) as u(id, name, birth)
        where e.id = u.id`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists entries_spouse').execute(db)
  await sql.raw('alter table entries drop column if exists spouse_birth_date').execute(db)
  await sql.raw('alter table entries drop column if exists spouse_name_folded').execute(db)
}
