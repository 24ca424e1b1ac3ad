import { CheckSquareOutlined } from '@ant-design/icons'
import { Button, Result, Space, Spin, Typography } from 'antd'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useLot, type LotDetail } from '../api'
import { nextUninspected } from '../marks'
import { DecideButton } from './DecideButton'
import { LotResult } from './LotResult'
import { LotStatusTag } from './LotStatusTag'
import { LotSummary } from './LotSummary'
import { samplePath, SampleTable } from './SampleTable'

function InspectionActions({ lot }: { lot: LotDetail }) {
  const navigate = useNavigate()
  const next = nextUninspected(lot.samples, null)
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {next && (
        // Focused on arrival: Enter opens the next entry, then Ctrl+Enter goes through the rest.
        <Button type="primary" icon={<CheckSquareOutlined />} autoFocus onClick={() => navigate(samplePath(lot.id, next.entryId))} data-testid="inspect-next">
          Kiểm tra mẫu: mở trường hợp chưa kiểm tra (Enter)
        </Button>
      )}
      <DecideButton lot={lot} />
    </Space>
  )
}

/** /nghiem-thu/:lotId: the plan, the progress, the sample; after the decision, the result and the record. */
export function LotPage() {
  const { lotId = '' } = useParams()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const lot = useLot(lotId)

  if (lot.error) {
    const notFound = lot.error instanceof HttpError && lot.error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? 'Không tìm thấy lô nghiệm thu' : 'Không mở được lô nghiệm thu'}
        subTitle={errorMessage(lot.error)}
        extra={<Button onClick={() => navigate('/nghiem-thu')}>Quay lại</Button>}
      />
    )
  }
  if (!lot.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  const data = lot.data
  return (
    <div data-testid="lot-page" data-lot-id={data.id} data-status={data.status}>
      <Link to="/nghiem-thu">← Nghiệm thu</Link>
      <Typography.Title level={3} style={{ margin: '4px 0 12px' }}>
        Lô nghiệm thu: {data.phase} · {data.unitName} <LotStatusTag status={data.status} label={data.statusLabel} />
      </Typography.Title>
      <LotSummary lot={data} />
      {data.status === 'inspecting' ? hasPermission(me, 'acceptance.run') && <InspectionActions lot={data} /> : <LotResult lot={data} />}
      <Typography.Title level={4}>Mẫu</Typography.Title>
      <SampleTable lotId={data.id} samples={data.samples} />
    </div>
  )
}
