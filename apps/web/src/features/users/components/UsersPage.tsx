import { EditOutlined, KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd'
import { MANAGEABLE_ROLES, isRole } from '@hts/domain'
import type { TableColumnsType } from 'antd'
import { useState } from 'react'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useLockUser, useUnlockUser, useUsers, type UserView } from '../api'
import { ResetPasswordModal } from './ResetPasswordModal'
import { UserChangesCard } from './UserChangesCard'
import { UserFormModal } from './UserFormModal'

export function UsersPage() {
  const me = useCurrentUser()
  const users = useUsers()
  const lock = useLockUser()
  const unlock = useUnlockUser()
  const { message } = App.useApp()
  const [locking, setLocking] = useState<UserView | null>(null)
  const [reason, setReason] = useState('')
  const [form, setForm] = useState<{ editing: UserView | null } | null>(null)
  const [resetting, setResetting] = useState<UserView | null>(null)
  // Accounts of a role beyond one's own, and one's own, are not managed here (the server refuses them too).
  const manageable = (u: UserView) => u.id !== me.id && isRole(u.role) && MANAGEABLE_ROLES[me.role].includes(u.role)

  const onUnlock = (user: UserView) => {
    unlock.mutate(user.id, {
      onSuccess: () => void message.success(`Đã mở khóa tài khoản ${user.username}`),
      onError: (err) => void message.error(errorMessage(err)),
    })
  }

  const onConfirmLock = () => {
    if (!locking) return
    lock.mutate(
      { id: locking.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(`Đã khóa tài khoản ${locking.username}`)
          setLocking(null)
        },
      },
    )
  }

  const columns: TableColumnsType<UserView> = [
    { title: 'Tên đăng nhập', dataIndex: 'username' },
    { title: 'Họ và tên', dataIndex: 'fullName' },
    { title: 'Vai trò', dataIndex: 'roleLabel' },
    { title: 'Đơn vị', dataIndex: 'unitName' },
    { title: 'Đăng nhập gần nhất', dataIndex: 'lastLoginAt', render: (v: string | null | undefined) => formatDateTime(v) },
    {
      title: 'Trạng thái',
      key: 'locked',
      render: (_, u) => (
        <>
          {u.locked ? (
            <Tag color="red" title={u.lockedReason ?? undefined}>
              Đã khóa{u.lockedReason ? `: ${u.lockedReason}` : ''}
            </Tag>
          ) : (
            <Tag color="green">Đang hoạt động</Tag>
          )}
          {u.mustChangePassword && <Tag color="orange">Chờ đổi mật khẩu</Tag>}
        </>
      ),
    },
    {
      title: 'Thao tác',
      key: 'actions',
      render: (_, u) =>
        !manageable(u) ? null : (
          <Space size="small" wrap>
            <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ editing: u })}>
              Sửa
            </Button>
            <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
              Đặt lại mật khẩu
            </Button>
            {lockButton(u)}
          </Space>
        ),
    },
  ]

  function lockButton(u: UserView) {
    return u.locked ? (
      <Button size="small" icon={<UnlockOutlined />} onClick={() => onUnlock(u)} loading={unlock.isPending && unlock.variables === u.id}>
        Mở khóa
      </Button>
    ) : (
      <Button
        size="small"
        danger
        icon={<LockOutlined />}
        onClick={() => {
          lock.reset()
          setReason('')
          setLocking(u)
        }}
      >
        Khóa
      </Button>
    )
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Tài khoản
        </Typography.Title>
        {MANAGEABLE_ROLES[me.role].length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })}>
            Tạo tài khoản
          </Button>
        )}
      </Flex>
      {users.isError && <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} />}
      <Table<UserView> rowKey="id" columns={columns} dataSource={users.data ?? []} loading={users.isLoading} pagination={{ pageSize: 50 }} size="middle" />
      {hasPermission(me, 'audit.read') && <UserChangesCard />}
      <UserFormModal open={form !== null} editing={form?.editing ?? null} onClose={() => setForm(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <Modal
        open={locking !== null}
        title={locking ? `Khóa tài khoản ${locking.username} (${locking.fullName})` : ''}
        okText="Khóa tài khoản"
        cancelText="Hủy"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: lock.isPending }}
        onOk={onConfirmLock}
        onCancel={() => setLocking(null)}
      >
        <Typography.Paragraph>Tài khoản bị khóa không đăng nhập được nhưng vẫn được lưu lại để tra cứu lịch sử.</Typography.Paragraph>
        <label htmlFor="lockReason">Lý do khóa</label>
        <Input.TextArea
          id="lockReason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Ví dụ: nghỉ hưu, chuyển công tác"
          rows={3}
          maxLength={500}
        />
        {lock.isError && <Alert type="error" showIcon title={errorMessage(lock.error)} style={{ marginTop: 12 }} />}
      </Modal>
    </>
  )
}
