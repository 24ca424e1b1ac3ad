/**
 * Who an entry is about, as matching sees it: the registered person (the catalog's subject) and,
 * where the book names them, the parents and the birthplace. The person's values are the book's
 * text as keyed; preparation folds and canonicalises them.
 */
import { getBookType, preparePerson, type BookTypeCode, type MatchField, type MatchPerson, type PersonInput } from '@hts/domain'

/** Extra keys per book type: parents and birthplace exist only where the book records them. */
const EXTRA: Partial<Record<BookTypeCode, { mother?: string; father?: string; birthplace?: string }>> = {
  KS: { mother: 'meHoTen', father: 'chaHoTen', birthplace: 'nksNoiSinh' },
}

/** Sex the role itself tells when the book has no sex column (a husband is a man). */
const SUBJECT_SEX: Partial<Record<BookTypeCode, '1' | '2'>> = { KH: '1' }

/** The entry fields matching reads for a book type (the rest of the entry is not fetched). */
export function matchFieldKeys(bookType: BookTypeCode): string[] {
  const { subject } = getBookType(bookType)
  const extra = EXTRA[bookType] ?? {}
  return [subject.nameKey, subject.birthDateKey, subject.personalIdKey, subject.sexKey, extra.mother, extra.father, extra.birthplace].filter((k): k is string => Boolean(k))
}

export function entryPersonInput(bookType: BookTypeCode, fields: Record<string, string>): PersonInput {
  const { subject } = getBookType(bookType)
  const extra = EXTRA[bookType] ?? {}
  const value = (key: string | undefined) => (key ? (fields[key] ?? null) : null)
  return {
    personalId: value(subject.personalIdKey),
    fullName: value(subject.nameKey),
    birthDate: value(subject.birthDateKey),
    sex: value(subject.sexKey) ?? SUBJECT_SEX[bookType] ?? null,
    motherName: value(extra.mother),
    fatherName: value(extra.father),
    birthplace: value(extra.birthplace),
  }
}

export function entryPerson(bookType: BookTypeCode, fields: Record<string, string>): { input: PersonInput; person: MatchPerson } {
  const input = entryPersonInput(bookType, fields)
  return { input, person: preparePerson(input) }
}

/** The book's text for each compared field, for the side-by-side view. */
export function bookValues(input: PersonInput): Record<MatchField, string | null> {
  return {
    personalId: input.personalId ?? null,
    name: input.fullName ?? null,
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
    mother: input.motherName ?? null,
    father: input.fatherName ?? null,
    birthplace: input.birthplace ?? null,
  }
}
