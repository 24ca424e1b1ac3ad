import { FAMILY_LIMIT, preparePerson, type MatchPerson } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { createLocalLookup } from '../population/lookup-local'
import type { SearchOptions } from '../population/lookup'
import { loadPopulation, POLICE_HEADERS, populationCsv } from '../population/population-fixtures'

let server: TestServer
let officer: Client
let bookId: string

const hoa = buildBirthFields({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' })

async function reconcile(fields: Record<string, string>) {
  const created = await officer.post(`/api/books/${bookId}/entries`, { fields })
  expect(created.status).toBe(201)
  const run = await officer.post(`/api/entries/${created.body.id}/reconcile`)
  expect(run.status).toBe(200)
  return run.body
}

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  await loadPopulation(server, await server.login('congan.anphu'), populationCsv())
  bookId = (await createBook(officer, server, '98001', { volume: '05/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })).id
})
afterAll(async () => server?.close())

describe('ethnicity and nationality', () => {
  it('agree on "Kinh" and "Việt Nam" and are shown with their weight', async () => {
    const run = await reconcile(hoa)
    expect(run.outcome).toBe('match')
    const fields = run.candidates[0].fields
    expect(fields.find((f: any) => f.field === 'ethnicity')).toMatchObject({ fieldLabel: 'Dân tộc', level: 'agree', label: 'Giống', book: 'Kinh', population: 'Kinh', differs: false })
    expect(fields.find((f: any) => f.field === 'nationality')).toMatchObject({ fieldLabel: 'Quốc tịch', level: 'agree', book: 'Việt Nam', population: 'Việt Nam' })
  })

  it('list a different ethnicity or nationality as a mismatch field, with its weight in the explanation', async () => {
    const tay = await reconcile({ ...hoa, nksDanToc: 'Tày' })
    expect(tay.outcome).toBe('mismatch')
    expect(tay.differences).toEqual([{ field: 'ethnicity', label: 'Dân tộc' }])
    const ethnicity = tay.candidates[0].fields.find((f: any) => f.field === 'ethnicity')
    expect(ethnicity).toMatchObject({ level: 'disagree', label: 'Khác', book: 'Tày', population: 'Kinh', differs: true })
    expect(ethnicity.weight).toBeLessThan(0)

    const lao = await reconcile({ ...hoa, nksQuocTich: 'Lào' })
    expect(lao.outcome).toBe('mismatch')
    expect(lao.differences).toEqual([{ field: 'nationality', label: 'Quốc tịch' }])
    expect(lao.candidates[0].fields.find((f: any) => f.field === 'nationality').weight).toBeLessThan(0)
  })
})

describe('a birth date whose day and month were both miscopied', () => {
  it('is still found when name, birth year and parents agree, as a mismatch of the date', async () => {
    const run = await reconcile({ ...hoa, nksNgaySinh: '03.07.1990' })
    expect(run.outcome).toBe('mismatch')
    expect(run.differences).toEqual([{ field: 'birthDate', label: 'Ngày sinh' }])
    expect(run.candidates[0].person.personalId).toBe('034190001234')
    expect(run.candidates[0].fields.find((f: any) => f.field === 'birthDate')).toMatchObject({ book: '03.07.1990', population: '12.05.1990', level: 'sameYear' })
  })

  it('is not found without a parent in common: the family search needs them', async () => {
    const run = await reconcile({ ...hoa, nksNgaySinh: '03.07.1990', meHoTen: 'Đỗ Thị Nụ', chaHoTen: 'Khúc Văn Tiến' })
    expect(run.outcome).toBe('not_found')
  })

  it('returns at most FAMILY_LIMIT people per entry however many share name, year and parent', async () => {
    // Another commune's extract: fifteen NGUYỄN VĂN AN born in 1980 with the same mother's name.
    const extra = Array.from({ length: 15 }, (_, i) => [String(i + 1), `03418000${String(1000 + i)}`, 'NGUYỄN VĂN AN', `${String(i + 1).padStart(2, '0')}/01/1980`, 'Nam', '', '', 'Kinh', 'Việt Nam', 'LÊ THỊ HOA', '', ''])
    const csv = [POLICE_HEADERS, ...extra].map((r) => r.join(',')).join('\r\n')
    await loadPopulation(server, await server.login('tuphap.binhminh'), csv, '98002', 'Công an xã Bình Minh')
    const person = preparePerson({ fullName: 'Nguyễn Văn An', birthDate: '28.12.1980', sex: '1', motherName: 'Lê Thị Hoa' })
    const lookup = createLocalLookup(server.db.kysely)
    const query = { ref: 'e1', input: {}, person }
    // The broad stage reaches them through the mother's keys (surname + given name + mother, issue 15):
    // fifteen namesakes of one mother is this test's contrivance; the family search stays bounded.
    const { mother: _mother, ...withoutMother } = person
    const broad = await lookup.search([await unitIdByCode(server, '98002')], [{ ...query, person: withoutMother }], { broad: true })
    expect(broad.status === 'ok' && broad.candidates.get('e1')).toEqual([])
    const family = await lookup.search([await unitIdByCode(server, '98002')], [query], { family: true })
    expect(family.status).toBe('ok')
    const found = family.status === 'ok' ? (family.candidates.get('e1') ?? []) : []
    expect(found).toHaveLength(FAMILY_LIMIT)
    expect(found.every((c) => c.person.name?.folded === 'nguyen van an' && c.person.birth?.year === 1980)).toBe(true)
  })
})

type Parents = { mother?: string; father?: string }

/** Loads Bình Minh's extract with these people (STT, ID, name, birth date, sex) and their parents (the same for all, or one each). */
async function loadBinhMinh(people: string[][], parents: Parents | Parents[] = {}) {
  const parentsOf = (i: number) => (Array.isArray(parents) ? (parents[i] ?? {}) : parents)
  const rows = people.map((r, i) => [...r, '', '', 'Kinh', 'Việt Nam', parentsOf(i).mother ?? '', parentsOf(i).father ?? '', ''])
  const csv = [POLICE_HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')
  await loadPopulation(server, await server.login('tuphap.binhminh'), csv, '98002', 'Công an xã Bình Minh')
}

/** A stage's candidates in Bình Minh, by entry, for entries searched together in one batch. */
async function stageCandidates(stage: SearchOptions, ...persons: MatchPerson[]) {
  const queries = persons.map((person, i) => ({ ref: `e${i}`, input: {}, person }))
  const found = await createLocalLookup(server.db.kysely).search([await unitIdByCode(server, '98002')], queries, stage)
  expect(found.status).toBe('ok')
  return queries.map((q) => (found.status === 'ok' ? (found.candidates.get(q.ref) ?? []) : []))
}
const looseCandidates = (...persons: MatchPerson[]) => stageCandidates({ loose: true }, ...persons)

describe('the loose stage on a book that gives the day (issue 15)', () => {
  it('looks for a mistyped given name among the people known by the year only or born in the book\'s month, not the whole year', async () => {
    // Three women of one surname, middle name, given name's initial and year: a year only, another day of the book's
    // month, another month.
    await loadBinhMinh([
      ['1', '034169000101', 'TRẦN THỊ NGỌC', '1969', 'Nữ'],
      ['2', '034169000102', 'TRẦN THỊ NGỌT', '28/03/1969', 'Nữ'],
      ['3', '034169000103', 'TRẦN THỊ NGỌA', '28/07/1969', 'Nữ'],
    ])
    const [found = []] = await looseCandidates(preparePerson({ fullName: 'Trần Thị Ngọ', birthDate: '30.03.1969', sex: '2' }))
    expect(found.map((c) => c.person.name?.canon).sort()).toEqual(['trần thị ngọc', 'trần thị ngọt'])
    // A book that gives the year only still looks through the whole year.
    const [wide = []] = await looseCandidates(preparePerson({ fullName: 'Trần Thị Ngọ', birthDate: '1969', sex: '2' }))
    expect(wide).toHaveLength(3)
  })
})

describe('the loose stage by the given name and a parent (issue 15)', () => {
  it('keeps only the people born in a year a slip of the book\'s reaches', async () => {
    // Three LÊ VĂN TÙNG whose father is LÊ VĂN HẢI: born a year after the book's, in its year with the last two digits
    // swapped, and a generation later.
    await loadBinhMinh([
      ['1', '034081000201', 'LÊ VĂN TÙNG', '1981', 'Nam'],
      ['2', '034008000202', 'LÊ VĂN TÙNG', '1908', 'Nam'],
      ['3', '034205000203', 'LÊ VĂN TÙNG', '2005', 'Nam'],
    ], { father: 'LÊ VĂN HẢI' })
    // The surname mistyped: only the keys by the given name and the father reach them. The same value asked in one
    // batch by a book without a date keeps all three.
    const dated = preparePerson({ fullName: 'Lw Văn Tùng', birthDate: '1980', sex: '1', fatherName: 'Lê Văn Hải' })
    const undated = preparePerson({ fullName: 'Lw Văn Tùng', sex: '1', fatherName: 'Lê Văn Hải' })
    const [found = [], all = []] = await looseCandidates(dated, undated)
    expect(found.map((c) => c.person.personalId).sort()).toEqual(['034008000202', '034081000201'])
    expect(all.map((c) => c.person.personalId).sort()).toEqual(['034008000202', '034081000201', '034205000203'])
  })
})

describe('the mother\'s key by surname and year (issue 15)', () => {
  it('keeps only the children whose father is the book\'s or unnamed, in the broad stage and the loose one', async () => {
    // Three boys of one surname born in 1975 to mothers named NGUYỄN THỊ LAN: fathers TRẦN VĂN HÙNG, TRẦN ĐỨC HÙNG
    // (the same key: surname and given name) and TRẦN VĂN DŨNG; a fourth whose father is not named.
    const people = [['1', '034075000301', 'TRẦN VĂN BÌNH', '1975', 'Nam'], ['2', '034075000302', 'TRẦN VĂN BẢO', '1975', 'Nam'], ['3', '034075000303', 'TRẦN VĂN BẮC', '1975', 'Nam'], ['4', '034075000304', 'TRẦN VĂN BÍCH', '1975', 'Nam']]
    await loadBinhMinh(people, ['TRẦN VĂN HÙNG', 'TRẦN ĐỨC HÙNG', 'TRẦN VĂN DŨNG', ''].map((father) => ({ mother: 'NGUYỄN THỊ LAN', father })))
    // The given name mistyped beyond a slip: only the surname, the year and the mother reach them. In one batch, the
    // same value asked by a book naming the father, by one that does not, and by one naming another father.
    const book = { fullName: 'Trần Văn Bihh', birthDate: '1975', sex: '1', motherName: 'Nguyễn Thị Lan' }
    const ids = (found: Array<{ person: MatchPerson }>) => found.map((c) => c.person.personalId).sort()
    const [hung = [], none = [], other = []] = await stageCandidates({ broad: true },
      preparePerson({ ...book, fatherName: 'Tran Van Hung' }), preparePerson(book), preparePerson({ ...book, fatherName: 'Trần Văn Dũng' }))
    expect(ids(hung)).toEqual(['034075000301', '034075000302', '034075000304'])
    expect(ids(none)).toEqual(['034075000301', '034075000302', '034075000303', '034075000304'])
    expect(ids(other)).toEqual(['034075000303', '034075000304'])
    // The loose stage searches the same key in the year with its digits swapped.
    const [swapped = []] = await looseCandidates(preparePerson({ ...book, birthDate: '1957', fatherName: 'Trần Văn Dũng' }))
    expect(ids(swapped)).toEqual(['034075000303', '034075000304'])
  })
})

describe('the loose key by surname, year and father (issue 15)', () => {
  it('keeps only the children whose mother agrees with the book\'s in her surname or given name, or is unnamed', async () => {
    // Three girls of one surname born in 1952 whose father is NGUYỄN VĂN THẮNG: mothers TRẦN THỊ LOAN, TRỊNH THỊ LAN
    // and none named.
    const people = [['1', '034152000401', 'NGUYỄN THỊ PHƯƠNG', '13/08/1952', 'Nữ'], ['2', '034152000402', 'NGUYỄN THỊ PHƯỢNG', '02/02/1952', 'Nữ'], ['3', '034152000403', 'NGUYỄN THỊ PHƯỚC', '1952', 'Nữ']]
    await loadBinhMinh(people, ['TRẦN THỊ LOAN', 'TRỊNH THỊ LAN', ''].map((mother) => ({ mother, father: 'NGUYỄN VĂN THẮNG' })))
    // The given name mistyped beyond a slip and the mother's name mistyped: only the surname, the year and the father
    // reach them. In one batch, the same value asked by a book that names no mother.
    const book = { fullName: 'Nguyễn Pương', birthDate: '1952', sex: '2', fatherName: 'Nguyen Van Thang' }
    const ids = (found: Array<{ person: MatchPerson }>) => found.map((c) => c.person.personalId).sort()
    const [typo = [], none = []] = await looseCandidates(preparePerson({ ...book, motherName: 'Trần Thị Lon' }), preparePerson(book))
    expect(ids(typo)).toEqual(['034152000401', '034152000403'])
    expect(ids(none)).toEqual(['034152000401', '034152000402', '034152000403'])
  })
})
