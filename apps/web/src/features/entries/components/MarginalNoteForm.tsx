import { useMemo, useState } from 'react'
import { Alert, Button, Col, Form, Input, Row, Select, Space } from 'antd'
import { fieldLabelOf, getBookType, NOTE_KINDS, noteFieldKeys, type BookTypeCode, type EntryFields, type NoteKind } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { useAddNote } from '../history-api'

interface ChangeRow {
  field: string | undefined
  value: string
}

const KIND_OPTIONS = Object.entries(NOTE_KINDS).map(([value, label]) => ({ value, label }))

/**
 * A new marginal note: its kind, date and basis, the fields it changes (from the catalog, each with
 * the value it stands at now) and/or its text as written in the book's notes column.
 */
export function MarginalNoteForm({ entryId, bookType, current, onDone }: { entryId: string; bookType: BookTypeCode; current: EntryFields; onDone: () => void }) {
  const add = useAddNote(entryId)
  const fieldOptions = useMemo(() => {
    const allowed = noteFieldKeys(bookType)
    return getBookType(bookType).fields.filter((f) => allowed.has(f.key)).map((f) => ({ value: f.key, label: fieldLabelOf(bookType, f.key) }))
  }, [bookType])
  const [kind, setKind] = useState<NoteKind | undefined>(undefined)
  const [noteDate, setNoteDate] = useState('')
  const [decisionNumber, setDecisionNumber] = useState('')
  const [authority, setAuthority] = useState('')
  const [text, setText] = useState('')
  const [changes, setChanges] = useState<ChangeRow[]>([{ field: undefined, value: '' }])

  const setRow = (i: number, row: Partial<ChangeRow>) => setChanges((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)))
  const submit = () => {
    if (!kind) return
    const picked = Object.fromEntries(changes.filter((r): r is ChangeRow & { field: string } => r.field !== undefined).map((r) => [r.field, r.value.trim() === '' ? null : r.value]))
    add.mutate({ kind, noteDate: noteDate || undefined, decisionNumber: decisionNumber || undefined, authority: authority || undefined, text: text || undefined, changes: picked }, { onSuccess: onDone })
  }

  return (
    <Form layout="vertical" onFinish={submit} aria-label="Thêm ghi chú">
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="Loại ghi chú" required>
            <Select aria-label="Loại ghi chú" options={KIND_OPTIONS} value={kind} onChange={setKind} placeholder="Chọn loại" />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item label="Ngày ghi chú">
            <Input aria-label="Ngày ghi chú" placeholder="dd.mm.yyyy" value={noteDate} onChange={(e) => setNoteDate(e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item label="Số quyết định / văn bản">
            <Input aria-label="Số quyết định" value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Cơ quan">
            <Input aria-label="Cơ quan" value={authority} onChange={(e) => setAuthority(e.target.value)} />
          </Form.Item>
        </Col>
      </Row>
      {changes.map((row, i) => (
        <Space key={i} align="start" wrap style={{ marginBottom: 8 }}>
          <Select
            aria-label={`Trường thay đổi ${i + 1}`}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 260 }}
            placeholder="Trường được thay đổi"
            options={fieldOptions}
            value={row.field}
            onChange={(field: string) => setRow(i, { field })}
          />
          <Input
            aria-label={`Giá trị mới ${i + 1}`}
            style={{ minWidth: 240 }}
            placeholder={row.field ? `Hiện: ${current[row.field] ?? '(trống)'}` : 'Giá trị mới'}
            value={row.value}
            onChange={(e) => setRow(i, { value: e.target.value })}
          />
        </Space>
      ))}
      <div>
        <Button type="link" onClick={() => setChanges((rows) => [...rows, { field: undefined, value: '' }])}>
          Thêm trường thay đổi
        </Button>
      </div>
      <Form.Item label="Nội dung ghi chú (như ghi trong sổ)">
        <Input.TextArea aria-label="Nội dung ghi chú" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </Form.Item>
      {add.isError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorMessage(add.error)} />}
      <Space>
        <Button type="primary" htmlType="submit" disabled={!kind} loading={add.isPending}>
          Lưu ghi chú
        </Button>
        <Button onClick={onDone}>Huỷ</Button>
      </Space>
    </Form>
  )
}
