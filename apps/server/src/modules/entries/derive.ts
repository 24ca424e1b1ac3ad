import { foldKey, getBookType, parsePartialDate, partialDateToIso, type BookTypeCode, type EntryFields, type SubjectDef } from '@hts/domain'

/** Values as the keyer confirmed them: NFC, trimmed, empty ones dropped. The book's wording is kept. */
export function cleanFields(fields: Record<string, string>): EntryFields {
  const clean: EntryFields = {}
  for (const [key, value] of Object.entries(fields)) {
    const text = value.normalize('NFC').trim()
    if (text !== '') clean[key] = text
  }
  return clean
}

export function unknownFieldKeys(bookType: BookTypeCode, fields: EntryFields): string[] {
  const known = new Set(getBookType(bookType).fields.map((f) => f.key))
  return Object.keys(fields).filter((key) => !known.has(key))
}

/** Số and trang as numbers for sorting and gap checks; books also write số as "01/2018" (number/year). */
function leadingNumber(value: string | undefined): number | null {
  const match = value?.match(/^(\d{1,9})(\/\d{4})?$/)
  return match ? Number(match[1]) : null
}

function dateColumns(value: string | undefined) {
  if (!value) return { iso: null, precision: null, year: null }
  const parsed = parsePartialDate(value)
  if (!parsed.ok) return { iso: null, precision: null, year: null }
  return { iso: partialDateToIso(parsed.value), precision: parsed.value.precision, year: parsed.value.year }
}

/** The other party of a marriage, folded, with her birth date to the day (migration 0029, related entries). */
export function spouseColumns(subject: SubjectDef, fields: EntryFields): { spouse_name_folded: string | null; spouse_birth_date: string | null } {
  const name = subject.spouseNameKey ? fields[subject.spouseNameKey] : undefined
  const birth = dateColumns(subject.spouseBirthDateKey ? fields[subject.spouseBirthDateKey] : undefined)
  return { spouse_name_folded: name ? foldKey(name) : null, spouse_birth_date: birth.precision === 'day' ? birth.iso : null }
}

/** The indexed columns an entry row carries beside its jsonb fields, all derived from the catalog. */
export function derivedColumns(bookType: BookTypeCode, fields: EntryFields) {
  const { subject } = getBookType(bookType)
  const registration = dateColumns(fields.ngayDangKy)
  const birth = dateColumns(subject.birthDateKey ? fields[subject.birthDateKey] : undefined)
  const name = fields[subject.nameKey] ?? null
  return {
    so: leadingNumber(fields.so),
    trang_so: leadingNumber(fields.trangSo),
    registration_date: registration.iso,
    registration_date_precision: registration.precision,
    registration_year: registration.year,
    subject_name: name,
    subject_name_folded: name === null ? null : foldKey(name),
    subject_birth_date: birth.iso,
    subject_birth_precision: birth.precision,
    subject_personal_id: (subject.personalIdKey ? fields[subject.personalIdKey] : undefined) ?? null,
    // The registry search's parents filter (migration 0018, trigram index): "mother | father", folded.
    parents_folded: [subject.motherNameKey, subject.fatherNameKey].flatMap((key) => (key && fields[key] ? [foldKey(fields[key])] : [])).join(' | ') || null,
    ...spouseColumns(subject, fields),
  }
}
