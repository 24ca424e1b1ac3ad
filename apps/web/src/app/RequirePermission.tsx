import { Button, Result } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { hasPermission } from '../features/auth/api'
import { homePathOf, useCurrentUser } from '../features/auth/currentUser'

/** The server refuses anyway; this only spares the user a screen full of 403 errors. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useCurrentUser()
  if (hasPermission(me, permission)) return children
  return (
    <Result
      status="403"
      title="Không có quyền truy cập"
      subTitle={`Vai trò "${me.roleLabel}" không được mở trang này.`}
      extra={
        <Link to={homePathOf(me)}>
          <Button type="primary">Về trang chính</Button>
        </Link>
      }
    />
  )
}
