import { ArrowLeftOutlined } from '@ant-design/icons'
import { Button, Card, Result, Spin, Typography } from 'antd'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { bookTypeLabel } from '../../books/bookTypes'
import { countersOf, useImport } from '../api'
import { AnalysisSummary } from './AnalysisSummary'
import { ImportProgressView } from './ImportProgressView'
import { ImportWarningsTable } from './ImportWarningsTable'
import { MappingEditor } from './MappingEditor'
import { StartPanel } from './StartPanel'
import { StatusTag } from './StatusTag'

/** One import: its analysis and mapping before it starts, its progress and result after. */
export function ImportDetailPage() {
  const { importId = '' } = useParams()
  const navigate = useNavigate()
  const view = useImport(importId)
  if (view.isError) {
    const notFound = view.error instanceof HttpError && view.error.status === 404
    return <Result status={notFound ? '404' : 'error'} title={notFound ? 'Không tìm thấy lần nhập này' : 'Không tải được'} subTitle={errorMessage(view.error)} extra={<Button onClick={() => navigate('/nhap-excel')}>Về trang nhập Excel</Button>} />
  }
  if (!view.data) return <Spin size="large" style={{ display: 'block', margin: 48 }} />
  const v = view.data
  const started = v.status !== 'analysed'
  const warningRows = countersOf(v).warningRows
  return (
    <>
      <Link to="/nhap-excel">
        <ArrowLeftOutlined /> Nhập, xuất Excel
      </Link>
      <Typography.Title level={3} style={{ margin: '8px 0 16px' }}>
        {v.fileName} <StatusTag status={v.status} />
      </Typography.Title>
      <Typography.Paragraph type="secondary">{bookTypeLabel(v.bookType)}</Typography.Paragraph>
      {started && (
        <Card size="small" title="Tiến độ và kết quả" style={{ marginBottom: 16 }}>
          <ImportProgressView view={v} />
        </Card>
      )}
      {started && warningRows > 0 && (
        <Card size="small" title="Các dòng đã nhận nhưng có cảnh báo" style={{ marginBottom: 16 }}>
          <ImportWarningsTable importId={v.id} total={warningRows} />
        </Card>
      )}
      <Card size="small" title="Kết quả phân tích tệp" style={{ marginBottom: 16 }}>
        <AnalysisSummary view={v} />
      </Card>
      {!started && (
        <>
          <Card size="small" title="Ghép cột của tệp với các trường của sổ" style={{ marginBottom: 16 }}>
            <MappingEditor key={JSON.stringify(v.mapping)} view={v} />
          </Card>
          <Card size="small" title="Bắt đầu nhập">
            <StartPanel view={v} />
          </Card>
        </>
      )}
    </>
  )
}
