import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd'
import { findField, isBookTypeCode } from '@hts/domain'
import { Link } from 'react-router-dom'
import { formatDateTime, formatNumber } from '../../../lib/format'
import type { Analysis, ImportRoute, ImportView } from '../api'

const LAYOUT: Record<string, string> = {
  moj: 'Mẫu của Bộ Tư pháp',
  moj60: 'Mẫu khai sinh cũ (60 cột)',
  other: 'Bố cục khác (cần ghép cột)',
}
const NOTE_LABEL: Record<string, string> = {
  excelDate: 'ô ngày của Excel đã đổi sang ngày.tháng.năm',
  dateReformatted: 'ngày viết dạng khác đã đổi sang ngày.tháng.năm',
  idRestored: 'số định danh/giấy tờ được thêm lại số 0 ở đầu (Excel đã bỏ)',
  codeFromLabel: 'mã ghi bằng chữ đã đổi sang mã số',
  legacyConverted: 'ô chữ bảng mã cũ (TCVN3/VNI) đã chuyển sang Unicode',
}
const ENCODING = { tcvn3: 'TCVN3 (ABC, .VnTime)', vni: 'VNI' } as const

export function NotesList({ notes }: { notes: Record<string, number> }) {
  const entries = Object.entries(notes).filter(([, n]) => n > 0)
  if (entries.length === 0) return null
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {entries.map(([key, n]) => (
        <li key={key}>
          {formatNumber(n)} {NOTE_LABEL[key] ?? key}
        </li>
      ))}
    </ul>
  )
}

/** Where the rows go. Before the import: which volumes exist or will be created; after: links to them. */
function RoutesTable({ routes, started }: { routes: ImportRoute[]; started: boolean }) {
  if (routes.length === 0) return null
  return (
    <Table<ImportRoute>
      rowKey="key"
      size="small"
      pagination={false}
      style={{ marginTop: 12 }}
      dataSource={routes}
      columns={[
        { title: 'Quyển số', dataIndex: 'label', width: 130 },
        { title: 'Số dòng', dataIndex: 'rows', width: 100, render: (n: number) => formatNumber(n) },
        {
          title: 'Sổ trong hệ thống',
          render: (_, r) => {
            if (r.bookId) return <Link to={`/so/${r.bookId}`}>{started ? `Mở sổ quyển ${r.label}` : 'Đã có: mở sổ'}</Link>
            return started ? <Tag>Không tạo sổ: các dòng này bị loại</Tag> : <Tag color="orange">Chưa có: sẽ tạo khi bạn đồng ý</Tag>
          },
        },
        { title: 'Năm lấy từ', dataIndex: 'yearFrom', width: 200, render: (y: string) => ({ volume: 'quyển số', target: 'năm đã chọn', registration: 'ngày đăng ký (kiểm tra lại)' })[y] ?? y },
      ]}
    />
  )
}

function PreviewTable({ analysis, bookType }: { analysis: Analysis; bookType: string }) {
  const keys = analysis.columns.flatMap((c) => (c.key ? [c.key] : []))
  if (analysis.preview.length === 0 || keys.length === 0) return null
  const label = (key: string) => (isBookTypeCode(bookType) ? (findField(bookType, key)?.label ?? key) : key)
  return (
    <Table
      rowKey="rowNumber"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={analysis.preview}
      columns={[
        { title: 'Dòng', dataIndex: 'rowNumber', fixed: 'left', width: 70 },
        ...keys.map((key) => ({ title: <span title={key}>{label(key)}</span>, key, render: (_: unknown, row: Analysis['preview'][number]) => row.fields[key] ?? '' })),
      ]}
    />
  )
}

/** What the file holds and what importing it would do, before anything is written. */
export function AnalysisSummary({ view }: { view: ImportView }) {
  const a = view.analysis
  if (!a) return null
  const unknown = a.columns.filter((c) => c.status === 'unknown')
  const duplicate = a.columns.filter((c) => c.status === 'duplicate')
  const legacy = a.columns.filter((c) => c.encoding)
  const recognised = a.columns.filter((c) => c.status === 'matched' || c.status === 'mapped').length
  const ignored = a.columns.filter((c) => c.status === 'ignored').length
  const started = view.status !== 'analysed'
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="Tệp">{view.fileName}</Descriptions.Item>
        <Descriptions.Item label="Trang tính / mã hóa">{a.sheetName ?? (a.csv ? `CSV ${a.csv.encoding}, phân cách "${a.csv.delimiter === '\t' ? 'Tab' : a.csv.delimiter}"` : '')}</Descriptions.Item>
        <Descriptions.Item label="Bố cục">{LAYOUT[a.layout] ?? a.layout}</Descriptions.Item>
        <Descriptions.Item label="Số dòng dữ liệu">{formatNumber(a.rowCount)}{a.emptyRows ? ` (bỏ qua ${formatNumber(a.emptyRows)} dòng trống)` : ''}</Descriptions.Item>
        <Descriptions.Item label="Dòng tiêu đề">{a.headerRowNumber}</Descriptions.Item>
        <Descriptions.Item label="Cột">
          {`${formatNumber(recognised)}/${formatNumber(a.columns.length)} cột khớp với trường của sổ`}
          {unknown.length > 0 ? `, ${formatNumber(unknown.length)} cột chưa nhận ra` : ''}
          {ignored > 0 ? `, ${formatNumber(ignored)} cột bỏ qua` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="Tải lên">{view.createdByName}, {formatDateTime(view.createdAt)}</Descriptions.Item>
      </Descriptions>
      {view.previousImports.length > 0 && (
        <Alert type="warning" showIcon title={`Tệp này đã được nhập ${view.previousImports.length} lần trước (${formatDateTime(view.previousImports[0]?.createdAt)}). Nhập lại sẽ bỏ qua các dòng đã có, không tạo trùng.`} />
      )}
      {a.missingRequired.length > 0 && (
        <Alert type="error" showIcon title="Thiếu cột bắt buộc" description={`Không cột nào chứa: ${a.missingRequired.map((m) => m.label).join(', ')}. Ghép cột bên dưới, hoặc chọn nhận các dòng thiếu thông tin dưới dạng nháp.`} />
      )}
      {unknown.length > 0 && (
        <Alert type="warning" showIcon title={`${unknown.length} cột không nhận ra, sẽ bị bỏ qua nếu không ghép`} description={unknown.map((c) => `“${c.header}”`).join(', ')} />
      )}
      {duplicate.length > 0 && <Alert type="warning" showIcon title={`Cột trùng trường với cột khác (chỉ lấy cột đầu): ${duplicate.map((c) => `“${c.header}”`).join(', ')}`} />}
      {legacy.length > 0 && (
        <Alert type="info" showIcon title="Phát hiện chữ gõ bằng bảng mã cũ, sẽ được chuyển sang Unicode" description={legacy.map((c) => `“${c.header}”: ${ENCODING[c.encoding ?? 'tcvn3']}, ${formatNumber(c.legacyValues)} ô`).join('; ')} />
      )}
      {Object.values(a.notes).some((n) => n > 0) && (
        <Alert type="info" showIcon title={`Giá trị sẽ được chuẩn hóa${a.notesSampledRows && a.notesSampledRows < a.rowCount ? ` (trong ${formatNumber(a.notesSampledRows)} dòng đầu)` : ''}`} description={<NotesList notes={a.notes} />} />
      )}
      {a.unroutable.rows > 0 && (
        <Alert type="warning" showIcon title={`${formatNumber(a.unroutable.rows)} dòng không xác định được quyển sổ`} description={a.unroutable.examples.map((e) => `Dòng ${e.rowNumber}: ${e.message}`).join('; ')} />
      )}
      <RoutesTable routes={a.routes} started={started} />
      {/* The server sends the preview (personal data) only until the import starts. */}
      {a.preview.length > 0 && (
        <div>
          <Typography.Title level={5}>Xem trước các dòng đầu (sau khi chuẩn hóa)</Typography.Title>
          <PreviewTable analysis={a} bookType={view.bookType} />
        </div>
      )}
    </Space>
  )
}
