import { UndoOutlined } from '@ant-design/icons'
import { App, Button, Input, Space } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { useReopen, type Result } from '../api'

/** Undoing a decision taken by mistake: a reason is required; the answer says what was undone and what was kept. */
export function ReopenDecision({ result }: { result: Result }) {
  const { message } = App.useApp()
  const reopen = useReopen()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  if (!open) {
    return (
      <Button size="small" icon={<UndoOutlined />} onClick={() => setOpen(true)}>
        Mở lại quyết định
      </Button>
    )
  }
  const send = () =>
    reopen.mutate(
      { id: result.id, reason: reason.trim(), version: result.version },
      {
        onSuccess: (r) => {
          void message.success(r.message, 8)
          setOpen(false)
          setReason('')
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    )
  return (
    <Space wrap>
      <Input
        aria-label="Lý do mở lại quyết định"
        style={{ width: 320 }}
        placeholder="Lý do mở lại (bắt buộc)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onPressEnter={() => reason.trim() && send()}
        maxLength={2000}
        autoFocus
      />
      <Button size="small" danger disabled={!reason.trim()} loading={reopen.isPending} onClick={send}>
        Xác nhận mở lại
      </Button>
      <Button size="small" onClick={() => setOpen(false)}>
        Thôi
      </Button>
    </Space>
  )
}
