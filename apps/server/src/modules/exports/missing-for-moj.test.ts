/** The MOJ package lists per book what the template needs and the entries lack, and invents nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { download, importFile, readWorkbook, readZip, syntheticBirthRow, waitForJob, workbookOf } from '../../test/import-helpers'
import { MISSING_FOR_MOJ_FILE, missingForMoj, missingForMojText } from './missing-for-moj'

const FATHER = ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']

const without = (row: Record<string, string>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)))

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

async function* source<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item
}

describe('missingForMoj', () => {
  it('counts per column in template order, shows the first five numbers, passes the entries through untouched', async () => {
    const missing = missingForMoj('KS', { year: 2005 })
    const entries = [
      ...Array.from({ length: 7 }, (_, i) => ({ so: i + 1, fields: without({ ...syntheticBirthRow(i + 1, 2005, '01/2005'), nksLoaiKhaiSinh: '1' }, ['chaHoTen']) })),
      { so: null, fields: without({ ...syntheticBirthRow(8, 2005, '01/2005'), nksLoaiKhaiSinh: '3' }, FATHER) },
      { so: 9, fields: without(syntheticBirthRow(9, 2005, '01/2005'), ['meNgaySinh']) },
    ]
    expect(await drain(missing.track(source(entries)))).toEqual(entries)
    expect(missing.columns()).toEqual([
      { key: 'meNgaySinh', label: 'Ngày, tháng, năm sinh - Thông tin người mẹ', entries: 1, firstNumbers: [9] },
      { key: 'chaHoTen', label: 'Họ, chữ đệm, tên - Thông tin người cha', entries: 7, firstNumbers: [1, 2, 3, 4, 5] },
    ])
    const text = missingForMojText([{ base: 'xaanphu_tsh.KS.2005.01', entries: 9, columns: missing.columns() }])
    expect(text.split('\r\n')).toEqual([
      'Thông tin mẫu Bộ Tư pháp yêu cầu mà sổ không ghi: để trống trong tệp Excel, không điền thay.',
      'Cột mà loại đăng ký cho biết không có (ví dụ cha, mẹ chưa xác định) không tính là thiếu.',
      '',
      'xaanphu_tsh.KS.2005.01: 9 trường hợp, 2 cột còn thiếu',
      '  - meNgaySinh (Ngày, tháng, năm sinh - Thông tin người mẹ): 1 trường hợp, số 9',
      '  - chaHoTen (Họ, chữ đệm, tên - Thông tin người cha): 7 trường hợp, số 1, 2, 3, 4, 5, ...',
    ])
    expect(missingForMojText([{ base: 'x', entries: 3, columns: [] }])).toBe('')
  })
})

describe('the MOJ package of a book', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ jobRunner: { pollMs: 50 } })
  })
  afterAll(async () => server?.close())

  it('lists what an old book lacks in THIEU_THONG_TIN.txt and leaves those cells empty; a father unknown by kind is not listed', async () => {
    const officer = await server.login('tuphap.anphu')
    const row = (i: number, kind: string, drop: readonly string[] = []) => without({ ...syntheticBirthRow(i, 2005, '01/2005'), nksLoaiKhaiSinh: kind }, drop)
    const rows = [row(1, '1'), row(2, '1'), row(3, '1', FATHER), row(4, '1', FATHER), row(5, '1', FATHER), row(6, '3', FATHER), row(7, '1', ['meNgaySinh'])]
    const imported = await importFile(officer, 'ks-2005.xlsx', await workbookOf(rows))
    expect(imported.counts).toMatchObject({ accepted: 7, rejected: 0 })
    const bookId = imported.analysis.routes[0].bookId as string

    const pkg = await download(officer, `/api/books/${bookId}/package.zip`)
    expect(pkg.status).toBe(200)
    const parts = await readZip(pkg.bytes)
    const text = parts.get(MISSING_FOR_MOJ_FILE)?.toString('utf8')
    expect(text).toBeDefined()
    const lines = text!.split('\r\n')
    expect(lines).toContain('xaanphu_tsh.KS.2005.01: 7 trường hợp, 6 cột còn thiếu')
    expect(lines).toContain('  - meNgaySinh (Ngày, tháng, năm sinh - Thông tin người mẹ): 1 trường hợp, số 7')
    for (const key of FATHER) expect(lines.find((l) => l.startsWith(`  - ${key} `)), key).toMatch(/: 3 trường hợp, số 3, 4, 5$/)

    // Never invented: the cells the book lacks stay empty in the package's Excel.
    const excel = await readWorkbook(parts.get('xaanphu_tsh.KS.2005.01.xlsx')!)
    expect(excel.rows.slice(2, 6).map((r) => r.chaHoTen)).toEqual([undefined, undefined, undefined, undefined])
    expect(excel.rows[6]?.meNgaySinh).toBeUndefined()

    // The unit's export (every book as a package, one zip) lists it the same way.
    const started = await officer.post('/api/exports/unit', { bookType: 'KS', year: 2005 })
    expect(started.status).toBe(202)
    expect((await waitForJob(officer, started.body.jobId)).status).toBe('succeeded')
    const unitParts = await readZip((await download(officer, `/api/exports/${started.body.jobId}/download`)).bytes)
    expect(unitParts.get(MISSING_FOR_MOJ_FILE)?.toString('utf8')).toBe(text)
  })

  it('a book that lacks nothing has no such file', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = [1, 2, 3].map((i) => ({ ...syntheticBirthRow(i, 2021, '01/2021'), ...(i === 3 ? { nksLoaiKhaiSinh: '3' } : {}) }))
    const complete = await importFile(officer, 'ks-2021.xlsx', await workbookOf(rows.map((r) => (r.nksLoaiKhaiSinh === '3' ? without(r, FATHER) : r))))
    expect(complete.counts).toMatchObject({ accepted: 3, rejected: 0 })
    const parts = await readZip((await download(officer, `/api/books/${complete.analysis.routes[0].bookId as string}/package.zip`)).bytes)
    expect([...parts.keys()]).not.toContain(MISSING_FOR_MOJ_FILE)
    expect([...parts.keys()]).toContain('xaanphu_tsh.KS.2021.01.xlsx')
  })
})
