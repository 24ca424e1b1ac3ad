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

/** The subject's dân tộc and quốc tịch fields: named after the subject's name field (nksHoTen → nksDanToc). */
const originCache = new Map<BookTypeCode, { ethnicity?: string; nationality?: string }>()
function originKeys(bookType: BookTypeCode): { ethnicity?: string; nationality?: string } {
  let keys = originCache.get(bookType)
  if (!keys) originCache.set(bookType, (keys = findOriginKeys(bookType)))
  return keys
}
function findOriginKeys(bookType: BookTypeCode): { ethnicity?: string; nationality?: string } {
  const def = getBookType(bookType)
  const prefix = def.subject.nameKey.replace(/HoTen$/, '')
  const has = (key: string) => def.fields.some((f) => f.key === key)
  return { ...(has(`${prefix}DanToc`) ? { ethnicity: `${prefix}DanToc` } : {}), ...(has(`${prefix}QuocTich`) ? { nationality: `${prefix}QuocTich` } : {}) }
}

/** The entry fields matching reads for a book type (the rest of the entry is not fetched). */
export function matchFieldKeys(bookType: BookTypeCode): string[] {
  const { subject } = getBookType(bookType)
  const extra = EXTRA[bookType] ?? {}
  const origin = originKeys(bookType)
  return [subject.nameKey, subject.birthDateKey, subject.personalIdKey, subject.sexKey, extra.mother, extra.father, extra.birthplace, origin.ethnicity, origin.nationality].filter((k): k is string => Boolean(k))
}

export function entryPersonInput(bookType: BookTypeCode, fields: Record<string, string>): PersonInput {
  const { subject } = getBookType(bookType)
  const extra = EXTRA[bookType] ?? {}
  const origin = originKeys(bookType)
  const value = (key: string | undefined) => (key ? (fields[key] ?? null) : null)
  return {
    personalId: value(subject.personalIdKey),
    fullName: value(subject.nameKey),
    birthDate: value(subject.birthDateKey),
    sex: value(subject.sexKey) ?? SUBJECT_SEX[bookType] ?? null,
    motherName: value(extra.mother),
    fatherName: value(extra.father),
    birthplace: value(extra.birthplace),
    ethnicity: value(origin.ethnicity),
    nationality: value(origin.nationality),
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
    ethnicity: input.ethnicity ?? null,
    nationality: input.nationality ?? null,
  }
}
