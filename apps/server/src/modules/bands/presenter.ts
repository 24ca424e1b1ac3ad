import type { BookBandLayoutView, PageRulesView } from '@hts/domain'
import type { DetectedRules } from './rules'
import type { StoredBandLayout } from './repository'

export function presentBandLayout(bookId: string, stored: StoredBandLayout | undefined, names: ReadonlyMap<string, string>, mayEdit: boolean): BookBandLayoutView {
  return {
    bookId,
    layout: stored?.layout ?? null,
    corrections: stored?.corrections ?? [],
    version: stored?.version ?? 0,
    updatedBy: stored?.updatedBy ?? null,
    updatedByName: stored?.updatedBy ? (names.get(stored.updatedBy) ?? null) : null,
    updatedAt: stored?.updatedAt ?? null,
    mayEdit,
  }
}

export function presentRules(pageId: string, rules: DetectedRules): PageRulesView {
  return { pageId, ...rules }
}
