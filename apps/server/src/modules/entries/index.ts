/**
 * The entries module's public surface: other modules import only from here (lint enforces it), and
 * write entries, their revisions and page links only through these commands.
 */
export { createEntriesService, type EntriesService } from './service'
export {
  attachEntryPages,
  createEntry,
  findEntryIn,
  patchEntryFields,
  StaleEntryError,
  STALE_ENTRY,
  transitionEntry,
  updateEntry,
  type EntryEdit,
  type Expected,
  type NewEntry,
  type RoleActor,
} from './commands'
export { deleteImportedEntries, insertImportedEntries, prepareEntry, type PreparedEntry } from './batch'
export { bookContext, type EntryBook } from './checks'
export { cleanFields, derivedColumns } from './derive'
export { MAX_PAGES_PER_ENTRY, pageIdsOf } from './entry-pages'
export { isEntryInScope } from './policy'
export type { EntryRow } from './repository'
