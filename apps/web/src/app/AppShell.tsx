import { BookOutlined, LogoutOutlined, TeamOutlined } from '@ant-design/icons'
import { App, Button, Layout, Menu, Space, Typography } from 'antd'
import type { MenuProps } from 'antd'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { hasPermission, useLogout } from '../features/auth/api'
import { useCurrentUser } from '../features/auth/currentUser'
import { errorMessage } from '../lib/http'

const { Header, Sider, Content } = Layout

function selectedMenuKey(pathname: string): string {
  if (pathname.startsWith('/tai-khoan')) return '/tai-khoan'
  return '/so'
}

export function AppShell() {
  const me = useCurrentUser()
  const logout = useLogout()
  const navigate = useNavigate()
  const location = useLocation()
  const { message } = App.useApp()

  const items: MenuProps['items'] = [
    ...(hasPermission(me, 'book.read') ? [{ key: '/so', icon: <BookOutlined />, label: 'Sổ hộ tịch' }] : []),
    ...(hasPermission(me, 'user.manage') ? [{ key: '/tai-khoan', icon: <TeamOutlined />, label: 'Tài khoản' }] : []),
  ]

  const onLogout = () => {
    logout.mutate(undefined, { onError: (err) => void message.error(errorMessage(err)) })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, paddingInline: 20, background: '#7f1d1d' }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 20, whiteSpace: 'nowrap' }}>
          Hộ Tịch Số
        </Typography.Text>
        <Space size="middle" style={{ color: '#fff', minWidth: 0 }}>
          <div style={{ lineHeight: 1.3, textAlign: 'right' }} data-testid="current-user">
            <div style={{ fontWeight: 600 }}>{me.fullName}</div>
            <div style={{ fontSize: 12, opacity: 0.85 }}>
              {me.roleLabel} · {me.unit.name}
            </div>
          </div>
          <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending} ghost>
            Đăng xuất
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label="Menu chính">
            <Menu
              mode="inline"
              selectedKeys={[selectedMenuKey(location.pathname)]}
              items={items}
              onClick={({ key }) => navigate(key)}
              style={{ height: '100%', borderInlineEnd: 0 }}
            />
          </nav>
        </Sider>
        <Content style={{ padding: 20, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  )
}
