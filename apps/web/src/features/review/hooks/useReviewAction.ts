import { EntrySaveRefusal, EntryView as EntryViewSchema, type EntryFields, type EntryIssue, type EntryView } from '@hts/domain'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { entryKeys } from '../../entries/api'
import { compactFields } from '../../entries/issues'
import { workbenchKeys } from '../../workbench/api'
import { reviewKeys, saveWithAction, takeAction, type ReviewAction } from '../api'

/** What the server refused, as it said it: 403 four eyes, 409 stale or not allowed, 422 errors or no reason. */
export interface ActionRefusal {
  status: number
  message: string
  /** 409 of a stale version: the entry as it is now. */
  current: EntryView | null
  /** 422: the rule findings that blocked it. */
  issues: EntryIssue[]
}

function refusalOf(error: unknown): ActionRefusal {
  if (!(error instanceof HttpError)) return { status: 0, message: errorMessage(error), current: null, issues: [] }
  const current = error.status === 409 ? EntryViewSchema.safeParse(error.body.current) : null
  const refusal = error.status === 422 ? EntrySaveRefusal.safeParse(error.body) : null
  return {
    status: error.status,
    message: error.message,
    current: current?.success ? current.data : null,
    issues: refusal?.success ? (refusal.data.issues ?? []) : [],
  }
}

interface Options {
  onDone: (saved: EntryView, action: ReviewAction) => void
  /** 422: the findings that blocked the action, to show on their fields. */
  onIssues: (issues: EntryIssue[]) => void
}

/**
 * Takes an action on the entry: a plain transition, or, when the checker corrected fields, the
 * correction and the action in one request. One at a time (a held Ctrl+Enter sends once).
 */
export function useReviewAction({ onDone, onIssues }: Options) {
  const queryClient = useQueryClient()
  const [pending, setPending] = useState<ReviewAction | null>(null)
  const [refusal, setRefusal] = useState<ActionRefusal | null>(null)
  const busy = useRef(false)

  const run = useCallback(
    async (entry: EntryView, action: ReviewAction, edits: EntryFields | null, reason?: string) => {
      if (busy.current) return
      busy.current = true
      setPending(action)
      setRefusal(null)
      try {
        const saved = edits && action !== 'return' ? await saveWithAction(entry, compactFields(edits), action) : await takeAction(entry, action, reason)
        queryClient.setQueryData(entryKeys.detail(saved.id), saved)
        for (const key of [entryKeys.listsOf(saved.bookId), reviewKeys.all, workbenchKeys.queue, ['books']]) void queryClient.invalidateQueries({ queryKey: key })
        onDone(saved, action)
      } catch (error) {
        const refused = refusalOf(error)
        setRefusal(refused)
        if (refused.issues.length > 0) onIssues(refused.issues)
      } finally {
        busy.current = false
        setPending(null)
      }
    },
    [queryClient, onDone, onIssues],
  )

  return { run, pending, refusal, clearRefusal: () => setRefusal(null) }
}
