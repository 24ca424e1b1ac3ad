import { CheckCircleOutlined, CloudOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons'
import { Button, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { OutboxRetry } from '../hooks/useOutbox'
import type { ServerDraftState } from '../hooks/useServerDraft'

interface Props {
  draft: ServerDraftState
  draftBehind: boolean
  pendingSaves: number
  failedSaves: number
  sending: boolean
  retry: OutboxRetry | null
  storageFailed: boolean
  onRetryNow: () => void
}

const time = (d: Date) => d.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** Where the keyer's work is: on the server, only on this computer, or waiting to be sent again. */
export function SaveStatus({ draft, draftBehind, pendingSaves, failedSaves, sending, retry, storageFailed, onRetryNow }: Props) {
  const [, setNow] = useState(0)
  const waiting = retry !== null || draft.state === 'offline'
  useEffect(() => {
    if (!waiting) return
    const id = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(id)
  }, [waiting])

  const seconds = (at: number) => Math.max(0, Math.ceil((at - Date.now()) / 1000))
  let icon = <CloudOutlined />
  let type: 'secondary' | 'success' | 'warning' | 'danger' = 'secondary'
  let text = 'Trường hợp mới: chưa nhập gì'

  if (retry && pendingSaves > 0) {
    icon = <ExclamationCircleOutlined />
    type = 'danger'
    text = `Chưa lưu lên máy chủ: ${pendingSaves} trường hợp đang chờ gửi (vẫn giữ trên máy này), thử lại sau ${seconds(retry.at)} giây (lần ${retry.attempts})`
  } else if (draft.state === 'offline') {
    icon = <ExclamationCircleOutlined />
    type = 'danger'
    text = `Chưa lưu lên máy chủ: bản nháp vẫn giữ trên máy này, thử lại sau ${seconds(draft.retryAt)} giây`
  } else if (sending || pendingSaves > 0) {
    icon = <LoadingOutlined />
    text = `Đang lưu ${pendingSaves} trường hợp lên máy chủ…`
  } else if (draft.state === 'error') {
    icon = <ExclamationCircleOutlined />
    type = 'warning'
    text = `Không lưu được nháp lên máy chủ: ${draft.message}`
  } else if (draft.state === 'saving') {
    icon = <LoadingOutlined />
    text = 'Đang lưu nháp…'
  } else if (draftBehind) {
    text = 'Đã giữ trên máy này, sắp lưu nháp lên máy chủ'
  } else if (draft.state === 'saved') {
    icon = <CheckCircleOutlined />
    type = 'success'
    text = `Đã lưu nháp lên máy chủ lúc ${time(draft.at)}`
  }

  return (
    <Space size={6} wrap data-testid="save-status" role="status" aria-live="polite">
      <Typography.Text type={type === 'secondary' ? 'secondary' : type}>
        {icon} {text}
      </Typography.Text>
      {(retry || draft.state === 'offline') && (
        <Button size="small" onClick={onRetryNow}>
          Thử lại ngay
        </Button>
      )}
      {failedSaves > 0 && <Typography.Text type="danger">{failedSaves} trường hợp không lưu được (xem bên dưới)</Typography.Text>}
      {storageFailed && <Typography.Text type="warning">Trình duyệt không cho giữ bản nháp trên máy này: đừng đóng thẻ khi chưa lưu.</Typography.Text>}
    </Space>
  )
}
