/** Rows: bad ones set aside and fixed, numbers Excel mangled, other layouts mapped, scope, cancel. */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { createBook } from '../../test/factories'
import { download, importFile, readWorkbook, syntheticBirthRow, upload, waitForJob, workbookOf } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const entriesOf = (importId: string) => server.db.kysely.selectFrom('entries').selectAll().where('import_id', '=', importId).orderBy('so').execute()

describe('rows with errors', () => {
  it('sets 5 bad rows aside among 100 good ones; the fixed "Lỗi" file imports the 5 without doubling the 100', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows: Record<string, string>[] = Array.from({ length: 105 }, (_, i) => syntheticBirthRow(i + 1, 2019, '01/2019'))
    const bad = { 10: { nksHoTen: '' }, 20: { ngayDangKy: '31.02.2019' }, 30: { loaiDangKy: '9' }, 40: { nksSoDinhDanh: '12345' }, 50: { so: '49' } } as const
    for (const [index, change] of Object.entries(bad)) Object.assign(rows[Number(index)]!, change)
    const original = await workbookOf(rows)
    const first = await importFile(officer, 'ks-2019.xlsx', original)
    expect(first.counts).toMatchObject({ rowsRead: 105, accepted: 100, rejected: 5, skipped: 0 })
    expect(first.rejectedCount).toBe(5)

    const file = await download(officer, `/api/imports/${first.id}/rejected.xlsx`)
    expect(file.status).toBe(200)
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('ks-2019-dong-loi.xlsx')
    const { headers, rows: rejected, workbook } = await readWorkbook(file.bytes)
    expect(headers.slice(-2)).toEqual(['Dòng trong tệp gốc', 'Lỗi'])
    expect(rejected.map((r) => r['Dòng trong tệp gốc'])).toEqual(['12', '22', '32', '42', '52'])
    const errors = rejected.map((r) => r['Lỗi'])
    expect(errors[0]).toMatch(/Chưa nhập Họ, chữ đệm, tên/)
    expect(errors[1]).toMatch(/Ngày 31\.02\.2019 không có thật/)
    expect(errors[2]).toMatch(/Loại đăng ký "9" không có trong danh mục/)
    expect(errors[3]).toMatch(/12 chữ số/)
    expect(errors[4]).toMatch(/Trùng số 49 .* dòng 50/)
    const audit = await server.db.kysely.selectFrom('audit_events').select('action').where('entity_id', '=', first.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['import.upload', 'import.start', 'import.batch', 'import.finish', 'import.rejected.read']))

    // The user fixes the five rows in the downloaded file and imports that same file.
    const sheet = workbook.worksheets[0]!
    const col = (key: string) => headers.indexOf(key) + 1
    const fix: Record<number, [string, string]> = { 2: ['nksHoTen', 'Hoàng Văn Sửa'], 3: ['ngayDangKy', '28.02.2019'], 4: ['loaiDangKy', '1'], 5: ['nksSoDinhDanh', ''], 6: ['so', '106'] }
    for (const [row, [key, value]] of Object.entries(fix)) sheet.getRow(Number(row)).getCell(col(key)).value = value === '' ? null : value
    const fixedBytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const second = await importFile(officer, 'ks-2019-dong-loi.xlsx', fixedBytes)
    expect(second.analysis.columns.filter((c: any) => c.status === 'ignored').map((c: any) => c.header)).toEqual(['Dòng trong tệp gốc', 'Lỗi'])
    expect(second.counts).toMatchObject({ accepted: 5, rejected: 0 })
    // And the original file again: all 100 are there already.
    const third = await importFile(officer, 'ks-2019.xlsx', original)
    expect(third.counts).toMatchObject({ accepted: 0, skipped: 100, rejected: 5 })
    expect(third.previousImports.length).toBeGreaterThanOrEqual(1)
    const total = await server.db.kysely.selectFrom('entries').select('id').where('book_id', '=', (await entriesOf(first.id))[0]!.book_id).execute()
    expect(total).toHaveLength(105)
  })

  it('restores leading zeros Excel dropped from ID numbers and reports it; keeps text IDs as they are', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows: Record<string, ExcelJS.CellValue>[] = [
      { ...syntheticBirthRow(1, 2018, '01/2018'), nksSoDinhDanh: 1218012345, meLoaiGiayToTuyThan: '1', meSoGiayToTuyThan: 12345678 },
      { ...syntheticBirthRow(2, 2018, '01/2018'), nksSoDinhDanh: '079218012345' },
      { ...syntheticBirthRow(3, 2018, '01/2018'), trangSo: 2, so: 3 },
    ]
    const result = await importFile(officer, 'so-bi-mat-so-0.xlsx', await workbookOf(rows))
    expect(result.analysis.notes).toMatchObject({ idRestored: 2 })
    expect(result.counts).toMatchObject({ accepted: 3, notes: { idRestored: 2 } })
    const entries = await entriesOf(result.id)
    expect(entries.map((e) => [e.fields.nksSoDinhDanh, e.subject_personal_id, e.fields.meSoGiayToTuyThan])).toEqual([
      ['001218012345', '001218012345', '012345678'],
      ['079218012345', '079218012345', undefined],
      [undefined, null, undefined],
    ])
  })
})

describe('other layouts: mapping with suggestions, saved by name', () => {
  it('reports unknown and missing columns before writing, maps them, saves the mapping and reuses it', async () => {
    const officer = await server.login('tuphap.anphu')
    const local = ['Số', 'Quyển số', 'Trang', 'Ngày đăng ký', 'Loại', 'Họ và tên trẻ', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Quốc tịch', 'Họ tên mẹ', 'Năm sinh mẹ', 'Dân tộc mẹ', 'Quốc tịch mẹ', 'Cư trú mẹ', 'Họ tên cha', 'Năm sinh cha', 'Dân tộc cha', 'Quốc tịch cha', 'Cư trú cha']
    const keys = ['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'loaiDangKy', 'nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksDanToc', 'nksQuocTich', 'meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru', 'chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']
    const rowsOf = (from: number) =>
      Array.from({ length: 3 }, (_, i) => Object.fromEntries(local.map((h, c) => [h, syntheticBirthRow(from + i, 2017, '02/2017')[keys[c]!] ?? null])))
    const uploaded = await upload(officer, { bookType: 'KS' }, 'phan-mem-cu.xlsx', await workbookOf(rowsOf(1), local, 'Sheet1'))
    expect(uploaded.status).toBe(201)
    const analysis = uploaded.body.analysis
    expect(analysis.layout).toBe('other')
    expect(analysis.columns.filter((c: any) => c.status === 'unknown')).toHaveLength(20)
    expect(analysis.missingRequired.map((m: any) => m.key)).toContain('nksHoTen')
    const suggested = (header: string) => analysis.columns.find((c: any) => c.header === header).suggestions[0]?.key
    expect(suggested('Họ tên mẹ')).toBe('meHoTen')
    expect(suggested('Quyển số')).toBe('quyenSo')
    // Nothing can start while required columns are missing.
    const refused = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/Không cột nào của tệp khớp/)
    expect(await entriesOf(uploaded.body.id)).toEqual([])

    const mapping = Object.fromEntries(local.map((h, i) => [h, keys[i]!]))
    const mapped = await officer.post(`/api/imports/${uploaded.body.id}/analyse`, { mapping })
    expect(mapped.status).toBe(200)
    expect(mapped.body.analysis).toMatchObject({ missingRequired: [], rowCount: 3 })
    expect(mapped.body.analysis.columns.every((c: any) => c.status === 'mapped')).toBe(true)
    expect(mapped.body.analysis.preview[0].fields.meHoTen).toBe(syntheticBirthRow(1, 2017).meHoTen)
    // Half a mapping: the required columns still missing are named before anything is written.
    const half = await officer.post(`/api/imports/${uploaded.body.id}/analyse`, { mapping: Object.fromEntries(local.slice(0, 5).map((h, i) => [h, keys[i]!])) })
    expect(half.body.analysis.missingRequired.map((m: any) => m.key)).toContain('nksHoTen')
    const stillRefused = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(stillRefused.body.message).toMatch(/thiếu cột bắt buộc: Họ, chữ đệm, tên \(nksHoTen\)/)
    await officer.post(`/api/imports/${uploaded.body.id}/analyse`, { mapping })
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create', saveMappingAs: 'Phần mềm hộ tịch cũ 2016' })
    expect(started.status).toBe(202)
    expect((await waitForJob(officer, started.body.jobId)).result).toMatchObject({ accepted: 3 })

    const saved = await officer.get('/api/import-mappings?bookType=KS')
    expect(saved.body.items).toEqual([expect.objectContaining({ name: 'Phần mềm hộ tịch cũ 2016', bookType: 'KS' })])
    const next = await upload(officer, { bookType: 'KS', mappingId: saved.body.items[0].id }, 'phan-mem-cu-2.xlsx', await workbookOf(rowsOf(4), local, 'Sheet1'))
    expect(next.body.analysis).toMatchObject({ missingRequired: [], rowCount: 3 })
    // Another commune does not see this commune's mappings.
    expect((await (await server.login('tuphap.binhminh')).get('/api/import-mappings')).body.items).toEqual([])
    expect((await officer.delete(`/api/import-mappings/${saved.body.items[0].id}`)).status).toBe(204)
  })
})

describe('who may import, into which book', () => {
  it('digitizers import, police may not, another commune sees 404, a chosen book takes every row', async () => {
    const police = await server.login('congan.anphu')
    const bytes = await workbookOf([syntheticBirthRow(1, 2016, '07/2016')])
    expect((await upload(police, { bookType: 'KS' }, 'a.xlsx', bytes)).status).toBe(403)
    const digitizer = await server.login('sohoa.anphu')
    const uploaded = await upload(digitizer, { bookType: 'KS' }, 'a.xlsx', bytes)
    expect(uploaded.status).toBe(201)
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/imports/${uploaded.body.id}`)).status).toBe(404)
    expect((await other.post(`/api/imports/${uploaded.body.id}/start`, {})).status).toBe(404)
    expect((await download(other, `/api/imports/${uploaded.body.id}/rejected.xlsx`)).status).toBe(404)
    expect((await upload(other, { bookType: 'KS', custodianUnitId: uploaded.body.unitId }, 'a.xlsx', bytes)).status).toBe(400)

    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '09/2016', year: 2016, openedOn: '2016-01-01', closedOn: '2016-12-31' })
    const chosen = await importFile(digitizer, 'b.xlsx', await workbookOf([syntheticBirthRow(1, 2016, 'không ghi')]), { bookType: 'KS', bookId: book.id }, {})
    expect(chosen.counts).toMatchObject({ accepted: 1 })
    expect((await entriesOf(chosen.id))[0]?.book_id).toBe(book.id)
    const wrongType = await upload(digitizer, { bookType: 'KT', bookId: book.id }, 'c.xlsx', bytes)
    expect(wrongType.status).toBe(422)
  })
})

describe('cancel', () => {
  it('a cancelled import leaves no entry behind', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 3000 }, (_, i) => syntheticBirthRow(i + 1, 2015, '01/2015'))
    const uploaded = await upload(officer, { bookType: 'KS' }, 'lon.xlsx', await workbookOf(rows))
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect((await officer.post(`/api/jobs/${started.body.jobId}/cancel`)).status).toBe(200)
    const job = await waitForJob(officer, started.body.jobId)
    expect(job.status).toBe('cancelled')
    expect(await entriesOf(uploaded.body.id)).toEqual([])
    const view = (await officer.get(`/api/imports/${uploaded.body.id}`)).body
    expect(view).toMatchObject({ status: 'cancelled', statusLabel: 'Đã hủy' })
  })
})
