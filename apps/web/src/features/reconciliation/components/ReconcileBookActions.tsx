import { AuditOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useStartBatch } from '../api'

export const reconcilePath = (bookId: string, jobId?: string) => `/doi-chieu?bookId=${encodeURIComponent(bookId)}${jobId ? `&jobId=${encodeURIComponent(jobId)}` : ''}`

/**
 * On the book page: reconcile the whole book with the population data (a background job), then
 * follow it on the reconciliation page filtered by the book; or just open that page.
 */
export function ReconcileBookActions({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const start = useStartBatch()
  if (!hasPermission(me, 'reconcile.run')) return null
  return (
    <>
      <Button
        icon={<AuditOutlined />}
        loading={start.isPending}
        onClick={() =>
          start.mutate(bookId, {
            onSuccess: (job) => navigate(reconcilePath(bookId, job.id)),
            onError: (err) => void message.error(errorMessage(err)),
          })
        }
      >
        Đối chiếu cả sổ với CSDL dân cư
      </Button>
      {hasPermission(me, 'population.read') && <Link to={reconcilePath(bookId)}>Xem kết quả đối chiếu</Link>}
    </>
  )
}
