import { canonicalName, carryForwardFields, getBookType, hasBlockingIssues, applyIllegible, type FieldDef } from '@hts/domain'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Tag } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import type { BookView } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import { IssueSummary } from '../../entries/components/IssueSummary'
import { useFieldAssist } from '../../entries/hooks/useFieldAssist'
import { useLiveValidation } from '../../entries/hooks/useLiveValidation'
import { countIssues, mergeIssues, messagesByField, stillRelevant } from '../../entries/issues'
import type { PageView } from '../../scans/api'
import { scanKeys } from '../../scans/api'
import { useNumbering, workbenchKeys, type SecondKeyingResult } from '../api'
import { keyingAssistOff } from '../assist'
import { useDuplicateCheck } from '../hooks/useDuplicateCheck'
import { useKeyingSession } from '../hooks/useKeyingSession'
import { useOutbox } from '../hooks/useOutbox'
import { useServerDraft } from '../hooks/useServerDraft'
import { useWorkbenchKeys } from '../hooks/useWorkbenchKeys'
import { useWorkbenchBands } from '../bands/useWorkbenchBands'
import { keyingLayout, suggestsValues } from '../layouts'
import { entryPages, printedPageNumber } from '../pages'
import { prepareForSave } from '../prepare'
import { yearOf, type StartState } from '../start'
import { clearLocalDraft } from '../storage'
import { OcrPageStatus } from '../ocr/OcrPageStatus'
import { useOcrProposals } from '../ocr/useOcrProposals'
import { DuplicateWarning, seenDuplicateIds } from './DuplicateWarning'
import { EntryHeading } from './EntryHeading'
import { focusField, KeyingForm } from './KeyingForm'
import { NotesDrawer } from './NotesDrawer'
import { NumberingPanel, numberingSummary } from './NumberingPanel'
import { OutboxList, type SavedItem } from './OutboxList'
import { ReturnedEntries } from './ReturnedEntries'
import { BRIGHTNESS_STEPS, CONTRAST_STEPS, DEFAULT_VIEWER, PageViewer, type ViewerSettings } from './PageViewer'
import { SaveStatus } from './SaveStatus'
import { ShortcutHelp } from './ShortcutHelp'

const YEAR_FIELDS: ReadonlySet<string> = new Set(['ngayDangKy'])
const cycle = (steps: readonly number[], v: number) => steps[(steps.indexOf(v) + 1) % steps.length] ?? 1

interface Props {
  book: BookView
  pages: PageView[]
  start: StartState
}

const NO_FIELDS: Record<string, string> = {}

/** The keying workbench: the page scan on the left, the entry on the right, hands on the keyboard. */
export function Workbench({ book, pages, start }: Props) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [params] = useSearchParams()
  const bookType = book.bookType
  const def = getBookType(bookType)
  const layout = useMemo(() => keyingLayout(bookType), [bookType])
  const bookContext = useMemo(() => ({ year: book.year, openedOn: book.openedOn ?? null, closedOn: book.closedOn ?? null }), [book])

  const [viewerPageId, setViewerPageId] = useState<string | null>(start.pageId ?? pages[0]?.id ?? null)
  const found = pages.findIndex((p) => p.id === viewerPageId)
  const viewerIndex = found >= 0 ? found : 0
  const viewerPage = pages[viewerIndex] ?? null
  const viewerRef = useRef<string | null>(viewerPage?.id ?? null)
  viewerRef.current = viewerPage?.id ?? null
  const [viewer, setViewer] = useState<ViewerSettings>(DEFAULT_VIEWER)

  const keying = useKeyingSession(me.id, start.initial)
  const { session, sessionRef, change, startNew, setQuietly, replace, toggleIllegible, setOcr } = keying
  const [year, setYear] = useState(start.year)
  const setFields = useCallback((update: (f: Record<string, string>) => Record<string, string>) => change(update, viewerRef.current), [change])
  const assist = useFieldAssist(setFields, { defaultYear: year, yearFields: YEAR_FIELDS })
  const { onChanged, onBlur: assistBlur, reset: resetAssist } = assist
  const [showAll, setShowAll] = useState(false)
  const [showMore, setShowMore] = useState(() => layout.more.some((f) => session.fields[f.key]))
  const [helpOpen, setHelpOpen] = useState(false)
  const [numberingOpen, setNumberingOpen] = useState(false)
  // The notes drawer: of the entry picked in "Vừa lưu", else of the one saved last (null id).
  const [notes, setNotes] = useState<{ open: boolean; entryId: string | null }>({ open: false, entryId: null })
  const [restored, setRestored] = useState(start.restoredFrom)
  const [saved, setSaved] = useState<SavedItem[]>([])
  const [sessionValues, setSessionValues] = useState<Map<string, string[]>>(() => new Map())
  const numbering = useNumbering(book.id)

  const live = useLiveValidation(bookType, session.fields, bookContext)
  const issues = useMemo(
    () => applyIllegible(mergeIssues(stillRelevant(live.issues, live.basis, session.fields), [], assist.dateMessages), session.illegibleFields),
    [live, session.fields, session.illegibleFields, assist.dateMessages],
  )
  const counts = countIssues(issues)
  const byField = useMemo(
    () => messagesByField(showAll ? issues : issues.filter((i) => i.code !== 'required' || assist.touched.has(i.field))),
    [issues, showAll, assist.touched],
  )
  const order = useMemo(() => [...layout.sections.flatMap((s) => s.fields), ...(showMore ? layout.more : [])], [layout, showMore])
  const labelOf = (key: string) => def.fields.find((f) => f.key === key)?.label ?? key

  const onSaved = useCallback(
    (entry: SavedItem['entry'], item: { label: string }) => {
      setSaved((prev) => [{ entry, label: item.label }, ...prev].slice(0, 5))
      for (const key of [scanKeys.pages(book.id), workbenchKeys.numbering(book.id), workbenchKeys.queue, ['entries', 'list', book.id], ['books']]) {
        void queryClient.invalidateQueries({ queryKey: key })
      }
    },
    [book.id, queryClient],
  )
  // Double keying: the second keyer learns the outcome only, never the first keyer's values.
  const onSecondKeyed = useCallback(
    (result: SecondKeyingResult, item: { label: string }) => {
      if (result.outcome === 'agreed') void message.success(`${item.label}: nhập lần hai khớp với lần một, trường hợp đã được kiểm tra`)
      else void message.warning(`${item.label}: nhập lần hai khác lần một ở ${result.differing} ô, chuyển người đối chiếu`)
      for (const key of [workbenchKeys.numbering(book.id), workbenchKeys.queue, ['entries', 'list', book.id], ['books']]) void queryClient.invalidateQueries({ queryKey: key })
    },
    [book.id, queryClient, message],
  )
  const outbox = useOutbox(me.id, onSaved, onSecondKeyed)
  // A double-keyed book is keyed blind: no duplicate check (it would show the other keyer's entry).
  const duplicates = useDuplicateCheck(book.id, bookType, book.doubleKeying ? NO_FIELDS : session.fields, session.clientTxnId)
  const so = session.fields.so
  const pendingSame = so
    ? outbox.items.filter((i) => i.bookId === book.id && i.fields.so === so && yearOf(i.fields.ngayDangKy) === yearOf(session.fields.ngayDangKy))
    : []

  // OCR proposals of the page's block for this entry (issue 16); the page is fixed once the entry starts.
  const orderKeys = useMemo(() => order.map((f) => f.key), [order])
  const acceptProposal = useCallback((key: string, value: string) => setFields((f) => ({ ...f, [key]: value })), [setFields])
  const ocr = useOcrProposals({
    bookId: book.id,
    pages,
    pageId: session.seq === 0 ? viewerPage?.id ?? null : session.startPageId ?? viewerPage?.id ?? null,
    session,
    order: orderKeys,
    local: [...outbox.items.filter((i) => i.bookId === book.id).map((i) => ({ so: i.fields.so, pageId: i.pageIds[0] })), ...saved.map((s) => ({ so: s.entry.fields.so, pageId: s.entry.pageIds[0] }))],
    accept: acceptProposal,
    record: setOcr,
  })
  const { noteChange: ocrNoteChange } = ocr

  const focusFirstEmpty = useCallback(() => {
    const target = order.find((f) => !sessionRef.current.fields[f.key]) ?? order[0]
    if (target) focusField(target.key)
  }, [order, sessionRef])

  const startNext = useCallback(
    (previous: Record<string, string>) => {
      startNew(book.id, keyingAssistOff() ? {} : carryForwardFields(previous))
      resetAssist()
      setShowAll(false)
      setRestored(null)
    },
    [startNew, resetAssist, book.id],
  )

  const serverDraft = useServerDraft(session, (entryId, clientTxnId) => {
    if (sessionRef.current.clientTxnId !== clientTxnId) return
    clearLocalDraft(me.id, book.id, clientTxnId)
    void message.info(`Trường hợp này đã được lưu trước đó (mã ${entryId.slice(0, 8)}): bắt đầu trường hợp tiếp theo.`)
    startNext(sessionRef.current.fields)
  })

  // A new entry: the cursor goes to the first field without a value (số and trang are filled in).
  useEffect(() => {
    const id = window.setTimeout(focusFirstEmpty, 0)
    return () => window.clearTimeout(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.clientTxnId])

  const onChange = useCallback(
    (key: string, value: string) => {
      change((f) => ({ ...f, [key]: value }), viewerRef.current)
      onChanged(key)
      ocrNoteChange(key)
    },
    [change, onChanged, ocrNoteChange],
  )
  const onBlur = useCallback((field: FieldDef) => assistBlur(field, sessionRef.current.fields[field.key] ?? ''), [assistBlur, sessionRef])

  const saveAndNext = (complete: boolean) => {
    // Nothing recognised is saved unless the keyer passed over it.
    const [firstProposal] = ocr.pending
    if (firstProposal) {
      focusField(firstProposal)
      void message.warning(`Còn ${ocr.pending.length} ô đề xuất OCR chưa xem: Tab hoặc Enter để nhận, gõ để sửa, rồi lưu.`)
      return
    }
    const s = sessionRef.current
    if (s.seq === 0) {
      void message.info('Trường hợp này chưa nhập gì: nhập các ô rồi bấm Ctrl+Enter.')
      return
    }
    const prepared = prepareForSave(bookType, s.fields, s.illegibleFields, bookContext, year, YEAR_FIELDS)
    if (complete && hasBlockingIssues(prepared.issues)) {
      setShowAll(true)
      const errors = prepared.issues.filter((i) => i.severity === 'error')
      const first = order.find((f) => errors.some((i) => i.field === f.key))
      if (first) focusField(first.key)
      void message.error(`Còn ${errors.length} lỗi cần sửa trước khi hoàn thành (F8: đến ô lỗi). Ctrl+Shift+Enter để lưu nháp, sửa sau.`)
      return
    }
    const fields = prepared.fields
    const name = def.subject.nameKey ? fields[def.subject.nameKey] : undefined
    const seen = seenDuplicateIds(duplicates)
    outbox.enqueue({
      ...(seen.length > 0 && { duplicatesSeen: seen }),
      ...(book.doubleKeying && complete && { doubleKeying: true }),
      ...(s.ocr?.length && { ocr: s.ocr }),
      clientTxnId: s.clientTxnId,
      bookId: book.id,
      fields,
      pageIds: entryPages(pages, s.startPageId, viewerRef.current),
      illegibleFields: s.illegibleFields.filter((k) => fields[k] !== undefined || def.fields.some((f) => f.key === k)),
      complete,
      label: `Số ${fields.so ?? '?'}${name ? ` · ${name}` : ''}`,
      queuedAt: new Date().toISOString(),
    })
    clearLocalDraft(me.id, book.id, s.clientTxnId)
    setSessionValues((prev) => {
      const next = new Map(prev)
      for (const f of def.fields) {
        const v = fields[f.key]
        if (v && suggestsValues(f)) next.set(f.key, [v, ...(next.get(f.key) ?? []).filter((x) => x !== v)])
      }
      return next
    })
    setYear(yearOf(fields.ngayDangKy) ?? year)
    startNext(fields)
    // Row bands: the next entry's band (the next page's first after the page's last).
    bands.afterSave()
  }

  const stepPage = (step: 1 | -1) => {
    const target = pages[viewerIndex + step]
    if (!target) return
    // Nothing typed yet: the new entry moves with the page, its trang số too.
    const s = sessionRef.current
    const from = printedPageNumber(pages, viewerPage?.id ?? null) ?? viewerPage?.position ?? 0
    const to = printedPageNumber(pages, target.id) ?? target.position
    const trang = Number(s.fields.trangSo)
    if (s.seq === 0 && !s.fields.trangSo) setQuietly('trangSo', String(to))
    else if (s.seq === 0 && Number.isInteger(trang) && trang + (to - from) > 0) setQuietly('trangSo', String(trang + (to - from)))
    setViewerPageId(target.id)
  }

  const bands = useWorkbenchBands({ bookId: book.id, bookType, fields: def.fields, pages, viewerPage, sessionKey: session.clientTxnId, stepPage, setViewer })

  const activeKey = () => (document.activeElement instanceof HTMLElement ? document.activeElement.id : '')
  // The field the cursor was in when the notes drawer opened: Esc gives it back there (a code list's box is not restored by the drawer itself).
  const notesReturnTo = useRef('')
  useWorkbenchKeys({
    help: () => setHelpOpen((o) => !o),
    close: () => {
      if (!helpOpen && !numberingOpen) return false
      setHelpOpen(false)
      setNumberingOpen(false)
      return true
    },
    saveAndNext,
    saveDraftNow: () => {
      serverDraft.saveNow()
      outbox.retryNow()
    },
    page: stepPage,
    toggleIllegible: () => {
      const key = activeKey()
      if (!def.fields.some((f) => f.key === key)) return void message.info('Đặt con trỏ vào ô khó đọc rồi bấm Ctrl+I.')
      toggleIllegible(key, viewerRef.current)
    },
    firstProblem: () => {
      setShowAll(true)
      const first = order.find((f) => issues.some((i) => i.field === f.key && i.severity === 'error')) ?? order.find((f) => issues.some((i) => i.field === f.key))
      if (first) focusField(first.key)
      else void message.success('Không có ô nào có lỗi.')
    },
    titleCase: () => {
      const key = activeKey()
      const field = def.fields.find((f) => f.key === key)
      const value = sessionRef.current.fields[key]
      if (field?.kind === 'personName' && value) onChange(key, canonicalName(value))
    },
    toggleMore: () => setShowMore((v) => !v),
    numbering: () => setNumberingOpen((v) => !v),
    band: bands.key,
    notes: () => {
      notesReturnTo.current = activeKey()
      setNotes({ open: true, entryId: null })
    },
    viewer: (action) => {
      const box = document.querySelector('[data-testid="page-viewer"]')
      if (action === 'down' || action === 'up') return box?.scrollBy({ top: action === 'down' ? 200 : -200 })
      setViewer((v) => {
        switch (action) {
          case 'zoomIn': return { ...v, zoom: Math.min(5, v.zoom * 1.25) }
          case 'zoomOut': return { ...v, zoom: Math.max(0.5, v.zoom / 1.25) }
          case 'fit': return { ...v, zoom: 1 }
          case 'rotate': return { ...v, rotation: ((v.rotation + 90) % 360) as ViewerSettings['rotation'] }
          case 'contrast': return { ...v, contrast: cycle(CONTRAST_STEPS, v.contrast) }
          case 'brightness': return { ...v, brightness: cycle(BRIGHTNESS_STEPS, v.brightness) }
          default: return v
        }
      })
    },
  }, !notes.open)

  // Leaving with saves still waiting: they stay in this browser, but say so.
  useEffect(() => {
    if (outbox.items.length === 0) return
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [outbox.items.length])

  const linked = entryPages(pages, session.seq === 0 ? viewerPage?.id ?? null : session.startPageId, viewerPage?.id ?? null)
  const linkedText = linked.map((id) => pages.find((p) => p.id === id)?.position ?? '?').join(' và ')
  const nSummary = numberingSummary(numbering.data)
  const failedCount = Object.keys(outbox.failures).length
  const notesTarget = saved.find((s) => s.entry.id === notes.entryId) ?? saved[0] ?? null

  return (
    <div style={{ display: 'flex', gap: 12, height: 'calc(100vh - 104px)', minHeight: 480 }}>
      <div style={{ flex: '1 1 55%', minWidth: 0 }}>
        <PageViewer pages={pages} index={viewerIndex} settings={viewer} onSettings={setViewer} onStep={stepPage} preloadAhead={params.get('preload') === '0' ? 0 : 2} overlay={bands.overlay} focus={bands.focus} />
      </div>
      <div style={{ flex: '1 1 45%', minWidth: 380, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <div style={{ paddingBottom: 6 }}>
          <Link to={`/so/${book.id}`}>← {bookTitle(book)}</Link>
          {book.doubleKeying && (
            <Tag color="purple" style={{ marginLeft: 8 }} title="Hai người nhập độc lập; hệ thống so sánh từng ô khi lưu và hoàn thành">
              Nhập kép
            </Tag>
          )}
          {bands.toolbar}
          <EntryHeading
            so={session.fields.so}
            pagesText={pages.length > 0 ? `gắn với trang ảnh ${linkedText}` : 'sổ chưa có ảnh'}
            numbering={nSummary}
            errors={counts.errors}
            onNumbering={() => setNumberingOpen(true)}
            onHelp={() => setHelpOpen(true)}
            onSave={() => saveAndNext(true)}
            onNotes={() => setNotes({ open: true, entryId: null })}
          />
          <SaveStatus
            draft={serverDraft.status}
            draftBehind={serverDraft.behind}
            pendingSaves={outbox.items.length - failedCount}
            failedSaves={failedCount}
            sending={outbox.sending !== null}
            retry={outbox.retry}
            storageFailed={keying.storageFailed || outbox.storageFailed}
            onRetryNow={() => {
              outbox.retryNow()
              serverDraft.saveNow()
            }}
          />
        </div>
        <div style={{ overflowY: 'auto', flex: 1, minHeight: 0, paddingRight: 4 }}>
          {restored && (
            <Alert
              type="info"
              showIcon
              closable={{ onClose: () => setRestored(null) }}
              style={{ marginBottom: 8 }}
              data-testid="restored-alert"
              title={`Đã khôi phục trường hợp đang nhập dở (${restored === 'local' ? 'bản giữ trên máy này' : 'bản nháp trên máy chủ'}).`}
            />
          )}
          <OutboxList
            bookId={book.id}
            items={outbox.items}
            failures={outbox.failures}
            saved={[]}
            onTakeBack={(id) => {
              if (sessionRef.current.seq > 0) return void message.warning('Lưu hoặc xóa trường hợp đang nhập trước, rồi đưa trường hợp này lại vào ô nhập.')
              const item = outbox.remove(id)
              if (item) replace({ clientTxnId: item.clientTxnId, bookId: item.bookId, fields: item.fields, illegibleFields: item.illegibleFields, startPageId: item.pageIds[0] ?? null, seq: 1, savedAt: new Date().toISOString(), ...(item.ocr && { ocr: item.ocr }) })
            }}
            onDrop={(id) => outbox.remove(id)}
          />
          <ReturnedEntries books={[book]} showBook={false} />
          <IssueSummary issues={showAll ? issues : issues.filter((i) => i.code !== 'required' || assist.touched.has(i.field))} labelOf={labelOf} />
          <DuplicateWarning found={duplicates} pending={pendingSame} />
          <OcrPageStatus page={ocr.page} matched={ocr.block !== null} pending={ocr.pending.length} onReread={ocr.reread} />
          {bands.panel}
          <KeyingForm
            beside={bands.beside}
            bookId={book.id}
            layout={layout}
            showMore={showMore}
            fields={ocr.shownFields}
            illegible={session.illegibleFields}
            messages={byField}
            nameSuggestions={assist.nameSuggestions}
            sessionValues={sessionValues}
            onChange={onChange}
            onBlur={onBlur}
            ocr={ocr.views}
            onFieldFocus={ocr.onFocus}
            onFieldLeave={ocr.onLeave}
          />
          <OutboxList bookId={book.id} items={[]} failures={{}} saved={saved} onTakeBack={() => undefined} onDrop={() => undefined} onNotes={(item) => setNotes({ open: true, entryId: item.entry.id })} />
        </div>
      </div>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <NotesDrawer
        open={notes.open}
        onClose={() => setNotes((n) => ({ ...n, open: false }))}
        onClosed={() => {
          if (!focusField(notesReturnTo.current)) focusFirstEmpty()
          notesReturnTo.current = ''
        }}
        bookType={bookType}
        target={notesTarget}
        unsavedLabel={session.seq > 0 ? `Trường hợp đang nhập (số ${session.fields.so || '?'})` : null}
        pendingSaves={outbox.items.length - failedCount}
        canAdd={hasPermission(me, 'entry.note')}
      />
      <NumberingPanel open={numberingOpen} onClose={() => setNumberingOpen(false)} data={numbering.data} error={numbering.error} loading={numbering.isLoading} />
    </div>
  )
}
