import { AuditOutlined, BookOutlined, CheckSquareOutlined, CopyOutlined, DiffOutlined, DatabaseOutlined, EditOutlined, FileExcelOutlined, FileSearchOutlined, LogoutOutlined, SlidersOutlined, TeamOutlined } from '@ant-design/icons'
import { CloudServerOutlined, DesktopOutlined, HistoryOutlined, KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { CarryOutOutlined, DashboardOutlined, FileDoneOutlined, FlagOutlined, ProfileOutlined } from '@ant-design/icons'
import { App, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd'
import type { MenuProps } from 'antd'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { CHANGE_PASSWORD_PATH, hasPermission, useLogout } from '../features/auth/api'
import { homePathOf, useCurrentUser } from '../features/auth/currentUser'
import { BackupWarning } from '../features/backups/components/BackupWarning'
import { ReportReminder } from '../features/reports/components/ReportReminder'
import { SESSIONS_PATH } from '../features/sessions/api'
import { HeaderSearch } from '../features/search/components/HeaderSearch'
import { errorMessage } from '../lib/http'

const { Header, Sider, Content } = Layout

function selectedMenuKey(pathname: string): string {
  if (pathname.startsWith('/doi-chieu-nhap-kep')) return '/doi-chieu-nhap-kep'
  for (const key of ['/dan-cu', '/doi-chieu', '/theo-doi', '/nguong-doi-chieu']) if (pathname.startsWith(key)) return key
  if (pathname.startsWith('/nhap-excel')) return '/nhap-excel'
  if (pathname.startsWith('/tai-khoan')) return '/tai-khoan'
  if (pathname.startsWith('/nhat-ky')) return '/nhat-ky'
  if (pathname.startsWith('/sao-luu')) return '/sao-luu'
  if (pathname.startsWith('/nhap-lieu') || pathname.endsWith('/sua-lai')) return '/nhap-lieu'
  if (pathname.startsWith('/kiem-tra')) return '/kiem-tra'
  if (pathname.startsWith('/nghiem-thu')) return '/nghiem-thu'
  for (const key of ['/tien-do', '/bao-cao-tuan', '/chien-dich', '/ke-hoach', '/kiem-ke']) if (pathname.startsWith(key)) return key
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
    ...(hasPermission(me, 'entry.create') ? [{ key: '/nhap-lieu', icon: <EditOutlined />, label: 'Sổ được giao' }] : []),
    ...(hasPermission(me, 'entry.review') ? [{ key: '/kiem-tra', icon: <CheckSquareOutlined />, label: 'Kiểm tra' }, { key: '/trung-lap', icon: <CopyOutlined />, label: 'Trùng lặp' }, { key: '/doi-chieu-nhap-kep', icon: <DiffOutlined />, label: 'Đối chiếu nhập kép' }] : []),
    // The campaign (issue 13): phases, the unit's plan, the book inventory.
    ...(hasPermission(me, 'campaign.read') ? [{ key: '/tien-do', icon: <DashboardOutlined />, label: 'Tiến độ' }, { key: '/bao-cao-tuan', icon: <FileDoneOutlined />, label: 'Báo cáo tuần' }, { key: '/chien-dich', icon: <FlagOutlined />, label: 'Chiến dịch' }, { key: '/ke-hoach', icon: <CarryOutOutlined />, label: 'Kế hoạch' }, { key: '/kiem-ke', icon: <ProfileOutlined />, label: 'Kiểm kê sổ' }] : []),
    ...(hasPermission(me, 'acceptance.read') ? [{ key: '/nghiem-thu', icon: <SafetyCertificateOutlined />, label: 'Nghiệm thu' }] : []),
    ...(hasPermission(me, 'population.read') ? [{ key: '/dan-cu', icon: <DatabaseOutlined />, label: 'Dữ liệu dân cư' }, { key: '/doi-chieu', icon: <FileSearchOutlined />, label: 'Đối chiếu dân cư' }, { key: '/theo-doi', icon: <AuditOutlined />, label: 'Theo dõi riêng' }] : []),
    ...(hasPermission(me, 'reconcile.settings') ? [{ key: '/nguong-doi-chieu', icon: <SlidersOutlined />, label: 'Ngưỡng đối chiếu' }] : []),
    ...(hasPermission(me, 'import.run') || hasPermission(me, 'export.run') ? [{ key: '/nhap-excel', icon: <FileExcelOutlined />, label: 'Nhập, xuất Excel' }] : []),
    ...(hasPermission(me, 'user.manage') ? [{ key: '/tai-khoan', icon: <TeamOutlined />, label: 'Tài khoản' }] : []),
    ...(hasPermission(me, 'audit.read') ? [{ key: '/nhat-ky', icon: <HistoryOutlined />, label: 'Nhật ký truy cập' }] : []),
    ...(hasPermission(me, 'backup.run') ? [{ key: '/sao-luu', icon: <CloudServerOutlined />, label: 'Sao lưu' }] : []),
  ]

  // The user menu (under the name): one's own account.
  const userMenu: MenuProps['items'] = [
    { key: CHANGE_PASSWORD_PATH, icon: <KeyOutlined />, label: 'Đổi mật khẩu' },
    { key: SESSIONS_PATH, icon: <DesktopOutlined />, label: 'Phiên đăng nhập' },
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
        {hasPermission(me, 'entry.read') && <HeaderSearch />}
        <Space size="middle" style={{ color: '#fff', minWidth: 0 }}>
          <Dropdown menu={{ items: userMenu, onClick: ({ key }) => navigate(key) }} trigger={['click']}>
            <button type="button" aria-label="Tài khoản của tôi" style={{ all: 'unset', cursor: 'pointer', lineHeight: 1.3, textAlign: 'right' }} data-testid="current-user">
              <div style={{ fontWeight: 600 }}>{me.fullName}</div>
              <div style={{ fontSize: 12, opacity: 0.85 }}>
                {me.roleLabel} · {me.unit.name}
              </div>
            </button>
          </Dropdown>
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
          {location.pathname === homePathOf(me) && <BackupWarning />}
          {(location.pathname === homePathOf(me) || location.pathname === '/tien-do') && <ReportReminder />}
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  )
}
