import { SendOutlined } from '@ant-design/icons'
import { ENTRY_STATUSES } from '@hts/domain'
import { Alert, App, Button, Card, List, Space, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnitHandoverReady, useUnitHandOver, type UnitHandoverResult } from '../api'

function resultText(r: UnitHandoverResult): string {
  const refused = r.refused.length > 0 ? ` ${formatNumber(r.refused.length)} sổ chưa chuyển giao được (xem lý do bên dưới).` : ''
  return `Đã chuyển giao ${formatNumber(r.handedOver)} trường hợp thành ${formatNumber(r.batches.length)} đợt (mỗi sổ một đợt). Tải gói ở trang của từng sổ.${refused}`
}

/**
 * "Chuyển giao cả đơn vị" on the book list: every book of the officer's unit with approved entries
 * handed over at once, one batch per book, for the total the officer saw (the server refuses another).
 */
export function UnitHandoverCard() {
  const me = useCurrentUser()
  const { modal } = App.useApp()
  const allowed = hasPermission(me, 'export.run')
  const ready = useUnitHandoverReady(me.unit.id, allowed)
  const handOver = useUnitHandOver(me.unit.id)
  const [result, setResult] = useState<UnitHandoverResult | null>(null)
  if (!allowed || !ready.data?.canHandOver || (ready.data.total === 0 && !result && !handOver.isError)) return null

  const { total, books } = ready.data
  const confirm = () =>
    modal.confirm({
      title: `Chuyển giao ${formatNumber(total)} trường hợp đã phê duyệt của ${formatNumber(books.length)} sổ?`,
      content: (
        <>
          <p>Mỗi sổ thành một đợt chuyển giao riêng (tệp Excel theo mẫu Bộ Tư pháp, tệp PDF từng trường hợp, bản kê); các trường hợp chuyển sang "{ENTRY_STATUSES.handed_over}".</p>
          <ul>{books.map((b) => <li key={b.bookId}>{b.bookTypeLabel} quyển {b.volume}: {formatNumber(b.ready)} trường hợp</li>)}</ul>
        </>
      ),
      okText: `Chuyển giao ${formatNumber(total)} trường hợp`,
      cancelText: 'Thôi',
      onOk: () => handOver.mutateAsync(total).then(setResult, () => undefined),
    })

  return (
    <Card size="small" style={{ marginBottom: 16 }} title={`Chuyển giao cả đơn vị: ${ready.data.unitName}`} data-testid="unit-handover">
      <Space wrap style={{ display: 'flex' }}>
        <Typography.Text>
          {total > 0 ? `${formatNumber(total)} trường hợp đã phê duyệt trong ${formatNumber(books.length)} sổ sẵn sàng chuyển giao.` : 'Không còn trường hợp đã phê duyệt nào chờ chuyển giao.'}
        </Typography.Text>
        <Button type="primary" icon={<SendOutlined />} disabled={total === 0} loading={handOver.isPending} onClick={confirm} data-testid="unit-hand-over">
          Chuyển giao cả đơn vị
        </Button>
      </Space>
      {handOver.isError && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(handOver.error)} closable={{ onClose: handOver.reset }} />}
      {result && (
        <>
          <Alert type="success" showIcon style={{ marginTop: 12 }} title={resultText(result)} closable={{ onClose: () => setResult(null) }} data-testid="unit-handover-result" />
          {result.refused.length > 0 && (
            <List size="small" style={{ marginTop: 8 }} dataSource={result.refused}
              renderItem={(b) => <List.Item><Link to={`/so/${b.bookId}`}>{b.bookTypeLabel} quyển {b.volume}</Link>: {b.message}</List.Item>} />
          )}
        </>
      )}
    </Card>
  )
}
