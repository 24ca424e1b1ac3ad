import type { EntryFields, EntryIssue } from '@hts/domain'
import { App } from 'antd'
import { useRef, useState } from 'react'
import { z } from 'zod'
import { randomId } from '../../../lib/id'
import { errorMessage, HttpError, requestParsed } from '../../../lib/http'
import { createEntry, EntryIssueSchema, EntryViewSchema, savedDraftOf, transitionEntry, updateEntry, useEntryCacheUpdate, type EntryView } from '../api'
import { compactFields } from '../issues'

export const CONFLICT_MESSAGE =
  'Trường hợp này vừa được người khác sửa nên chưa lưu được. Bấm “Tải bản mới nhất”: phần bạn vừa sửa ở những ô người kia không đụng tới sẽ được giữ lại để bạn kiểm tra và lưu lại.'

export interface Conflict {
  message: string
  /** The entry as it is now on the server, when the server sent it. */
  current: EntryView | null
}

interface Options {
  bookId: string
  /** Called with the server's copy after every successful write. */
  onSaved: (entry: EntryView) => void
  /** Issues the server gave as the reason for refusing "done". */
  onRejectedIssues: (issues: EntryIssue[]) => void
}

type Pending = 'draft' | 'complete' | 'reopen' | null

export function useEntrySave({ bookId, onSaved, onRejectedIssues }: Options) {
  const { message } = App.useApp()
  const updateCache = useEntryCacheUpdate()
  // One id per new entry: a retried create (lost answer, double Ctrl+S) never makes a second entry.
  const clientTxnId = useRef(randomId())
  const [pending, setPending] = useState<Pending>(null)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)

  const persist = async (entry: EntryView | null, fields: EntryFields, complete = false): Promise<EntryView> => {
    const body = compactFields(fields)
    const saved = entry
      ? await updateEntry(entry.id, body, entry.version, { complete })
      : await createEntry(bookId, body, clientTxnId.current, { complete })
    updateCache(saved)
    return saved
  }

  const fail = (err: unknown, isNew: boolean) => {
    // 409 is also "this action is not allowed now"; only a stale version is a conflict to reload.
    const stale = err instanceof HttpError && err.status === 409 && (err.body.current !== undefined || /người khác sửa/.test(err.message))
    if (stale && !isNew) {
      const current = EntryViewSchema.safeParse(err.body.current)
      setConflict({ message: CONFLICT_MESSAGE, current: current.success ? current.data : null })
      return
    }
    if (err instanceof HttpError && err.status === 422) {
      const issues = z.array(EntryIssueSchema).safeParse(err.body.issues)
      if (issues.success) onRejectedIssues(issues.data)
    }
    setError(errorMessage(err))
    // A new entry's form is replaced by the saved one's right away; a toast survives that.
    if (isNew) void message.error(errorMessage(err))
  }

  const begin = (what: Pending) => {
    setPending(what)
    setError(null)
    setConflict(null)
  }

  return {
    pending: pending !== null,
    pendingAction: pending,
    error,
    conflict,
    clearError: () => setError(null),
    clearConflict: () => setConflict(null),

    async saveDraft(entry: EntryView | null, fields: EntryFields): Promise<void> {
      begin('draft')
      try {
        const saved = await persist(entry, fields)
        onSaved(saved)
        void message.success(entry ? 'Đã lưu' : 'Đã lưu trường hợp mới (nháp)')
      } catch (err) {
        fail(err, !entry)
      } finally {
        setPending(null)
      }
    },

    async saveAndComplete(entry: EntryView | null, fields: EntryFields, dirty: boolean): Promise<void> {
      begin('complete')
      try {
        // One request: the save and "keyed" in one transaction (a refusal keeps the save as a draft).
        const done = !entry || dirty ? await persist(entry, fields, true) : await transitionEntry(entry.id, 'markKeyed', entry.version)
        updateCache(done)
        onSaved(done)
        void message.success('Đã lưu và hoàn thành nhập trường hợp này')
      } catch (err) {
        const kept = savedDraftOf(err)
        if (kept) {
          updateCache(kept)
          onSaved(kept)
        }
        fail(err, !entry && !kept)
      } finally {
        setPending(null)
      }
    },

    async reopen(entry: EntryView): Promise<void> {
      begin('reopen')
      try {
        const opened = await transitionEntry(entry.id, 'reopen', entry.version)
        updateCache(opened)
        onSaved(opened)
        void message.success('Đã mở lại để sửa')
      } catch (err) {
        fail(err, false)
      } finally {
        setPending(null)
      }
    },

    async reload(entryId: string | undefined): Promise<EntryView | null> {
      if (!entryId) return null
      try {
        const fresh = await requestParsed(EntryViewSchema, `/api/entries/${encodeURIComponent(entryId)}`)
        updateCache(fresh)
        return fresh
      } catch (err) {
        setError(errorMessage(err))
        return null
      }
    },
  }
}
