import { useRef, type KeyboardEvent } from 'react'
import { Alert, Drawer, Typography } from 'antd'
import type { BookTypeCode } from '@hts/domain'
import { MarginalNotesPanel } from '../../entries/components/MarginalNotesPanel'
import type { SavedItem } from './OutboxList'

interface Props {
  open: boolean
  onClose: () => void
  /** As the drawer closes: the workbench puts the cursor back. */
  onClosed: () => void
  bookType: BookTypeCode
  /** The saved entry the notes are keyed for (it has an id); null when none is saved yet. */
  target: SavedItem | null
  /** The entry on screen when something is typed in it but it is not saved: its notes must wait. */
  unsavedLabel: string | null
  /** Saves still on their way to the server. */
  pendingSaves: number
  canAdd: boolean
}

/**
 * Moves the cursor into the drawer's first box once it is open (its focus trap may have put it on the close button).
 * The open animation can end after a fast keyer has already moved on inside the drawer (the form's own
 * autofocus came first): then the cursor stays where the keyer put it.
 */
function focusFirstBox(open: boolean) {
  if (!open) return
  const drawer = document.querySelector<HTMLElement>('[data-testid="notes-drawer"]')
  if (!drawer || (document.activeElement instanceof HTMLInputElement && drawer.contains(document.activeElement))) return
  drawer.querySelector<HTMLElement>('input:not([disabled])')?.focus()
}

/**
 * The marginal notes (ghi chú) of an entry, keyed in the workbench from the book's notes column
 * (Alt+G). A note is a child of a saved entry: the entry on screen is saved first (Ctrl+Enter), and the
 * drawer then takes the entry just saved. Adding a note never changes the entry's own fields.
 */
export function NotesDrawer(props: Props) {
  // Mounted only while open. Under Chromium 156 the drawer's closing animation was at times never
  // reported over: the closed drawer stayed on the page, its Esc behind a stale list's, and the late
  // report took the cursor from a keyer already typing elsewhere. Unmounted, it is gone at once.
  return props.open ? <OpenNotesDrawer {...props} /> : null
}

function OpenNotesDrawer({ onClose, onClosed, bookType, target, unsavedLabel, pendingSaves, canAdd }: Props) {
  const closing = useRef(false)
  const close = () => {
    if (closing.current) return // Esc reaches both the drawer and the handler below
    closing.current = true
    onClose()
    setTimeout(onClosed, 0) // the cursor goes back once React has removed the drawer and its focus trap
  }
  // Alt+G closes as it opened (the workbench's own keys rest while the drawer is open); Esc wherever
  // the cursor is in it, unless a list is open there (Esc closes the list first).
  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement
    const esc = e.key === 'Escape' && el.getAttribute('aria-expanded') !== 'true'
    if (!esc && !(e.altKey && e.code === 'KeyG')) return
    e.preventDefault()
    e.stopPropagation()
    close()
  }
  return (
    <Drawer
      open
      onClose={close}
      title="Ghi chú (Alt+G, Esc để đóng)"
      size={560}
      // The first box takes the cursor (the note's form or focusFirstBox), never the drawer's frame.
      autoFocus={false}
      focusable={{ focusTriggerAfterClose: false }}
      afterOpenChange={focusFirstBox}
    >
      <div data-testid="notes-drawer" onKeyDown={onKeyDown}>
        {unsavedLabel && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={`${unsavedLabel} chưa được lưu: phải lưu trường hợp trước rồi mới thêm ghi chú.`}
            description="Bấm Ctrl+Enter để lưu (hoặc Ctrl+Shift+Enter để lưu nháp), rồi bấm Alt+G để ghi chú cho trường hợp vừa lưu."
          />
        )}
        {pendingSaves > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Đang gửi ${pendingSaves} trường hợp lên máy chủ: ghi chú thêm được khi đã lưu xong.`} />}
        {target && (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="notes-target">
              {target.label} <Typography.Text type="secondary" style={{ fontWeight: 400 }}>· {target.entry.statusLabel}</Typography.Text>
            </Typography.Title>
            <MarginalNotesPanel key={target.entry.id} entryId={target.entry.id} bookType={bookType} canAdd={canAdd} startAdding={canAdd} />
          </>
        )}
        {!target && !unsavedLabel && (
          <Alert type="info" showIcon title="Chưa có trường hợp nào được lưu trong lần nhập này: nhập và lưu trường hợp (Ctrl+Enter) trước rồi mới thêm ghi chú." />
        )}
      </div>
    </Drawer>
  )
}
