import { Alert, Empty, Spin, Table, Tag, Timeline, Typography } from 'antd'
import type { NoteEventView, RevisionView } from '@hts/domain'
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

function NoteEventItem({ event }: { event: NoteEventView }) {
  return (
    <div data-testid="note-event" data-event={event.event}>
      <Typography.Text strong>{event.eventLabel}</Typography.Text>: {event.kindLabel}
      {event.basis && <Typography.Text type="secondary"> ({event.basis})</Typography.Text>}{' '}
      <Typography.Text type="secondary">· {event.by?.name ?? 'Hệ thống'} · {formatDateTime(event.at)}</Typography.Text>
      {event.reason && <div>Lý do: {event.reason}</div>}
    </div>
  )
}

const timeOf = (at: string | Date) => new Date(at).getTime()

/** "Lịch sử": each revision with who, when, why, the status moved and the fields changed; the notes' events among them. */
export function EntryHistoryPanel({ entryId, version }: { entryId: string; version: number }) {
  const history = useEntryHistory(entryId, version)
  if (history.isError) return <Alert type="error" showIcon title="Không tải được lịch sử" description={errorMessage(history.error)} />
  if (!history.data) return <Spin />
  const { revisions, noteEvents } = history.data
  if (revisions.length === 0) return <Empty description="Chưa có lịch sử" />
  const items = [
    ...revisions.map((r) => ({ at: timeOf(r.changedAt), key: `r${r.version}`, content: <RevisionItem revision={r} /> })),
    ...noteEvents.map((e) => ({ at: timeOf(e.at), key: `n${e.noteId}${e.event}`, color: e.event === 'withdraw' ? 'gray' : 'green', content: <NoteEventItem event={e} /> })),
  ].sort((a, b) => b.at - a.at)
  return (
    <section aria-label="Lịch sử trường hợp">
      <Timeline items={items.map(({ at: _at, ...item }) => item)} />
    </section>
  )
}
