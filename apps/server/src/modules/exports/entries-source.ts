import type { Kysely } from 'kysely'
import type { EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'

const CHUNK = 1000

/** Ids of a book's entries in book order (year, number, then keying order); a withdrawn duplicate is not exported. */
export async function entryIdsOfBook(db: Kysely<Database>, bookId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('entries')
    .select('id')
    .where('book_id', '=', bookId)
    .where('status', '<>', 'withdrawn')
    .orderBy('registration_year', 'asc')
    .orderBy('so', 'asc')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  return rows.map((r) => r.id)
}

export interface ExportedEntry {
  id: string
  so: number | null
  status: string
  fields: EntryFields
}

/** The entries with the given ids, in that order, a chunk at a time (memory stays flat for big books). */
export async function* entriesByIds(db: Kysely<Database>, ids: readonly string[]): AsyncGenerator<ExportedEntry> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows = await db.selectFrom('entries').select(['id', 'so', 'status', 'fields']).where('id', 'in', chunk).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const id of chunk) {
      const row = byId.get(id)
      if (row) yield row
    }
  }
}

export async function* fieldsOf(entries: AsyncIterable<ExportedEntry>): AsyncGenerator<EntryFields> {
  for await (const entry of entries) yield entry.fields
}
