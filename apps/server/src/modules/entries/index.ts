/**
 * The entries module's public surface: other modules import only from here (lint enforces it), and
 * write entries, their revisions and page links only through these commands.
 */
export { createEntriesService, type EntriesService } from './service'
export {
  actionRefusal,
  attachEntryPages,
  authorsOf,
  createEntry,
  findEntryIn,
  patchEntryFields,
  StaleEntryError,
  STALE_ENTRY,
  refusalError,
  sameFields,
  transitionEntry,
  tryTransition,
  updateEntry,
  type EntryEdit,
  type Expected,
  type NewEntry,
  type Replay,
  type RoleActor,
  type TransitionOptions,
} from './commands'
export { approveCheckedEntries, approvedEntriesOf, bookReviewCounts, entriesByIds, reviewQueue, type BulkApproval, type LotScope, type ReviewQueueFilter } from './review'
export { handOverEntries, revisionFields, revisionsAfter, type HandedOverEntry, type HandoverOptions, type HandoverResult, type NextRevision, type RevisionRef } from './handover'
export { deleteImportedEntries, insertImportedEntries, prepareEntry, type PreparedEntry } from './batch'
export { bookContext, type EntryBook } from './checks'
export { cleanFields, derivedColumns } from './derive'
export { MAX_PAGES_PER_ENTRY, pageIdsByEntry, pageIdsOf } from './entry-pages'
export { allowedEntryActions, isEntryInScope } from './policy'
export type { EntryRow } from './repository'
export { notesByEntry } from './notes'
export { activityByDay, activityByType, activityByUser, countEntries, type ActivityByType, type ActivityByUser, type ActivityDay, type CountFilter, type EntryCount } from './counters'
export { withNotesColumn } from './notes-export'
export { entryCountsByBook, type BookStatusCount, type InventoryPhaseFilter } from './inventory-counts'
export { ocrAccuracyOfBook, recentValuesOfBook } from './ocr-provenance'
