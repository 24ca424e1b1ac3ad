import { Alert, App, Form, Input, Modal, Typography } from 'antd'
import { useEffect } from 'react'
import { errorMessage } from '../../../lib/http'
import { PasswordStrength } from '../../auth/components/PasswordStrength'
import { useResetPassword, type UserView } from '../api'

/**
 * The administrator types a temporary password for an account: it is never shown again, the account's
 * open sessions end and its owner must change it at the next login. The server's check decides.
 */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const reset = useResetPassword()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ password: string }>()
  const password = Form.useWatch('password', form) ?? ''
  const { reset: clearResult } = reset
  useEffect(() => {
    if (user) clearResult()
  }, [user, clearResult])

  const onFinish = ({ password }: { password: string }) => {
    if (!user) return
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          void message.success(`Đã đặt lại mật khẩu cho ${user.username}. Người dùng phải đổi mật khẩu ở lần đăng nhập tiếp theo.`)
          onClose()
        },
      },
    )
  }

  return (
    <Modal
      open={user !== null}
      title={user ? `Đặt lại mật khẩu: ${user.username} (${user.fullName})` : ''}
      okText="Đặt lại mật khẩu"
      cancelText="Hủy"
      okButtonProps={{ loading: reset.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        Nhập một mật khẩu tạm thời và đưa trực tiếp cho người dùng. Các phiên đăng nhập đang mở của tài khoản sẽ kết thúc, và người dùng phải
        đổi mật khẩu ở lần đăng nhập tiếp theo. Mật khẩu không được lưu lại để xem.
      </Typography.Paragraph>
      {reset.isError && <Alert role="alert" type="error" showIcon title={errorMessage(reset.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} key={user?.id ?? 'none'} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={reset.isPending}>
        <Form.Item label="Mật khẩu tạm thời" name="password" rules={[{ required: true, message: 'Chưa nhập mật khẩu tạm thời' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {user && <PasswordStrength password={password} context={{ username: user.username, fullName: user.fullName, unitName: user.unitName }} />}
      </Form>
    </Modal>
  )
}
