import { useMemo, useState, type KeyboardEvent } from 'react'
import { Alert, Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd'
import { fieldLabelOf, getBookType, NOTE_KINDS, noteFieldKeys, type BookTypeCode, type EntryFields, type MarginalNoteView, type NoteKind } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { useAddNote, useEditNote } from '../history-api'

interface ChangeRow {
  field: string | undefined
  value: string
}

const KIND_OPTIONS = Object.entries(NOTE_KINDS).map(([value, label]) => ({ value, label }))

interface Props {
  entryId: string
  bookType: BookTypeCode
  current: EntryFields
  onDone: () => void
  /** A note to correct (its date, basis and text; what it changes is withdrawn and keyed again instead). */
  note?: MarginalNoteView | undefined
  /** Put the cursor in the first box at once (the workbench opens the form from the keyboard). */
  autoFocus?: boolean | undefined
}

/** Ctrl+Enter saves, as it does everywhere keyers key. */
const onCtrlEnter = (submit: () => void) => (e: KeyboardEvent) => {
  if (!(e.ctrlKey || e.metaKey) || e.key !== 'Enter') return
  e.preventDefault()
  e.stopPropagation()
  submit()
}

/**
 * A new marginal note: its kind, date and basis, the fields it changes (from the catalog, each with
 * the value it stands at now) and/or its text as written in the book's notes column. With `note`:
 * the same boxes to correct that note's date, basis and text.
 */
export function MarginalNoteForm({ entryId, bookType, current, onDone, note, autoFocus }: Props) {
  const add = useAddNote(entryId)
  const edit = useEditNote(entryId, note?.id ?? '')
  const saving = note ? edit : add
  const fieldOptions = useMemo(() => {
    const allowed = noteFieldKeys(bookType)
    return getBookType(bookType).fields.filter((f) => allowed.has(f.key)).map((f) => ({ value: f.key, label: fieldLabelOf(bookType, f.key) }))
  }, [bookType])
  const [kind, setKind] = useState<NoteKind | undefined>(note?.kind)
  const [noteDate, setNoteDate] = useState(note?.noteDate ?? '')
  const [decisionNumber, setDecisionNumber] = useState(note?.decisionNumber ?? '')
  const [authority, setAuthority] = useState(note?.authority ?? '')
  const [text, setText] = useState(note?.text ?? '')
  const [changes, setChanges] = useState<ChangeRow[]>([{ field: undefined, value: '' }])

  const setRow = (i: number, row: Partial<ChangeRow>) => setChanges((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)))
  const submit = () => {
    if (!kind || saving.isPending) return
    if (note) {
      edit.mutate({ version: note.version, noteDate: noteDate || undefined, decisionNumber: decisionNumber || undefined, authority: authority || undefined, text: text || undefined }, { onSuccess: onDone })
      return
    }
    const picked = Object.fromEntries(changes.filter((r): r is ChangeRow & { field: string } => r.field !== undefined).map((r) => [r.field, r.value.trim() === '' ? null : r.value]))
    add.mutate({ kind, noteDate: noteDate || undefined, decisionNumber: decisionNumber || undefined, authority: authority || undefined, text: text || undefined, changes: picked }, { onSuccess: onDone })
  }

  return (
    <Form layout="vertical" onFinish={submit} aria-label={note ? 'Sửa ghi chú' : 'Thêm ghi chú'} onKeyDownCapture={onCtrlEnter(submit)}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="Loại ghi chú" required>
            <Select
              aria-label="Loại ghi chú"
              showSearch={{ optionFilterProp: 'label' }}
              options={KIND_OPTIONS}
              value={kind}
              onChange={setKind}
              placeholder="Chọn loại (gõ để tìm)"
              disabled={note !== undefined}
              autoFocus={autoFocus && note === undefined}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item label="Ngày ghi chú">
            <Input aria-label="Ngày ghi chú" placeholder="dd.mm.yyyy" autoFocus={autoFocus && note !== undefined} value={noteDate} onChange={(e) => setNoteDate(e.target.value)} />
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
      {note?.changes.map((c) => (
        <div key={c.field}>
          {c.label}: {c.before ?? '(trống)'} → <Typography.Text strong>{c.value ?? '(trống)'}</Typography.Text>
        </div>
      ))}
      {note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          Các trường ghi chú thay đổi không sửa ở đây: nếu nhập nhầm, thu hồi ghi chú rồi nhập lại.
        </Typography.Paragraph>
      )}
      {!note && changes.map((row, i) => (
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
      <div hidden={note !== undefined}>
        <Button type="link" onClick={() => setChanges((rows) => [...rows, { field: undefined, value: '' }])}>
          Thêm trường thay đổi
        </Button>
      </div>
      <Form.Item label="Nội dung ghi chú (như ghi trong sổ)">
        <Input.TextArea aria-label="Nội dung ghi chú" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </Form.Item>
      {saving.isError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorMessage(saving.error)} />}
      <Space>
        <Button type="primary" htmlType="submit" disabled={!kind} loading={saving.isPending} title="Ctrl+Enter">
          Lưu ghi chú
        </Button>
        <Button onClick={onDone}>Huỷ</Button>
      </Space>
    </Form>
  )
}
