import type { ReactElement } from 'react'
import { createBrowserRouter } from 'react-router-dom'
import { meQueryKey } from '../features/auth/api'
import { LoginPage } from '../features/auth/components/LoginPage'
import { BookDetailPage } from '../features/books/components/BookDetailPage'
import { BookListPage } from '../features/books/components/BookListPage'
import { EntryFormPage } from '../features/entries/components/EntryFormPage'
import { ImportDetailPage } from '../features/imports/components/ImportDetailPage'
import { ImportPage } from '../features/imports/components/ImportPage'
import { ReviewPage } from '../features/review/components/ReviewPage'
import { ReviewQueuePage } from '../features/review/components/ReviewQueuePage'
import { AcceptancePage } from '../features/acceptance/components/AcceptancePage'
import { InspectPage } from '../features/acceptance/components/InspectPage'
import { LotPage } from '../features/acceptance/components/LotPage'
import { UsersPage } from '../features/users/components/UsersPage'
import { QueuePage } from '../features/workbench/components/QueuePage'
import { WorkbenchPage } from '../features/workbench/components/WorkbenchPage'
import { FollowupPage } from '../features/reconciliation/components/FollowupPage'
import { PopulationPage } from '../features/reconciliation/components/PopulationPage'
import { ReconcilePage } from '../features/reconciliation/components/ReconcilePage'
import { SettingsPage } from '../features/reconciliation/components/SettingsPage'
import { setUnauthorizedHandler } from '../lib/http'
import { AppShell } from './AppShell'
import { HomeRedirect } from './HomeRedirect'
import { NotFoundPage } from './NotFoundPage'
import { queryClient } from './queryClient'
import { RequireAuth } from './RequireAuth'
import { RequirePermission } from './RequirePermission'

const guard = (permission: string, page: ReactElement) => <RequirePermission permission={permission}>{page}</RequirePermission>

export const router = createBrowserRouter([
  { path: '/dang-nhap', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
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
          { path: 'so/:bookId/nhap', element: guard('entry.create', <WorkbenchPage />) },
          { path: 'nhap-lieu', element: guard('entry.create', <QueuePage />) },
          { path: 'kiem-tra', element: guard('entry.review', <ReviewQueuePage />) },
          { path: 'kiem-tra/:entryId', element: guard('entry.review', <ReviewPage fromQueue />) },
          { path: 'nghiem-thu', element: guard('acceptance.read', <AcceptancePage />) },
          { path: 'nghiem-thu/:lotId', element: guard('acceptance.read', <LotPage />) },
          { path: 'nghiem-thu/:lotId/mau/:entryId', element: guard('acceptance.read', <InspectPage />) },
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
