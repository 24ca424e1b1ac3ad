import { LogoutOutlined } from '@ant-design/icons'
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useEndOtherSessions, useEndSession, useSessions, type SessionView } from '../api'

/** "Phiên đăng nhập": where the user is signed in, and ending the sessions left open elsewhere. */
export function SessionsPage() {
  const sessions = useSessions()
  const endOne = useEndSession()
  const endOthers = useEndOtherSessions()
  const { message } = App.useApp()
  const items = sessions.data?.items ?? []
  const others = items.filter((s) => !s.current).length

  const onEndOne = (session: SessionView) => {
    endOne.mutate(session.id, {
      onSuccess: () => void message.success('Đã đăng xuất phiên này'),
      onError: (err) => void message.error(errorMessage(err)),
    })
  }

  const onEndOthers = () => {
    endOthers.mutate(undefined, {
      onSuccess: ({ ended }) => void message.success(ended > 0 ? `Đã đăng xuất ${ended} phiên khác` : 'Không còn phiên nào khác'),
      onError: (err) => void message.error(errorMessage(err)),
    })
  }

  const columns: TableColumnsType<SessionView> = [
    {
      title: 'Trình duyệt',
      key: 'browser',
      render: (_, s) => (
        <Space>
          <span>{s.browser ?? 'Không rõ'}</span>
          {s.current && <Tag color="green">Phiên này</Tag>}
        </Space>
      ),
    },
    { title: 'Địa chỉ', dataIndex: 'ip', render: (v: string | null) => v ?? 'Không rõ' },
    { title: 'Đăng nhập lúc', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: 'Hoạt động gần nhất', dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
    {
      title: 'Thao tác',
      key: 'actions',
      render: (_, s) =>
        s.current ? null : (
          <Button size="small" icon={<LogoutOutlined />} loading={endOne.isPending && endOne.variables === s.id} onClick={() => onEndOne(s)}>
            Đăng xuất phiên này
          </Button>
        ),
    },
  ]

  return (
    <>
      <Typography.Title level={3}>Phiên đăng nhập</Typography.Title>
      <Typography.Paragraph type="secondary">
        Những nơi tài khoản của bạn đang đăng nhập.
        {sessions.data &&
          ` Một phiên tự kết thúc sau ${sessions.data.idleMinutes} phút không hoạt động và chậm nhất ${sessions.data.lifetimeHours} giờ sau khi đăng nhập.`}{' '}
        Nếu thấy phiên lạ, hãy đăng xuất phiên đó và đổi mật khẩu.
      </Typography.Paragraph>
      {sessions.isError && <Alert type="error" showIcon title={errorMessage(sessions.error)} style={{ marginBottom: 16 }} />}
      <Space style={{ marginBottom: 16 }}>
        <Popconfirm
          title="Đăng xuất mọi phiên khác?"
          description="Chỉ phiên đang dùng trên trình duyệt này còn lại."
          okText="Đăng xuất"
          cancelText="Hủy"
          onConfirm={onEndOthers}
          disabled={others === 0}
        >
          <Button danger icon={<LogoutOutlined />} disabled={others === 0} loading={endOthers.isPending}>
            Đăng xuất các phiên khác
          </Button>
        </Popconfirm>
      </Space>
      <Table<SessionView> rowKey="id" columns={columns} dataSource={items} loading={sessions.isPending} pagination={false} />
    </>
  )
}
