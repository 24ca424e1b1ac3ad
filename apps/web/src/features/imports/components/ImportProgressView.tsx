import { DownloadOutlined, StopOutlined } from '@ant-design/icons'
import { Alert, Button, Popconfirm, Progress, Space, Statistic } from 'antd'
import { Link } from 'react-router-dom'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { countersOf, RUNNING, useCancelJob, type ImportView } from '../api'
import { NotesList } from './AnalysisSummary'

/** One sentence on what the finished import did, in the officer's words. */
function resultText(c: ReturnType<typeof countersOf>): string {
  const parts = [`${formatNumber(c.accepted)} trường hợp đã được ghi vào sổ${c.drafts > 0 ? ` (trong đó ${formatNumber(c.drafts)} ở trạng thái nháp, cần nhập tiếp)` : ''}`]
  if (c.rejected > 0) parts.push(`${formatNumber(c.rejected)} dòng bị loại: tải tệp các dòng bị loại bên dưới, sửa theo cột “Lỗi” rồi nhập lại tệp đó`)
  if (c.skipped > 0) parts.push(`${formatNumber(c.skipped)} dòng bỏ qua vì đã có trong sổ (không tạo trùng)`)
  if (c.warningRows > 0) parts.push(`${formatNumber(c.warningRows)} dòng đã nhận nhưng có cảnh báo: xem danh sách bên dưới`)
  if (c.booksRemoved > 0) parts.push(`${formatNumber(c.booksRemoved)} sổ tạo mới đã được gỡ bỏ vì không có dòng nào được ghi vào`)
  return `${parts.join('; ')}.`
}

/** Rows read, taken, set aside; cancel while it runs; the rejected rows to download at the end. */
export function ImportProgressView({ view }: { view: ImportView }) {
  const cancel = useCancelJob(view.id)
  const c = countersOf(view)
  const running = RUNNING.has(view.status)
  const percent = c.rowsTotal ? Math.min(100, Math.round((c.rowsRead / c.rowsTotal) * 100)) : 0
  const books = (view.analysis?.routes ?? []).filter((r) => r.bookId)
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Progress percent={view.status === 'succeeded' ? 100 : percent} status={view.status === 'failed' ? 'exception' : running ? 'active' : view.status === 'cancelled' ? 'normal' : 'success'} />
      <Space size="large" wrap>
        <Statistic title="Đã đọc" value={formatNumber(c.rowsRead)} suffix={`/ ${formatNumber(c.rowsTotal)}`} />
        <Statistic title="Đã nhận" value={formatNumber(c.accepted)} />
        {c.drafts > 0 && <Statistic title="Trong đó nháp" value={formatNumber(c.drafts)} />}
        <Statistic title="Bị loại (có lý do)" value={formatNumber(c.rejected)} />
        <Statistic title="Bỏ qua (đã có sẵn)" value={formatNumber(c.skipped)} />
        {c.warningRows > 0 && <Statistic title="Có cảnh báo" value={formatNumber(c.warningRows)} />}
        {c.booksCreated > 0 && <Statistic title="Sổ được tạo" value={c.booksCreated} />}
      </Space>
      {view.status === 'failed' && <Alert type="error" showIcon title="Nhập không thành công: các dòng đã ghi của lần nhập này đã được hủy" description={view.error} />}
      {view.status === 'cancelled' && <Alert type="warning" showIcon title={`Đã hủy: các dòng đã ghi của lần nhập này đã được gỡ bỏ${c.booksRemoved > 0 ? `, cùng ${formatNumber(c.booksRemoved)} sổ lần nhập này đã tạo` : ''}. Có thể tải tệp lên để nhập lại.`} />}
      {view.status === 'queued' && <Alert type="info" showIcon title="Đang chờ đến lượt: tác vụ nhập sẽ tự bắt đầu khi máy chủ rảnh. Có thể đóng trang này, tiến độ vẫn được lưu." />}
      {view.status === 'succeeded' && (
        <Alert
          type={c.rejected > 0 ? 'warning' : 'success'}
          showIcon
          title={`Đã nhập xong: ${resultText(c)}`}
          description={books.length > 0 && (
            <Space wrap>
              Xem các trường hợp trong sổ:
              {books.map((r) => (
                <Link key={r.key} to={`/so/${r.bookId ?? ''}`}>
                  quyển {r.label}
                </Link>
              ))}
            </Space>
          )}
        />
      )}
      {view.status === 'succeeded' && c.duplicateScans > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-duplicate-check"
          title="Đang đối chiếu các trường hợp vừa nhập với sổ đã có để tìm trường hợp bị nhập trùng"
          description={<>Việc nhập đã xong và không bị chặn. Các cặp có thể trùng sẽ hiện ở trang <Link to="/trung-lap">Trùng lặp</Link> để cán bộ kiểm tra quyết định.</>}
        />
      )}
      {view.status === 'succeeded' && <NotesList notes={c.notes} />}
      {cancel.isError && <Alert type="error" showIcon title={errorMessage(cancel.error)} />}
      <Space wrap>
        {running && view.jobId && (
          <Popconfirm title="Hủy lần nhập này?" description="Các dòng đã ghi của lần nhập sẽ được gỡ bỏ." okText="Hủy nhập" cancelText="Không" onConfirm={() => cancel.mutate(view.jobId ?? '')}>
            <Button danger icon={<StopOutlined />} loading={cancel.isPending}>
              Hủy nhập
            </Button>
          </Popconfirm>
        )}
        {!running && view.rejectedCount > 0 && (
          <Button type="primary" icon={<DownloadOutlined />} href={`/api/imports/${view.id}/rejected.xlsx`}>
            Tải {formatNumber(view.rejectedCount)} dòng bị loại (Excel có cột “Lỗi”) để sửa rồi nhập lại
          </Button>
        )}
      </Space>
    </Space>
  )
}
