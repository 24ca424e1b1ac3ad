/** Which page is which: printed page numbers and the page(s) an entry is linked to. */

export interface PageLike {
  id: string
  position: number
  kind: 'page' | 'blank' | 'cover'
}

/** The book's own page number of a scan: pages counted from the first one, covers and blank scans left out. */
export function printedPageNumber(pages: readonly PageLike[], pageId: string | null): number | null {
  if (!pageId) return null
  let n = 0
  for (const p of pages) {
    if (p.kind === 'page') n++
    if (p.id === pageId) return p.kind === 'page' ? n : null
  }
  return null
}

/** The next (or previous) scan that is a page of the book, skipping covers and blank scans. */
export function neighbourPage(pages: readonly PageLike[], pageId: string | null, step: 1 | -1): PageLike | null {
  const i = pages.findIndex((p) => p.id === pageId)
  if (i < 0) return null
  for (let j = i + step; j >= 0 && j < pages.length; j += step) {
    const p = pages[j]
    if (p && p.kind === 'page') return p
  }
  return null
}

/**
 * Pages to link a saved entry to: the page it was started on, plus the page shown at saving time
 * when that is the next one (the entry runs over the page); if the keyer has moved elsewhere, the
 * page shown (they started it before turning to its page).
 */
export function entryPages(pages: readonly PageLike[], startPageId: string | null, viewerPageId: string | null): string[] {
  if (!viewerPageId) return startPageId ? [startPageId] : []
  if (!startPageId || startPageId === viewerPageId) return [viewerPageId]
  if (neighbourPage(pages, startPageId, 1)?.id === viewerPageId) return [startPageId, viewerPageId]
  return [viewerPageId]
}
