import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { EntryHistoryView, EntryNotesView, type MarginalNoteCreate } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export const historyKeys = {
  history: (entryId: string) => ['entries', 'history', entryId] as const,
  notes: (entryId: string) => ['entries', 'notes', entryId] as const,
}

/** The entry's revisions, newest first (the server audits the read). */
export function useEntryHistory(entryId: string, version: number) {
  return useQuery({
    // The version in the key: a save or a transition on the page shows at once in the history.
    queryKey: [...historyKeys.history(entryId), version],
    queryFn: () => requestParsed(EntryHistoryView, `/api/entries/${encodeURIComponent(entryId)}/history`),
  })
}

export function useEntryNotes(entryId: string) {
  return useQuery({
    queryKey: historyKeys.notes(entryId),
    queryFn: () => requestParsed(EntryNotesView, `/api/entries/${encodeURIComponent(entryId)}/notes`),
  })
}

/** The server answers the notes as they stand after the new one: the cache takes them. */
export function useAddNote(entryId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: MarginalNoteCreate) =>
      requestParsed(EntryNotesView, `/api/entries/${encodeURIComponent(entryId)}/notes`, { method: 'POST', body: input }),
    onSuccess: (notes) => queryClient.setQueryData(historyKeys.notes(entryId), notes),
  })
}
