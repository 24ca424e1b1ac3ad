/** Whole population records by id, for showing candidates beside the book's data. */
import { datePartsFromKey } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { CandidateSnapshot } from './lookup'
import { orNull, packedColumns, unpack } from './packed'
import { formatDateParts } from './presenter'

const COLUMNS = ['id', 'extract_id', 'personal_id', 'full_name', 'birth_key', 'sex', 'birthplace', 'home_town', 'ethnicity', 'nationality', 'mother_name', 'mother_personal_id', 'father_name', 'father_personal_id', 'residence']

function snapshotOf([id, extractId, personalId, fullName, birthKey, sex, birthplace, homeTown, ethnicity, nationality, motherName, motherId, fatherName, fatherId, residence]: string[]): CandidateSnapshot {
  return {
    id: id as string,
    extractId: orNull(extractId),
    personalId: orNull(personalId),
    fullName: fullName as string,
    birthDate: formatDateParts(datePartsFromKey(birthKey)),
    sex: orNull(sex),
    birthplace: orNull(birthplace),
    homeTown: orNull(homeTown),
    ethnicity: orNull(ethnicity),
    nationality: orNull(nationality),
    motherName: orNull(motherName),
    motherPersonalId: orNull(motherId),
    fatherName: orNull(fatherName),
    fatherPersonalId: orNull(fatherId),
    residence: orNull(residence),
  }
}

/**
 * Records still present, by (extract, record id): a replaced extract's records are gone and their
 * ids are simply missing. The extract ids let the database look in those extracts' tables only.
 */
export async function snapshotsByIds(db: Kysely<Database>, refs: ReadonlyArray<{ id: string; extractId: string | null }>): Promise<Map<string, CandidateSnapshot>> {
  const local = refs.filter((r) => r.extractId !== null && /^\d{1,18}$/.test(r.id))
  if (local.length === 0) return new Map()
  const ids = [...new Set(local.map((r) => r.id))]
  const extracts = [...new Set(local.map((r) => r.extractId as string))]
  const packed = (
    await sql<{ packed: string | null }>`select ${packedColumns(COLUMNS)} as packed from population_people
      where extract_id = any(${extracts}::uuid[]) and id = any(${ids}::bigint[])`.execute(db)
  ).rows[0]?.packed
  return new Map(unpack(packed).map((r) => [r[0] as string, snapshotOf(r)]))
}
