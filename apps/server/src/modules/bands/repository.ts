import type { Kysely, Transaction } from 'kysely'
import { BandLayoutSchema, PageBandCorrectionSchema, type PageBandCorrection } from '@hts/domain'
import { z } from 'zod'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

const Corrections = z.array(PageBandCorrectionSchema)

/** A book's band layout as stored, its jsonb columns parsed with the domain's schemas. */
export interface StoredBandLayout {
  bookId: string
  layout: z.infer<typeof BandLayoutSchema>
  corrections: PageBandCorrection[]
  version: number
  updatedBy: string | null
  updatedAt: Date
}

export async function findBandLayout(db: Executor, bookId: string, lock = false): Promise<StoredBandLayout | undefined> {
  let query = db.selectFrom('book_band_layouts').selectAll().where('book_id', '=', bookId)
  if (lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (!row) return undefined
  return {
    bookId: row.book_id,
    layout: BandLayoutSchema.parse(row.layout),
    corrections: Corrections.parse(row.page_corrections),
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  }
}

/** Inserts the first layout (version 1) or replaces the one of `version`; false when another save came first. */
export async function saveBandLayout(trx: Transaction<Database>, bookId: string, layout: unknown, version: number, userId: string): Promise<boolean> {
  if (version === 0) {
    const inserted = await trx.insertInto('book_band_layouts')
      .values({ book_id: bookId, layout: JSON.stringify(layout), updated_by: userId })
      .onConflict((oc) => oc.column('book_id').doNothing())
      .returning('book_id')
      .executeTakeFirst()
    return inserted !== undefined
  }
  const updated = await trx.updateTable('book_band_layouts')
    .set({ layout: JSON.stringify(layout), version: version + 1, updated_by: userId, updated_at: new Date() })
    .where('book_id', '=', bookId)
    .where('version', '=', version)
    .returning('book_id')
    .executeTakeFirst()
  return updated !== undefined
}

/** The pages' corrections replaced (the row is locked by the caller); the layout's version is not touched. */
export async function saveCorrections(trx: Transaction<Database>, bookId: string, corrections: readonly PageBandCorrection[], userId: string): Promise<void> {
  await trx.updateTable('book_band_layouts')
    .set({ page_corrections: JSON.stringify(corrections), updated_by: userId, updated_at: new Date() })
    .where('book_id', '=', bookId)
    .execute()
}

/** A page's book and its display image (read only: the scans module owns `book_pages`). */
export async function findPageImage(db: Executor, pageId: string) {
  return db.selectFrom('book_pages')
    .select(['id', 'book_id', 'position', 'status', 'image_sha256', 'base_sha256', 'rotation', 'width', 'height'])
    .where('id', '=', pageId)
    .executeTakeFirst()
}
