import { FileTextOutlined, QuestionCircleOutlined, SaveOutlined } from '@ant-design/icons'
import { Button, Space, Tag, Tooltip, Typography } from 'antd'

interface Props {
  so: string | undefined
  /** "gắn với trang ảnh 4 và 5" */
  pagesText: string
  numbering: { text: string; problems: number }
  errors: number
  onNumbering: () => void
  onHelp: () => void
  onSave: () => void
  onNotes: () => void
}

/** The entry's number and pages, the book's numbering state, help and save (all also on keys). */
export function EntryHeading({ so, pagesText, numbering, errors, onNumbering, onHelp, onSave, onNotes }: Props) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="entry-heading">
        Trường hợp số {so || '?'}
        <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
          {' '}· {pagesText}
        </Typography.Text>
      </Typography.Title>
      <Space size={4}>
        <Tooltip title="Số còn thiếu, số trùng (Alt+N)">
          <Tag color={numbering.problems > 0 ? 'orange' : 'green'} style={{ cursor: 'pointer' }} onClick={onNumbering} data-testid="numbering-summary">
            {numbering.text}
          </Tag>
        </Tooltip>
        <Tooltip title="Ghi chú bên lề của trường hợp vừa lưu (Alt+G)">
          <Button size="small" icon={<FileTextOutlined />} onClick={onNotes}>
            Ghi chú
          </Button>
        </Tooltip>
        <Tooltip title="Phím tắt (F1)">
          <Button size="small" icon={<QuestionCircleOutlined />} onClick={onHelp}>
            F1
          </Button>
        </Tooltip>
        <Tooltip title={errors > 0 ? `Còn ${errors} lỗi` : 'Ctrl+Enter'}>
          <Button size="small" type="primary" icon={<SaveOutlined />} onClick={onSave}>
            Lưu và tiếp (Ctrl+Enter)
          </Button>
        </Tooltip>
      </Space>
    </div>
  )
}
