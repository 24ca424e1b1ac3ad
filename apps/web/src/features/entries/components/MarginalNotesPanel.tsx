import { useMemo, useState } from 'react'
import { Alert, Button, Card, Empty, List, Spin, Table, Typography } from 'antd'
import { diffEntryFields, type BookTypeCode, type EntryNotesView } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { useEntryNotes } from '../history-api'
import { MarginalNoteForm } from './MarginalNoteForm'
import { MarginalNoteItem } from './MarginalNoteItem'

const shown = (value: string | undefined | null) => value ?? <Typography.Text type="secondary">(trống)</Typography.Text>

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

interface Props {
  entryId: string
  bookType: BookTypeCode
  /** May key notes: add, correct, withdraw. */
  canAdd: boolean
  /** Open with the new note's form, the cursor in it (the workbench's Alt+G). */
  startAdding?: boolean | undefined
}

/**
 * Marginal notes (ghi chú) of the entry: the list (withdrawn ones struck through), the book beside the
 * entry after the notes in force, and a new note.
 */
export function MarginalNotesPanel({ entryId, bookType, canAdd, startAdding = false }: Props) {
  const notes = useEntryNotes(entryId)
  const [adding, setAdding] = useState(startAdding)
  if (notes.isError) return <Alert type="error" showIcon title="Không tải được ghi chú" description={errorMessage(notes.error)} />
  if (!notes.data) return <Spin />
  return (
    <section aria-label="Ghi chú của trường hợp">
      <BookAndAfter bookType={bookType} notes={notes.data} />
      {notes.data.notes.length === 0 ? (
        <Empty description="Chưa có ghi chú (thay đổi, cải chính, ly hôn...)" />
      ) : (
        <List
          dataSource={notes.data.notes}
          rowKey="id"
          renderItem={(note) => <MarginalNoteItem entryId={entryId} bookType={bookType} note={note} current={notes.data.afterNotes} canChange={canAdd} />}
        />
      )}
      {canAdd && !adding && (
        <Button onClick={() => setAdding(true)} style={{ marginTop: 8 }} autoFocus={startAdding}>
          Thêm ghi chú
        </Button>
      )}
      {canAdd && adding && (
        <Card size="small" title="Ghi chú mới" style={{ marginTop: 8 }}>
          <MarginalNoteForm entryId={entryId} bookType={bookType} current={notes.data.afterNotes} autoFocus={startAdding} onDone={() => setAdding(false)} />
        </Card>
      )}
    </section>
  )
}
