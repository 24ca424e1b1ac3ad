import {
  ENTRY_STATUSES,
  fieldGroupsOf,
  type BookTypeCode,
  type EntryFields,
  type EntryIssue,
  type FieldDef,
} from '@hts/domain'
import { Alert, Card, Col, Row } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import type { BookView } from '../../books/api'
import type { EntryView } from '../api'
import { useEntrySave } from '../hooks/useEntrySave'
import { useFieldAssist } from '../hooks/useFieldAssist'
import { useLiveValidation } from '../hooks/useLiveValidation'
import { useSaveShortcut } from '../hooks/useSaveShortcut'
import { useUnsavedChangesGuard } from '../hooks/useUnsavedChangesGuard'
import { countIssues, mergeIssues, messagesByField, sameFields, stillRelevant } from '../issues'
import { rebaseEdits, type RebaseResult } from '../rebase'
import { EntryToolbar } from './EntryToolbar'
import { FieldInput } from './FieldInput'
import { IssueSummary } from './IssueSummary'
import { ConflictAlert, RebaseAlert, SaveErrorAlert } from './SaveAlerts'

interface Props {
  book: BookView
  /** The entry being edited; null for a new one. */
  entry: EntryView | null
}

function initialFields(book: BookView, entry: EntryView | null): EntryFields {
  return entry ? { ...entry.fields } : { quyenSo: book.volume }
}

export function EntryEditor({ book, entry: loadedEntry }: Props) {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const bookType = book.bookType as BookTypeCode
  const groups = useMemo(() => fieldGroupsOf(bookType), [bookType])
  const fieldByKey = useMemo(() => new Map(groups.flatMap((g) => g.fields.map((f) => [f.key, f] as const))), [groups])

  const [entry, setEntry] = useState<EntryView | null>(loadedEntry)
  const [fields, setFields] = useState<EntryFields>(() => initialFields(book, loadedEntry))
  const [savedFields, setSavedFields] = useState<EntryFields>(() => initialFields(book, loadedEntry))
  const [serverIssues, setServerIssues] = useState<EntryIssue[]>(loadedEntry?.issues ?? [])
  // Dates written the MOJ way on leaving a field, title case offered for capitals, fields visited
  // ("Chưa nhập ..." waits under a field until the keyer has been there, or has tried to save).
  const assist = useFieldAssist(setFields)
  const { dateMessages, nameSuggestions, touched, onChanged, clearDateMessages, onBlur: assistBlur } = assist
  const [showAllRequired, setShowAllRequired] = useState(loadedEntry !== null)
  const [rebaseNote, setRebaseNote] = useState<RebaseResult | null>(null)

  const bookContext = useMemo(
    () => ({ year: book.year, openedOn: book.openedOn ?? null, closedOn: book.closedOn ?? null }),
    [book.year, book.openedOn, book.closedOn],
  )
  const live = useLiveValidation(bookType, fields, bookContext)
  // Issues about a field the keyer has changed since they were computed are stale: hide them, not flash them.
  const issues = useMemo(
    () =>
      mergeIssues(
        stillRelevant(live.issues, live.basis, fields),
        stillRelevant(serverIssues, savedFields, fields),
        dateMessages,
      ),
    [live, serverIssues, savedFields, fields, dateMessages],
  )
  const counts = countIssues(issues)
  const byField = useMemo(
    () => messagesByField(showAllRequired ? issues : issues.filter((i) => i.code !== 'required' || touched.has(i.field))),
    [issues, showAllRequired, touched],
  )

  const dirty = !sameFields(fields, savedFields)
  const { allowNextNavigation } = useUnsavedChangesGuard(dirty)
  const canWrite = hasPermission(me, entry ? 'entry.update' : 'entry.create')
  // Entries already keyed stay editable (the commune police adds ID numbers); the server keeps them error-free.
  const readOnly = !canWrite

  const applySaved = useCallback(
    (saved: EntryView) => {
      setEntry(saved)
      setFields({ ...saved.fields })
      setSavedFields({ ...saved.fields })
      setServerIssues(saved.issues)
      clearDateMessages()
      setRebaseNote(null)
      if (!entry) {
        allowNextNavigation()
        navigate(`/so/${book.id}/truong-hop/${saved.id}`, { replace: true })
      }
    },
    [entry, allowNextNavigation, navigate, book.id, clearDateMessages],
  )
  const saver = useEntrySave({ bookId: book.id, onSaved: applySaved, onRejectedIssues: setServerIssues })

  // A newer copy of this entry reached the cache after the form was made: the answer to a click on
  // the form this one replaced (the router swaps forms in a transition, so the first form of a new
  // entry can still take "Lưu và hoàn thành"), or an action from the record panels. Without unsaved
  // edits the form takes it; with them, the next save meets the version check and offers a reload.
  useEffect(() => {
    if (loadedEntry && entry && loadedEntry.id === entry.id && loadedEntry.version > entry.version && !dirty) applySaved(loadedEntry)
    // Only a new copy from outside is a reason to look again; the form's own changes are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedEntry])

  const onChange = useCallback(
    (key: string, value: string) => {
      setFields((prev) => ({ ...prev, [key]: value }))
      onChanged(key)
    },
    [onChanged],
  )

  const onBlur = useCallback((field: FieldDef) => assistBlur(field, fields[field.key] ?? ''), [assistBlur, fields])

  const saveDraft = () => {
    if (readOnly || saver.pending) return
    setShowAllRequired(true)
    void saver.saveDraft(entry, fields)
  }
  const saveAndComplete = () => {
    setShowAllRequired(true)
    if (readOnly || saver.pending || counts.errors > 0) return
    void saver.saveAndComplete(entry, fields, dirty)
  }
  useSaveShortcut(saveDraft, !readOnly)

  // The latest version, with the keyer's unsaved edits re-applied where the other person did not touch them.
  const applyLatest = (latest: EntryView) => {
    const rebased = rebaseEdits(savedFields, fields, latest.fields)
    setEntry(latest)
    setSavedFields({ ...latest.fields })
    setFields(rebased.fields)
    setServerIssues(latest.issues)
    clearDateMessages()
    setRebaseNote(rebased.kept.length + rebased.overridden.length > 0 ? rebased : null)
  }
  const reloadFromConflict = (current: EntryView | null) => {
    saver.clearConflict()
    if (current) applyLatest(current)
    else void saver.reload(entry?.id).then((fresh) => fresh && applyLatest(fresh))
  }

  const labelOf = (key: string) => fieldByKey.get(key)?.label ?? key
  const canComplete = entry ? entry.allowedActions.includes('markKeyed') : canWrite

  return (
    <form
      aria-label="Nhập trường hợp"
      onSubmit={(e) => {
        e.preventDefault()
        saveDraft()
      }}
    >
      <EntryToolbar
        book={book}
        entry={entry}
        dirty={dirty}
        readOnly={readOnly}
        pending={saver.pending}
        offerComplete={canComplete}
        canComplete={canComplete && counts.errors === 0}
        completeBlockedReason={counts.errors > 0 ? `Còn ${counts.errors} lỗi cần sửa trước khi hoàn thành` : undefined}
        onSaveDraft={saveDraft}
        onSaveAndComplete={saveAndComplete}
        onReopen={entry?.allowedActions.includes('reopen') ? () => void saver.reopen(entry) : undefined}
      />
      {entry?.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="return-reason" title={ENTRY_STATUSES.returned} description={entry.returnReason} />
      )}
      {saver.conflict && <ConflictAlert message={saver.conflict.message} onReload={() => reloadFromConflict(saver.conflict?.current ?? null)} />}
      {saver.error && <SaveErrorAlert message={saver.error} onClose={saver.clearError} />}
      {rebaseNote && <RebaseAlert result={rebaseNote} labelOf={labelOf} onClose={() => setRebaseNote(null)} />}
      <IssueSummary issues={issues} labelOf={labelOf} />
      {groups.map((group, gi) => (
        <Card key={group.group} title={group.label} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {group.fields.map((field, fi) => (
              <Col key={field.key} xs={24} md={12} xl={8}>
                <FieldInput
                  field={field}
                  value={fields[field.key] ?? ''}
                  messages={byField.get(field.key) ?? []}
                  onChange={onChange}
                  onBlur={onBlur}
                  nameSuggestion={nameSuggestions[field.key] ?? null}
                  onAcceptSuggestion={onChange}
                  readOnly={readOnly}
                  autoFocus={!entry && gi === 0 && fi === 0}
                />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </form>
  )
}
