import type { EntryIssue } from '@hts/domain'
import { Alert, Typography } from 'antd'
import { countIssues } from '../issues'

interface Props {
  issues: readonly EntryIssue[]
  labelOf: (key: string) => string
}

function focusField(key: string) {
  const el = document.getElementById(key)
  if (!el) return
  el.scrollIntoView({ block: 'center', behavior: 'smooth' })
  el.focus({ preventScroll: true })
}

/** "N lỗi, M cảnh báo" and the list; a click on an item puts the cursor in that field. */
export function IssueSummary({ issues, labelOf }: Props) {
  const { errors, warnings } = countIssues(issues)
  if (issues.length === 0) {
    return <Alert type="success" showIcon title="Chưa phát hiện lỗi nào" style={{ marginBottom: 16 }} data-testid="issue-summary" />
  }
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  return (
    <Alert
      type={errors > 0 ? 'error' : 'warning'}
      showIcon
      data-testid="issue-summary"
      style={{ marginBottom: 16 }}
      title={`${errors} lỗi, ${warnings} cảnh báo`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflowY: 'auto' }}>
          {sorted.map((issue) => (
            <li key={`${issue.field}|${issue.code}|${issue.message}`}>
              {issue.field ? (
                <Typography.Link
                  onClick={() => focusField(issue.field)}
                  tabIndex={-1}
                  type={issue.severity === 'error' ? 'danger' : 'warning'}
                  title={`Đến ô "${labelOf(issue.field)}"`}
                >
                  {issue.message}
                </Typography.Link>
              ) : (
                <Typography.Text type={issue.severity === 'error' ? 'danger' : 'warning'}>{issue.message}</Typography.Text>
              )}
            </li>
          ))}
        </ul>
      }
    />
  )
}
