import type { Kysely } from 'kysely'
import { foldKey, getBookType, isBookTypeCode, parsePartialDate, partialDateToIso, personsOf, type EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'

/** Registers whose subject is looked up: births, deaths, marriages (the husband is the subject of KH). */
const LINKED_TYPES = ['KS', 'KT', 'KH'] as const

const fullDate = (text: string | undefined): string | null => {
  const parsed = text ? parsePartialDate(text) : undefined
  return parsed?.ok && parsed.value.precision === 'day' ? partialDateToIso(parsed.value) : null
}

/**
 * Entries in `scope` whose subject is a person this entry names, by the same folded name and the
 * same birth date to the day (a name alone is not a person). Flags a marriage whose husband is
 * already in another marriage entry with no death recorded (a divorce is a marginal note the
 * officer checks). The wife is not the subject of a KH entry and is not looked up as a spouse.
 */
export async function relatedEntries(db: Kysely<Database>, entry: { id: string; book_type: string; fields: EntryFields }, scope: string[]) {
  if (!isBookTypeCode(entry.book_type) || scope.length === 0) return { items: [], flags: [] }
  const persons = personsOf(entry.book_type, entry.fields).flatMap((p) => {
    const birth = fullDate(p.birth)
    return birth ? [{ ...p, folded: foldKey(p.name), birthIso: birth }] : []
  })
  const items = []
  for (const person of persons) {
    const rows = await db
      .selectFrom('entries')
      .innerJoin('books', 'books.id', 'entries.book_id')
      .select(['entries.id', 'entries.book_id', 'books.volume', 'entries.so', 'entries.registration_year', 'entries.subject_name', 'entries.status', 'entries.book_type'])
      .where('entries.subject_name_folded', '=', person.folded)
      .where('entries.subject_birth_date', '=', person.birthIso)
      .where('entries.book_type', 'in', [...LINKED_TYPES])
      .where('entries.custodian_unit_id', 'in', scope)
      .where('entries.status', '<>', 'withdrawn')
      .where('entries.id', '<>', entry.id)
      .limit(20)
      .execute()
    for (const row of rows) {
      items.push({
        role: person.role,
        person: person.name,
        relation: isBookTypeCode(row.book_type) ? getBookType(row.book_type).shortLabel : row.book_type,
        entry: { id: row.id, bookId: row.book_id, volume: row.volume, so: row.so, registrationYear: row.registration_year, subjectName: row.subject_name, status: row.status, bookType: row.book_type },
      })
    }
  }
  const flags: string[] = []
  if (entry.book_type === 'KH') {
    const husband = getBookType('KH').subject.nameKey
    const mine = items.filter((i) => personsOf('KH', entry.fields).some((p) => p.key === husband && p.name === i.person))
    const otherMarriages = mine.filter((i) => i.entry.bookType === 'KH')
    const died = mine.some((i) => i.entry.bookType === 'KT')
    for (const m of otherMarriages) {
      if (!died) flags.push(`Người chồng đã có đăng ký kết hôn khác (số ${m.entry.so ?? '?'}${m.entry.registrationYear ? `/${m.entry.registrationYear}` : ''}, quyển ${m.entry.volume}) và chưa thấy khai tử: kiểm tra đã ly hôn hoặc người vợ trước đã chết chưa.`)
    }
  }
  return { items, flags }
}
