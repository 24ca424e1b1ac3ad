import { SendOutlined } from '@ant-design/icons'
import { ENTRY_STATUSES } from '@hts/domain'
import { Alert, App, Button, Card, Space, Typography } from 'antd'
import { useState } from 'react'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useBookHandovers, useHandOver, type HandoverCreated } from '../api'
import { HandoverBatchTable } from './HandoverBatchTable'
import { RehandoverList } from './RehandoverList'

function resultText(r: HandoverCreated): string {
  const skipped = r.skippedWithErrors > 0 ? ` ${formatNumber(r.skippedWithErrors)} trường hợp còn lỗi chưa chuyển giao: sửa rồi chuyển giao ở đợt sau.` : ''
  return `Đã chuyển giao ${formatNumber(r.entryCount)} trường hợp. Tải gói trong danh sách các đợt bên dưới.${skipped}`
}

/**
 * "Chuyển giao" on the book page: the approved entries ready, handing them over as one batch (for the
 * roles the transition table names: the server says so in `canHandOver`), the batches with their
 * packages, and the entries corrected since their handover.
 */
export function HandoverCard({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const { modal } = App.useApp()
  const allowed = hasPermission(me, 'export.run')
  const handovers = useBookHandovers(bookId, allowed)
  const handOver = useHandOver(bookId)
  const [result, setResult] = useState<HandoverCreated | null>(null)
  if (!allowed) return null

  const ready = handovers.data?.ready ?? 0
  const confirm = () =>
    modal.confirm({
      title: `Chuyển giao ${formatNumber(ready)} trường hợp đã phê duyệt?`,
      content: (
        <>
          <p>Các trường hợp chuyển sang "{ENTRY_STATUSES.handed_over}" và được ghi vào một đợt chuyển giao, kèm tệp Excel theo mẫu Bộ Tư pháp, tệp PDF từng trường hợp (tạo từ bản quét, sau vài phút) và bản kê (manifest.json) có mã SHA-256 của từng trường hợp và từng trang ảnh.</p>
          <p>Sau khi chuyển giao, muốn sửa một trường hợp phải ghi lý do đính chính; trường hợp đó về "{ENTRY_STATUSES.checked}" và được chuyển giao lại ở đợt sau.</p>
        </>
      ),
      okText: `Chuyển giao ${formatNumber(ready)} trường hợp`,
      cancelText: 'Thôi',
      onOk: () => handOver.mutateAsync(ready).then(setResult, () => undefined),
    })

  return (
    <Card size="small" style={{ marginTop: 16 }} title="Chuyển giao" data-testid="book-handover">
      {handovers.isError && <Alert type="error" showIcon title={errorMessage(handovers.error)} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <Typography.Text data-testid="handover-ready">
          {ready > 0 ? `${formatNumber(ready)} trường hợp đã phê duyệt sẵn sàng chuyển giao.` : 'Chưa có trường hợp đã phê duyệt nào chờ chuyển giao.'}
        </Typography.Text>
        {handovers.data?.canHandOver && (
          <Button type="primary" icon={<SendOutlined />} disabled={ready === 0} loading={handOver.isPending} onClick={confirm} data-testid="hand-over">
            Chuyển giao {formatNumber(ready)} trường hợp đã phê duyệt
          </Button>
        )}
      </Space>
      {handOver.isError && <Alert role="alert" type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(handOver.error)} closable={{ onClose: handOver.reset }} />}
      {result && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={resultText(result)} closable={{ onClose: () => setResult(null) }} data-testid="handover-result" />}
      <HandoverBatchTable batches={handovers.data?.items ?? []} loading={handovers.isFetching} />
      <RehandoverList bookId={bookId} />
    </Card>
  )
}
