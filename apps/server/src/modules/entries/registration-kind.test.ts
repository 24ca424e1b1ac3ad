/** A parent is required only where the registration kind says that parent is known (nksLoaiKhaiSinh), through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook } from '../../test/factories'

let server: TestServer
let officer: Client
let newBook: string
let oldBook: string

const MOTHER = ['meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru']
const FATHER = ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']

interface Issue { field: string; severity: string; code: string; message: string }

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  newBook = (await createBook(officer, server)).id
  oldBook = (await createBook(officer, server, '98001', { volume: '01/1998', year: 1998, openedOn: '1998-01-02', closedOn: '1998-12-31' })).id
})
afterAll(async () => server?.close())

const without = (fields: Record<string, string>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)))

/** A 2024 birth of the new book, number `so`, of the given kind, without the given columns. */
const birth = (so: number, kind: string, drop: readonly string[] = []) =>
  without(buildBirthFields({ so: String(so), nksLoaiKhaiSinh: kind }), drop)

/** The same in the 1998 book (a ledger before the 2016 forms). */
const oldBirth = (so: number, kind: string, drop: readonly string[] = []) =>
  without(buildBirthFields({ so: String(so), quyenSo: '01/1998', ngayDangKy: '15.03.1998', nksNgaySinh: '01.03.1998', meNgaySinh: '1972', chaNgaySinh: '1970', nksLoaiKhaiSinh: kind }), drop)

async function draft(bookId: string, fields: Record<string, string>) {
  const created = await officer.post(`/api/books/${bookId}/entries`, { fields })
  expect(created.status).toBe(201)
  expect(created.body.status).toBe('draft')
  return created.body as { id: string; version: number; issues: Issue[] }
}

describe('marking a birth keyed by its registration kind', () => {
  it('kind 3 (father unknown): a draft with no father is marked keyed, with no issue on the father', async () => {
    const entry = await draft(newBook, birth(1, '3', FATHER))
    expect(entry.issues.filter((i) => FATHER.includes(i.field))).toEqual([])
    const done = await officer.put(`/api/entries/${entry.id}`, { fields: birth(1, '3', FATHER), version: entry.version, complete: true })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'keyed' })
    expect(done.body.fields).not.toHaveProperty('chaHoTen')
  })

  it('kind 1 (both known) with no father in a new book: 422 naming each father column in Vietnamese, kept as a draft', async () => {
    const entry = await draft(newBook, birth(2, '1', FATHER))
    const refused = await officer.put(`/api/entries/${entry.id}`, { fields: birth(2, '1', FATHER), version: entry.version, complete: true })
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/Còn lỗi/)
    const errors = (refused.body.issues as Issue[]).filter((i) => i.severity === 'error')
    expect(errors.map((i) => i.field).sort()).toEqual([...FATHER].sort())
    expect(errors.find((i) => i.field === 'chaHoTen')?.message).toBe(
      'Chưa nhập Họ, chữ đệm, tên (Thông tin người cha): Loại khai sinh là "Xác định được cả cha và mẹ"; nếu sổ không ghi thông tin người cha, sửa Loại khai sinh cho đúng sổ',
    )
    expect((await officer.get(`/api/entries/${entry.id}`)).body.status).toBe('draft')
    // The book says the father is unknown after all: the kind is corrected and the entry completes.
    const fixed = await officer.put(`/api/entries/${entry.id}`, { fields: birth(2, '3', FATHER), version: refused.body.saved.version, complete: true })
    expect(fixed.status).toBe(200)
    expect(fixed.body.status).toBe('keyed')
  })

  it('kinds 2, 4 and 5 complete without the parents they say are unknown; kind 2 still needs the father', async () => {
    const cases: [number, string, string[], number][] = [
      [3, '2', MOTHER, 201],
      [4, '4', [...MOTHER, ...FATHER], 201],
      [5, '5', [...MOTHER, ...FATHER], 201],
      [6, '2', FATHER, 422],
      [7, '3', MOTHER, 422],
    ]
    for (const [so, kind, drop, status] of cases) {
      const saved = await officer.post(`/api/books/${newBook}/entries`, { fields: birth(so, kind, drop), complete: true })
      expect(saved.status, `kind ${kind} without ${drop[0]}`).toBe(status)
      if (status === 201) expect(saved.body.status).toBe('keyed')
      else expect((saved.body.issues as Issue[]).filter((i) => i.severity === 'error').map((i) => i.field).sort()).toEqual([...drop].sort())
    }
  })

  it('an old book (1998): a parent it does not name is a warning, never a block', async () => {
    const drop = [...FATHER, 'meNgaySinh', 'meLoaiCuTru']
    const entry = await draft(oldBook, oldBirth(1, '1', drop))
    const done = await officer.put(`/api/entries/${entry.id}`, { fields: oldBirth(1, '1', drop), version: entry.version, complete: true })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('keyed')
    const warned = (done.body.issues as Issue[]).filter((i) => drop.includes(i.field))
    expect(warned.map((i) => i.field).sort()).toEqual([...drop].sort())
    expect(warned.every((i) => i.severity === 'warning' && /sổ trước năm 2016/.test(i.message))).toBe(true)
    // Kind 3 in the old book: the missing father is no issue at all.
    const unknown = await officer.post(`/api/books/${oldBook}/entries`, { fields: oldBirth(2, '3', FATHER), complete: true })
    expect(unknown.status).toBe(201)
    expect((unknown.body.issues as Issue[]).filter((i) => FATHER.includes(i.field))).toEqual([])
  })
})
