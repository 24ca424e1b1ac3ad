/**
 * The MOJ Excel of a book, streamed: sheet "DL Import", STT then the catalog columns in MOJ order
 * with their plain names, one row per entry, every value written as text exactly as stored (dates
 * in the MOJ form, partial dates kept, ID numbers with their leading zeros; formula-like text inert).
 */
import type { Stream } from 'node:stream'
import { bookTypeDefOf, exportRow, ROW_COUNTER_HEADER, type BookTypeRef, type EntryFields } from '@hts/domain'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'
import { DATA_SHEET } from './template'

export async function writeMojWorkbook(out: Stream, bookType: BookTypeRef, entries: AsyncIterable<EntryFields>): Promise<number> {
  const def = bookTypeDefOf(bookType)
  const fields = def.fields
  const workbook = createWorkbookWriter(out)
  const sheet = workbook.addWorksheet(DATA_SHEET)
  sheet.columns = [
    { header: ROW_COUNTER_HEADER, key: ROW_COUNTER_HEADER, width: 6 },
    ...fields.map((f) => ({ header: f.key, key: f.key, width: Math.max(10, Math.min(30, f.key.length + 2)), style: { numFmt: '@' } })),
  ]
  sheet.getRow(1).commit()
  let n = 0
  for await (const entry of entries) {
    n++
    addSafeRow(sheet, [n, ...exportRow(def, entry).map((value) => value || null)]).commit()
  }
  await sheet.commit()
  await workbook.commit()
  return n
}
