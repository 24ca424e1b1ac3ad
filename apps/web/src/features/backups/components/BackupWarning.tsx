import { Alert } from 'antd'
import { Link } from 'react-router-dom'
import { BACKUP_STALE_HOURS } from '@hts/domain'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { formatDateTime } from '../../../lib/format'
import { BACKUPS_PATH, useBackupHealth } from '../api'

/** On the home page of whoever may see backups: a warning when the last good one is older than a day (or missing). */
export function BackupWarning() {
  const me = useCurrentUser()
  const allowed = hasPermission(me, 'backup.read')
  const health = useBackupHealth(allowed)
  // A demo (no schedule, never backed up) is not warned about; a server that should back itself up is.
  if (!allowed || !health.data?.stale || (!health.data.scheduled && health.data.lastSuccessAt === null)) return null
  const last = health.data.lastSuccessAt
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="backup-warning"
      message={last ? `Bản sao lưu tốt gần nhất đã cũ hơn ${BACKUP_STALE_HOURS} giờ (lúc ${formatDateTime(last)})` : 'Chưa có bản sao lưu tốt nào'}
      description={
        <>
          Nếu máy chủ hỏng hoặc mất điện, công việc từ sau bản sao lưu đó có thể bị mất. Hãy báo quản trị hệ thống kiểm tra việc sao lưu. <Link to={BACKUPS_PATH}>Xem các bản sao lưu</Link>
        </>
      }
    />
  )
}
