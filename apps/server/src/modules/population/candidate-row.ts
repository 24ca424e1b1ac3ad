/** A population record as matching reads it from the extracts: the columns and the prepared person. */
import { datePartsFromKey, originCode, prepareName, type MatchPerson, type SexCode } from '@hts/domain'

export const CANDIDATE_COLUMNS = ['id', 'personal_id', 'name_canon', 'birth_key', 'sex', 'mother_canon', 'father_canon', 'birthplace_parts', 'extract_id', 'ethnicity', 'nationality']

/**
 * The columns as a search packs them (prefixed with `table.` when given): when one extract is
 * searched, its id is left out of every row (a quarter of a row's bytes, decoded by the database
 * driver and split by the scoring worker for nothing) and `extractOf` gives it back.
 */
export function packedCandidateColumns(extractIds: readonly string[], table = ''): string[] {
  return CANDIDATE_COLUMNS.map((c) => (c === 'extract_id' && extractIds.length === 1 ? 'null' : `${table}${c}`))
}

/** The extract of a row packed with packedCandidateColumns. */
export function extractOf(row: readonly string[], extractIds: readonly string[]): string | null {
  return row[8] || (extractIds.length === 1 ? (extractIds[0] as string) : null)
}

export function personOf([, personalId, nameCanon, birthKey, sex, motherCanon, fatherCanon, birthplace, , ethnicity, nationality]: string[]): MatchPerson {
  const person: MatchPerson = {}
  if (personalId) person.personalId = personalId
  const name = prepareName(nameCanon, true)
  if (name) person.name = name
  const birth = datePartsFromKey(birthKey)
  if (birth) person.birth = birth
  if (sex === '1' || sex === '2') person.sex = sex as SexCode
  const mother = prepareName(motherCanon || null, true)
  if (mother) person.mother = mother
  const father = prepareName(fatherCanon || null, true)
  if (father) person.father = father
  if (birthplace) person.birthplace = birthplace.split('|')
  const ethnicityCode = originCode('ethnicity', ethnicity)
  if (ethnicityCode) person.ethnicity = ethnicityCode
  const nationalityCode = originCode('nationality', nationality)
  if (nationalityCode) person.nationality = nationalityCode
  return person
}
