/**
 * One person as matching sees them, on either side: an entry of a book (the registered person and
 * the parents the book names) or a record of the population data. Prepared once, compared many times.
 */
import { resolveCode } from '../codes'
import { datePartsFromKey, datePartsToKey, nearYear, parseDateParts, swappedDate, type DateParts } from './dates'
import { prepareName, type PreparedName } from './names'
import { originCode } from './origin'
import { placeParts } from './places'

export type SexCode = '1' | '2'

/** What a caller knows, as written (any case, any date form). */
export interface PersonInput {
  personalId?: string | null
  fullName?: string | null
  /** dd.mm.yyyy, mm.yyyy, yyyy or a stored key yyyy[-mm[-dd]]. */
  birthDate?: string | null
  /** 1/2, Nam/Nữ... */
  sex?: string | null
  motherName?: string | null
  fatherName?: string | null
  birthplace?: string | null
  /** Dân tộc, quốc tịch: a name or a code of the domain's code lists. */
  ethnicity?: string | null
  nationality?: string | null
}

export interface MatchPerson {
  personalId?: string
  name?: PreparedName
  birth?: DateParts
  sex?: SexCode
  mother?: PreparedName
  father?: PreparedName
  birthplace?: readonly string[]
  /** Codes of the code lists (see originCode). */
  ethnicity?: string
  nationality?: string
}

/** Personal ID digits when the text is a plausible 12-digit number; spaces and dots are ignored. */
export function cleanPersonalId(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const digits = value.replace(/[\s.-]/g, '')
  return /^\d{12}$/.test(digits) ? digits : undefined
}

export function sexCodeOf(value: string | null | undefined): SexCode | undefined {
  if (!value) return undefined
  const code = resolveCode('gioiTinh', value)?.code
  if (code === '1' || code === '2') return code
  const folded = value.trim().toLowerCase()
  if (folded === 'm' || folded === 'male') return '1'
  if (folded === 'f' || folded === 'female') return '2'
  return undefined
}

function birthOf(value: string | null | undefined): DateParts | undefined {
  if (!value) return undefined
  return datePartsFromKey(value.trim()) ?? parseDateParts(value)
}

export function preparePerson(input: PersonInput): MatchPerson {
  const person: MatchPerson = {}
  const personalId = cleanPersonalId(input.personalId)
  if (personalId) person.personalId = personalId
  const name = prepareName(input.fullName)
  if (name) person.name = name
  const birth = birthOf(input.birthDate)
  if (birth) person.birth = birth
  const sex = sexCodeOf(input.sex)
  if (sex) person.sex = sex
  const mother = prepareName(input.motherName)
  if (mother) person.mother = mother
  const father = prepareName(input.fatherName)
  if (father) person.father = father
  const place = placeParts(input.birthplace)
  if (place.length > 0) person.birthplace = place
  const ethnicity = originCode('ethnicity', input.ethnicity)
  if (ethnicity) person.ethnicity = ethnicity
  const nationality = originCode('nationality', input.nationality)
  if (nationality) person.nationality = nationality
  return person
}

/**
 * Blocking: keys under which a population record is filed, so that an entry finds its candidates
 * by exact lookups. Two stages: the narrow keys (full birth date with sex and surname, or with the
 * given name; personal ID) find almost everyone; the broad ones, searched only for the entries
 * the narrow stage leaves unresolved, tolerate a partial or mistyped date or diacritics and middle
 * names: surname + given name with the year and month, the year and day, or the year alone (when
 * the book gives only the year), and the full name with day and month (a mistyped year). Sex sits
 * in the surname key because a common surname on a given day is the largest block of all
 * (Nguyễn: about 40% of the people born that day).
 *
 * Three keys carry neither the full name nor the exact year (issue 15: a dropped middle name with
 * a year off by one was never found): surname + given name with day and month (any year), surname
 * + given name with the mother's surname and given name (any date), and surname + birth year with
 * the mother's surname and given name (a mistyped given name on a year-only date; only the children of the book's
 * father or of an unnamed one: keyBounds).
 *
 * A third stage, "loose", is searched only by the entries both others (and the family search) leave
 * without a proposed person: a mistyped given name or surname together with a year off by one, a
 * year-only date or no mother (issue 15), which every key above misses because each carries the
 * whole name and either the exact year or the mother. Its keys each drop one of the two names but
 * keep its first letter (a slip of the key seldom touches it) and add what is left: the given name
 * with the surname's initial and the father's or the mother's surname and given name (any date, but
 * only people born in a year a slip of the book's reaches are kept: keyBounds);
 * the surname, birth year and middle names with the given name's initial, and the given name, birth
 * year and middle names with the surname's initial (no parent needed). An entry without a day also
 * looks up its name in the neighbouring years and in the year with its last two digits swapped.
 * Two more loose keys reach what these still miss (issue 15): the surname and birth year with the
 * father's surname and given name (a mistyped given name when the book has no mother or mistyped
 * her name: searched in the year, the neighbouring ones and the year with its last two digits
 * swapped; the neighbouring years only when the book names no mother, whose key of those years the
 * broad stage searched), and the middle names with the full birth date (a mistyped given name or
 * surname with a year off by one when the population data has no parents: searched in the year and
 * the neighbouring ones, which also reaches a slip in both names on the right date). At 1M people
 * (issue 15) the loose stage also looks up the full name with the month in the neighbouring years
 * and with those years alone (a year off together with a day off, or a record that has only the
 * year), and the father's key under the father's surname's initial (a slip in the child's surname).
 */
export const BLOCKING_KEYS = [
  'dateSurname', 'dateGiven', 'nameYear', 'nameYearMonth', 'nameYearDay', 'nameMonthDay', 'sgMonthDay', 'sgMother', 'yearMother',
  'givenFather', 'givenMother', 'initialYear', 'givenYear', 'yearFather', 'middleDate', 'initialYearUndated', 'initialYearMonth',
] as const
export type BlockingKey = (typeof BLOCKING_KEYS)[number]
export type SearchStage = 'narrow' | 'broad' | 'loose'
export type BlockingKeys = Partial<Record<BlockingKey, string>>

/** "surname given" of a parent (folded), as the blocking and family keys file it. */
export function parentKey(name: PreparedName): string {
  return `${name.surname} ${name.given}`
}

/** Month of a record known only by its year: such records are searched with the "month unknown" key. */
const UNKNOWN_MONTH = '??'
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * `only`: the keys wanted (all when absent): searchKeys builds one key of another year or name
 * without the other dozen strings. (The server no longer works keys out from the rows it fetches:
 * each row says which key and value found it, see lookup-local.ts.)
 */
export function blockingKeys(person: Pick<MatchPerson, 'name' | 'birth' | 'sex' | 'mother' | 'father'>, only?: ReadonlySet<BlockingKey>): BlockingKeys {
  const { name, birth, mother, father } = person
  const keys: BlockingKeys = {}
  if (!name) return keys
  // The shared parts are built when a wanted key first needs them (the narrow stage wants two keys of fifteen), with
  // no closure (under tsx a named inner function costs a call to name it): `only?.has(...) !== false`.
  let sg: string | undefined
  let motherKey: string | undefined
  let fatherKey: string | undefined
  if (mother && only?.has('sgMother') !== false) keys.sgMother = `${(sg ??= `${name.surname} ${name.given}`)}|${(motherKey ??= parentKey(mother))}`
  if (mother && only?.has('givenMother') !== false) keys.givenMother = `${name.given}|${name.surname.charAt(0)}|${(motherKey ??= parentKey(mother))}`
  if (father && only?.has('givenFather') !== false) keys.givenFather = `${name.given}|${name.surname.charAt(0)}|${(fatherKey ??= parentKey(father))}`
  if (!birth) return keys
  let middle: string | undefined
  // initialYear, and two keys that are not columns of their own: it for the people known without a day, and with the
  // month for those known to the day (see searchKeys). Built once for the three.
  const initial = !only || only.has('initialYear') || only.has('initialYearUndated') || only.has('initialYearMonth')
    ? `${name.surname}|${birth.year}|${(middle ??= name.middle.join(' '))}|${name.given.charAt(0)}`
    : undefined
  if (only?.has('initialYear') !== false) keys.initialYear = initial
  if (birth.day === undefined && only?.has('initialYearUndated') !== false) keys.initialYearUndated = initial
  if (initial && birth.day !== undefined && birth.month !== undefined && only?.has('initialYearMonth') !== false) keys.initialYearMonth = `${initial}|${pad(birth.month)}`
  if (only?.has('givenYear') !== false) keys.givenYear = `${name.given}|${birth.year}|${(middle ??= name.middle.join(' '))}|${name.surname.charAt(0)}`
  if (mother && only?.has('yearMother') !== false) keys.yearMother = `${name.surname}|${birth.year}|${(motherKey ??= parentKey(mother))}`
  if (father && only?.has('yearFather') !== false) keys.yearFather = `${name.surname}|${birth.year}|${(fatherKey ??= parentKey(father))}`
  if (only?.has('nameYear') !== false) keys.nameYear = `${(sg ??= `${name.surname} ${name.given}`)}|${birth.year}`
  if (only?.has('nameYearMonth') !== false) keys.nameYearMonth = `${(sg ??= `${name.surname} ${name.given}`)}|${birth.year}-${birth.month === undefined ? UNKNOWN_MONTH : pad(birth.month)}`
  if (birth.day !== undefined && birth.month !== undefined) {
    const iso = datePartsToKey(birth)
    if (person.sex && only?.has('dateSurname') !== false) keys.dateSurname = `${iso}|${name.surname}|${person.sex}`
    if (only?.has('dateGiven') !== false) keys.dateGiven = `${iso}|${name.given}`
    if (only?.has('nameYearDay') !== false) keys.nameYearDay = `${(sg ??= `${name.surname} ${name.given}`)}|${birth.year}|${pad(birth.day)}`
    if (only?.has('nameMonthDay') !== false) keys.nameMonthDay = `${name.folded}|${iso.slice(5)}`
    if (only?.has('sgMonthDay') !== false) keys.sgMonthDay = `${(sg ??= `${name.surname} ${name.given}`)}|${iso.slice(5)}`
    if (only?.has('middleDate') !== false) keys.middleDate = `${(middle ??= name.middle.join(' '))}|${iso}`
  }
  return keys
}

/** The year with its last two digits swapped (1904 for 1940), or undefined when that is the same year. */
function swappedYear(year: number): number | undefined {
  const s = String(year)
  if (s.length !== 4) return undefined
  const other = Number(`${s.slice(0, 2)}${s[3]}${s[2]}`)
  return other === year ? undefined : other
}

/** The years given, those that exist (swappedYear gives none for 1900, 2022...). */
const known = (...years: Array<number | undefined>): number[] => years.filter((y): y is number => y !== undefined)

const NAME_YEAR_MONTH: ReadonlySet<BlockingKey> = new Set(['nameYearMonth'])
const GIVEN_FATHER: ReadonlySet<BlockingKey> = new Set(['givenFather'])
const YEAR_MOTHER: ReadonlySet<BlockingKey> = new Set(['yearMother'])
const MIDDLE_DATE: ReadonlySet<BlockingKey> = new Set(['middleDate'])

/** What an entry looks up, by stage: [key, value] pairs (see blockingKeys). */
export function searchKeys(person: Pick<MatchPerson, 'name' | 'birth' | 'sex' | 'mother' | 'father'>, stage: SearchStage): Array<[BlockingKey, string]> {
  const own = blockingKeys(person)
  const { birth, name } = person
  if (!name) return []
  const pairs: Array<[BlockingKey, string | undefined]> = []
  if (stage === 'loose') {
    pairs.push(['givenFather', own.givenFather], ['givenMother', own.givenMother], ['givenYear', own.givenYear])
    // The surname, year and middle names with the given name's initial bring 52 people a search at 1M (a quarter of
    // the whole run's time) for a mistyped given name: a book that gives the day looks only among the people known
    // without one and those born in its month (a day off as well: the date keys reach the right day).
    if (birth?.day === undefined) pairs.push(['initialYear', own.initialYear])
    else pairs.push(['initialYearUndated', own.initialYear], ['initialYearMonth', own.initialYearMonth])
    if (birth && own.yearFather) {
      const years = own.yearMother ? [birth.year] : known(birth.year, birth.year - 1, birth.year + 1, swappedYear(birth.year))
      for (const year of years) pairs.push(['yearFather', blockingKeys({ ...person, birth: { year } }).yearFather])
    }
    // The mother's key in the year with its digits swapped and, when the book gives the whole date, two years off (the
    // broad stage searched the years either side): a mistyped given name with the year miscopied that far ("Lê Thị
    // Hàn 12.04.1958" for LÊ THỊ HẰNG 12/04/1960, the same mother). Her key is narrow (about 10 records a search at 1M
    // people). Not two years off on a year alone: there it brings the brother born two years before, whose year is
    // one digit from the book's ("near") and whose name one letter from it, as a slip: linked at p = 1.000 at 1M.
    if (birth && own.yearMother) {
      const far = birth.day === undefined ? [] : [birth.year - 2, birth.year + 2]
      for (const year of known(...far, swappedYear(birth.year))) pairs.push(['yearMother', blockingKeys({ ...person, birth: { year } }, YEAR_MOTHER).yearMother])
    }
    // The middle names with the full date, in the year too: a slip in the given name and one in the surname together
    // leave the date keys (each holds one of them) nothing to find. Also the year with its digits swapped ("Trần Thị
    // Hơng 25.07.1996" for TRẦN THỊ HƯƠNG 25/07/1969).
    if (birth && own.middleDate) {
      for (const year of known(birth.year, birth.year - 1, birth.year + 1, swappedYear(birth.year))) {
        pairs.push(['middleDate', blockingKeys({ ...person, birth: { ...birth, year } }, MIDDLE_DATE).middleDate])
      }
    }
    // The full name and the month in the neighbouring years, and those years known alone: a year off by one together
    // with a day off or a dropped middle name (the population data often has only the year of older people).
    if (birth && birth.month !== undefined) {
      for (const year of [birth.year - 1, birth.year + 1]) {
        pairs.push(['nameYearMonth', blockingKeys({ ...person, birth: { year, month: birth.month } }, NAME_YEAR_MONTH).nameYearMonth])
        pairs.push(['nameYearMonth', blockingKeys({ ...person, birth: { year } }, NAME_YEAR_MONTH).nameYearMonth])
      }
    }
    // A slip in the child's surname ("êL Văn Tùng") breaks every key that holds it or its initial: the father's key
    // again under the father's surname's initial, which the child usually carries.
    const { father } = person
    if (father && father.surname.charAt(0) !== name.surname.charAt(0)) pairs.push(['givenFather', blockingKeys({ ...person, name: { ...name, surname: father.surname } }, GIVEN_FATHER).givenFather])
    if (birth && birth.day === undefined) {
      for (const year of known(birth.year - 1, birth.year + 1, swappedYear(birth.year))) pairs.push(['nameYear', `${name.surname} ${name.given}|${year}`])
    }
    return pairs.filter((p): p is [BlockingKey, string] => p[1] !== undefined)
  }
  if (stage === 'broad') {
    pairs.push(['sgMother', own.sgMother], ['yearMother', own.yearMother])
    // A mistyped given name with a year off by one: the mother's key of the neighbouring years.
    if (birth && own.yearMother) for (const year of [birth.year - 1, birth.year + 1]) pairs.push(['yearMother', blockingKeys({ ...person, birth: { year } }).yearMother])
  }
  if (!birth) return pairs.filter((p): p is [BlockingKey, string] => p[1] !== undefined)
  const swapped = swappedDate(birth)
  const other = swapped ? blockingKeys({ ...person, birth: swapped }) : {}
  if (stage === 'narrow') {
    pairs.push(['dateSurname', own.dateSurname], ['dateGiven', own.dateGiven], ['dateGiven', other.dateGiven])
  } else if (birth.month === undefined) {
    pairs.push(['nameYear', own.nameYear])
  } else {
    const sg = `${name.surname} ${name.given}`
    pairs.push(['nameYearMonth', own.nameYearMonth], ['nameYearMonth', `${sg}|${birth.year}-${UNKNOWN_MONTH}`], ['nameYearMonth', other.nameYearMonth], ['nameYearDay', own.nameYearDay], ['nameMonthDay', own.nameMonthDay])
    pairs.push(['sgMonthDay', own.sgMonthDay], ['sgMonthDay', other.sgMonthDay])
  }
  return pairs.filter((p): p is [BlockingKey, string] => p[1] !== undefined)
}

/**
 * The book's year and a record's are one or two apart, or one slip apart (nearYear); either unknown: kept.
 *
 * It bounds the loose keys searched whatever the date, the given name with a parent's name (givenFather, givenMother: a
 * slip in the surname or the middle names; `keyBounds`). The people they bring born in a year no keying slip of the
 * book's reaches differ from the book in a name and in a date that is another one altogether, so they are never
 * proposed (a loose candidate must be corroborated, and such a date is a relative's, decide.ts) and, first in an
 * "ambiguous" list, they are namesakes of another family or generation, not the person. At 1M people these two keys
 * brought 41 and 13 people a search, 93% of them out of those years (issue 15, docs/PERFORMANCE.md).
 */
export function withinSlipYears(bookYear: number | undefined, recordYear: number | undefined): boolean {
  if (bookYear === undefined || recordYear === undefined) return true
  return Math.abs(bookYear - recordYear) <= 2 || nearYear(bookYear, recordYear)
}

/**
 * Every year withinSlipYears of a 4-digit `year` (the lookup sends them to the database with the key's value): one or two
 * either side, one digit changed, two neighbouring digits swapped.
 */
export function slipYears(year: number): number[] {
  const years = new Set([year - 2, year - 1, year, year + 1, year + 2])
  const s = String(year)
  if (s.length === 4) {
    for (let i = 0; i < 4; i++) for (let d = 0; d <= 9; d++) years.add(Number(`${s.slice(0, i)}${d}${s.slice(i + 1)}`))
    for (let i = 0; i < 3; i++) years.add(Number(`${s.slice(0, i)}${s[i + 1]}${s[i]}${s.slice(i + 2)}`))
  }
  return [...years].filter((y) => withinSlipYears(year, y)).sort((a, b) => a - b)
}

/**
 * Keys by the surname, a birth year and the mother's name (yearMother, broad and loose stages): of the people they
 * bring, those whose father and the book's are both named and differ in surname or given name are left out
 * (`sameFatherKey`). The key is for a given name mistyped beyond the other keys; beside the person it brings the
 * children, born that year, of every mother of that name: at 1M people 29 a search in three years, nine in ten of
 * them another father's (issue 15, docs/PERFORMANCE.md). Brothers and sisters, who weigh in the person's
 * probability, share the father and are kept; a father's middle name may differ (cousins), it is not in the key.
 */
export function sameFatherKey(entry: Pick<MatchPerson, 'father'>, record: Pick<MatchPerson, 'father'>): boolean {
  return !entry.father || !record.father || parentKey(entry.father) === parentKey(record.father)
}

/**
 * The loose key by the surname, a birth year and the father's name (yearFather) is for a given name mistyped when the
 * book names no mother or mistyped her name: of the people it brings, those whose mother and the book's are both named
 * and agree in neither her surname nor her given name are left out (a slip touches one of them). At 1M people three in
 * four of such a key's people had another mother (issue 15, docs/PERFORMANCE.md).
 */
export function motherWordAgrees(entry: Pick<MatchPerson, 'mother'>, record: Pick<MatchPerson, 'mother'>): boolean {
  return !entry.mother || !record.mother || entry.mother.surname === record.mother.surname || entry.mother.given === record.mother.given
}

/** What the lookup also asks of the people a key brings, beyond its value (see withinSlipYears, sameFatherKey, motherWordAgrees). */
export type KeyBound = 'slipYears' | 'sameFather' | 'motherWord'

const NO_BOUNDS: ReadonlyMap<BlockingKey, KeyBound> = new Map()
const BROAD_BOUNDS: ReadonlyMap<BlockingKey, KeyBound> = new Map([['yearMother', 'sameFather']])
const LOOSE_BOUNDS: ReadonlyMap<BlockingKey, KeyBound> = new Map([
  ['givenFather', 'slipYears'], ['givenMother', 'slipYears'], ['yearMother', 'sameFather'], ['yearFather', 'motherWord'],
])

/** The keys of a stage whose people are kept only when their bound holds (the lookup and stageFinds ask). */
export const keyBounds = (stage: SearchStage): ReadonlyMap<BlockingKey, KeyBound> => (stage === 'loose' ? LOOSE_BOUNDS : stage === 'broad' ? BROAD_BOUNDS : NO_BOUNDS)

/** Whether the lookup keeps a record a bound key found for the entry. */
export function boundKeeps(bound: KeyBound, entry: MatchPerson, record: MatchPerson): boolean {
  switch (bound) {
    case 'slipYears':
      return withinSlipYears(entry.birth?.year, record.birth?.year)
    case 'sameFather':
      return sameFatherKey(entry, record)
    case 'motherWord':
      return motherWordAgrees(entry, record)
  }
}

/** Whether one of the entry's keys of the stage finds the record, and the lookup keeps it (keyBounds). */
export function stageFinds(entry: MatchPerson, record: MatchPerson, stage: SearchStage): boolean {
  const filed = blockingKeys(record)
  const bounds = keyBounds(stage)
  return searchKeys(entry, stage).some(([key, value]) => {
    const bound = bounds.get(key)
    return filed[key] === value && (bound === undefined || boundKeeps(bound, entry, record))
  })
}

/**
 * The last resort for an entry both stages leave unresolved: the people with the same surname,
 * given name and birth year whose mother or father has the same surname and given name. It reaches
 * dates whose day and month were both miscopied (05.07.1990 for 12.03.1990), which no date key
 * can; the parents keep it narrow and the search is bounded (FAMILY_LIMIT people per entry).
 * Entries that give only the year need none: the broad stage already searches the whole year.
 */
export const FAMILY_LIMIT = 10

export interface FamilyKey {
  /** As blockingKeys' nameYear: "surname given|year". */
  nameYear: string
  /** "surname given" of the parents the book names. */
  mother?: string
  father?: string
}


export function familyKey(person: Pick<MatchPerson, 'name' | 'birth' | 'mother' | 'father'>): FamilyKey | undefined {
  const { name, birth, mother, father } = person
  if (!name || !birth || birth.month === undefined || (!mother && !father)) return undefined
  return {
    nameYear: `${name.surname} ${name.given}|${birth.year}`,
    ...(mother ? { mother: parentKey(mother) } : {}),
    ...(father ? { father: parentKey(father) } : {}),
  }
}

/** Whether a record is one the family search returns for this key (the server's SQL does the same). */
export function familyFinds(key: FamilyKey, record: MatchPerson): boolean {
  if (blockingKeys(record).nameYear !== key.nameYear) return false
  return (key.mother !== undefined && record.mother !== undefined && parentKey(record.mother) === key.mother) ||
    (key.father !== undefined && record.father !== undefined && parentKey(record.father) === key.father)
}
