import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button } from 'antd'
import type { RebaseResult } from '../rebase'

export function ConflictAlert({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title="Không lưu được: dữ liệu đã thay đổi"
      description={message}
      action={
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          Tải bản mới nhất
        </Button>
      }
    />
  )
}

export function SaveErrorAlert({ message, onClose }: { message: string; onClose: () => void }) {
  return <Alert role="alert" type="error" showIcon closable={{ onClose }} style={{ marginBottom: 16 }} title={message} />
}

/** After "Tải bản mới nhất": which of the keyer's edits were kept, and which gave way to the other person's. */
export function RebaseAlert({ result, labelOf, onClose }: { result: RebaseResult; labelOf: (key: string) => string; onClose: () => void }) {
  const names = (keys: string[]) => keys.map(labelOf).join(', ')
  return (
    <Alert
      type={result.overridden.length > 0 ? 'warning' : 'info'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title="Đã tải bản mới nhất"
      description={
        <>
          {result.kept.length > 0 && <div>Vẫn giữ phần bạn vừa sửa (chưa lưu) ở: {names(result.kept)}. Kiểm tra rồi bấm Lưu.</div>}
          {result.overridden.length > 0 && (
            <div>Người kia cũng sửa các ô sau nên đã lấy theo bản mới của họ: {names(result.overridden)}.</div>
          )}
        </>
      }
    />
  )
}
