import type { Kysely } from 'kysely'
import { notesColumnText, type BookTypeRef, type EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import { notesByEntry } from './notes'

const CHUNK = 1000

/**
 * An export's entries with their marginal notes written into the ghi chú column after the book's own
 * text (one line per note: kind, date, basis, "label: before → after"). Notes are read a chunk of
 * entries at a time, so memory stays flat for big books; entries without notes pass unchanged.
 */
export async function* withNotesColumn<E extends { id: string; fields: EntryFields }>(db: Kysely<Database>, bookType: BookTypeRef, entries: AsyncIterable<E>): AsyncGenerator<E> {
  let chunk: E[] = []
  const flush = async function* () {
    const notes = await notesByEntry(db, chunk.map((e) => e.id))
    for (const entry of chunk) {
      const list = notes.get(entry.id)
      yield list ? { ...entry, fields: { ...entry.fields, ghiChu: notesColumnText(bookType, entry.fields, list) } } : entry
    }
    chunk = []
  }
  for await (const entry of entries) {
    chunk.push(entry)
    if (chunk.length >= CHUNK) yield* flush()
  }
  if (chunk.length > 0) yield* flush()
}
