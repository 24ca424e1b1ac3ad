import { LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import { errorMessage, HttpError } from '../../../lib/http'
import { useChangePassword, useLogout } from '../api'
import { useCurrentUser } from '../currentUser'
import { PasswordStrength } from './PasswordStrength'

interface ChangePasswordForm {
  currentPassword: string
  newPassword: string
  repeat: string
}

/**
 * /doi-mat-khau: one's own password. An account with a temporary password (created or reset by an
 * administrator, the first administrator's one-time password) is sent here and nowhere else until done.
 */
export function ChangePasswordPage() {
  const me = useCurrentUser()
  const change = useChangePassword()
  const logout = useLogout()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [form] = Form.useForm<ChangePasswordForm>()
  const newPassword = Form.useWatch('newPassword', form) ?? ''
  const forced = me.passwordChangeRequired === true

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.')
          navigate('/', { replace: true })
        },
        onError: (err) => {
          const fields = err instanceof HttpError ? err.body.fieldErrors ?? {} : {}
          form.setFields(
            (['currentPassword', 'newPassword'] as const).flatMap((name) => (fields[name] ? [{ name, errors: [fields[name]] }] : [])),
          )
        },
      },
    )
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          Đổi mật khẩu
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.fullName} ({me.username}) · {me.unit.name}
        </Typography.Paragraph>
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="Bạn đang dùng mật khẩu tạm thời do quản trị cấp. Hãy đặt mật khẩu của riêng mình trước khi làm việc."
          />
        )}
        {change.isError && <Alert role="alert" type="error" showIcon title={errorMessage(change.error)} style={{ marginBottom: 16 }} />}
        <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={change.isPending}>
          <Form.Item label="Mật khẩu hiện tại" name="currentPassword" rules={[{ required: true, message: 'Chưa nhập mật khẩu hiện tại' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label="Mật khẩu mới"
            name="newPassword"
            extra="Ít nhất 10 ký tự, không chứa tên đăng nhập, họ tên hay tên đơn vị; nên ghép 3-4 từ không liên quan với nhau."
            rules={[{ required: true, message: 'Chưa nhập mật khẩu mới' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <PasswordStrength password={newPassword} context={{ username: me.username, fullName: me.fullName, unitName: me.unit.name }} />
          <Form.Item
            label="Nhập lại mật khẩu mới"
            name="repeat"
            dependencies={['newPassword']}
            style={{ marginTop: 16 }}
            rules={[
              { required: true, message: 'Nhập lại mật khẩu mới' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('Hai lần nhập mật khẩu mới chưa giống nhau')),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              Đổi mật khẩu
            </Button>
            {forced ? (
              <Button onClick={() => logout.mutate()} loading={logout.isPending}>
                Đăng xuất
              </Button>
            ) : (
              <Button onClick={() => navigate(-1)}>Quay lại</Button>
            )}
          </Space>
        </Form>
      </Card>
    </main>
  )
}
