import { SearchOutlined } from '@ant-design/icons'
import { DUPLICATE_PAIR_STATUSES, getBookType, isBookTypeCode, type DuplicatePairStatus } from '@hts/domain'
import { Alert, App, Button, Card, Empty, Form, Pagination, Select, Space, Tabs, Tag, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { errorMessage } from '../../lib/http'
import { useJob } from '../../lib/useJob'
import { StatusTag } from '../entries/components/StatusTag'
import { useUnits } from '../units/api'
import { useDecide, useDuplicatePairs, useStartScan, type DuplicatePair } from './api'

const VERDICT_COLORS = { agree: 'green', weak: 'gold', differ: 'red' } as const

function PairEntry({ entry, kept }: { entry: DuplicatePair['entries'][number]; kept: boolean }) {
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/so/${entry.bookId}/truong-hop/${entry.id}`} target="_blank">
        Số {entry.so ?? '?'}{entry.registrationYear ? `/${entry.registrationYear}` : ''} · {entry.subjectName ?? 'không tên'}
      </Link>
      <Space size={4}>
        <Typography.Text type="secondary">quyển {entry.volume}</Typography.Text>
        <StatusTag status={entry.status} />
        {kept && <Tag color="green">Giữ lại</Tag>}
      </Space>
    </Space>
  )
}

function PairCard({ pair }: { pair: DuplicatePair }) {
  const { message } = App.useApp()
  const decide = useDecide()
  const [a, b] = pair.entries
  const run = (decision: Parameters<typeof decide.mutate>[0]['decision']) =>
    decide.mutate({ id: pair.id, decision }, { onError: (e) => void message.error(errorMessage(e)), onSuccess: () => void message.success('Đã ghi quyết định') })
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="duplicate-pair">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{isBookTypeCode(pair.bookType) ? getBookType(pair.bookType).label : pair.bookType} · {pair.unitName}</Typography.Text>
          {pair.sameNumber && <Tag color="orange">Trùng số trong năm</Tag>}
          {pair.sameEvent && <Tag color="red">Có thể cùng một sự kiện</Tag>}
        </Space>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
          <PairEntry entry={a} kept={pair.keptEntryId === a.id} />
          <PairEntry entry={b} kept={pair.keptEntryId === b.id} />
        </div>
        <Space wrap size={[4, 4]}>
          {pair.fields.map((f) => <Tag key={f.key} color={VERDICT_COLORS[f.verdict]}>{f.label}: {f.note}</Tag>)}
        </Space>
        {pair.status === 'open' ? (
          <Space wrap>
            <Button onClick={() => run({ decision: 'same', keepEntryId: a.id })} loading={decide.isPending}>Cùng một trường hợp: giữ bản thứ nhất</Button>
            <Button onClick={() => run({ decision: 'same', keepEntryId: b.id })} loading={decide.isPending}>Cùng một trường hợp: giữ bản thứ hai</Button>
            <Button onClick={() => run({ decision: 'different' })} loading={decide.isPending}>Khác người / khác sự kiện</Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{DUPLICATE_PAIR_STATUSES[pair.status]}{pair.decidedBy ? ` · ${pair.decidedBy}` : ''}</Typography.Text>
        )}
      </Space>
    </Card>
  )
}

/**
 * The duplicate review list of a unit (DOMAIN.md §10): a scan finds pairs with the same số in a year
 * or the same event keyed twice; the officer decides each once. The withdrawn entry is kept.
 */
export function DuplicatesPage() {
  const units = useUnits()
  const [unitId, setUnitId] = useState<string | undefined>()
  const [status, setStatus] = useState<DuplicatePairStatus>('open')
  const [page, setPage] = useState(1)
  const [jobId, setJobId] = useState<string | null>(null)
  const pairs = useDuplicatePairs(unitId, status, page)
  const start = useStartScan()
  const job = useJob(jobId)
  // Unit names already say their level ("Xã An Phú").
  const unitOptions = (units.data ?? []).filter((u) => u.current !== false).map((u) => ({ value: u.id, label: u.name }))
  const running = Boolean(jobId) && !['succeeded', 'failed', 'cancelled'].includes(job.data?.status ?? '')
  const result = job.data?.status === 'succeeded' ? job.data.result : undefined
  const queryClient = useQueryClient()
  // The list as the finished scan left it.
  useEffect(() => {
    if (result) void queryClient.invalidateQueries({ queryKey: ['duplicates'] })
  }, [result, queryClient])

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>Trùng lặp trong sổ hộ tịch</Typography.Title>
      <Form layout="inline">
        <Form.Item label="Đơn vị" htmlFor="dupUnit">
          <Select id="dupUnit" showSearch={{ optionFilterProp: 'label' }} allowClear placeholder="Mọi đơn vị trong phạm vi" style={{ width: 280 }} options={unitOptions} value={unitId} onChange={(v?: string) => { setUnitId(v); setPage(1) }} />
        </Form.Item>
        <Button
          icon={<SearchOutlined />}
          disabled={!unitId || running}
          loading={start.isPending || running}
          onClick={() => unitId && start.mutate({ unitId }, { onSuccess: (r) => setJobId(r.jobId) })}
        >
          Rà soát trùng lặp của đơn vị
        </Button>
      </Form>
      {!unitId && <Typography.Text type="secondary">Chọn một đơn vị để rà soát; danh sách bên dưới gồm mọi đơn vị trong phạm vi của bạn.</Typography.Text>}
      {start.isError && <Alert type="error" showIcon title={errorMessage(start.error)} />}
      {running && <Alert type="info" showIcon title={`Đang rà soát${job.data?.progress.stage ? ` (bước ${String(job.data.progress.stage)})` : ''}...`} />}
      {job.data?.status === 'failed' && <Alert type="error" showIcon title={job.data.error ?? 'Rà soát không thành công'} />}
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="scan-result"
          title={`Đã rà soát: ${String(result.pairs ?? 0)} cặp (mới ${String(result.added ?? 0)}), trong đó ${String(result.sameNumber ?? 0)} cặp trùng số, ${String(result.sameEvent ?? 0)} cặp có thể cùng một sự kiện.`}
        />
      )}
      <Tabs
        activeKey={status}
        onChange={(k) => { setStatus(k as DuplicatePairStatus); setPage(1) }}
        items={(Object.keys(DUPLICATE_PAIR_STATUSES) as DuplicatePairStatus[]).map((k) => ({ key: k, label: DUPLICATE_PAIR_STATUSES[k] }))}
      />
      {pairs.isError && <Alert type="error" showIcon title={errorMessage(pairs.error)} />}
      {pairs.data && pairs.data.items.length === 0 && <Empty description="Không có cặp nào" />}
      {pairs.data?.items.map((pair) => <PairCard key={pair.id} pair={pair} />)}
      {pairs.data && pairs.data.total > pairs.data.pageSize && (
        <Pagination current={page} pageSize={pairs.data.pageSize} total={pairs.data.total} onChange={setPage} showSizeChanger={false} />
      )}
    </Space>
  )
}
