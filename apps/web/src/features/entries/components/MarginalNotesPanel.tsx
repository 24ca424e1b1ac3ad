import { useMemo, useState } from 'react'
import { Alert, Button, Card, Empty, List, Spin, Table, Typography } from 'antd'
import { diffEntryFields, type BookTypeCode, type EntryNotesView, type MarginalNoteView } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { formatDateTime } from '../../../lib/format'
import { useEntryNotes } from '../history-api'
import { MarginalNoteForm } from './MarginalNoteForm'

const shown = (value: string | undefined | null) => value ?? <Typography.Text type="secondary">(trống)</Typography.Text>

function NoteItem({ note }: { note: MarginalNoteView }) {
  const basis = [note.decisionNumber && `số ${note.decisionNumber}`, note.authority].filter(Boolean).join(', ')
  return (
    <List.Item data-testid="marginal-note">
      <div>
        <Typography.Text strong>{note.kindLabel}</Typography.Text>
        {note.noteDate && <> ngày {note.noteDate}</>}
        {basis && <Typography.Text type="secondary"> ({basis})</Typography.Text>}
        {note.changes.map((c) => (
          <div key={c.field}>
            {c.label}: {shown(c.before)} → <Typography.Text strong>{shown(c.value)}</Typography.Text>
          </div>
        ))}
        {note.text && <div>{note.text}</div>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note.source === 'import' ? 'Từ cột ghi chú khi nhập Excel' : `${note.createdBy?.name ?? ''} ghi`} · {formatDateTime(note.createdAt)}
        </Typography.Text>
      </div>
    </List.Item>
  )
}

/** "Theo sổ" beside "Sau ghi chú" for the fields the notes change; the book's text is never edited. */
function BookAndAfter({ bookType, notes }: { bookType: BookTypeCode; notes: EntryNotesView }) {
  const rows = useMemo(() => diffEntryFields(bookType, notes.asBooked, notes.afterNotes), [bookType, notes])
  if (rows.length === 0) return null
  return (
    <Table
      aria-label="Theo sổ và sau ghi chú"
      size="small"
      pagination={false}
      rowKey="field"
      dataSource={rows}
      columns={[
        { title: 'Trường', dataIndex: 'label' },
        { title: 'Theo sổ', dataIndex: 'before', render: shown },
        { title: 'Sau ghi chú', dataIndex: 'after', render: (v: string | null) => <Typography.Text strong>{shown(v)}</Typography.Text> },
      ]}
    />
  )
}

/** Marginal notes (ghi chú) of the entry: the list, the book beside the entry after them, and a new note. */
export function MarginalNotesPanel({ entryId, bookType, canAdd }: { entryId: string; bookType: BookTypeCode; canAdd: boolean }) {
  const notes = useEntryNotes(entryId)
  const [adding, setAdding] = useState(false)
  if (notes.isError) return <Alert type="error" showIcon title="Không tải được ghi chú" description={errorMessage(notes.error)} />
  if (!notes.data) return <Spin />
  return (
    <section aria-label="Ghi chú của trường hợp">
      <BookAndAfter bookType={bookType} notes={notes.data} />
      {notes.data.notes.length === 0 ? (
        <Empty description="Chưa có ghi chú (thay đổi, cải chính, ly hôn...)" />
      ) : (
        <List dataSource={notes.data.notes} renderItem={(note) => <NoteItem note={note} />} />
      )}
      {canAdd && !adding && (
        <Button onClick={() => setAdding(true)} style={{ marginTop: 8 }}>
          Thêm ghi chú
        </Button>
      )}
      {canAdd && adding && (
        <Card size="small" title="Ghi chú mới" style={{ marginTop: 8 }}>
          <MarginalNoteForm entryId={entryId} bookType={bookType} current={notes.data.afterNotes} onDone={() => setAdding(false)} />
        </Card>
      )}
    </section>
  )
}
