/**
 * One row of an extract → one population_people row: the text as the police wrote it, plus the
 * canonical and folded forms and the blocking keys matching searches by. Rows without a name are
 * rejected (with their row number); a malformed personal ID is dropped from the keys, not guessed.
 */
import {
  blockingKeys,
  cleanPersonalId,
  datePartsToKey,
  nameCanon,
  parseDateParts,
  placeParts,
  prepareName,
  sexCodeOf,
  type CellInput,
} from '@hts/domain'
import type { Insertable } from 'kysely'
import type { PopulationPeopleTable } from '../../db/schema'
import type { PopulationField } from './fields'

export type PopulationInsert = Omit<Insertable<PopulationPeopleTable>, 'extract_id' | 'id'>
export type PopulationInput = Partial<Record<PopulationField, CellInput>>

export type RowResult = { ok: true; row: PopulationInsert; warnings: string[] } | { ok: false; message: string }

function text(value: CellInput): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  // Control characters never belong in a name or a place (and packed.ts uses two of them as separators).
  // eslint-disable-next-line no-control-regex
  const s = String(value).normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim()
  return s === '' ? null : s
}

/** Canonical (lower case) and folded forms of a parent's name, or nulls. */
function parentForms(name: string | null) {
  const prepared = prepareName(name)
  return { canon: prepared?.canon ?? null, folded: prepared?.folded ?? null }
}

function personalIdOf(value: CellInput, label: string, warnings: string[]): string | null {
  const raw = typeof value === 'number' ? String(value).padStart(12, '0') : text(value)
  if (!raw) return null
  const id = cleanPersonalId(raw)
  if (!id) warnings.push(`${label} "${raw}" không phải 12 chữ số: bỏ qua khi đối chiếu`)
  return id ?? null
}

export function toPopulationRow(input: PopulationInput, rowNumber: number): RowResult {
  const fullName = text(input.fullName)
  if (!fullName || nameCanon(fullName) === '') return { ok: false, message: 'Thiếu họ tên: dòng này không được nạp' }
  const name = prepareName(fullName)
  if (!name) return { ok: false, message: 'Họ tên không đọc được: dòng này không được nạp' }
  const warnings: string[] = []
  const birthRaw = input.birthDate
  const birth = birthRaw instanceof Date
    ? { year: birthRaw.getUTCFullYear(), month: birthRaw.getUTCMonth() + 1, day: birthRaw.getUTCDate() }
    : typeof birthRaw === 'number' ? parseDateParts(birthRaw) : parseDateParts(text(birthRaw))
  if (!birth && text(birthRaw as CellInput)) warnings.push(`Ngày sinh "${text(birthRaw as CellInput)}" không đọc được: chỉ tìm được người này theo số định danh`)
  const sex = sexCodeOf(text(input.sex))
  const mother = text(input.motherName)
  const father = text(input.fatherName)
  const keys = blockingKeys({ name, birth, sex, mother: prepareName(mother), father: prepareName(father) })
  const birthplace = text(input.birthplace)
  const parts = placeParts(birthplace)
  const motherForms = parentForms(mother)
  const fatherForms = parentForms(father)
  const row: PopulationInsert = {
    row_number: rowNumber,
    personal_id: personalIdOf(input.personalId, 'Số định danh', warnings),
    full_name: fullName,
    name_canon: name.canon,
    name_folded: name.folded,
    birth_key: birth ? datePartsToKey(birth) : null,
    birth_year: birth?.year ?? null,
    sex: sex ?? null,
    birthplace,
    birthplace_parts: parts.length > 0 ? parts.join('|') : null,
    home_town: text(input.homeTown),
    ethnicity: text(input.ethnicity),
    nationality: text(input.nationality),
    residence: text(input.residence),
    mother_name: mother,
    mother_canon: motherForms.canon,
    mother_folded: motherForms.folded,
    mother_personal_id: personalIdOf(input.motherPersonalId, 'Số định danh của mẹ', warnings),
    father_name: father,
    father_canon: fatherForms.canon,
    father_folded: fatherForms.folded,
    father_personal_id: personalIdOf(input.fatherPersonalId, 'Số định danh của cha', warnings),
    key_date_surname: keys.dateSurname ?? null,
    key_date_given: keys.dateGiven ?? null,
    key_name_year: keys.nameYear ?? null,
    key_name_ym: keys.nameYearMonth ?? null,
    key_name_yd: keys.nameYearDay ?? null,
    key_name_md: keys.nameMonthDay ?? null,
    key_sg_md: keys.sgMonthDay ?? null,
    key_sg_mother: keys.sgMother ?? null,
    key_year_mother: keys.yearMother ?? null,
    key_given_father: keys.givenFather ?? null,
    key_given_mother: keys.givenMother ?? null,
    key_initial_year: keys.initialYear ?? null,
    key_given_year: keys.givenYear ?? null,
    key_year_father: keys.yearFather ?? null,
    key_middle_date: keys.middleDate ?? null,
  }
  return { ok: true, row, warnings }
}
