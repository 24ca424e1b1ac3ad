import { Alert } from 'antd'
import { Link } from 'react-router-dom'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { formatVietnamTime, useReportReminder, weeklyReportLink } from '../api'

/** On the home page, from Thursday: the unit's weekly report is not submitted yet, and when it is due. */
export function ReportReminder() {
  const me = useCurrentUser()
  const mayReport = hasPermission(me, 'campaign.read') && (hasPermission(me, 'plan.edit') || hasPermission(me, 'report.submit'))
  const reminder = useReportReminder(mayReport).data
  if (!reminder) return null
  return (
    <Alert
      type={reminder.late ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="report-reminder"
      title={reminder.late
        ? `Đã quá hạn nộp báo cáo tuần của ${reminder.unitName} (hạn ${formatVietnamTime(reminder.dueAt)}).`
        : `Báo cáo tuần của ${reminder.unitName} chưa nộp: hạn ${formatVietnamTime(reminder.dueAt)}.`}
      description={<Link to={weeklyReportLink(reminder.unitId, reminder.weekStart)}>Mở báo cáo tuần để hoàn thành và nộp</Link>}
    />
  )
}
