/**
 * The audit chain's check (migration 0016): walks the trail in chain order, in batches, and finds
 * the first row whose content no longer matches its hash (edited), whose link does not match the
 * row before (a row deleted or slipped in before it), or that was never chained (written with the
 * chain trigger off). Used by `npm run audit:verify` and the job `audit.verify`.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { AuditAnchor } from './anchors'

export interface BrokenAuditRow {
  /** The row where the chain breaks (null when rows are missing after the last one). */
  id: number | null
  seq: number | null
  occurredAt: string | null
  reason: 'changed' | 'missing_before' | 'link' | 'unchained' | 'missing_after' | 'anchor'
  /** In Vietnamese, what happened and what to do. */
  message: string
}

export interface AuditChainReport {
  ok: boolean
  /** Rows whose hash was recomputed and whose link was checked. */
  checked: number
  /** The chain's head when the walk started: rows added meanwhile are left for the next check. */
  head: { seq: number; hash: string }
  /** Anchors (heads recorded outside the database, anchors.ts) compared with the rows they name. */
  anchorsChecked: number
  broken: BrokenAuditRow | null
}

interface ChainRow {
  id: number
  seq: number
  occurred_at: Date | string
  prev_hash: string | null
  hash: string | null
  expected: string
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString())

/** One batch after `afterSeq`, with each row's hash recomputed by the database (the function the trigger uses). */
async function chainBatch(db: Kysely<Database>, afterSeq: number, headSeq: number, limit: number): Promise<ChainRow[]> {
  const result = await sql<ChainRow>`
    select id, seq, occurred_at, prev_hash, hash,
      audit_event_digest(seq, id, occurred_at, user_id, unit_id, action, entity_type, entity_id, details, ip, prev_hash) as expected
    from audit_events where seq > ${afterSeq} and seq <= ${headSeq} order by seq limit ${limit}`.execute(db)
  return result.rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }))
}

export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number; onBatch?: (checked: number) => Promise<void> | void; anchors?: AuditAnchor[] } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000
  const headRow = await db.selectFrom('audit_chain').select(['seq', 'hash']).executeTakeFirstOrThrow()
  const head = { seq: Number(headRow.seq), hash: headRow.hash }
  const anchors = new Map((options.anchors ?? []).map((a) => [a.seq, a]))
  let anchorsChecked = 0
  const report = (checked: number, broken: BrokenAuditRow | null): AuditChainReport => ({ ok: broken === null, checked, head, anchorsChecked, broken })

  // An anchor beyond the head: rows were removed from the end and the head set back (a rewrite).
  const beyond = [...anchors.values()].filter((a) => a.seq > head.seq).sort((a, b) => a.seq - b.seq)[0]
  if (beyond) {
    return report(0, { id: null, seq: beyond.seq, occurredAt: null, reason: 'anchor', message: `Chuỗi nhật ký ngắn hơn mốc neo ghi lúc ${beyond.at} (thứ tự ${beyond.seq}, đầu chuỗi hiện tại ${head.seq}): các dòng cuối đã bị xóa và chuỗi bị viết lại. Khôi phục nhật ký từ bản sao lưu trước thời điểm đó và tìm nguyên nhân.` })
  }

  // A committed row without a place in the chain was written with the chain trigger disabled.
  const unchained = await db.selectFrom('audit_events').select(['id', 'occurred_at']).where('seq', 'is', null).orderBy('id').limit(1).executeTakeFirst()

  let checked = 0
  let previous = { seq: 0, hash: '0'.repeat(64), id: null as number | null, occurredAt: null as string | null }
  for (;;) {
    const rows = await chainBatch(db, previous.seq, head.seq, batchSize)
    for (const row of rows) {
      const at = { id: row.id, seq: row.seq, occurredAt: iso(row.occurred_at) }
      if (row.seq !== previous.seq + 1) {
        const missing = row.seq - previous.seq - 1
        return report(checked, { ...at, reason: 'missing_before', message: `Chuỗi nhật ký bị đứt: thiếu ${missing} dòng ngay trước dòng #${row.id} (thứ tự ${previous.seq + 1}–${row.seq - 1}). Khôi phục nhật ký từ bản sao lưu và tìm nguyên nhân.` })
      }
      if (row.prev_hash !== previous.hash) {
        return report(checked, { ...at, reason: 'link', message: `Chuỗi nhật ký bị đứt tại dòng #${row.id}: mã băm của dòng trước không khớp (dòng trước đã bị sửa, xóa hoặc thay). Khôi phục nhật ký từ bản sao lưu.` })
      }
      if (row.hash !== row.expected) {
        return report(checked, { ...at, reason: 'changed', message: `Dòng nhật ký #${row.id} đã bị sửa sau khi ghi (nội dung không khớp mã băm). Khôi phục nhật ký từ bản sao lưu.` })
      }
      const anchor = anchors.get(row.seq)
      if (anchor) {
        // The chain holds together but is not the one anchored: it was recomputed after an edit.
        if (anchor.hash !== row.hash) {
          return report(checked, { ...at, reason: 'anchor', message: `Chuỗi nhật ký đã bị viết lại: dòng #${row.id} (thứ tự ${row.seq}) không còn mang mã băm đã neo lúc ${anchor.at}. Một dòng từ đây trở về trước đã bị sửa hoặc xóa rồi tính lại mã băm. Khôi phục nhật ký từ bản sao lưu trước thời điểm đó.` })
        }
        anchorsChecked++
      }
      checked++
      previous = { seq: row.seq, hash: row.hash, id: row.id, occurredAt: at.occurredAt }
    }
    await options.onBatch?.(checked)
    if (rows.length < batchSize) break
  }
  if (previous.seq !== head.seq || previous.hash !== head.hash) {
    return report(checked, { id: previous.id, seq: previous.seq, occurredAt: previous.occurredAt, reason: 'missing_after', message: `Chuỗi nhật ký bị đứt: các dòng sau dòng thứ tự ${previous.seq} (đến ${head.seq}) đã mất. Khôi phục nhật ký từ bản sao lưu.` })
  }
  if (unchained) {
    return report(checked, { id: Number(unchained.id), seq: null, occurredAt: iso(unchained.occurred_at), reason: 'unchained', message: `Dòng nhật ký #${unchained.id} không nằm trong chuỗi (được ghi khi trigger của bảng nhật ký bị tắt). Tìm nguyên nhân: ai đã tắt trigger.` })
  }
  return report(checked, null)
}

/** One line for the CLI and the job's result. */
export function describeAuditChain(report: AuditChainReport): string {
  if (report.ok) return `Nhật ký kiểm toán nguyên vẹn: đã kiểm tra ${report.checked} dòng và ${report.anchorsChecked} mốc neo (đầu chuỗi: thứ tự ${report.head.seq}, mã băm ${report.head.hash}).`
  const row = report.broken
  return `Nhật ký kiểm toán KHÔNG nguyên vẹn: đã kiểm tra ${report.checked} dòng, dòng hỏng đầu tiên: #${row?.id ?? '?'} lúc ${row?.occurredAt ?? '?'}. ${row?.message ?? ''}`
}
