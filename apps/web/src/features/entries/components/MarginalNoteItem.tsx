import { useState } from 'react'
import { Alert, Button, Card, Form, Input, List, Space, Typography } from 'antd'
import type { BookTypeCode, EntryFields, MarginalNoteView } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { formatDateTime } from '../../../lib/format'
import { useWithdrawNote } from '../history-api'
import { MarginalNoteForm } from './MarginalNoteForm'

const shown = (value: string | undefined | null) => value ?? <Typography.Text type="secondary">(trống)</Typography.Text>

/** A note keyed by mistake, withdrawn with the reason why (it is kept, struck through). */
function WithdrawForm({ entryId, note, onDone }: { entryId: string; note: MarginalNoteView; onDone: () => void }) {
  const withdraw = useWithdrawNote(entryId, note.id)
  const [reason, setReason] = useState('')
  const submit = () => {
    if (reason.trim() === '' || withdraw.isPending) return
    withdraw.mutate({ version: note.version, reason }, { onSuccess: onDone })
  }
  return (
    <Form layout="vertical" onFinish={submit} aria-label="Thu hồi ghi chú">
      <Form.Item label="Lý do thu hồi (ghi chú nhập nhầm...)" required>
        <Input aria-label="Lý do thu hồi" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
      </Form.Item>
      {withdraw.isError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorMessage(withdraw.error)} />}
      <Space>
        <Button danger htmlType="submit" disabled={reason.trim() === ''} loading={withdraw.isPending}>
          Thu hồi ghi chú
        </Button>
        <Button onClick={onDone}>Huỷ</Button>
      </Space>
    </Form>
  )
}

/** What the note says: kind, date, basis, the fields it changes from what to what, its text. */
function NoteBody({ note }: { note: MarginalNoteView }) {
  const basis = [note.decisionNumber && `số ${note.decisionNumber}`, note.authority].filter(Boolean).join(', ')
  return (
    <>
      <Typography.Text strong>{note.kindLabel}</Typography.Text>
      {note.noteDate && <> ngày {note.noteDate}</>}
      {basis && <Typography.Text type="secondary"> ({basis})</Typography.Text>}
      {note.changes.map((c) => (
        <div key={c.field}>
          {c.label}: {shown(c.before)} → <Typography.Text strong>{shown(c.value)}</Typography.Text>
        </div>
      ))}
      {note.text && <div>{note.text}</div>}
    </>
  )
}

function Byline({ note }: { note: MarginalNoteView }) {
  const imported = note.bookText ? 'Đọc từ lời ghi chú của sổ khi nhập Excel (dòng vẫn giữ nguyên trong ô Ghi chú)' : 'Từ cột ghi chú khi nhập Excel'
  const keyed = `${note.source === 'import' ? imported : `${note.createdBy?.name ?? ''} ghi`} · ${formatDateTime(note.createdAt)}`
  const edited = note.edited ? ` · ${note.edited.by?.name ?? ''} sửa ${formatDateTime(note.edited.at)}` : ''
  return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{keyed + edited}</Typography.Text>
}

interface Props {
  entryId: string
  bookType: BookTypeCode
  note: MarginalNoteView
  /** The entry after the notes in force: the values a corrected note's changes are shown against. */
  current: EntryFields
  canChange: boolean
}

/**
 * One marginal note. A withdrawn note stays in the list struck through, with who withdrew it and why;
 * a note in force can be corrected (date, basis, text) or withdrawn by whoever may key notes.
 */
export function MarginalNoteItem({ entryId, bookType, note, current, canChange }: Props) {
  const [mode, setMode] = useState<'view' | 'edit' | 'withdraw'>('view')
  if (note.withdrawn) {
    return (
      <List.Item data-testid="marginal-note" data-withdrawn="true">
        <div>
          <del style={{ opacity: 0.65 }}>
            <NoteBody note={note} />
          </del>
          <div>
            <Typography.Text type="danger">
              Đã thu hồi: {note.withdrawn.reason} ({note.withdrawn.by?.name ?? ''}, {formatDateTime(note.withdrawn.at)})
            </Typography.Text>
          </div>
          <Byline note={note} />
        </div>
      </List.Item>
    )
  }
  return (
    <List.Item
      data-testid="marginal-note"
      actions={canChange && mode === 'view' ? [
        <Button key="edit" size="small" onClick={() => setMode('edit')}>Sửa</Button>,
        <Button key="withdraw" size="small" danger onClick={() => setMode('withdraw')}>Thu hồi</Button>,
      ] : []}
    >
      <div style={{ flex: 1 }}>
        <NoteBody note={note} />
        <div>
          <Byline note={note} />
        </div>
        {mode !== 'view' && (
          <Card size="small" title={mode === 'edit' ? 'Sửa ghi chú' : 'Thu hồi ghi chú'} style={{ marginTop: 8 }}>
            {mode === 'edit' ? (
              <MarginalNoteForm entryId={entryId} bookType={bookType} current={current} note={note} autoFocus onDone={() => setMode('view')} />
            ) : (
              <WithdrawForm entryId={entryId} note={note} onDone={() => setMode('view')} />
            )}
          </Card>
        )}
      </div>
    </List.Item>
  )
}
