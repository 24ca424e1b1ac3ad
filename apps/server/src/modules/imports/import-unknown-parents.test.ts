/** The import keys what the book says: a parent the registration kind says is unknown is not a reason to set a row aside. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { importFile, syntheticBirthRow, workbookOf } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const MOTHER = ['meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru', 'meNoiCuTru']
const FATHER = ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']

const without = (row: Record<string, string>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)))

const entriesOf = (importId: string) =>
  server.db.kysely.selectFrom('entries').select(['so', 'status', 'fields']).where('import_id', '=', importId).orderBy('so').execute()

describe('importing births by registration kind', () => {
  it('takes kind 3, 4 and 5 rows without the unknown parents as complete entries; kind 1 without a father is set aside', async () => {
    const officer = await server.login('tuphap.anphu')
    const row = (i: number, kind: string, drop: readonly string[] = []) => without({ ...syntheticBirthRow(i, 2019, '01/2019'), nksLoaiKhaiSinh: kind }, drop)
    const rows = [
      row(1, '1'),
      row(2, '3', FATHER),
      row(3, 'Chưa xác định được cha', FATHER),
      row(4, '2', MOTHER),
      row(5, '4', [...MOTHER, ...FATHER]),
      row(6, '5', [...MOTHER, ...FATHER]),
      row(7, '1', FATHER),
      row(8, '', FATHER),
    ]
    const result = await importFile(officer, 'ks-2019-khong-cha.xlsx', await workbookOf(rows))
    expect(result.counts).toMatchObject({ rowsRead: 8, accepted: 6, rejected: 2 })
    const entries = await entriesOf(result.id)
    expect(entries.map((e) => e.so)).toEqual([1, 2, 3, 4, 5, 6])
    // Complete rows start past the draft: nothing was missing for what the book says.
    expect(new Set(entries.map((e) => e.status)).has('draft')).toBe(false)
    expect(entries[1]?.fields).not.toHaveProperty('chaHoTen')
  })

  it('a book before 2016 with no father and a mother born in a year only: taken, with warnings, nothing set aside', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 4 }, (_, i) => without({ ...syntheticBirthRow(i + 1, 1998, '01/1998'), meNgaySinh: '1971', nksLoaiKhaiSinh: '1' }, FATHER))
    const result = await importFile(officer, 'ks-1998.xlsx', await workbookOf(rows))
    expect(result.counts).toMatchObject({ rowsRead: 4, accepted: 4, rejected: 0 })
    expect(result.counts.warnings).toBeGreaterThanOrEqual(4 * FATHER.length)
    const entries = await entriesOf(result.id)
    expect(entries).toHaveLength(4)
    expect(entries.every((e) => e.status !== 'draft' && e.fields.meNgaySinh === '1971')).toBe(true)
  })
})
