import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { BookRow } from '../books'
import type { BooksService } from '../books'
import type { UnitsService } from '../units'
import { createDraftsService } from './drafts'
import { nextEntry } from './next-entry'
import { bookNumbering } from './numbering'
import { createQueueService } from './queue'

/** Support for the keying workbench: numbering gaps, carry-forward, server drafts, work queue. */
export function createKeyingService(db: Kysely<Database>, units: UnitsService, books: BooksService) {
  return {
    drafts: createDraftsService(db, books),
    queue: createQueueService(db, units, books),
    numbering: (book: BookRow, year: number | undefined) => bookNumbering(db, book, year),
    nextEntry: (book: BookRow) => nextEntry(db, book),
  }
}
export type KeyingService = ReturnType<typeof createKeyingService>
