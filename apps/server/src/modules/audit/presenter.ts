import { AUDIT_ENTITY_TYPES, auditActionLabel, ENTRY_STATUSES, isEntryStatus, readsCitizenData, type AuditEventView, type Role } from '@hts/domain'
import type { AuditRow } from './repository'

/**
 * What a row of the trail shows. Details may hold citizens' data (the fields of a new entry, a
 * correction's before/after values, a searched name or personal ID): a reader whose role reads no
 * citizens' data (the system administrator) sees the details of account, login, refusal and system
 * rows only; for the others the row shows who, when, what and on which record, and the summary says the
 * details are withheld. That keeps the administrator able to follow logins and account changes without
 * a side door into the registers.
 */
const OPEN_FAMILIES = ['auth.', 'user.', 'access.', 'files.', 'job.', 'unit.']
export const WITHHELD_SUMMARY = 'Chi tiết chỉ hiển thị cho người được xem dữ liệu công dân'

export function detailsVisible(role: Role, action: string): boolean {
  return readsCitizenData(role) || OPEN_FAMILIES.some((family) => action.startsWith(family))
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const statusText = (value: unknown) => (typeof value === 'string' && isEntryStatus(value) ? ENTRY_STATUSES[value] : String(value))
const short = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** A short Vietnamese line for the details, the same on the screen and in the Excel file. */
export function summarise(action: string, details: Record<string, unknown>): string {
  const parts: string[] = []
  const d = details
  if (action === 'access.refused') {
    parts.push(`${String(d.method ?? '')} ${String(d.route ?? '')} → ${String(d.status ?? '')}`.trim())
  }
  if (typeof d.username === 'string') parts.push(`Tên đăng nhập: ${d.username}`)
  if (typeof d.failures === 'number') parts.push(`Lần sai thứ ${d.failures}`)
  if (d.from !== undefined && d.to !== undefined && action.startsWith('entry.')) parts.push(`${statusText(d.from)} → ${statusText(d.to)}`)
  if (typeof d.reason === 'string') parts.push(`Lý do: ${d.reason}`)
  if (Array.isArray(d.returned)) parts.push(`${d.returned.length} mục được trả về`)
  if (Array.isArray(d.entryIds)) parts.push(`${d.entryIds.length} trường hợp`)
  if (isRecord(d.changes)) parts.push(`Sửa: ${Object.keys(d.changes).join(', ') || '(không đổi nội dung)'}`)
  if (isRecord(d.fields)) parts.push(`${Object.keys(d.fields).length} ô đã nhập`)
  if (typeof d.position === 'number') parts.push(`Trang ${d.position}`)
  if (typeof d.format === 'string') parts.push(`Định dạng: ${d.format}`)
  if (isRecord(d.query)) parts.push(`Tìm: ${Object.entries(d.query).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`)
  if (typeof d.rows === 'number') parts.push(`${d.rows} dòng`)
  if (typeof d.truncated === 'boolean' && d.truncated) parts.push('đã cắt bớt')
  if (parts.length === 0) {
    const rest = Object.entries(d).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    parts.push(rest.map(([k, v]) => `${k}: ${String(v)}`).join(', '))
  }
  return short(parts.filter(Boolean).join('; '))
}

export function presentAuditRow(row: AuditRow, reader: { role: Role }): AuditEventView {
  const details = isRecord(row.details) ? row.details : {}
  const visible = detailsVisible(reader.role, row.action)
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    userId: row.user_id,
    username: row.username,
    userName: row.user_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entityType: row.entity_type,
    entityTypeLabel: AUDIT_ENTITY_TYPES[row.entity_type] ?? row.entity_type,
    entityId: row.entity_id,
    summary: visible ? summarise(row.action, details) : WITHHELD_SUMMARY,
    details: visible ? details : null,
    // A login with an unknown name has no actor; its address is in the details (auth/service.ts).
    ip: row.ip ?? (visible && typeof details.ip === 'string' ? details.ip : null),
  }
}
