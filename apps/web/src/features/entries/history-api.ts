import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { EntryHistoryView, EntryNotesView, type MarginalNoteCreate, type MarginalNoteEdit, type MarginalNoteWithdraw } from '@hts/domain'
import { HttpError, requestParsed } from '../../lib/http'

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
    onSuccess: (notes) => {
      queryClient.setQueryData(historyKeys.notes(entryId), notes)
      void queryClient.invalidateQueries({ queryKey: historyKeys.history(entryId) })
    },
  })
}

const notePath = (entryId: string, noteId: string) => `/api/entries/${encodeURIComponent(entryId)}/notes/${encodeURIComponent(noteId)}`

/**
 * A correction or withdrawal of a note: the answer (the notes as they stand) goes to the cache; a 409
 * (someone changed the note meanwhile) reloads the notes so that the keyer sees what is there now.
 */
function useNoteChange<T>(entryId: string, send: (input: T) => Promise<EntryNotesView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (notes) => {
      queryClient.setQueryData(historyKeys.notes(entryId), notes)
      // The timeline shows the notes' events too.
      void queryClient.invalidateQueries({ queryKey: historyKeys.history(entryId) })
    },
    onError: (error) => {
      if (error instanceof HttpError && error.status === 409) void queryClient.invalidateQueries({ queryKey: historyKeys.notes(entryId) })
    },
  })
}

export function useEditNote(entryId: string, noteId: string) {
  return useNoteChange(entryId, (input: MarginalNoteEdit) => requestParsed(EntryNotesView, notePath(entryId, noteId), { method: 'PUT', body: input }))
}

export function useWithdrawNote(entryId: string, noteId: string) {
  return useNoteChange(entryId, (input: MarginalNoteWithdraw) => requestParsed(EntryNotesView, `${notePath(entryId, noteId)}/withdraw`, { method: 'POST', body: input }))
}
