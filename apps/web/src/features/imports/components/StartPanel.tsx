import { PlayCircleOutlined } from '@ant-design/icons'
import { Alert, Button, Checkbox, Input, Radio, Space, Typography } from 'antd'
import { useState } from 'react'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useStartImport, type ImportView } from '../api'

/** The user's confirmations before the import job starts. */
export function StartPanel({ view }: { view: ImportView }) {
  const start = useStartImport(view.id)
  const a = view.analysis
  const missingBooks = (a?.routes ?? []).filter((r) => !r.bookId)
  const [allowIncomplete, setAllowIncomplete] = useState(false)
  const [books, setBooks] = useState<'create' | 'reject'>('create')
  const [saveAs, setSaveAs] = useState('')
  const custom = (a?.columns ?? []).some((c) => c.status === 'mapped')
  const blocked = !a || a.rowCount === 0 || (a.missingRequired.length > 0 && !allowIncomplete)

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Checkbox checked={allowIncomplete} onChange={(e) => setAllowIncomplete(e.target.checked)}>
        Nhận cả các dòng chỉ thiếu thông tin bắt buộc (lưu ở trạng thái nháp để nhập tiếp theo sổ)
      </Checkbox>
      {missingBooks.length > 0 && (
        <div>
          <Typography.Text strong>Quyển sổ chưa có trong hệ thống ({missingBooks.map((m) => m.label).join(', ')}):</Typography.Text>
          <Radio.Group value={books} onChange={(e) => setBooks(e.target.value as 'create' | 'reject')} style={{ display: 'block', marginTop: 4 }}>
            <Radio value="create">Tạo các quyển sổ này khi nhập</Radio>
            <Radio value="reject">Không tạo: để riêng các dòng của chúng (tải về cùng các dòng lỗi)</Radio>
          </Radio.Group>
        </div>
      )}
      {custom && (
        <Input addonBefore="Lưu cách ghép cột với tên" placeholder="ví dụ: Phần mềm hộ tịch cũ 2016" value={saveAs} onChange={(e) => setSaveAs(e.target.value)} style={{ maxWidth: 560 }} />
      )}
      {view.expiresAt && (
        <Typography.Text type="secondary">
          Chưa bắt đầu nhập thì tệp này chỉ được giữ đến {formatDateTime(view.expiresAt)}; sau đó tệp và kết quả phân tích tự được xóa, cần tải tệp lên lại.
        </Typography.Text>
      )}
      {start.isError && <Alert type="error" showIcon title={errorMessage(start.error)} />}
      <Button
        type="primary"
        size="large"
        icon={<PlayCircleOutlined />}
        disabled={blocked}
        loading={start.isPending}
        onClick={() => start.mutate({ allowIncomplete, ...(missingBooks.length > 0 ? { missingBooks: books } : {}), ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) })}
      >
        Bắt đầu nhập {a ? `${a.rowCount.toLocaleString('vi-VN')} dòng` : ''}
      </Button>
    </Space>
  )
}
