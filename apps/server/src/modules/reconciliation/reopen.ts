/**
 * Reopening a decision taken by mistake: the result goes back to "waiting for a person" and what
 * the decision wrote is undone, but only where nobody has built on it since:
 *   - the personal ID written into the entry is removed only if the entry still holds exactly that
 *     value (someone may have corrected it by hand since: their value is kept, and the message says so);
 *   - the follow-up case the decision opened is removed only while nobody has worked on it (still
 *     "new", nobody assigned, no note but the first); otherwise it stays, with a note.
 * Everything is audited, with the decision that was reopened.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { conflict } from '../../http/errors'
import { recordAudit, type Actor } from '../audit'
import { findEntryIn, patchEntryFields } from '../entries'
import type { ResultRow } from './repository'

export interface ReopenInput {
  reason: string
  version: number
}

interface Undone {
  text: string
  removed: boolean
}
const kept = (text: string): Undone => ({ text, removed: false })

async function unlinkPersonalId(trx: Transaction<Database>, row: ResultRow, actor: Actor): Promise<Undone> {
  const personalId = row.linked_personal_id
  if (!personalId) return kept('')
  const key = row.linked_field
  if (!key) return kept(` Số định danh ${personalId} không do quyết định này ghi vào trường hợp (sổ đã có sẵn giá trị) nên được giữ nguyên.`)
  const entry = await findEntryIn(trx, row.entry_id)
  if (!entry) return kept('')
  const current = (entry.fields[key] ?? '').trim()
  if (current !== personalId) {
    return kept(current === ''
      ? ' Số định danh đã được xóa khỏi trường hợp từ trước: không cần xóa.'
      : ` Số định danh trong trường hợp đã được sửa sau khi liên kết (hiện là ${current}) nên được giữ nguyên, không xóa.`)
  }
  // Read and written in this transaction: a keyer saving meanwhile makes the version check fail (409), never a lost save.
  await patchEntryFields(trx, actor, entry, { [key]: null }, 'reconcile.unlink')
  return { text: ` Đã xóa số định danh ${personalId} mà quyết định đã ghi vào trường hợp.`, removed: true }
}

async function withdrawFollowup(trx: Transaction<Database>, row: ResultRow, reason: string, userId: string): Promise<Undone> {
  if (!row.followup_id) return kept('')
  const item = await trx.selectFrom('followup_cases').select(['id', 'status', 'assignee_id']).where('id', '=', row.followup_id).executeTakeFirst()
  if (!item) return kept('')
  const notes = await trx.selectFrom('followup_notes').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', item.id).executeTakeFirstOrThrow()
  if (item.status === 'new' && item.assignee_id === null && Number(notes.n) <= 1) {
    await trx.deleteFrom('followup_notes').where('case_id', '=', item.id).execute()
    await trx.deleteFrom('followup_cases').where('id', '=', item.id).execute()
    return { text: ' Đã bỏ trường hợp khỏi danh sách theo dõi riêng (chưa ai xử lý).', removed: true }
  }
  await trx.insertInto('followup_notes').values({ case_id: item.id, author_id: userId, text: `Quyết định đối chiếu đã được mở lại: ${reason}`, from_status: null, to_status: null }).execute()
  return kept(' Trường hợp theo dõi riêng đã được xử lý nên vẫn giữ lại (đã thêm ghi chú).')
}

/** Reopens a decided result; returns the Vietnamese message saying what was undone and what was kept. */
export async function reopenDecision(trx: Transaction<Database>, row: ResultRow, input: ReopenInput, actor: Actor): Promise<string> {
  const reopened = await trx
    .updateTable('reconciliation_results')
    .set({ decision: 'pending', final_outcome: null, linked_personal_id: null, linked_person: null, linked_field: null, followup_id: null, decided_by: null, decided_at: null, decision_note: null, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', input.version)
    .where('decision', '<>', 'pending')
    .returning('id')
    .executeTakeFirst()
  if (!reopened) throw conflict('Kết quả đối chiếu vừa thay đổi: tải lại rồi thử lại')
  const unlinked = await unlinkPersonalId(trx, row, actor)
  const followup = await withdrawFollowup(trx, row, input.reason, actor.id)
  await recordAudit(trx, actor, {
    action: 'reconcile.reopen',
    entityType: 'entry',
    entityId: row.entry_id,
    details: {
      resultId: row.id,
      reason: input.reason,
      reopened: { decision: row.decision, finalOutcome: row.final_outcome, personalId: row.linked_personal_id, decidedBy: row.decided_by, decidedAt: row.decided_at, note: row.decision_note },
      unlinked: unlinked.removed,
      followupId: row.followup_id,
      followupRemoved: followup.removed,
    },
  })
  return `Đã mở lại quyết định: trường hợp chờ người xác nhận lại.${unlinked.text}${followup.text}`
}
