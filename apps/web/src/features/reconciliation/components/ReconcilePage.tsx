import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons'
import { MATCH_OUTCOMES } from '@hts/domain'
import { Alert, App, Button, Card, Progress, Select, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useBooks } from '../../books/api'
import { errorMessage } from '../../../lib/http'
import { download, useConfirmMatches, useJob, useResults, useStartBatch, type Result } from '../api'
import { OUTCOME_COLOR, ResultReview } from './ResultReview'

const OUTCOMES = Object.entries(MATCH_OUTCOMES).map(([value, label]) => ({ value, label }))

/** Reconcile a book in one action, then review the proposals with their explanations. */
export function ReconcilePage() {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const [params, setParams] = useSearchParams()
  const bookId = params.get('bookId') ?? undefined
  const [outcome, setOutcome] = useState<string>()
  const [decision, setDecision] = useState<string | undefined>('pending')
  const [page, setPage] = useState(1)
  // A batch started elsewhere (the book page) is followed here.
  const [jobId, setJobId] = useState<string | undefined>(() => params.get('jobId') ?? undefined)
  const books = useBooks({ page: 1, pageSize: 200 })
  const results = useResults({ bookId, outcome, decision, page, pageSize: 20 })
  const start = useStartBatch()
  const confirm = useConfirmMatches()
  const job = useJob(jobId)
  const running = job.data && !['succeeded', 'failed', 'cancelled'].includes(job.data.status)

  useEffect(() => {
    if (job.data?.status === 'succeeded') void results.refetch()
    // Refresh once when the job ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.data?.status])

  const count = (o: string, d?: string) => (results.data?.counts ?? []).filter((c) => c.outcome === o && (!d || c.decision === d)).reduce((s, c) => s + c.n, 0)
  const progress = job.data?.progress ?? {}
  const total = Number(progress.total ?? 0)
  const done = Number(progress.done ?? 0)

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title="Đối chiếu với CSDL dân cư">
        <Space wrap>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 360 }}
            placeholder="Chọn sổ cần đối chiếu"
            value={bookId}
            loading={books.isLoading}
            onChange={(id: string) => (setParams({ bookId: id }), setPage(1), setJobId(undefined))}
            options={(books.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.bookType} ${b.volume} (${b.year}) · ${b.custodianUnitName ?? ''} · ${b.entryCount} trường hợp` }))}
          />
          {hasPermission(me, 'reconcile.run') && (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={!bookId || Boolean(running)}
              loading={start.isPending}
              onClick={() => bookId && start.mutate(bookId, { onSuccess: (j) => setJobId(j.id), onError: (err) => void message.error(errorMessage(err)) })}
            >
              Đối chiếu
            </Button>
          )}
          {bookId && hasPermission(me, 'reconcile.decide') && count('match', 'pending') > 0 && (
            <Button
              loading={confirm.isPending}
              onClick={() => confirm.mutate(bookId, {
                onSuccess: (r) => void message.success(`Đã xác nhận ${r.confirmed} đề xuất khớp${r.failed.length > 0 ? `; ${r.failed.length} chưa xác nhận được: ${r.failed[0]?.message}` : ''}`),
                onError: (err) => void message.error(errorMessage(err)),
              })}
            >
              Xác nhận tất cả {count('match', 'pending')} đề xuất khớp
            </Button>
          )}
          {bookId && (
            <Button icon={<DownloadOutlined />} onClick={() => download('/api/reconciliation/not-found.xlsx', { bookId, includePending: 'true' }, 'khong-co-trong-csdl-dan-cu.xlsx').catch((err) => void message.error(errorMessage(err)))}>
              Xuất danh sách không có trong CSDL dân cư
            </Button>
          )}
        </Space>
        {jobId && job.data && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text>{job.data.statusLabel}: {done} / {total} trường hợp</Typography.Text>
            <Progress percent={total > 0 ? Math.round((100 * done) / total) : job.data.status === 'succeeded' ? 100 : 0} status={job.data.status === 'failed' ? 'exception' : running ? 'active' : 'success'} />
            {job.data.error && <Alert type="error" message={job.data.error} />}
          </div>
        )}
        {bookId && (
          <Space size="large" style={{ marginTop: 16 }} wrap>
            {OUTCOMES.map((o) => <Statistic key={o.value} title={o.label} value={count(o.value)} />)}
          </Space>
        )}
      </Card>

      {bookId && (
        <Card title="Đề xuất cần xem xét">
          <Space wrap style={{ marginBottom: 12 }}>
            <Select allowClear style={{ width: 240 }} placeholder="Mọi kết quả" value={outcome} options={OUTCOMES} onChange={(v: string | undefined) => (setOutcome(v), setPage(1))} />
            <Select allowClear style={{ width: 200 }} placeholder="Mọi quyết định" value={decision} onChange={(v: string | undefined) => (setDecision(v), setPage(1))}
              options={[{ value: 'pending', label: 'Chờ xác nhận' }, { value: 'confirmed', label: 'Đã xác nhận' }, { value: 'overridden', label: 'Quyết định khác' }]} />
          </Space>
          <Table<Result>
            rowKey="id"
            loading={results.isFetching}
            dataSource={results.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: results.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            expandable={{ expandedRowRender: (r) => <ResultReview result={r} canDecide={hasPermission(me, 'reconcile.decide')} /> }}
            columns={[
              { title: 'Số', dataIndex: 'so', width: 70 },
              { title: 'Họ tên trong sổ', dataIndex: 'subjectName' },
              { title: 'Kết quả', render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{r.outcomeLabel}</Tag> },
              { title: 'Khác nhau', render: (_, r) => r.differences.map((d) => d.label).join(', ') },
              { title: 'Xác suất', dataIndex: 'probability', render: (p: number | null) => (p === null || p === undefined ? '' : `${(p * 100).toFixed(1)}%`) },
              { title: 'Quyết định', render: (_, r) => r.decisionLabel },
            ]}
          />
        </Card>
      )}
    </Space>
  )
}
