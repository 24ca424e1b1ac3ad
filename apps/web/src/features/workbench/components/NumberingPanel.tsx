import { Alert, Drawer, List, Spin, Typography } from 'antd'
import { errorMessage } from '../../../lib/http'
import type { Numbering } from '../api'

const ranges = (list: ReadonlyArray<{ from: number; to: number }>) => list.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', ')

/** One line for the header: how many numbers are missing or used twice in the book. */
export function numberingSummary(data: Numbering | undefined): { text: string; problems: number } {
  if (!data) return { text: 'Đang kiểm tra số…', problems: 0 }
  const missing = data.years.reduce((n, y) => n + y.missingCount, 0)
  const duplicates = data.years.reduce((n, y) => n + y.duplicates.length, 0)
  if (missing + duplicates === 0) return { text: 'Số liên tục, không trùng', problems: 0 }
  return { text: `Thiếu ${missing} số · Trùng ${duplicates} số`, problems: missing + duplicates }
}

export function NumberingPanel({ open, onClose, data, error, loading }: { open: boolean; onClose: () => void; data: Numbering | undefined; error: unknown; loading: boolean }) {
  return (
    <Drawer open={open} onClose={onClose} title="Số còn thiếu và số trùng (theo năm đăng ký)" size="large" placement="left">
      {loading && <Spin />}
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      {data && (
        <List
          dataSource={data.years}
          locale={{ emptyText: 'Sổ chưa có trường hợp nào có số và ngày đăng ký.' }}
          renderItem={(y) => (
            <List.Item key={y.year} data-testid={`numbering-${y.year}`}>
              <div>
                <Typography.Text strong>Năm {y.year}</Typography.Text>: {y.count} trường hợp, số {y.min ?? '—'} đến {y.max ?? '—'}
                <div>{y.missingCount > 0 ? <Typography.Text type="warning">Còn thiếu: {ranges(y.missing)}</Typography.Text> : 'Không thiếu số nào.'}</div>
                <div>
                  {y.duplicates.length > 0 ? (
                    <Typography.Text type="danger">
                      Số trùng: {y.duplicates.map((d) => `${d.so} (${d.entries.length} lần${d.entries.some((e) => e.trangSo) ? `, trang ${d.entries.map((e) => e.trangSo ?? '?').join(', ')}` : ''})`).join('; ')}
                    </Typography.Text>
                  ) : (
                    'Không có số trùng.'
                  )}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      {data && (data.withoutNumber > 0 || data.withoutYear > 0) && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`${data.withoutNumber} trường hợp chưa có số, ${data.withoutYear} trường hợp chưa có ngày đăng ký đọc được.`} />
      )}
    </Drawer>
  )
}
