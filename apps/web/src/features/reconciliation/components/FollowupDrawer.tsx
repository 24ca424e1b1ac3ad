import { App, Button, Descriptions, Drawer, Input, Space, Table, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useAddNote, useAssign, useFollowup, useTransition } from '../followups-api'

/** One case of the follow-up list: what differs, its history, and the next steps. */
export function FollowupDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const item = useFollowup(id)
  const transition = useTransition()
  const assign = useAssign()
  const addNote = useAddNote()
  const [note, setNote] = useState('')
  const canManage = hasPermission(me, 'followup.manage')
  const fail = (err: unknown) => void message.error(errorMessage(err))
  const data = item.data

  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={760} title={data ? `${data.subjectName ?? ''} · ${data.book} số ${data.so ?? ''}` : 'Trường hợp theo dõi'}>
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="Trạng thái"><Tag>{data.statusLabel}</Tag></Descriptions.Item>
            <Descriptions.Item label="Người phụ trách">{data.assigneeName ?? '(chưa giao)'}</Descriptions.Item>
            <Descriptions.Item label="Số định danh">{data.personalId ?? ''}</Descriptions.Item>
            <Descriptions.Item label="Đơn vị">{data.unitName}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={data.differences}
            columns={[
              { title: 'Thông tin khác nhau', dataIndex: 'label' },
              { title: 'Trong sổ', dataIndex: 'book' },
              { title: 'Trong CSDL dân cư', dataIndex: 'population' },
              { title: 'Mức khác', dataIndex: 'levelLabel' },
            ]}
          />
          {canManage && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={2} placeholder="Ghi chú (kết quả xác minh, hẹn công dân...)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
              <Space wrap>
                {data.nextStatuses.map((s) => (
                  <Button key={s.status} type={s.status.startsWith('resolved') ? 'primary' : 'default'} loading={transition.isPending}
                    onClick={() => transition.mutate({ id: data.id, status: s.status, ...(note ? { note } : {}), version: data.version }, { onSuccess: () => setNote(''), onError: fail })}>
                    {s.label}
                  </Button>
                ))}
                <Button disabled={!note} loading={addNote.isPending} onClick={() => addNote.mutate({ id: data.id, text: note }, { onSuccess: () => setNote(''), onError: fail })}>Thêm ghi chú</Button>
                {data.assigneeId !== me.id && (
                  <Button loading={assign.isPending} onClick={() => assign.mutate({ id: data.id, assigneeId: me.id, version: data.version }, { onError: fail })}>Giao cho tôi</Button>
                )}
              </Space>
            </Space>
          )}
          <Typography.Title level={5}>Lịch sử</Typography.Title>
          <Timeline
            items={data.notes.map((n) => ({
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{n.text}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.authorName ?? ''} · {formatDateTime(n.createdAt)}</Typography.Text>
                </Space>
              ),
            }))}
          />
        </Space>
      )}
    </Drawer>
  )
}
