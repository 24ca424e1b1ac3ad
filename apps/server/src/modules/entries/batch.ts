/**
 * The entries command for imports: a batch of new entries written with one multi-row INSERT for
 * the entries and their first revision together (a data-modifying CTE). Rows are prepared by
 * `prepareEntry` (in the import's worker thread), so the derived columns come from the same
 * catalog-driven code as a keyed entry's and the status from the transition table.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { INITIAL_ENTRY_STATUS, initialStatusOf, splitNotesColumn, type BookTypeCode, type EntryFields, type EntryStatus, type NoteText } from '@hts/domain'
import { recordAudit, type Actor } from '../audit'
import type { Trx } from './commands'
import { derivedColumns } from './derive'

export interface PreparedEntry {
  rowNumber: number
  bookId: string
  custodianUnitId: string
  fields: EntryFields
  status: EntryStatus
  derived: ReturnType<typeof derivedColumns>
  /** What the import changed, by field (shown to the checker). */
  importNotes: ReadonlyArray<{ field: string; note: string }>
  warningCount: number
  /** Marginal notes read from the row's ghi chú column (lines written as `noteLine` writes them, and the officers' own words where they can be read). */
  marginalNotes: NoteText[]
}

/** A row ready for the batch insert: complete rows start keyed, incomplete ones as drafts (the transition table decides the status). */
export function prepareEntry(
  bookType: BookTypeCode,
  book: { id: string; custodian_unit_id: string },
  rowNumber: number,
  rowFields: EntryFields,
  complete: boolean,
  review: { importNotes?: PreparedEntry['importNotes']; warningCount?: number } = {},
): PreparedEntry {
  // The ghi chú column keeps the book's own text; lines that are marginal notes become notes (issue 12).
  const { bookText, notes } = splitNotesColumn(bookType, rowFields.ghiChu)
  const { ghiChu: _column, ...others } = rowFields
  const fields: EntryFields = notes.length === 0 ? rowFields : { ...others, ...(bookText !== undefined && { ghiChu: bookText }) }
  return {
    rowNumber,
    bookId: book.id,
    custodianUnitId: book.custodian_unit_id,
    fields,
    marginalNotes: notes,
    status: initialStatusOf(complete),
    derived: derivedColumns(bookType, fields),
    importNotes: review.importNotes ?? [],
    warningCount: review.warningCount ?? 0,
  }
}

/**
 * Inserts the entries and their revision 1 ("import") in one statement; returns the new entry ids.
 * The rows travel as ONE jsonb parameter expanded by jsonb_to_recordset: far fewer parameters to
 * encode than a VALUES list (PGlite spends its time there), same rows on both engines.
 */
export async function insertImportedEntries(
  trx: Trx,
  bookType: BookTypeCode,
  entries: readonly PreparedEntry[],
  userId: string | null,
  importId: string,
  actor: Actor | null = null,
): Promise<string[]> {
  if (entries.length === 0) return []
  // Ids made here: the notes read from the ghi chú column are written beside their entries.
  const ids = entries.map(() => randomUUID())
  const rows = entries.map((e, i) => ({
    id: ids[i],
    book_id: e.bookId, custodian_unit_id: e.custodianUnitId, status: e.status, fields: e.fields, ...e.derived,
    warning_count: e.warningCount, ...(e.importNotes.length > 0 && { import_notes: e.importNotes }),
    // A complete row was keyed by whoever imported it (four eyes: they do not check it).
    keyed_by: e.status === INITIAL_ENTRY_STATUS ? null : userId,
  }))
  const result = await sql<{ entry_id: string }>`
    with data as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        id uuid, book_id uuid, custodian_unit_id uuid, status text, fields jsonb, so integer, trang_so integer,
        registration_date date, registration_date_precision text, registration_year integer,
        subject_name text, subject_name_folded text, subject_birth_date date, subject_birth_precision text,
        subject_personal_id text, parents_folded text, warning_count integer, import_notes jsonb, keyed_by uuid)
    ), ins as (
      insert into entries (id, book_id, custodian_unit_id, book_type, status, fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, parents_folded, created_by, updated_by, import_id,
        keyed_by, content_changed_by, warning_count, import_notes)
      select id, book_id, custodian_unit_id, ${bookType}, status, fields, so, trang_so, registration_date,
        registration_date_precision, registration_year, subject_name, subject_name_folded, subject_birth_date,
        subject_birth_precision, subject_personal_id, parents_folded, ${userId}::uuid, ${userId}::uuid, ${importId}::uuid,
        keyed_by, ${userId}::uuid, warning_count, coalesce(import_notes, '[]'::jsonb)
      from data
      returning id, version, status, fields, created_by
    )
    insert into entry_revisions (entry_id, version, status, fields, change_kind, changed_by)
    select id, version, status, fields, 'import', created_by from ins
    returning entry_id`.execute(trx)
  await insertImportedNotes(trx, entries, ids, userId, importId, actor)
  return result.rows.map((r) => r.entry_id)
}

async function insertImportedNotes(trx: Trx, entries: readonly PreparedEntry[], ids: readonly string[], userId: string | null, importId: string, actor: Actor | null): Promise<void> {
  const notes = entries.flatMap((e, i) => e.marginalNotes.map((n) => ({
    entry_id: ids[i] ?? '', custodian_unit_id: e.custodianUnitId, kind: n.kind, note_date: n.noteDate ?? null, decision_number: n.decisionNumber ?? null,
    authority: n.authority ?? null, changes: JSON.stringify(n.changes), text: n.text ?? null, book_text: n.bookText ?? null, source: 'import', created_by: userId,
  })))
  if (notes.length === 0) return
  await trx.insertInto('entry_notes').values(notes).execute()
  await recordAudit(trx, actor, { action: 'entry.note.import', entityType: 'import', entityId: importId, details: { notes: notes.length, entryIds: [...new Set(notes.map((n) => n.entry_id))] } })
}

/** Removes what a failed or cancelled import wrote, one chunk per call; returns how many went (0: none left). */
export async function deleteImportedEntries(trx: Trx, importId: string, chunk: number, actor: Actor | null): Promise<number> {
  const ids = (await trx.selectFrom('entries').select('id').where('import_id', '=', importId).limit(chunk).execute()).map((r) => r.id)
  if (ids.length === 0) return 0
  await trx.deleteFrom('entry_pages').where('entry_id', 'in', ids).execute()
  await trx.deleteFrom('entry_notes').where('entry_id', 'in', ids).execute()
  await trx.deleteFrom('entry_revisions').where('entry_id', 'in', ids).execute()
  await trx.deleteFrom('entries').where('id', 'in', ids).execute()
  await recordAudit(trx, actor, { action: 'entry.delete', entityType: 'import', entityId: importId, details: { reason: 'import.rollback', entryIds: ids } })
  return ids.length
}
