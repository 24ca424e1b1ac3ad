import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons'
import { Button, Space } from 'antd'
import { recordUrl } from '../api'

/** The acceptance record (biên bản nghiệm thu) of a decided lot; the server refuses it before the decision. */
export function RecordLinks({ lotId, size = 'middle' }: { lotId: string; size?: 'small' | 'middle' }) {
  return (
    <Space size={4} wrap data-testid="record-links">
      <Button size={size} icon={<FilePdfOutlined />} href={recordUrl(lotId, 'pdf')} download>
        Biên bản PDF
      </Button>
      <Button size={size} icon={<FileExcelOutlined />} href={recordUrl(lotId, 'xlsx')} download>
        Biên bản Excel
      </Button>
    </Space>
  )
}
