import { ENTRY_ACTIONS } from '@hts/domain'
import { Alert, Input, Modal, Typography } from 'antd'
import { useState } from 'react'

interface Props {
  open: boolean
  pending: boolean
  /** The checker changed fields: returning does not save them (the keyer fixes the entry). */
  discardsEdits: boolean
  onCancel: () => void
  onSubmit: (reason: string) => void
}

/** Asks why the entry goes back to its keyer: the reason is required and shown to the keyer. */
export function ReturnModal({ open, pending, discardsEdits, onCancel, onSubmit }: Props) {
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const submit = () => {
    const trimmed = reason.trim()
    if (!trimmed) return setMissing(true)
    onSubmit(trimmed)
  }
  return (
    <Modal
      open={open}
      title={ENTRY_ACTIONS.return}
      okText={ENTRY_ACTIONS.return}
      okButtonProps={{ danger: true, loading: pending }}
      cancelText="Thôi"
      onOk={submit}
      onCancel={onCancel}
      afterOpenChange={(visible) => {
        if (!visible) {
          setReason('')
          setMissing(false)
        }
      }}
      destroyOnHidden
    >
      {discardsEdits && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="Các chỗ bạn vừa sửa sẽ không được lưu: người nhập sửa theo lý do bạn ghi." />
      )}
      <label htmlFor="returnReason" style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
        Lý do trả lại (người nhập sẽ thấy)
      </label>
      <Input.TextArea
        id="returnReason"
        autoFocus
        rows={3}
        maxLength={1000}
        value={reason}
        status={missing ? 'error' : undefined}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? 'returnReason-help' : undefined}
        placeholder="Ví dụ: Tên mẹ khác với trang sổ (Trần Thị Bích Ngọc)"
        onChange={(e) => {
          setReason(e.target.value)
          if (e.target.value.trim()) setMissing(false)
        }}
        onKeyDown={(e) => {
          // Enter sends, Shift+Enter starts a new line.
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault()
            submit()
          }
        }}
      />
      {missing && (
        <Typography.Text type="danger" id="returnReason-help">
          Ghi lý do trả lại để người nhập biết cần sửa gì.
        </Typography.Text>
      )}
    </Modal>
  )
}
