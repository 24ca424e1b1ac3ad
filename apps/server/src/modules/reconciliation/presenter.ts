import { codeLabel, MATCH_DECISIONS, MATCH_FIELDS, MATCH_OUTCOMES, isBookTypeCode, levelLabel, ORIGIN_FIELDS, weightWords, type MatchField, type ReconciliationResultView } from '@hts/domain'
import type { CandidateSnapshot } from '../population'
import type { StoredField } from './engine'
import { fromStored, StoredCandidates, StoredDifferences } from './stored'
import { bookValues, entryPersonInput } from './entry-person'
import type { ResultRow } from './repository'

export const DECISIONS = MATCH_DECISIONS

const SEX_LABEL: Record<string, string> = { '1': 'Nam', '2': 'Nữ', '3': 'Không xác định' }

function populationValue(field: MatchField, p: CandidateSnapshot | null, personalId: string | null): string | null {
  if (field === 'personalId') return p?.personalId ?? personalId
  if (!p) return null
  switch (field) {
    case 'name': return p.fullName
    case 'birthDate': return p.birthDate
    case 'sex': return p.sex ? (SEX_LABEL[p.sex] ?? p.sex) : null
    case 'mother': return p.motherName
    case 'father': return p.fatherName
    case 'birthplace': return p.birthplace
    case 'ethnicity': return originLabel('ethnicity', p.ethnicity)
    case 'nationality': return originLabel('nationality', p.nationality)
  }
}

export interface ResultContext {
  book_type: string
  fields: Record<string, string>
  so: number | null
  /** The entry's version the values shown come from: sent back with a decision (a stale one is refused). */
  entry_version?: number
  volume?: string | null
  decided_by_name?: string | null
  /** The learned model that scored the result (reconciliation_models), when there was one. */
  model?: { m: Record<string, Record<string, number>>; entries: number; createdAt: Date } | null
}

/** A code of the code lists (dân tộc "01", quốc tịch "VN") shown as its label, on both sides. */
function originLabel(field: 'ethnicity' | 'nationality', value: string | null | undefined): string | null {
  if (!value) return null
  return codeLabel(ORIGIN_FIELDS[field], value) ?? value
}

/** A result with the book's values beside the population's, field by field, and what each counted. */
export function presentResult(row: ResultRow, ctx: ResultContext, records: ReadonlyMap<string, CandidateSnapshot>): ReconciliationResultView {
  const input = isBookTypeCode(ctx.book_type) ? entryPersonInput(ctx.book_type, ctx.fields) : {}
  const book = bookValues(input)
  if (book.sex) book.sex = SEX_LABEL[book.sex] ?? book.sex
  book.ethnicity = originLabel('ethnicity', book.ethnicity)
  book.nationality = originLabel('nationality', book.nationality)
  const candidates = StoredCandidates.parse(row.candidates).map((stored, index) => {
    const c = fromStored(stored, records)
    return {
      index,
      id: c.id,
      probability: c.probability,
      weight: c.weight,
      person: c.person,
      personalId: c.person?.personalId ?? c.personalId,
      // The extract this proposal was made against has been replaced: reconcile the entry again.
      stale: c.person === null,
      fields: c.fields.map((f: StoredField) => ({
        ...f,
        label: levelLabel(f.field, f.level),
        weightText: weightWords(f.weight, f.level === 'missing'),
        fieldLabel: MATCH_FIELDS[f.field],
        book: book[f.field],
        population: populationValue(f.field, c.person, c.personalId),
      })),
    }
  })
  return {
    id: row.id,
    entryId: row.entry_id,
    entryVersion: ctx.entry_version ?? null,
    bookId: row.book_id,
    so: ctx.so,
    volume: ctx.volume ?? null,
    subjectName: book.name,
    book,
    outcome: row.outcome,
    outcomeLabel: MATCH_OUTCOMES[row.outcome],
    probability: row.probability,
    populationSize: row.population_size,
    source: row.source,
    message: row.message,
    chosenIndex: row.chosen_index,
    differences: StoredDifferences.parse(row.differences).map((field) => ({ field, label: MATCH_FIELDS[field] })),
    candidates,
    model: ctx.model
      ? { learned: true, description: `Trọng số học từ dữ liệu của đợt đối chiếu (${ctx.model.entries} trường hợp, ngày ${ctx.model.createdAt.toISOString().slice(0, 10)})`, m: ctx.model.m }
      : { learned: false, description: 'Trọng số mặc định (chưa học từ dữ liệu: đối chiếu từng trường hợp hoặc đợt quá nhỏ)', m: null },
    decision: row.decision,
    decisionLabel: DECISIONS[row.decision],
    finalOutcome: row.final_outcome,
    finalOutcomeLabel: row.final_outcome ? MATCH_OUTCOMES[row.final_outcome] : null,
    linkedPersonalId: row.linked_personal_id,
    decidedByName: ctx.decided_by_name ?? null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    checkedAt: row.checked_at,
    version: row.version,
  }
}
