/**
 * Who an entry is about, as matching sees it: the registered person and, where the book names
 * them, the parents and the birthplace, as the catalog's `subject` declares them. The person's
 * values are the book's text as keyed; preparation folds and canonicalises them.
 */
import { bookTypeDefOf, preparePerson, type BookTypeRef, type MatchField, type MatchPerson, type PersonInput } from '@hts/domain'

/** The entry fields matching reads for a book type (the rest of the entry is not fetched). */
export function matchFieldKeys(bookType: BookTypeRef): string[] {
  const { subject } = bookTypeDefOf(bookType)
  return [
    subject.nameKey, subject.birthDateKey, subject.personalIdKey, subject.sexKey, subject.motherNameKey,
    subject.fatherNameKey, subject.birthplaceKey, subject.ethnicityKey, subject.nationalityKey,
  ].filter((k): k is string => Boolean(k))
}

export function entryPersonInput(bookType: BookTypeRef, fields: Record<string, string>): PersonInput {
  const { subject } = bookTypeDefOf(bookType)
  const value = (key: string | undefined) => (key ? (fields[key] ?? null) : null)
  return {
    personalId: value(subject.personalIdKey),
    fullName: value(subject.nameKey),
    birthDate: value(subject.birthDateKey),
    sex: value(subject.sexKey) ?? subject.impliedSex ?? null,
    motherName: value(subject.motherNameKey),
    fatherName: value(subject.fatherNameKey),
    birthplace: value(subject.birthplaceKey),
    ethnicity: value(subject.ethnicityKey),
    nationality: value(subject.nationalityKey),
  }
}

export function entryPerson(bookType: BookTypeRef, fields: Record<string, string>): { input: PersonInput; person: MatchPerson } {
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
    ethnicity: input.ethnicity ?? null,
    nationality: input.nationality ?? null,
  }
}
