/**
 * Any filtered list of entries to Excel for officers' own use (not the MOJ format): Vietnamese
 * headers, the book and the status beside each entry. One book type → all its fields with their
 * labels; several types → the columns every entry has.
 */
import type { Stream } from 'node:stream'
import { ENTRY_STATUSES, exportValue, FIELD_GROUPS, getBookType, isEntryStatus, type BookTypeCode, type FieldDef } from '@hts/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'

export interface EntryListFilter {
  unitIds: string[]
  bookId?: string | undefined
  bookType?: BookTypeCode | undefined
  year?: number | undefined
  status?: string | undefined
  q?: string | undefined
}

/** Officers' lists stop here: a bigger one belongs in the MOJ export per book or per unit. */
export const LIST_EXPORT_MAX = 100_000

export async function listEntryIds(db: Kysely<Database>, filter: EntryListFilter, foldedQuery: string | undefined): Promise<string[]> {
  if (filter.unitIds.length === 0) return []
  let query = db.selectFrom('entries').innerJoin('books', 'books.id', 'entries.book_id').select('entries.id').where('entries.custodian_unit_id', 'in', filter.unitIds)
  if (filter.bookId) query = query.where('entries.book_id', '=', filter.bookId)
  if (filter.bookType) query = query.where('entries.book_type', '=', filter.bookType)
  if (filter.year) query = query.where('entries.registration_year', '=', filter.year)
  if (filter.status) query = query.where('entries.status', '=', filter.status)
  if (foldedQuery) {
    // Up to 9 digits: an entry number (a column of int4); a longer run of digits is only text.
    const number = /^\d{1,9}$/.test(foldedQuery) ? Number(foldedQuery) : null
    const like = `%${foldedQuery.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) => eb.or([eb('entries.subject_name_folded', 'like', like), ...(number !== null ? [eb('entries.so', '=', number)] : [])]))
  }
  const rows = await query
    .orderBy('books.book_type')
    .orderBy('books.year')
    .orderBy('books.volume')
    .orderBy('entries.registration_year')
    .orderBy('entries.so')
    .orderBy('entries.created_at')
    .limit(LIST_EXPORT_MAX + 1)
    .execute()
  return rows.map((r) => r.id)
}

const labelOf = (f: FieldDef) => (f.group === 'registration' || f.group === 'person' ? f.label : `${f.label} (${FIELD_GROUPS[f.group]})`)

export async function writeEntryList(out: Stream, db: Kysely<Database>, ids: readonly string[], singleType: BookTypeCode | undefined): Promise<void> {
  const fields = singleType ? getBookType(singleType).fields : []
  const workbook = createWorkbookWriter(out)
  const sheet = workbook.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] })
  const common = ['STT', 'Loại sổ', 'Quyển số', 'Đơn vị lưu giữ', 'Số', 'Ngày đăng ký', 'Họ tên người được đăng ký', 'Ngày sinh', 'Số định danh', 'Trạng thái']
  sheet.columns = [
    ...common.map((header) => ({ header, width: header.length > 12 ? 28 : 12, style: { numFmt: '@' } })),
    ...fields.filter((f) => !['so', 'ngayDangKy'].includes(f.key)).map((f) => ({ header: labelOf(f), width: 20, style: { numFmt: '@' } })),
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  const extra = fields.filter((f) => !['so', 'ngayDangKy'].includes(f.key))
  const CHUNK = 1000
  let n = 0
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows = await db
      .selectFrom('entries')
      .innerJoin('books', 'books.id', 'entries.book_id')
      .innerJoin('administrative_units as u', 'u.id', 'entries.custodian_unit_id')
      .select(['entries.id', 'entries.fields', 'entries.status', 'entries.book_type', 'entries.subject_name', 'entries.subject_personal_id', 'books.volume', 'u.name as unit_name'])
      .where('entries.id', 'in', chunk)
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const id of chunk) {
      const r = byId.get(id)
      if (!r) continue
      n++
      const def = getBookType(r.book_type)
      const birthKey = def.subject.birthDateKey
      addSafeRow(sheet, [
        n,
        def.shortLabel,
        r.volume,
        r.unit_name,
        r.fields.so ?? null,
        r.fields.ngayDangKy ?? null,
        r.subject_name,
        birthKey ? (r.fields[birthKey] ?? null) : null,
        r.subject_personal_id,
        isEntryStatus(r.status) ? ENTRY_STATUSES[r.status] : r.status,
        ...extra.map((f) => exportValue(f, r.fields[f.key]) || null),
      ]).commit()
    }
  }
  await sheet.commit()
  await workbook.commit()
}
