import { BOOK_CONDITIONS, type BookCondition } from '@hts/domain'
import { Alert, Form, Input, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { useSaveCondition, type InventoryBook } from '../api'

const OPTIONS = Object.entries(BOOK_CONDITIONS).map(([value, label]) => ({ value: value as BookCondition, label }))

/** The condition of a book (còn nguyên / hư hỏng / mất) with its note, saved through the books module. */
export function ConditionEditor({ book, onClose }: { book: InventoryBook | null; onClose: () => void }) {
  const save = useSaveCondition()
  const [condition, setCondition] = useState<BookCondition>('intact')
  const [note, setNote] = useState('')
  useEffect(() => {
    if (!book) return
    setCondition(book.condition)
    setNote(book.conditionNote ?? '')
    save.reset()
    // Reset only when another book opens; the mutation object changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [book])
  if (!book) return null
  return (
    <Modal open title={`Tình trạng sổ ${book.typeLabel.toLowerCase()}, quyển ${book.volume}`} okText="Lưu" cancelText="Hủy" onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'condition-save' }}
      onOk={() => save.mutate({ id: book.id, condition, conditionNote: note.trim() || null, version: book.version }, { onSuccess: onClose })}>
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="Tình trạng">
          <Select options={OPTIONS} value={condition} onChange={setCondition} data-testid="condition-select" />
        </Form.Item>
        <Form.Item label="Ghi chú" extra='Ví dụ: "mất do lũ năm 1999" — hiện ở cột Ghi chú của phụ lục.'>
          <Input.TextArea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="condition-note" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
