import { z } from 'zod'
import { OCR_PAGE_STATUSES, OcrEntryProposal, type OcrPageStatus, type PageOcrView } from '@hts/domain'
import type { PageOcrRow } from './repository'

const StoredEntries = z.array(OcrEntryProposal)

/** The stored proposals, checked: a row written by an older version that does not parse shows none rather than a 500. */
export function storedEntries(row: Pick<PageOcrRow, 'entries'> | undefined): OcrEntryProposal[] {
  const parsed = StoredEntries.safeParse(row?.entries ?? [])
  return parsed.success ? parsed.data : []
}

/**
 * A page's read. Without a row: 'off' when the book is not read, else 'pending' (the page is still
 * being rendered, or waits for its turn).
 */
export function presentPageOcr(pageId: string, row: PageOcrRow | undefined, enabled: boolean): PageOcrView {
  const status: OcrPageStatus = row ? row.status : enabled ? 'pending' : 'off'
  const done = row?.status === 'done'
  return {
    pageId,
    status,
    statusLabel: OCR_PAGE_STATUSES[status],
    confidence: done && row.confidence !== null ? Math.round(row.confidence * 10) / 10 : null,
    ms: done ? row.ms : null,
    entries: done ? storedEntries(row) : [],
    error: row?.status === 'failed' ? row.error : null,
    readAt: done && row.read_at ? row.read_at.toISOString() : null,
  }
}
