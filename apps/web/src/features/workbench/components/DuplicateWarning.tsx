import { ENTRY_STATUSES, isEntryStatus, type DuplicateCheckResult } from '@hts/domain'
import { Alert, Typography } from 'antd'
import type { OutboxItem } from '../storage'

type Found = DuplicateCheckResult['sameNumber'][number]

const statusText = (status: string) => (isEntryStatus(status) ? ENTRY_STATUSES[status] : status)

/** Opens in a new tab: the entry being keyed stays on screen. */
function EntryLink({ entry }: { entry: Found }) {
  return (
    <a href={`/so/${entry.bookId}/truong-hop/${entry.id}`} target="_blank" rel="noreferrer">
      Số {entry.so ?? '?'}{entry.registrationYear ? `/${entry.registrationYear}` : ''} · {entry.subjectName ?? 'không tên'} (quyển {entry.volume}, {statusText(entry.status)})
    </a>
  )
}

interface Props {
  found: DuplicateCheckResult
  /** Saves of this book still waiting to reach the server with the same số and year. */
  pending: OutboxItem[]
}

/**
 * What the duplicate check found for the entry being keyed (DOMAIN.md §10). Books do contain
 * duplicates, so saving stays possible; the save records that the keyer saw these entries.
 */
export function DuplicateWarning({ found, pending }: Props) {
  const numberIds = new Set(found.sameNumber.map((e) => e.id))
  const persons = found.samePerson.filter((e) => !numberIds.has(e.id))
  if (found.sameNumber.length + persons.length + pending.length === 0) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="duplicate-warning"
      title="Có thể trùng: xem lại trước khi lưu (vẫn lưu được nếu sổ ghi như vậy)"
      description={
        <div>
          {found.sameNumber.length > 0 && (
            <div data-testid="duplicate-number">
              <Typography.Text strong>Số này đã dùng trong năm đăng ký: </Typography.Text>
              {found.sameNumber.map((e, i) => <span key={e.id}>{i > 0 && '; '}<EntryLink entry={e} /></span>)}
            </div>
          )}
          {pending.length > 0 && (
            <div data-testid="duplicate-pending">
              <Typography.Text strong>Số này đang chờ gửi: </Typography.Text>
              {pending.map((p) => p.label).join('; ')}
            </div>
          )}
          {[...found.samePerson.filter((e) => numberIds.has(e.id)), ...persons].map((e) => (
            <div key={e.id} data-testid="duplicate-person">
              <Typography.Text strong>Có thể đã nhập trường hợp này: </Typography.Text>
              <EntryLink entry={e} />
              <Typography.Text type="secondary">
                {' '}— {e.fields.filter((f) => f.verdict === 'agree').map((f) => `${f.label}: ${f.note.toLowerCase()}`).join('; ')}
              </Typography.Text>
            </div>
          ))}
        </div>
      }
    />
  )
}

/** Ids the keyer was shown when saving: recorded with the save. */
export const seenDuplicateIds = (found: DuplicateCheckResult): string[] =>
  [...new Set([...found.sameNumber, ...found.samePerson].map((e) => e.id))]
