import { sql, type Kysely } from 'kysely'

/**
 * The database refuses what the domain does not list, and keeps each book's rows on its book.
 *
 * - CHECK constraints for the closed vocabularies that had none (book type, entry status, role,
 *   follow-up note statuses). The values are written out here, not read from @hts/domain: a
 *   migration must mean the same thing forever. db/constraints.test.ts compares every CHECK list
 *   with the domain's constants, so a new status without a migration fails a test.
 * - An entry's custodian unit and book type are its book's: composite foreign keys onto books.
 *   (book_id, custodian_unit_id) cascades, so a book handed to another unit takes its entries,
 *   pages, uploads, drafts and follow-up cases along; (book_id, book_type) does not, so a book that
 *   has entries cannot change type (the books service says so in a 409).
 *   reconciliation_results has no foreign keys by design (0004: batch write speed): a trigger on
 *   books moves its rows instead, paid only when a book changes unit.
 *
 * Existing rows that disagree with their book are first aligned on the book (the book is the record
 * of truth), each change audited.
 */
const BOOK_TYPES = `('KS', 'KT', 'KH', 'HN', 'CMC', 'NCN', 'TDCC', 'GH', 'CDGH')`
const ENTRY_STATUSES = `('draft', 'keyed')`
const ROLES = `('commune_justice', 'commune_digitizer', 'commune_police', 'commune_leader', 'district_officer', 'province_officer', 'system_admin')`
const FOLLOWUP_STATUSES = `('new', 'verifying', 'guided', 'resolved_book', 'resolved_population')`

/** Tables whose rows belong to one book and carry its custodian unit. */
const FOLLOWING_CUSTODIAN = ['book_pages', 'scan_uploads', 'entry_drafts', 'followup_cases'] as const

const statements = [
  // 1. Repair: entries (and the other book rows) that drifted from their book, audited first.
  `insert into audit_events (action, entity_type, entity_id, details)
   select 'entry.realign', 'entry', e.id::text, jsonb_build_object(
     'reason', 'migration 0008: loại sổ và đơn vị lưu giữ của trường hợp theo quyển sổ chứa nó',
     'from', jsonb_build_object('bookType', e.book_type, 'custodianUnitId', e.custodian_unit_id),
     'to', jsonb_build_object('bookType', b.book_type, 'custodianUnitId', b.custodian_unit_id))
   from entries e join books b on b.id = e.book_id
   where e.book_type <> b.book_type or e.custodian_unit_id <> b.custodian_unit_id`,
  `update entries e set book_type = b.book_type, custodian_unit_id = b.custodian_unit_id
   from books b where b.id = e.book_id and (e.book_type <> b.book_type or e.custodian_unit_id <> b.custodian_unit_id)`,
  ...FOLLOWING_CUSTODIAN.map((table) =>
    `update ${table} t set custodian_unit_id = b.custodian_unit_id from books b where b.id = t.book_id and t.custodian_unit_id <> b.custodian_unit_id`),
  `update reconciliation_results r set custodian_unit_id = b.custodian_unit_id from books b where b.id = r.book_id and r.custodian_unit_id <> b.custodian_unit_id`,

  // 2. Closed vocabularies.
  `alter table books add constraint books_book_type_check check (book_type in ${BOOK_TYPES})`,
  `alter table imports add constraint imports_book_type_check check (book_type in ${BOOK_TYPES})`,
  `alter table import_mappings add constraint import_mappings_book_type_check check (book_type in ${BOOK_TYPES})`,
  `alter table entries add constraint entries_status_check check (status in ${ENTRY_STATUSES})`,
  `alter table entry_revisions add constraint entry_revisions_status_check check (status in ${ENTRY_STATUSES})`,
  `alter table users add constraint users_role_check check (role in ${ROLES})`,
  `alter table followup_notes add constraint followup_notes_from_status_check check (from_status in ${FOLLOWUP_STATUSES})`,
  `alter table followup_notes add constraint followup_notes_to_status_check check (to_status in ${FOLLOWUP_STATUSES})`,

  // 3. A book's rows stay on its unit and its type. (id is the key: these pairs are unique anyway; the FKs need them declared.)
  `alter table books add constraint books_id_custodian unique (id, custodian_unit_id)`,
  `alter table books add constraint books_id_type unique (id, book_type)`,
  `alter table entries add constraint entries_book_custodian_fk foreign key (book_id, custodian_unit_id) references books (id, custodian_unit_id) on update cascade`,
  `alter table entries add constraint entries_book_type_fk foreign key (book_id, book_type) references books (id, book_type)`,
  ...FOLLOWING_CUSTODIAN.map((table) =>
    `alter table ${table} add constraint ${table}_book_custodian_fk foreign key (book_id, custodian_unit_id) references books (id, custodian_unit_id) on update cascade`),
  `create function books_move_reconciliation_results() returns trigger language plpgsql as $$
   begin
     update reconciliation_results set custodian_unit_id = new.custodian_unit_id where book_id = new.id;
     return null;
   end $$`,
  `create trigger books_custodian_moves_results after update of custodian_unit_id on books
   for each row when (old.custodian_unit_id is distinct from new.custodian_unit_id)
   execute function books_move_reconciliation_results()`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop trigger if exists books_custodian_moves_results on books').execute(db)
  await sql.raw('drop function if exists books_move_reconciliation_results()').execute(db)
  for (const table of FOLLOWING_CUSTODIAN) await sql.raw(`alter table ${table} drop constraint if exists ${table}_book_custodian_fk`).execute(db)
  for (const [table, constraint] of [
    ['entries', 'entries_book_type_fk'], ['entries', 'entries_book_custodian_fk'], ['books', 'books_id_type'], ['books', 'books_id_custodian'],
    ['followup_notes', 'followup_notes_to_status_check'], ['followup_notes', 'followup_notes_from_status_check'], ['users', 'users_role_check'],
    ['entry_revisions', 'entry_revisions_status_check'], ['entries', 'entries_status_check'], ['import_mappings', 'import_mappings_book_type_check'],
    ['imports', 'imports_book_type_check'], ['books', 'books_book_type_check'],
  ] as const) {
    await sql.raw(`alter table ${table} drop constraint if exists ${constraint}`).execute(db)
  }
}
