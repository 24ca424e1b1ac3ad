import { Button, Result, Spin } from 'antd'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { CHANGE_PASSWORD_PATH, useMe } from '../features/auth/api'
import { CurrentUserProvider } from '../features/auth/currentUser'
import { errorMessage } from '../lib/http'

export function RequireAuth() {
  const me = useMe()
  const location = useLocation()

  if (me.isPending) {
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" aria-label="Đang tải" />
      </div>
    )
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title="Không tải được thông tin tài khoản"
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>Thử lại</Button>}
      />
    )
  }
  if (!me.data) {
    const next = location.pathname + location.search
    return <Navigate to={`/dang-nhap?next=${encodeURIComponent(next)}`} replace />
  }
  // A temporary password (created or reset by an administrator): the change first, nothing else.
  if (me.data.passwordChangeRequired && location.pathname !== CHANGE_PASSWORD_PATH) return <Navigate to={CHANGE_PASSWORD_PATH} replace />
  return (
    <CurrentUserProvider user={me.data}>
      <Outlet />
    </CurrentUserProvider>
  )
}
