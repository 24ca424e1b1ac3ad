import { Alert, App, Button, Card, Empty, Image, Input, Radio, Space, Spin, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { ARBITRATION_SOURCES, type ArbitrationSource } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { usePages } from '../../scans/api'
import { useAgreement, useArbitrate, useArbitrationList, type AgreementReport, type ArbitrationItem } from '../api'

export const DOUBLE_KEYING_PATH = '/doi-chieu-nhap-kep'

type Choice = { source: ArbitrationSource; value: string }
type Difference = ArbitrationItem['differences'][number]

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`)

/** The page image(s) the entry is on, beside its differing fields. */
function EntryPages({ item }: { item: ArbitrationItem }) {
  // No page linked: nothing to show, so no page list to fetch (it polls while scans render).
  const pages = usePages(item.pageIds.length > 0 ? item.bookId : '')
  const shown = (pages.data?.items ?? []).filter((p) => item.pageIds.includes(p.id) && p.imageUrl)
  if (item.pageIds.length === 0) return <Typography.Text type="secondary">Trường hợp chưa gắn trang ảnh: mở sổ giấy để đối chiếu.</Typography.Text>
  if (pages.isLoading) return <Spin />
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {shown.map((p) => <Image key={p.id} src={p.imageUrl ?? undefined} width={320} alt="Trang sổ của trường hợp" />)}
      </Space>
    </Image.PreviewGroup>
  )
}

/** One disagreement: both keyings of each differing field, the arbitrator's choice per field. */
function ArbitrationCard({ item }: { item: ArbitrationItem }) {
  const { message } = App.useApp()
  const arbitrate = useArbitrate()
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const set = (field: string, choice: Partial<Choice>) =>
    setChoices((prev) => ({ ...prev, [field]: { source: prev[field]?.source ?? 'typed', value: prev[field]?.value ?? '', ...choice } }))
  const complete = item.differences.every((d) => choices[d.field])
  // mutateAsync: the card leaves the list when the answer comes, and a mutate() callback would not run then.
  const submit = async () => {
    try {
      await arbitrate.mutateAsync({
        entryId: item.entryId,
        body: {
          version: item.entryVersion,
          choices: Object.fromEntries(Object.entries(choices).map(([field, c]) => [field, c.source === 'typed' ? { source: 'typed', value: c.value } : { source: c.source }])),
        },
      })
      void message.success(`Đã đối chiếu số ${item.so ?? '?'}: trường hợp chuyển sang "Đã kiểm tra"`)
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }

  const columns: TableColumnsType<Difference> = [
    { title: 'Ô', dataIndex: 'label', width: 200 },
    { title: `Lần 1${item.firstKeyerName ? ` (${item.firstKeyerName})` : ''}`, dataIndex: 'first', render: (v: string | null) => v ?? <Typography.Text type="secondary">(để trống)</Typography.Text> },
    { title: `Lần 2${item.secondKeyerName ? ` (${item.secondKeyerName})` : ''}`, dataIndex: 'second', render: (v: string | null) => v ?? <Typography.Text type="secondary">(để trống)</Typography.Text> },
    {
      title: 'Giá trị đúng theo trang sổ',
      width: 360,
      render: (_: unknown, d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            aria-label={`Chọn giá trị đúng cho ô ${d.label}`}
            value={choices[d.field]?.source}
            disabled={!item.mayArbitrate}
            onChange={(e) => set(d.field, { source: e.target.value as ArbitrationSource })}
            options={Object.entries(ARBITRATION_SOURCES).map(([value, label]) => ({ value, label }))}
          />
          {choices[d.field]?.source === 'typed' && (
            <Input aria-label={`Giá trị đúng của ô ${d.label}`} value={choices[d.field]?.value} onChange={(e) => set(d.field, { value: e.target.value })} placeholder="Nhập đúng như trên sổ (để trống nếu sổ không ghi)" />
          )}
        </Space>
      ),
    },
  ]

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={<><Link to={`/so/${item.bookId}`}>{item.bookLabel}</Link>: số {item.so ?? '?'} năm {item.registrationYear ?? '?'}</>}
      extra={
        <Button type="primary" disabled={!item.mayArbitrate || !complete} loading={arbitrate.isPending} onClick={() => void submit()}>
          Lưu và xác nhận đã kiểm tra
        </Button>
      }
    >
      {!item.mayArbitrate && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="Bạn đã nhập trường hợp này (lần 1 hoặc lần 2): một người khác phải đối chiếu." />}
      <Table rowKey="field" size="small" pagination={false} columns={columns} dataSource={item.differences} />
      <div style={{ marginTop: 12 }}>
        <EntryPages item={item} />
      </div>
    </Card>
  )
}

function AgreementCard({ report }: { report: AgreementReport }) {
  return (
    <Card size="small" title={`Tỷ lệ khớp: ${report.agreedEntries}/${report.comparisons} trường hợp khớp hoàn toàn`} style={{ marginTop: 16 }}>
      <Space align="start" wrap size="large">
        <Table
          size="small"
          pagination={false}
          rowKey="userId"
          dataSource={report.byKeyer}
          columns={[
            { title: 'Người nhập', dataIndex: 'fullName' },
            { title: 'Số ô so sánh', dataIndex: 'compared', align: 'right' },
            { title: 'Số ô khớp', dataIndex: 'agreed', align: 'right' },
            { title: 'Tỷ lệ khớp', dataIndex: 'rate', align: 'right', render: percent },
          ]}
        />
        <Table
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowKey="field"
          dataSource={report.byField}
          columns={[
            { title: 'Ô', dataIndex: 'label' },
            { title: 'Số lần so sánh', dataIndex: 'compared', align: 'right' },
            { title: 'Tỷ lệ khớp', dataIndex: 'rate', align: 'right', render: percent },
          ]}
        />
      </Space>
    </Card>
  )
}

/** Double keying (issue 11): the disagreements waiting for an arbitrator, and the agreement rates. */
export function DoubleKeyingPage() {
  const list = useArbitrationList()
  const agreement = useAgreement()
  return (
    <>
      <Typography.Title level={3}>Đối chiếu nhập kép</Typography.Title>
      <Typography.Paragraph type="secondary">
        Các trường hợp hai người nhập độc lập có ô khác nhau. Xem trang sổ, chọn giá trị của lần nhập 1, lần nhập 2 hoặc nhập giá trị đúng; trường hợp chuyển sang &quot;Đã kiểm tra&quot;.
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      {list.isLoading && <Spin size="large" style={{ display: 'block', margin: 48 }} />}
      {list.data && list.data.length === 0 && <Empty description="Không có trường hợp nào chờ đối chiếu" />}
      {list.data?.map((item) => <ArbitrationCard key={item.entryId} item={item} />)}
      {agreement.data && agreement.data.comparisons > 0 && <AgreementCard report={agreement.data} />}
    </>
  )
}
