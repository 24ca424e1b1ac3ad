import { App, Button, Empty, Space, Tag, Tooltip, Typography, theme } from 'antd'
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { patchPage, reorderPages, useInvalidatePages, type PageView } from '../api'

interface Props {
  bookId: string
  pages: readonly PageView[]
  canManage: boolean
}

type PagePatch = { kind?: PageView['kind']; rotation?: number }
const turn = (p: PageView): PagePatch => ({ rotation: (p.rotation + 90) % 360 })

const KIND_COLOR: Record<PageView['kind'], string | undefined> = { page: undefined, blank: 'default', cover: 'purple' }

/**
 * The book's scans in book order, each with how many entries are keyed on it. Keyboard: arrows move
 * between pages, Shift+←/→ moves the page itself, R turns it, B / C / P mark it blank / cover / page,
 * Enter opens it in the keying workbench. Pages can also be dragged into place.
 */
export function PageGrid({ bookId, pages, canManage }: Props) {
  const { token } = theme.useToken()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const invalidate = useInvalidatePages(bookId)
  const [order, setOrder] = useState<PageView[]>([...pages])
  const [focusId, setFocusId] = useState<string | null>(null)
  const dragged = useRef<string | null>(null)
  const refs = useRef(new Map<string, HTMLDivElement>())

  useEffect(() => {
    setOrder([...pages])
    for (const p of pages) {
      const known = versions.current.get(p.id)
      if (!known || known.version <= p.version) versions.current.set(p.id, p)
    }
  }, [pages])
  useEffect(() => {
    if (focusId) refs.current.get(focusId)?.focus()
  }, [focusId, order])

  const saveOrder = async (next: PageView[]) => {
    setOrder(next)
    try {
      await reorderPages(bookId, next.map((p) => p.id))
      void message.success('Đã lưu thứ tự trang')
    } catch (err) {
      void message.error(errorMessage(err))
    } finally {
      void invalidate()
    }
  }

  const move = (id: string, to: number) => {
    const from = order.findIndex((p) => p.id === id)
    if (from < 0 || to < 0 || to >= order.length || to === from) return
    const next = [...order]
    const [item] = next.splice(from, 1)
    if (item) next.splice(to, 0, item)
    void saveOrder(next)
  }

  // Changes go one after the other, each with the version the previous one returned: keys pressed
  // faster than the server answers must not conflict with themselves.
  const versions = useRef(new Map<string, PageView>())
  const chain = useRef<Promise<void>>(Promise.resolve())
  const update = (page: PageView, patch: PagePatch | ((latest: PageView) => PagePatch)) => {
    chain.current = chain.current.then(async () => {
      try {
        const latest = versions.current.get(page.id) ?? page
        const saved = await patchPage(latest, typeof patch === 'function' ? patch(latest) : patch)
        versions.current.set(saved.id, saved)
        setOrder((prev) => prev.map((p) => (p.id === saved.id ? saved : p)))
      } catch (err) {
        void message.error(errorMessage(err))
      } finally {
        void invalidate()
      }
    })
    return chain.current
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, page: PageView, index: number) => {
    const perRow = Math.max(1, Math.round((e.currentTarget.parentElement?.clientWidth ?? 600) / 150))
    const go = (i: number) => {
      const target = order[Math.max(0, Math.min(order.length - 1, i))]
      if (target) setFocusId(target.id)
    }
    let handled = true
    if (e.shiftKey && canManage && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      setFocusId(page.id)
      move(page.id, index + (e.key === 'ArrowRight' ? 1 : -1))
    } else if (e.key === 'ArrowRight') go(index + 1)
    else if (e.key === 'ArrowLeft') go(index - 1)
    else if (e.key === 'ArrowDown') go(index + perRow)
    else if (e.key === 'ArrowUp') go(index - perRow)
    else if (e.key === 'Enter') navigate(`/so/${bookId}/nhap?trang=${page.position}`)
    else if (canManage && e.key.toLowerCase() === 'r') void update(page, turn)
    else if (canManage && e.key.toLowerCase() === 'b') void update(page, { kind: 'blank' })
    else if (canManage && e.key.toLowerCase() === 'c') void update(page, { kind: 'cover' })
    else if (canManage && e.key.toLowerCase() === 'p') void update(page, { kind: 'page' })
    else handled = false
    if (handled) e.preventDefault()
  }

  const onDrop = (e: DragEvent, index: number) => {
    e.preventDefault()
    if (dragged.current) move(dragged.current, index)
    dragged.current = null
  }

  if (order.length === 0) return <Empty description="Sổ chưa có ảnh quét." />
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Chọn một trang bằng Tab rồi dùng phím mũi tên; {canManage ? 'Shift+←/→ chuyển trang, R xoay, B trang trắng, C bìa, P trang sổ, ' : ''}Enter mở trang để nhập liệu.
        {canManage ? ' Có thể kéo thả trang để sắp xếp.' : ''}
      </Typography.Paragraph>
      <div role="list" aria-label="Các trang ảnh của sổ" data-testid="page-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 10 }}>
        {order.map((page, index) => (
          <div
            key={page.id}
            ref={(el) => {
              if (el) refs.current.set(page.id, el)
              else refs.current.delete(page.id)
            }}
            role="listitem"
            tabIndex={index === 0 || page.id === focusId ? 0 : -1}
            aria-label={`Trang ${page.position}${page.kind !== 'page' ? ` (${page.kindLabel})` : ''}, ${page.entryCount} trường hợp đã nhập`}
            data-testid="page-tile"
            draggable={canManage}
            onDragStart={() => (dragged.current = page.id)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => onDrop(e, index)}
            onKeyDown={(e) => onKeyDown(e, page, index)}
            onFocus={() => setFocusId(page.id)}
            onDoubleClick={() => navigate(`/so/${bookId}/nhap?trang=${page.position}`)}
            style={{ border: `1px solid ${page.id === focusId ? token.colorPrimary : token.colorBorderSecondary}`, borderRadius: 6, padding: 6, background: token.colorBgContainer, cursor: canManage ? 'grab' : 'pointer', outlineOffset: 2 }}
          >
            <div style={{ height: 160, display: 'flex', alignItems: 'center', justifyContent: 'center', background: token.colorFillQuaternary, opacity: page.kind === 'page' ? 1 : 0.5 }}>
              {page.thumbnailUrl ? (
                <img src={page.thumbnailUrl} alt="" loading="lazy" style={{ maxWidth: '100%', maxHeight: 160 }} draggable={false} />
              ) : (
                <Typography.Text type={page.status === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12, padding: 4 }}>
                  {page.status === 'failed' ? `Lỗi: ${page.error ?? ''}` : 'Đang xử lý…'}
                </Typography.Text>
              )}
            </div>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <Typography.Text strong>Trang {page.position}</Typography.Text>
              {page.kind !== 'page' && <Tag color={KIND_COLOR[page.kind]}>{page.kindLabel}</Tag>}
              <Tag color={page.entryCount > 0 ? 'green' : undefined} data-testid="page-entry-count">
                {page.entryCount} TH
              </Tag>
            </Space>
            {canManage && (
              <Space size={2} style={{ marginTop: 2 }}>
                <Tooltip title="Xoay (R)">
                  <Button size="small" type="text" tabIndex={-1} onClick={() => void update(page, turn)}>
                    ↻
                  </Button>
                </Tooltip>
                <Tooltip title={page.kind === 'blank' ? 'Là trang sổ (P)' : 'Trang trắng (B)'}>
                  <Button size="small" type="text" tabIndex={-1} onClick={() => void update(page, { kind: page.kind === 'blank' ? 'page' : 'blank' })}>
                    {page.kind === 'blank' ? 'Trang sổ' : 'Trắng'}
                  </Button>
                </Tooltip>
                <Tooltip title={page.kind === 'cover' ? 'Là trang sổ (P)' : 'Bìa (C)'}>
                  <Button size="small" type="text" tabIndex={-1} onClick={() => void update(page, { kind: page.kind === 'cover' ? 'page' : 'cover' })}>
                    {page.kind === 'cover' ? 'Trang sổ' : 'Bìa'}
                  </Button>
                </Tooltip>
              </Space>
            )}
          </div>
        ))}
      </div>
    </>
  )
}
