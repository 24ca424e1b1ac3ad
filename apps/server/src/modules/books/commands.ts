/**
 * The books module's commands: the only code that writes `books` (lint forbids it elsewhere). They
 * run in the caller's transaction and write the audit row with the change.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { recordAudit, type Actor } from '../audit'

export interface MissingBook {
  bookType: string
  volume: string
  year: number
  issuingAuthority: string
  custodianUnitId: string
}

/**
 * Creates a book an import names but the unit does not have yet (the user confirmed it). A book
 * created meanwhile by someone else is left alone: returns undefined, and the caller uses theirs.
 */
export async function createBookIfAbsent(trx: Transaction<Database>, actor: Actor | null, book: MissingBook, importId: string): Promise<string | undefined> {
  const row = await trx
    .insertInto('books')
    .values({ book_type: book.bookType, volume: book.volume, year: book.year, issuing_authority: book.issuingAuthority, custodian_unit_id: book.custodianUnitId, condition: 'intact', created_by: actor?.id ?? null })
    .onConflict((oc) => oc.constraint('books_identity').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) return undefined
  await recordAudit(trx, actor, { action: 'book.create', entityType: 'book', entityId: row.id, details: { importId, volume: book.volume, year: book.year, issuingAuthority: book.issuingAuthority } })
  return row.id
}
