/**
 * OCR provenance of saved entries (issue 16): a save that carries `ocr` lists the fields whose OCR
 * proposal the keyer passed over; each is recorded with what was proposed and whether the saved value
 * differs. This is the OCR's measured accuracy per book (fields proposed, fields kept as proposed),
 * read by the ocr module through `ocrAccuracyOfBook`.
 */
import { getBookType, normalizeCharacters, type BookTypeCode, type EntryFields, type OcrProvenance } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import type { Trx } from './commands'

/** Refused before anything is written: a proposal for a field the type does not have. */
export function checkOcrProvenance(bookType: BookTypeCode, ocr: OcrProvenance | undefined): void {
  if (!ocr || ocr.length === 0) return
  const known = new Set(getBookType(bookType).fields.map((f) => f.key))
  const unknown = [...new Set(ocr.map((o) => o.key).filter((key) => !known.has(key)))]
  if (unknown.length > 0) throw new HttpError(400, 'validation', `Ô đề xuất OCR không có trong danh mục của loại sổ này: ${unknown.join(', ')}`)
}

/**
 * In the save's transaction. A field the keyer emptied counts as changed (the proposal was wrong); a
 * difference of spacing or Unicode form does not. A later save with `ocr` for the same field
 * replaces the earlier record: the keyer's last pass is what counts.
 */
export async function recordOcrProvenance(
  trx: Trx,
  entry: { id: string; book_id: string },
  fields: EntryFields,
  ocr: OcrProvenance | undefined,
  userId: string,
): Promise<void> {
  if (!ocr || ocr.length === 0) return
  const byKey = new Map(ocr.map((o) => [o.key, o]))
  const rows = [...byKey.values()].map((o) => ({
    entry_id: entry.id,
    field_key: o.key,
    book_id: entry.book_id,
    proposed: o.proposed,
    confidence: o.confidence,
    changed: normalizeCharacters(fields[o.key] ?? '') !== normalizeCharacters(o.proposed),
    recorded_by: userId,
  }))
  await trx
    .insertInto('entry_ocr_fields')
    .values(rows)
    .onConflict((oc) => oc.columns(['entry_id', 'field_key']).doUpdateSet((eb) => ({
      proposed: eb.ref('excluded.proposed'),
      confidence: eb.ref('excluded.confidence'),
      changed: eb.ref('excluded.changed'),
      recorded_by: eb.ref('excluded.recorded_by'),
      recorded_at: new Date(),
    })))
    .execute()
}

/** Fields of the book's saved entries that came from OCR, and how many of them were kept as proposed. */
export async function ocrAccuracyOfBook(db: Kysely<Database>, bookId: string): Promise<{ proposed: number; kept: number }> {
  const row = await db
    .selectFrom('entry_ocr_fields')
    .select((eb) => [eb.fn.countAll<string>().as('proposed'), eb.fn.count<string>('field_key').filterWhere('changed', '=', false).as('kept')])
    .where('book_id', '=', bookId)
    .executeTakeFirst()
  return { proposed: Number(row?.proposed ?? 0), kept: Number(row?.kept ?? 0) }
}

/**
 * The values of `keys` in the book's last `limit` entries (by year and số): what keyers saved for the
 * header fields that repeat through a book (the ocr module settles its reads against them).
 */
export async function recentValuesOfBook(db: Kysely<Database>, bookId: string, keys: readonly string[], limit = 100): Promise<Array<Record<string, string>>> {
  if (keys.length === 0) return []
  const rows = await db
    .selectFrom('entries')
    .select(sql<Record<string, string>>`jsonb_build_object(${sql.join(keys.flatMap((key) => [sql.lit(key), sql`fields->>${sql.lit(key)}`]))})`.as('values'))
    .where('book_id', '=', bookId)
    // The book's last entries by year and số: read backwards along entries_book_number, no sort of the whole book.
    .orderBy('registration_year', 'desc')
    .orderBy('so', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => Object.fromEntries(Object.entries(r.values).filter((e): e is [string, string] => typeof e[1] === 'string')))
}
