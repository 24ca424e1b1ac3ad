/** The jsonb columns of imports and import_rejections, parsed where they are read. */
import { ImportAnalysis, ImportRoute } from '@hts/domain'
import { z } from 'zod'
import type { Analysis } from './analyse'
import { NoteCountsSchema, StoredOptions } from './options'
import type { ImportRow } from './repository'

/** The analysis as stored: the wire's shape, before routes are matched to books. */
export const StoredAnalysis = ImportAnalysis.extend({
  routes: z.array(ImportRoute.omit({ bookId: true })),
  notes: NoteCountsSchema,
}) satisfies z.ZodType<Analysis>

/** Header (folded) → catalog key, or null for a column the user chose to skip. */
export const StoredMapping = z.record(z.string(), z.string().nullable())

/** A row set aside: the file's own cells, and why. */
export const RejectionCells = z.array(z.unknown())
export const RejectionErrors = z.array(z.object({ field: z.string(), message: z.string() }))

/** A row taken with warnings: each warning's field and message (import_warnings.warnings). */
export const StoredRowWarnings = z.array(z.object({ field: z.string(), message: z.string() }))

const WarningRowCount = z.object({ warningRows: z.number().int() }).partial()

/**
 * How many rows import_warnings holds for an import, as counted in the transactions that wrote them:
 * the import's counts once done or undone, the job's progress while it runs. A page of the list
 * need not count a million rows.
 */
export function storedWarningRows(counts: unknown, progress: unknown): number {
  for (const source of [counts, progress]) {
    const parsed = WarningRowCount.safeParse(source)
    if (parsed.success && parsed.data.warningRows !== undefined) return parsed.data.warningRows
  }
  return 0
}

/** An import's choices and analysis, read from its row. */
export function storedImport(row: Pick<ImportRow, 'options' | 'analysis' | 'mapping'>) {
  return {
    options: StoredOptions.parse(row.options),
    analysis: row.analysis === null ? null : StoredAnalysis.parse(row.analysis),
    mapping: StoredMapping.parse(row.mapping),
  }
}
