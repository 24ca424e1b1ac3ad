import { Alert, Card, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import type { UserChange } from '@hts/domain'
import { formatDateTime } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useUserChanges } from '../api'

type State = UserChange['after']

function describe(state: State): string {
  return state ? `${state.roleLabel} — ${state.unitName ?? state.unitId}` : '—'
}

/**
 * Account changes as the audit trail recorded them, for the province's officers: an administrator who
 * gives an account access to citizens' data (created, promoted, moved, password reset) is visible here.
 */
export function UserChangesCard() {
  const changes = useUserChanges(true)
  const columns: TableColumnsType<UserChange> = [
    { title: 'Thời điểm', dataIndex: 'occurredAt', width: 160, render: (value: string) => formatDateTime(value) },
    { title: 'Người thực hiện', key: 'actor', render: (_, c) => (c.actor ? `${c.actor.fullName} (${c.actor.username})` : 'Hệ thống') },
    { title: 'Thao tác', dataIndex: 'actionLabel', width: 150 },
    { title: 'Tài khoản', key: 'account', render: (_, c) => (c.account ? `${c.account.fullName} (${c.account.username})` : '—') },
    { title: 'Trước', key: 'before', render: (_, c) => describe(c.before) },
    { title: 'Sau', key: 'after', render: (_, c) => describe(c.after) },
    { title: 'Lý do', dataIndex: 'reason', render: (value: string | null) => value ?? '' },
    {
      title: 'Lưu ý',
      key: 'flag',
      width: 150,
      render: (_, c) => (c.readsCitizenData ? <Tag color="orange">Được xem dữ liệu công dân</Tag> : null),
    },
  ]
  return (
    <Card title="Thay đổi tài khoản gần đây" style={{ marginTop: 24 }} data-testid="user-changes">
      <Typography.Paragraph type="secondary">
        Mọi lần tạo tài khoản, đổi vai trò hoặc đơn vị, khóa, mở khóa và đặt lại mật khẩu đều được ghi nhật ký. Dòng có
        nhãn cam là thay đổi cho phép tài khoản xem dữ liệu công dân.
      </Typography.Paragraph>
      {changes.isError && <Alert type="error" showIcon title={errorMessage(changes.error)} style={{ marginBottom: 16 }} />}
      <Table<UserChange> rowKey="id" size="small" columns={columns} dataSource={changes.data ?? []} loading={changes.isLoading} pagination={{ pageSize: 20 }} />
    </Card>
  )
}
