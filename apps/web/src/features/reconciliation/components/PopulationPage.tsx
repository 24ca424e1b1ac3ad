import { UploadOutlined } from '@ant-design/icons'
import { Button, Card, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format'
import { useExtracts, type Extract } from '../api'
import { PopulationUpload } from './PopulationUpload'

const STATUS_COLOR: Record<Extract['status'], string> = { loading: 'processing', active: 'green', replaced: 'default', failed: 'red' }

/** Population extracts of the units in scope: which one each unit reconciles against. */
export function PopulationPage() {
  const me = useCurrentUser()
  const extracts = useExtracts()
  const [open, setOpen] = useState(false)
  return (
    <Card
      title="Dữ liệu dân cư"
      extra={hasPermission(me, 'population.import') && <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)}>Nạp dữ liệu dân cư</Button>}
    >
      <Typography.Paragraph type="secondary">
        Bản trích xuất dữ liệu dân cư do công an cung cấp, theo từng đơn vị. Bản mới nạp xong sẽ thay bản cũ của cùng đơn vị. Dữ liệu của một xã chỉ xã đó và cấp trên xem được.
      </Typography.Paragraph>
      <Table<Extract>
        rowKey="id"
        loading={extracts.isLoading}
        dataSource={extracts.data?.items ?? []}
        pagination={false}
        expandable={{
          rowExpandable: (x) => x.errors.length > 0,
          expandedRowRender: (x) => (
            <Space orientation="vertical">
              {x.errors.slice(0, 50).map((e, i) => <Typography.Text key={i} type="secondary">Dòng {e.row}: {e.message}</Typography.Text>)}
            </Space>
          ),
        }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName' },
          { title: 'Nguồn', dataIndex: 'source' },
          { title: 'Ngày trích xuất', dataIndex: 'extractDate', render: formatDate },
          { title: 'Tệp', dataIndex: 'fileName' },
          { title: 'Số người', dataIndex: 'rowCount', align: 'right', render: formatNumber },
          { title: 'Dòng không nạp được', dataIndex: 'rejectedCount', align: 'right', render: formatNumber },
          { title: 'Trạng thái', render: (_, x) => <Tag color={STATUS_COLOR[x.status]}>{x.statusLabel}</Tag> },
          { title: 'Người nạp', dataIndex: 'createdByName' },
          { title: 'Lúc', dataIndex: 'createdAt', render: formatDateTime },
        ]}
      />
      <Modal open={open} title="Nạp dữ liệu dân cư" width={900} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <PopulationUpload onDone={() => { setOpen(false); void extracts.refetch() }} />
      </Modal>
    </Card>
  )
}
