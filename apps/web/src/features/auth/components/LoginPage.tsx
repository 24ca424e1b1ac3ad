import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { useState } from 'react'
import { clearSessionEndedMessage, errorMessage, sessionEndedMessage } from '../../../lib/http'
import { useLogin, useMe, type LoginInput } from '../api'

/** Only paths inside the app are followed after login (no open redirect); otherwise the user's home. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/dang-nhap') ? next : '/'
}

export function LoginPage() {
  const me = useMe()
  const login = useLogin()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  // A session ended by the server (idle too long, past its lifetime) says so here until the next login.
  const [ended] = useState(sessionEndedMessage)

  if (me.data) return <Navigate to={next} replace />

  const onFinish = (values: LoginInput) => {
    login.mutate(values, {
      onSuccess: () => {
        clearSessionEndedMessage()
        navigate(next, { replace: true })
      },
    })
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4, color: '#b91c1c' }}>
          Hộ Tịch Số
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Số hóa sổ hộ tịch
        </Typography.Paragraph>
        {ended && !login.isError && (
          <Alert role="status" type="warning" showIcon title={ended} style={{ marginBottom: 16 }} data-testid="session-ended" />
        )}
        {login.isError && (
          <Alert role="alert" type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />
        )}
        <Form<LoginInput> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Chưa nhập tên đăng nhập' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Chưa nhập mật khẩu' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  )
}
