import { CheckOutlined, CloseOutlined } from '@ant-design/icons'
import type { EntryView } from '@hts/domain'
import { Alert, App, Button, Space, Tooltip, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import type { BookView } from '../../books/api'
import { bookTitle } from '../../books/bookTypes'
import type { PageView } from '../../scans/api'
import { DEFAULT_VIEWER, PageViewer, type ViewerSettings } from '../../workbench/components/PageViewer'
import { printedPageNumber } from '../../workbench/pages'
import { useInspectSample, type LotDetail, type LotSampleView } from '../api'
import { useInspectKeys } from '../hooks/useInspectKeys'
import { errorsOf, marksOf, nextUninspected, sameAsStored, type Marks } from '../marks'
import { correctId, InspectFields } from './InspectFields'
import { lotPath } from './LotsTable'
import { samplePath } from './SampleTable'

/** The scan the entry is on: its linked page, else the page its trang số names, else the first. */
function startPage(pages: readonly PageView[], entry: EntryView): number {
  const linked = pages.findIndex((p) => p.id === entry.pageIds[0])
  if (linked >= 0) return linked
  return Math.max(0, pages.findIndex((p) => printedPageNumber(pages, p.id) === entry.trangSo))
}

interface Props {
  lot: LotDetail
  sample: LotSampleView
  entry: EntryView
  book: BookView | undefined
  pages: readonly PageView[]
  /** A decided lot, or a user who may only read: the marks are shown, not changed. */
  readOnly: boolean
}

/** One sampled entry beside its page: the inspector marks the wrong fields with their right values. */
export function InspectScreen({ lot, sample, entry, book, pages, readOnly }: Props) {
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [marks, setMarks] = useState<Marks>(() => marksOf(sample))
  const [pageIndex, setPageIndex] = useState(() => startPage(pages, entry))
  const [viewer, setViewer] = useState<ViewerSettings>(DEFAULT_VIEWER)
  const [showSame, setShowSame] = useState(false)
  const inspect = useInspectSample(lot.id)
  const root = useRef<HTMLDivElement>(null)
  const same = useMemo(() => new Set(sameAsStored(marks, entry.fields)), [marks, entry.fields])
  const recorded = useMemo(() => new Map(sample.errors.map((e) => [e.field, { found: e.found, correct: e.correct }])), [sample.errors])
  const markCount = Object.keys(marks).length

  // Ready for the keyboard at once: the first field row has the focus.
  useEffect(() => {
    const first = root.current?.querySelector<HTMLButtonElement>('[data-inspect-toggle]')
    ;(first ?? root.current)?.focus({ preventScroll: true })
  }, [])

  const onToggle = useCallback((key: string) => {
    setMarks((prev) => {
      if (prev[key] !== undefined) return Object.fromEntries(Object.entries(prev).filter(([k]) => k !== key))
      // Starts from what was keyed: most errors are a letter or a digit off.
      return { ...prev, [key]: entry.fields[key] ?? '' }
    })
    // The box for the right value appears on the next render; type into it at once.
    setTimeout(() => {
      const input = document.getElementById(correctId(key))
      if (input instanceof HTMLInputElement) input.select()
      input?.focus()
    })
  }, [entry.fields])
  const onCorrect = useCallback((key: string, value: string) => setMarks((prev) => ({ ...prev, [key]: value })), [])

  const save = (errors: Marks) => {
    if (readOnly || inspect.isPending) return
    const unchanged = sameAsStored(errors, entry.fields)
    if (unchanged.length > 0) {
      setShowSame(true)
      document.getElementById(correctId(unchanged[0] ?? ''))?.focus()
      return
    }
    inspect.mutate(
      { entryId: sample.entryId, errors: errorsOf(errors) },
      {
        onSuccess: (updated) => {
          const count = Object.keys(errors).length
          const next = nextUninspected(updated.samples, sample.entryId)
          const what = count === 0 ? `Số ${sample.so ?? '?'}: đúng` : `Số ${sample.so ?? '?'}: ${count} ô sai`
          // One toast replaced at each entry: an inspector going at keyboard speed would otherwise stack them.
          void message.success({ key: 'acceptance-inspect', content: next ? `${what}. Mở trường hợp tiếp theo.` : `${what}. Đã kiểm tra hết mẫu: kết luận lô.` })
          navigate(next ? samplePath(lot.id, next.entryId) : lotPath(lot.id))
        },
      },
    )
  }

  const stepPage = (step: 1 | -1) => setPageIndex((i) => Math.min(Math.max(0, i + step), Math.max(0, pages.length - 1)))
  useInspectKeys({ save: () => save(marks), page: stepPage }, !readOnly)

  return (
    <div ref={root} tabIndex={-1} style={{ display: 'flex', gap: 12, height: 'calc(100vh - 104px)', minHeight: 480, outline: 'none' }} data-testid="inspect-screen" data-entry-id={entry.id}>
      <div style={{ flex: '1 1 55%', minWidth: 0 }}>
        <PageViewer pages={pages} index={pageIndex} settings={viewer} onSettings={setViewer} onStep={stepPage} />
      </div>
      <div style={{ flex: '1 1 45%', minWidth: 380, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <div style={{ paddingBottom: 6 }}>
          <Link to={lotPath(lot.id)}>← Lô {lot.phase}</Link>
          <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="inspect-heading">
            Mẫu {sample.position}/{lot.sampleSize}: số {sample.so ?? '?'} · {sample.subjectName ?? ''}
          </Typography.Title>
          <Typography.Text type="secondary">
            {book ? bookTitle(book) : ''} · người nhập: {sample.keyedByName ?? 'không rõ'}
            {sample.inspected && !readOnly ? ' · đã kiểm tra, lưu lại sẽ thay kết quả cũ' : ''}
          </Typography.Text>
          {inspect.isError && (
            <Alert role="alert" type="error" showIcon style={{ margin: '8px 0' }} title={errorMessage(inspect.error)} closable={{ onClose: inspect.reset }} data-testid="inspect-refusal" />
          )}
          {showSame && same.size > 0 && <Alert type="warning" showIcon style={{ margin: '8px 0' }} title="Có ô đánh dấu sai mà giá trị đúng trùng với giá trị đã nhập." />}
          {!readOnly && (
            <Space wrap style={{ marginTop: 8 }} data-testid="inspect-actions">
              <Tooltip title={markCount > 0 ? 'Bỏ đánh dấu các ô sai trước' : undefined}>
                <Button type={markCount === 0 ? 'primary' : 'default'} icon={<CheckOutlined />} disabled={markCount > 0} loading={inspect.isPending && markCount === 0} onClick={() => save({})} data-testid="inspect-right">
                  Đúng{markCount === 0 ? ' (Ctrl+Enter)' : ''}
                </Button>
              </Tooltip>
              <Button type={markCount > 0 ? 'primary' : 'default'} danger icon={<CloseOutlined />} disabled={markCount === 0} loading={inspect.isPending && markCount > 0} onClick={() => save(marks)} data-testid="inspect-save-errors">
                Lưu lỗi{markCount > 0 ? ` (${markCount} ô, Ctrl+Enter)` : ''}
              </Button>
            </Space>
          )}
          {!readOnly && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
              Bấm vào ô (hoặc Enter; ↑ ↓ để đi giữa các ô) để đánh dấu sai rồi gõ giá trị đúng; Esc bỏ đánh dấu. Ctrl+Enter lưu và mở trường hợp chưa kiểm tra tiếp theo; PageUp/PageDown lật trang ảnh.
            </Typography.Paragraph>
          )}
        </div>
        <div style={{ overflowY: 'auto', flex: 1, minHeight: 0, paddingRight: 4 }}>
          <InspectFields
            bookType={entry.bookType}
            stored={entry.fields}
            marks={marks}
            recorded={recorded}
            sameAsStored={showSame ? same : new Set()}
            readOnly={readOnly}
            onToggle={onToggle}
            onCorrect={onCorrect}
          />
        </div>
      </div>
    </div>
  )
}
