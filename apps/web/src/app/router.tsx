import type { ReactElement } from 'react'
import { createBrowserRouter } from 'react-router-dom'
import { CHANGE_PASSWORD_PATH, meQueryKey } from '../features/auth/api'
import { LoginPage } from '../features/auth/components/LoginPage'
import { SESSIONS_PATH } from '../features/sessions/api'
import { setUnauthorizedHandler } from '../lib/http'
import { HomeRedirect } from './HomeRedirect'
import { lazyPage } from './lazyPage'
import { NotFoundPage } from './NotFoundPage'
import { queryClient } from './queryClient'
import { RequireAuth } from './RequireAuth'
import { RequirePermission } from './RequirePermission'

// Every page but the login is loaded when first shown (its own file), the shell (menu, layout) too:
// the login page stays small (docs/PERFORMANCE.md, bundle sizes).
const AppShell = lazyPage(() => import('./AppShell').then((m) => m.AppShell))
const BookDetailPage = lazyPage(() => import('../features/books/components/BookDetailPage').then((m) => m.BookDetailPage))
const BookListPage = lazyPage(() => import('../features/books/components/BookListPage').then((m) => m.BookListPage))
const EntryFormPage = lazyPage(() => import('../features/entries/components/EntryFormPage').then((m) => m.EntryFormPage))
const ImportDetailPage = lazyPage(() => import('../features/imports/components/ImportDetailPage').then((m) => m.ImportDetailPage))
const ImportPage = lazyPage(() => import('../features/imports/components/ImportPage').then((m) => m.ImportPage))
const ReviewPage = lazyPage(() => import('../features/review/components/ReviewPage').then((m) => m.ReviewPage))
const DuplicatesPage = lazyPage(() => import('../features/duplicates/DuplicatesPage').then((m) => m.DuplicatesPage))
const DoubleKeyingPage = lazyPage(() => import('../features/double-keying/components/DoubleKeyingPage').then((m) => m.DoubleKeyingPage))
const ReviewQueuePage = lazyPage(() => import('../features/review/components/ReviewQueuePage').then((m) => m.ReviewQueuePage))
const AcceptancePage = lazyPage(() => import('../features/acceptance/components/AcceptancePage').then((m) => m.AcceptancePage))
const InspectPage = lazyPage(() => import('../features/acceptance/components/InspectPage').then((m) => m.InspectPage))
const LotPage = lazyPage(() => import('../features/acceptance/components/LotPage').then((m) => m.LotPage))
const PhasesPage = lazyPage(() => import('../features/campaign/components/PhasesPage').then((m) => m.PhasesPage))
const PlansPage = lazyPage(() => import('../features/campaign/components/PlansPage').then((m) => m.PlansPage))
const InventoryPage = lazyPage(() => import('../features/campaign/components/InventoryPage').then((m) => m.InventoryPage))
const DashboardPage = lazyPage(() => import('../features/dashboard/DashboardPage').then((m) => m.DashboardPage))
const WeeklyReportPage = lazyPage(() => import('../features/reports/components/WeeklyReportPage').then((m) => m.WeeklyReportPage))
const UsersPage = lazyPage(() => import('../features/users/components/UsersPage').then((m) => m.UsersPage))
const QueuePage = lazyPage(() => import('../features/workbench/components/QueuePage').then((m) => m.QueuePage))
const WorkbenchPage = lazyPage(() => import('../features/workbench/components/WorkbenchPage').then((m) => m.WorkbenchPage))
const FollowupPage = lazyPage(() => import('../features/reconciliation/components/FollowupPage').then((m) => m.FollowupPage))
const PopulationPage = lazyPage(() => import('../features/reconciliation/components/PopulationPage').then((m) => m.PopulationPage))
const ReconcilePage = lazyPage(() => import('../features/reconciliation/components/ReconcilePage').then((m) => m.ReconcilePage))
const SettingsPage = lazyPage(() => import('../features/reconciliation/components/SettingsPage').then((m) => m.SettingsPage))
const SessionsPage = lazyPage(() => import('../features/sessions/components/SessionsPage').then((m) => m.SessionsPage))
const ChangePasswordPage = lazyPage(() => import('../features/auth/components/ChangePasswordPage').then((m) => m.ChangePasswordPage))
const BackupsPage = lazyPage(() => import('../features/backups/components/BackupsPage').then((m) => m.BackupsPage))
const AuditPage = lazyPage(() => import('../features/audit/components/AuditPage').then((m) => m.AuditPage))
const SearchPage = lazyPage(() => import('../features/search/components/SearchPage').then((m) => m.SearchPage))

const guard = (permission: string, page: ReactElement) => <RequirePermission permission={permission}>{page}</RequirePermission>

export const router = createBrowserRouter([
  { path: '/dang-nhap', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'so', element: guard('book.read', <BookListPage />) },
          { path: 'so/:bookId', element: guard('book.read', <BookDetailPage />) },
          { path: 'so/:bookId/truong-hop/moi', element: guard('entry.create', <EntryFormPage key="new" />) },
          { path: 'so/:bookId/truong-hop/:entryId', element: guard('entry.read', <EntryFormPage />) },
          { path: 'so/:bookId/truong-hop/:entryId/sua-lai', element: guard('entry.update', <ReviewPage fromQueue={false} />) },
          { path: 'tai-khoan', element: guard('user.manage', <UsersPage />) },
          { path: 'nhat-ky', element: guard('audit.read', <AuditPage />) },
          { path: 'sao-luu', element: guard('backup.read', <BackupsPage />) },
          { path: 'tim-kiem', element: guard('entry.read', <SearchPage />) },
          { path: SESSIONS_PATH, element: <SessionsPage /> },
          { path: 'so/:bookId/nhap', element: guard('entry.create', <WorkbenchPage />) },
          { path: 'nhap-lieu', element: guard('entry.create', <QueuePage />) },
          { path: 'kiem-tra', element: guard('entry.review', <ReviewQueuePage />) },
          { path: 'trung-lap', element: guard('entry.review', <DuplicatesPage />) },
          { path: 'doi-chieu-nhap-kep', element: guard('entry.review', <DoubleKeyingPage />) },
          { path: 'kiem-tra/:entryId', element: guard('entry.review', <ReviewPage fromQueue />) },
          { path: 'nghiem-thu', element: guard('acceptance.read', <AcceptancePage />) },
          { path: 'nghiem-thu/:lotId', element: guard('acceptance.read', <LotPage />) },
          { path: 'nghiem-thu/:lotId/mau/:entryId', element: guard('acceptance.read', <InspectPage />) },
          { path: 'chien-dich', element: guard('campaign.read', <PhasesPage />) },
          { path: 'ke-hoach', element: guard('campaign.read', <PlansPage />) },
          { path: 'kiem-ke', element: guard('campaign.read', <InventoryPage />) },
          { path: 'tien-do', element: guard('campaign.read', <DashboardPage />) },
          { path: 'bao-cao-tuan', element: guard('campaign.read', <WeeklyReportPage />) },
          { path: 'dan-cu', element: guard('population.read', <PopulationPage />) },
          { path: 'doi-chieu', element: guard('population.read', <ReconcilePage />) },
          { path: 'theo-doi', element: guard('population.read', <FollowupPage />) },
          { path: 'nguong-doi-chieu', element: guard('reconcile.settings', <SettingsPage />) },
          { path: 'nhap-excel', element: guard('book.read', <ImportPage />) },
          { path: 'nhap-excel/:importId', element: guard('import.run', <ImportDetailPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])

// A session that expires mid-work sends the user to the login page and back here afterwards.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location
  if (pathname === '/dang-nhap') return
  queryClient.setQueryData(meQueryKey, null)
  void router.navigate(`/dang-nhap?next=${encodeURIComponent(pathname + search)}`, { replace: true })
})
