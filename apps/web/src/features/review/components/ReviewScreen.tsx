import { applyIllegible, ENTRY_ACTIONS, ENTRY_STATUSES, FOUR_EYES_REFUSAL, keyingLayout, type EntryFields, type EntryView, type FieldDef } from '@hts/domain'
import { Alert, App, Button, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import type { BookView } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import { StatusTag } from '../../entries/components/StatusTag'
import { useFieldAssist } from '../../entries/hooks/useFieldAssist'
import { useLiveValidation } from '../../entries/hooks/useLiveValidation'
import { mergeIssues, messagesByField, sameFields, stillRelevant } from '../../entries/issues'
import { rebaseEdits } from '../../entries/rebase'
import type { PageView } from '../../scans/api'
import { BRIGHTNESS_STEPS, CONTRAST_STEPS, DEFAULT_VIEWER, PageViewer, type ViewerSettings } from '../../workbench/components/PageViewer'
import { printedPageNumber } from '../../workbench/pages'
import { fetchReviewQueue, useEntryReconciliation, type ReviewAction, type ReviewFilters } from '../api'
import { fieldHighlights, mainActionOf } from '../highlights'
import { useReviewAction } from '../hooks/useReviewAction'
import { useReviewKeys, type ViewerAction } from '../hooks/useReviewKeys'
import { paramsOfFilters } from '../queueFilters'
import { AttentionSummary } from './AttentionSummary'
import { ReturnModal } from './ReturnModal'
import { ReviewActions } from './ReviewActions'
import { MORE_TITLE, ReviewFields } from './ReviewFields'
import { reviewPath } from './ReviewQueuePage'

interface Props {
  entry: EntryView
  book: BookView
  pages: readonly PageView[]
  /** The queue the checker works through (next entry after each action); null for a keyer fixing a returned entry. */
  queue: ReviewFilters | null
}

const cycle = (steps: readonly number[], v: number) => steps[(steps.indexOf(v) + 1) % steps.length] ?? 1

/** The scan the entry is on: its linked page, else the page its trang số names, else the first. */
function startPage(pages: readonly PageView[], entry: EntryView): number {
  const linked = pages.findIndex((p) => p.id === entry.pageIds[0])
  if (linked >= 0) return linked
  const byNumber = pages.findIndex((p) => printedPageNumber(pages, p.id) === entry.trangSo)
  return Math.max(0, byNumber)
}

function focusField(key: string) {
  const el = document.getElementById(key)
  if (!(el instanceof HTMLElement)) return
  el.focus()
  el.scrollIntoView({ block: 'nearest' })
}

/** One entry beside its page: check it, approve it, correct it, or return it, from the keyboard. */
export function ReviewScreen({ entry: loaded, book, pages, queue }: Props) {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [entry, setEntry] = useState(loaded)
  const [fields, setFields] = useState<EntryFields>(() => ({ ...loaded.fields }))
  const [serverIssues, setServerIssues] = useState(loaded.issues)
  const [returning, setReturning] = useState(false)
  const [pageIndex, setPageIndex] = useState(() => startPage(pages, loaded))
  const [viewer, setViewer] = useState<ViewerSettings>(DEFAULT_VIEWER)
  const root = useRef<HTMLDivElement>(null)
  const bookType = book.bookType
  const bookContext = useMemo(() => ({ year: book.year, openedOn: book.openedOn ?? null, closedOn: book.closedOn ?? null }), [book])
  const dirty = !sameFields(fields, entry.fields)

  const assist = useFieldAssist(setFields)
  const live = useLiveValidation(bookType, fields, bookContext)
  const issues = useMemo(
    () => applyIllegible(mergeIssues(stillRelevant(live.issues, live.basis, fields), stillRelevant(serverIssues, entry.fields, fields), assist.dateMessages), entry.illegibleFields),
    [live, serverIssues, entry.fields, entry.illegibleFields, fields, assist.dateMessages],
  )
  const reconciliation = useEntryReconciliation(entry.id, hasPermission(me, 'population.read'))
  const highlights = useMemo(
    () => fieldHighlights({ bookType, issues, illegibleFields: entry.illegibleFields, importNotes: entry.importNotes, differences: reconciliation.data?.differences ?? [] }),
    [bookType, issues, entry.illegibleFields, entry.importNotes, reconciliation.data],
  )
  const messages = useMemo(() => messagesByField(issues), [issues])
  // In the page's order, so that F8 walks down the entry as the eye does.
  const attention = useMemo(() => {
    const { sections, more } = keyingLayout(bookType)
    // With its section: the mother's and the child's "Họ, chữ đệm, tên" share a label.
    return [...sections, { title: MORE_TITLE, fields: more }].flatMap((s) => s.fields.flatMap((f) => {
      const list = highlights.get(f.key)
      return list ? [{ key: f.key, label: `${s.title}: ${f.label}`, highlights: list }] : []
    }))
  }, [bookType, highlights])

  // Ready for Ctrl+Enter at once: nothing to click first.
  useEffect(() => root.current?.focus({ preventScroll: true }), [])

  const goOn = useCallback(
    async (done: EntryView, action: ReviewAction) => {
      const what = `${ENTRY_ACTIONS[action]}: số ${done.so ?? '?'}`
      if (!queue) {
        void message.success(what)
        navigate('/nhap-lieu')
        return
      }
      try {
        const next = (await fetchReviewQueue({ ...queue, page: 1, pageSize: 5 })).items.find((i) => i.id !== done.id)
        void message.success(next ? `${what}. Mở trường hợp tiếp theo.` : `${what}. Đã hết trường hợp chờ.`)
        navigate(next ? reviewPath(next.id, queue) : `/kiem-tra?${paramsOfFilters(queue)}`)
      } catch (error) {
        void message.error(errorMessage(error))
        navigate(`/kiem-tra?${paramsOfFilters(queue)}`)
      }
    },
    [queue, message, navigate],
  )
  const action = useReviewAction({ onDone: (saved, a) => void goOn(saved, a), onIssues: setServerIssues })
  const { refusal } = action

  const main = mainActionOf(entry.allowedActions)
  // A correction is only ever saved with an action (saved alone, it would make the checker its author).
  const readOnly = !main || !hasPermission(me, 'entry.update')
  const offerCheckOnly = main === 'approve' && entry.allowedActions.includes('check')
  const offerReturn = entry.allowedActions.includes('return')
  const act = (a: ReviewAction, reason?: string) => void action.run(entry, a, dirty ? fields : null, reason)

  const reload = () => {
    const latest = refusal?.current
    if (!latest) return window.location.reload()
    setFields(rebaseEdits(entry.fields, fields, latest.fields).fields)
    setEntry(latest)
    setServerIssues(latest.issues)
    action.clearRefusal()
  }

  const stepPage = (step: 1 | -1) => setPageIndex((i) => Math.min(Math.max(0, i + step), Math.max(0, pages.length - 1)))
  const onViewer = (a: ViewerAction) =>
    setViewer((v) => {
      switch (a) {
        case 'zoomIn': return { ...v, zoom: Math.min(5, v.zoom * 1.25) }
        case 'zoomOut': return { ...v, zoom: Math.max(0.5, v.zoom / 1.25) }
        case 'fit': return { ...v, zoom: 1 }
        case 'rotate': return { ...v, rotation: ((v.rotation + 90) % 360) as ViewerSettings['rotation'] }
        case 'contrast': return { ...v, contrast: cycle(CONTRAST_STEPS, v.contrast) }
        case 'brightness': return { ...v, brightness: cycle(BRIGHTNESS_STEPS, v.brightness) }
        default: return v
      }
    })

  useReviewKeys(
    {
      main: () => (main ? act(main) : void message.info('Bạn không có thao tác nào trên trường hợp này.')),
      checkOnly: () => offerCheckOnly && act('check'),
      returnEntry: () => offerReturn && setReturning(true),
      nextHighlight: () => {
        const keys = attention.map((a) => a.key)
        const current = document.activeElement instanceof HTMLElement ? keys.indexOf(document.activeElement.id) : -1
        const next = keys[(current + 1) % Math.max(1, keys.length)]
        if (next) focusField(next)
      },
      page: stepPage,
      viewer: onViewer,
    },
    !returning,
  )

  // Stable handlers (the latest values through a ref): a keystroke re-renders one field only.
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields
  const { onChanged, onBlur: assistBlur } = assist
  const onChange = useCallback((key: string, value: string) => {
    setFields((prev) => ({ ...prev, [key]: value }))
    onChanged(key)
  }, [onChanged])
  const onBlur = useCallback((field: FieldDef) => assistBlur(field, fieldsRef.current[field.key] ?? ''), [assistBlur])
  const ownWork = entry.keyedBy === me.id || entry.contentChangedBy === me.id

  return (
    <div ref={root} tabIndex={-1} style={{ display: 'flex', gap: 12, height: 'calc(100vh - 104px)', minHeight: 480, outline: 'none' }} data-testid="review-screen" data-entry-id={entry.id}>
      <div style={{ flex: '1 1 55%', minWidth: 0 }}>
        <PageViewer pages={pages} index={pageIndex} settings={viewer} onSettings={setViewer} onStep={stepPage} />
      </div>
      <div style={{ flex: '1 1 45%', minWidth: 380, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <div style={{ paddingBottom: 6 }}>
          {queue ? <Link to={`/kiem-tra?${paramsOfFilters(queue)}`}>← Hàng chờ {queue.stage === 'check' ? 'kiểm tra' : 'phê duyệt'}</Link> : <Link to="/nhap-lieu">← Sổ được giao</Link>}
          <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="review-heading">
            Trường hợp số {entry.so ?? '?'} <StatusTag status={entry.status} label={entry.statusLabel} />
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
              {' '}· {bookTitle(book)}
            </Typography.Text>
          </Typography.Title>
          {entry.returnReason && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="return-reason" title={ENTRY_STATUSES.returned} description={entry.returnReason} />
          )}
          {refusal && (
            <Alert
              role="alert"
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="review-refusal"
              title={refusal.message}
              closable={{ onClose: action.clearRefusal }}
              action={refusal.status === 409 ? <Button size="small" onClick={reload}>Tải bản mới nhất</Button> : undefined}
            />
          )}
          {entry.allowedActions.length === 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} title={ownWork ? FOUR_EYES_REFUSAL : 'Trường hợp này không còn chờ bạn kiểm tra hay phê duyệt.'} />
          )}
          <ReviewActions
            main={main}
            offerCheckOnly={offerCheckOnly}
            offerReturn={offerReturn}
            dirty={dirty}
            pending={action.pending}
            onAction={act}
            onReturn={() => setReturning(true)}
            onDiscard={() => setFields({ ...entry.fields })}
          />
        </div>
        <div style={{ overflowY: 'auto', flex: 1, minHeight: 0, paddingRight: 4 }}>
          <AttentionSummary fields={attention} onFocus={focusField} />
          <ReviewFields bookType={bookType} fields={fields} messages={messages} highlights={highlights} readOnly={readOnly} onChange={onChange} onBlur={onBlur} />
        </div>
      </div>
      <ReturnModal open={returning} pending={action.pending === 'return'} discardsEdits={dirty} onCancel={() => setReturning(false)} onSubmit={(reason) => { setReturning(false); act('return', reason) }} />
    </div>
  )
}
