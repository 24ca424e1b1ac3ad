import { Button, Result, Spin } from 'antd'
import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { useMe } from '../features/auth/api'
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
  return (
    <CurrentUserProvider user={me.data}>
      <Outlet />
    </CurrentUserProvider>
  )
}
