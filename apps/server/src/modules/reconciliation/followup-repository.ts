import { foldKey, followupKind, MATCH_FIELDS, type FieldScore, type FollowupDifference } from '@hts/domain'
import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../db/schema'
import type { ResultRow } from './repository'

/** What a case keeps of each differing field: the book's value, the population's, and how they differ. */
export type CaseDifference = z.infer<typeof FollowupDifference>

/**
 * Opens a follow-up case for a confirmed mismatch (one open case per entry: a second mismatch on
 * the same entry adds a note to the open case instead).
 */
export async function openFollowup(
  trx: Transaction<Database>,
  input: { row: ResultRow; personalId: string | null; differences: Array<FieldScore & { book?: string | null; population?: string | null }>; subjectName: string | null; note: string | undefined; userId: string },
): Promise<string> {
  const { row } = input
  const differences: CaseDifference[] = input.differences.map((d) => ({
    field: d.field,
    label: MATCH_FIELDS[d.field],
    level: d.level,
    levelLabel: d.label,
    book: d.book ?? null,
    population: d.population ?? null,
  }))
  const open = await trx.selectFrom('followup_cases').select('id').where('entry_id', '=', row.entry_id).where('status', 'in', ['new', 'verifying', 'guided']).executeTakeFirst()
  const caseId = open?.id ?? (
    await trx
      .insertInto('followup_cases')
      .values({
        entry_id: row.entry_id,
        result_id: row.id,
        book_id: row.book_id,
        custodian_unit_id: row.custodian_unit_id,
        personal_id: input.personalId,
        subject_name: input.subjectName,
        subject_name_folded: input.subjectName ? foldKey(input.subjectName) : null,
        differences: JSON.stringify(differences),
        kind: followupKind(differences),
        created_by: input.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const summary = differences.length > 0 ? `Sai lệch: ${differences.map((d) => d.label).join(', ')}` : 'Sai lệch do người đối chiếu xác định'
  await trx
    .insertInto('followup_notes')
    .values({ case_id: caseId, author_id: input.userId, text: input.note ? `${summary}. ${input.note}` : summary, from_status: null, to_status: open ? null : 'new' })
    .execute()
  return caseId
}
