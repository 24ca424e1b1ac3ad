import { datePartsFromKey, EXTRACT_STATUSES, type DateParts, type ExtractView } from '@hts/domain'
import type { Selectable } from 'kysely'
import type { PopulationExtractsTable, PopulationPeopleTable } from '../../db/schema'
import type { CandidateSnapshot } from './lookup'
import { ExtractErrors, ExtractHeaderMapping } from './stored'

const pad = (n: number) => String(n).padStart(2, '0')

/** dd.mm.yyyy, mm.yyyy or yyyy, as the MOJ forms write dates. */
export function formatDateParts(d: DateParts | undefined): string | null {
  if (!d) return null
  if (d.month === undefined) return String(d.year)
  if (d.day === undefined) return `${pad(d.month)}.${d.year}`
  return `${pad(d.day)}.${pad(d.month)}.${d.year}`
}

export function snapshotOf(row: Selectable<PopulationPeopleTable>): CandidateSnapshot {
  return {
    id: String(row.id),
    extractId: row.extract_id,
    personalId: row.personal_id,
    fullName: row.full_name,
    birthDate: formatDateParts(datePartsFromKey(row.birth_key)),
    sex: row.sex,
    birthplace: row.birthplace,
    homeTown: row.home_town,
    ethnicity: row.ethnicity,
    nationality: row.nationality,
    motherName: row.mother_name,
    motherPersonalId: row.mother_personal_id,
    fatherName: row.father_name,
    fatherPersonalId: row.father_personal_id,
    residence: row.residence,
  }
}

export { EXTRACT_STATUSES }

export function presentExtract(row: Selectable<PopulationExtractsTable> & { unit_name?: string; created_by_name?: string | null }): ExtractView {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name ?? null,
    source: row.source,
    extractDate: row.extract_date,
    fileName: row.file_name,
    status: row.status,
    statusLabel: EXTRACT_STATUSES[row.status],
    rowCount: row.row_count,
    rejectedCount: row.rejected_count,
    errors: ExtractErrors.parse(row.errors).slice(0, 100),
    mapping: ExtractHeaderMapping.parse(row.mapping),
    jobId: row.job_id,
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    replacedAt: row.replaced_at,
  }
}
