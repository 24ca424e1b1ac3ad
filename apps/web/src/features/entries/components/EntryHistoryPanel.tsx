import { Alert, Empty, Spin, Table, Tag, Timeline, Typography } from 'antd'
import type { RevisionView } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { formatDateTime } from '../../../lib/format'
import { useEntryHistory } from '../history-api'

const cell = (value: string | null) => (value === null ? <Typography.Text type="secondary">(trống)</Typography.Text> : value)

function RevisionItem({ revision }: { revision: RevisionView }) {
  const { transition } = revision
  return (
    <div data-testid={`revision-${revision.version}`}>
      <Typography.Text strong>{revision.changeLabel}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        · lần {revision.version} · {revision.changedBy?.name ?? 'Hệ thống'} · {formatDateTime(revision.changedAt)}
      </Typography.Text>
      {transition && (
        <div>
          {transition.fromLabel ? <><Tag>{transition.fromLabel}</Tag>→ </> : null}
          <Tag color="blue">{transition.toLabel}</Tag>
        </div>
      )}
      {revision.reason && <div>Lý do: {revision.reason}</div>}
      {revision.changes.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          style={{ marginTop: 4 }}
          dataSource={revision.changes}
          columns={[
            { title: 'Trường', dataIndex: 'label' },
            { title: 'Trước', dataIndex: 'before', render: cell },
            { title: 'Sau', dataIndex: 'after', render: cell },
          ]}
        />
      )}
    </div>
  )
}

/** "Lịch sử": each revision with who, when, why, the status moved and the fields changed. */
export function EntryHistoryPanel({ entryId, version }: { entryId: string; version: number }) {
  const history = useEntryHistory(entryId, version)
  if (history.isError) return <Alert type="error" showIcon title="Không tải được lịch sử" description={errorMessage(history.error)} />
  if (!history.data) return <Spin />
  if (history.data.revisions.length === 0) return <Empty description="Chưa có lịch sử" />
  return (
    <section aria-label="Lịch sử trường hợp">
      <Timeline items={history.data.revisions.map((r) => ({ key: r.version, content: <RevisionItem revision={r} /> }))} />
    </section>
  )
}
