import { sql, type Kysely } from 'kysely'
import { foldKey, getBookType, isBookTypeCode } from '@hts/domain'

/**
 * Registry-wide search (issue 12, modules/search). The name is found through two indexes on the
 * folded name (entries.subject_name_folded, domain foldKey):
 * - a btree on (given name, surname, registration year), the last and first words of the folded
 *   name: exact, folded and "middle name missing" are one probe, one typo in the given name or the
 *   surname a few hundred probes (the query's one-edit variants). A trigram index alone cannot do
 *   this well on Vietnamese names: "nguyen thi" is in a fifth of all rows, so any similarity
 *   threshold low enough to forgive a typo lets most of the registry through to the recheck;
 * - pg_trgm GIN on the folded name and on the parents' folded names (`parents_folded`, new, derived
 *   by the entries module from the catalog's mother/father keys): a name given as one word, a part
 *   of a name, a parent's name, and the entry lists' `like '%q%'` (which had no usable index).
 * The GIN indexes keep PostgreSQL's fastupdate (pending list up to 4 MB): with it off, inserting
 * 30,000 rows on PGlite took 10x longer (32 s vs 3.4 s). While the pending list is large the planner
 * may prefer other plans for a one-word name or a parent's name; VACUUM empties it.
 * The expressions must stay identical to GIVEN and SURNAME in modules/search/repository.ts.
 * Kept, though issue 12 found them unread: entries_subject_name (its equality) and entries_subject_birth
 * now serve the keying duplicate check (modules/keying/duplicates.ts: same folded name or same birth
 * date); entries_subject_personal_id serves the audit's citizen lookup and the personal ID filter.
 */
const statements = [
  'create extension if not exists pg_trgm',
  'alter table entries add column parents_folded text',
  `create index entries_search_name_key on entries ((substring(subject_name_folded from '[^ ]+$')), (split_part(subject_name_folded, ' ', 1)), registration_year)`,
  'create index entries_search_name_trgm on entries using gin (subject_name_folded gin_trgm_ops)',
  'create index entries_search_parents_trgm on entries using gin (parents_folded gin_trgm_ops)',
]

/** Folded parents' names as the entries module derives them (entries/derive.ts). */
function parentsFolded(bookType: string, fields: Record<string, string>): string | null {
  if (!isBookTypeCode(bookType)) return null
  const { subject } = getBookType(bookType)
  const names = [subject.motherNameKey, subject.fatherNameKey].flatMap((key) => (key && fields[key] ? [foldKey(fields[key])] : []))
  return names.length > 0 ? names.join(' | ') : null
}

const BATCH = 2000

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
  // Entries keyed before this migration: their parents' folded names, in batches by id.
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const rows = (await sql<{ id: string; book_type: string; fields: Record<string, string> }>`
      select id, book_type, fields from entries where id > ${after}::uuid order by id limit ${BATCH}`.execute(db)).rows
    if (rows.length === 0) break
    after = rows[rows.length - 1]?.id ?? after
    const updates = rows.flatMap((r) => {
      const folded = parentsFolded(r.book_type, r.fields)
      return folded ? [{ id: r.id, folded }] : []
    })
    if (updates.length > 0) {
      await sql`update entries e set parents_folded = u.folded
        from unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.folded)}::text[]) as u(id, folded)
        where e.id = u.id`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['entries_search_parents_trgm', 'entries_search_name_trgm', 'entries_search_name_key']) {
    await sql.raw(`drop index if exists ${name}`).execute(db)
  }
  await sql.raw('alter table entries drop column if exists parents_folded').execute(db)
}
