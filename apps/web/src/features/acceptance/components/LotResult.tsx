import { Alert, Card, Col, Row, Table, Typography } from 'antd'
import { formatNumber } from '../../../lib/format'
import type { LotDetail } from '../api'
import { RecordLinks } from './RecordLinks'
import { Rework } from './Rework'

type ByField = LotDetail['errorsByField'][number]
type ByKeyer = LotDetail['errorsByKeyer'][number]

/** The decision of a decided lot, its errors by field and by keyer, and its record. */
export function LotResult({ lot }: { lot: LotDetail }) {
  const accepted = lot.status === 'accepted'
  return (
    <div data-testid="lot-result" style={{ marginBottom: 16 }}>
      <Alert
        type={accepted ? 'success' : 'error'}
        showIcon
        title={`Kết luận: ${lot.statusLabel}`}
        description={
          <>
            Mẫu {formatNumber(lot.sampleSize)} trường hợp: {formatNumber(lot.defectiveEntries)} trường hợp sai, {formatNumber(lot.fieldErrors)} ô sai; số chấp nhận Ac = {lot.acceptanceNumber}, số bác bỏ Re = {lot.rejectionNumber}.
            {!accepted && ' Các trường hợp sai đã được trả lại người nhập kèm lỗi đã đánh dấu; sau khi sửa và phê duyệt lại thì lấy mẫu lại.'}
          </>
        }
        action={<RecordLinks lotId={lot.id} />}
        style={{ marginBottom: 12 }}
      />
      {!accepted && <Rework lot={lot} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Lỗi theo ô" style={{ marginBottom: 12 }}>
            <Table<ByField>
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={lot.errorsByField}
              data-testid="errors-by-field"
              locale={{ emptyText: 'Không có ô nào sai.' }}
              columns={[
                { title: 'Ô', dataIndex: 'label' },
                { title: 'Số lỗi', dataIndex: 'count', width: 90, align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="Lỗi theo người nhập" style={{ marginBottom: 12 }}>
            <Table<ByKeyer>
              rowKey={(r) => r.keyedBy ?? 'unknown'}
              size="small"
              pagination={false}
              dataSource={lot.errorsByKeyer}
              data-testid="errors-by-keyer"
              columns={[
                { title: 'Người nhập', dataIndex: 'name', render: (name: string | null) => name ?? <Typography.Text type="secondary">Không rõ</Typography.Text> },
                { title: 'Trong mẫu', dataIndex: 'sampled', width: 90, align: 'right' },
                { title: 'Trường hợp sai', dataIndex: 'defective', width: 120, align: 'right' },
                { title: 'Ô sai', dataIndex: 'fieldErrors', width: 70, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  )
}
