import type { Kysely } from 'kysely'
import { FIELD_GROUPS, foldKey, getBookType, isBookTypeCode, parsePartialDate, partialDateToIso, personsOf, type EntryFields } from '@hts/domain'
import type { Database } from '../../db/schema'
import { derivedColumns } from '../entries'

/** Registers whose subject is looked up: births, deaths, marriages (the husband is the subject of KH). */
const LINKED_TYPES = ['KS', 'KT', 'KH'] as const

const fullDate = (text: string | undefined): string | null => {
  const parsed = text ? parsePartialDate(text) : undefined
  return parsed?.ok && parsed.value.precision === 'day' ? partialDateToIso(parsed.value) : null
}

/** A marriage's two parties as the columns name them: the husband is the subject, the wife the spouse. */
interface PartyKey {
  folded: string | null
  birth: string | null
}
const samePerson = (a: PartyKey, b: PartyKey) => a.folded !== null && a.folded === b.folded && a.birth !== null && a.birth === b.birth

/** Kinds of marginal note that end a marriage: with one on the earlier marriage, a later one is no conflict. */
const ENDS_MARRIAGE = ['divorce', 'annulment', 'death']

/**
 * Entries in `scope` whose subject is a person this entry names, by the same folded name and the
 * same birth date to the day (a name alone is not a person), and the marriages where such a person
 * is the other party (the wife: migration 0029). Flags a marriage where either party is in another
 * marriage entry that nothing ended: no death entry of that marriage's other party and no divorce,
 * annulment or death note on it (the same couple keyed twice is a duplicate, not a flag).
 */
export async function relatedEntries(db: Kysely<Database>, entry: { id: string; book_type: string; fields: EntryFields }, scope: string[]) {
  if (!isBookTypeCode(entry.book_type) || scope.length === 0) return { items: [], flags: [] }
  const persons = personsOf(entry.book_type, entry.fields).flatMap((p) => {
    const birth = fullDate(p.birth)
    return birth ? [{ ...p, folded: foldKey(p.name), birthIso: birth }] : []
  })
  const base = () => db
    .selectFrom('entries')
    .innerJoin('books', 'books.id', 'entries.book_id')
    .select(['entries.id', 'entries.book_id', 'books.volume', 'entries.so', 'entries.registration_year', 'entries.subject_name', 'entries.status', 'entries.book_type',
      'entries.subject_name_folded', 'entries.subject_birth_date', 'entries.spouse_name_folded', 'entries.spouse_birth_date'])
    .where('entries.custodian_unit_id', 'in', scope)
    .where('entries.status', '<>', 'withdrawn')
    .where('entries.id', '<>', entry.id)
    .limit(20)
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number]
  const items = []
  /** Marriages of each person of this entry, with the side the person is on there. */
  const marriages: { person: string; key: PartyKey; row: Row; side: 'subject' | 'spouse' }[] = []
  for (const person of persons) {
    const key = { folded: person.folded, birth: person.birthIso }
    const asSubject = await base().where('entries.subject_name_folded', '=', person.folded).where('entries.subject_birth_date', '=', person.birthIso)
      .where('entries.book_type', 'in', [...LINKED_TYPES]).execute()
    const asSpouse = await base().where('entries.spouse_name_folded', '=', person.folded).where('entries.spouse_birth_date', '=', person.birthIso).execute()
    for (const [row, side] of [...asSubject.map((r) => [r, 'subject'] as const), ...asSpouse.map((r) => [r, 'spouse'] as const)]) {
      const type = isBookTypeCode(row.book_type) ? getBookType(row.book_type) : undefined
      const spouseGroup = type?.fields.find((f) => f.key === type.subject.spouseNameKey)?.group
      items.push({
        role: person.role,
        person: person.name,
        relation: side === 'spouse' && spouseGroup ? `${type?.shortLabel ?? row.book_type} (${FIELD_GROUPS[spouseGroup].replace(/^Thông tin /, '')})` : (type?.shortLabel ?? row.book_type),
        entry: { id: row.id, bookId: row.book_id, volume: row.volume, so: row.so, registrationYear: row.registration_year, subjectName: row.subject_name, status: row.status, bookType: row.book_type },
      })
      if (row.book_type === entry.book_type && type?.subject.spouseNameKey) marriages.push({ person: person.key, key, row, side })
    }
  }
  return { items, flags: await marriageFlags(db, entry, marriages, scope) }
}

async function marriageFlags(
  db: Kysely<Database>,
  entry: { book_type: string; fields: EntryFields },
  marriages: { person: string; key: PartyKey; row: { id: string; so: number | null; registration_year: number | null; volume: string; subject_name_folded: string | null; subject_birth_date: string | null; spouse_name_folded: string | null; spouse_birth_date: string | null }; side: 'subject' | 'spouse' }[],
  scope: string[],
): Promise<string[]> {
  if (!isBookTypeCode(entry.book_type)) return []
  const { subject } = getBookType(entry.book_type)
  if (!subject.spouseNameKey) return []
  // This entry's two parties as the entries module derives its columns (the same folding and dates).
  const derived = derivedColumns(entry.book_type, entry.fields)
  const here = {
    subject: { folded: derived.subject_name_folded, birth: derived.subject_birth_precision === 'day' ? derived.subject_birth_date : null },
    spouse: { folded: derived.spouse_name_folded, birth: derived.spouse_birth_date },
  }
  const flags: string[] = []
  for (const m of marriages) {
    // Only this entry's own parties, on the same side as here (a husband's other marriage as husband).
    const mySide = m.person === subject.nameKey ? 'subject' : m.person === subject.spouseNameKey ? 'spouse' : null
    if (mySide === null || mySide !== m.side) continue
    const partner = m.side === 'subject' ? { folded: m.row.spouse_name_folded, birth: m.row.spouse_birth_date } : { folded: m.row.subject_name_folded, birth: m.row.subject_birth_date }
    const partnerHere = m.side === 'subject' ? here.spouse : here.subject
    if (samePerson(partner, partnerHere)) continue
    // A withdrawn note (keyed by mistake) ends nothing.
    const ended = await db.selectFrom('entry_notes').select('id').where('entry_id', '=', m.row.id).where('kind', 'in', ENDS_MARRIAGE).where('withdrawn_at', 'is', null).executeTakeFirst()
    if (ended) continue
    const partnerDied = partner.folded !== null && partner.birth !== null
      ? await db.selectFrom('entries').select('id').where('book_type', '=', 'KT').where('subject_name_folded', '=', partner.folded).where('subject_birth_date', '=', partner.birth)
        .where('custodian_unit_id', 'in', scope).where('status', '<>', 'withdrawn').executeTakeFirst()
      : undefined
    if (partnerDied) continue
    const who = m.side === 'subject' ? 'Người chồng' : 'Người vợ'
    const former = m.side === 'subject' ? 'người vợ trước' : 'người chồng trước'
    const number = `số ${m.row.so ?? '?'}${m.row.registration_year ? `/${m.row.registration_year}` : ''}, quyển ${m.row.volume}`
    flags.push(`${who} đã có đăng ký kết hôn khác (${number}) và chưa thấy khai tử ${former} hay ghi chú ly hôn: kiểm tra trước khi duyệt.`)
  }
  return flags
}
