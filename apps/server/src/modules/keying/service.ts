import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow } from '../books'
import type { BooksService } from '../books'
import type { UnitsService } from '../units'
import { createDraftsService } from './drafts'
import { checkDuplicates } from './duplicates'
import { nextEntry } from './next-entry'
import { bookNumbering } from './numbering'
import { createQueueService } from './queue'

/** Support for the keying workbench: numbering gaps, carry-forward, server drafts, work queue. */
export function createKeyingService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  return {
    drafts: createDraftsService(db, books),
    queue: createQueueService(db, units, books),
    numbering: (book: BookRow, year: number | undefined) => bookNumbering(db, book, year),
    /** Other entries' names shown to the keyer are a read of them: audited with their ids when any is shown. */
    async duplicates(user: AuthUser, book: BookRow, fields: Record<string, string>, excludeEntryId: string | undefined) {
      const found = await checkDuplicates(db, book, fields, excludeEntryId)
      const ids = [...new Set([...found.sameNumber, ...found.samePerson].map((e) => e.id))]
      if (ids.length > 0) {
        await recordAudit(db, actorOf(user), { action: 'book.duplicate_check', entityType: 'book', entityId: book.id, details: { entryIds: ids } })
      }
      return found
    },
    /** Carry-forward values come from the book's last entry: a read of it, audited with its id (issue 14). */
    async nextEntry(user: AuthUser, book: BookRow) {
      const view = await nextEntry(db, book)
      await recordAudit(db, actorOf(user), { action: 'book.next_entry', entityType: 'book', entityId: book.id, details: { entryId: view.previousEntryId } })
      return view
    },
  }
}
export type KeyingService = ReturnType<typeof createKeyingService>
