/** Files from the real world: old formats, broken or hostile files, CSV in every encoding, legacy fonts. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertLegacyText } from '@hts/domain'
import { isCi } from '../../test/ci'
import { startTestServer, type TestServer } from '../../test/harness'
import { buildZip, importFile, readZip, syntheticBirthRow, upload, workbookOf } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const importCount = async () => (await server.db.kysely.selectFrom('imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
const entryCount = async () => Number((await server.db.kysely.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

const rezip = (parts: Map<string, Buffer>) => buildZip(parts)

/** Unicode → TCVN3 bytes read as Latin-1 (what an old .VnTime file shows), for building test data. */
const TCVN3 = new Map<string, string>()
for (let code = 0xa1; code <= 0xfe; code++) {
  const byte = String.fromCharCode(code)
  const letter = convertLegacyText(byte, 'tcvn3')
  if (letter !== byte && !TCVN3.has(letter)) TCVN3.set(letter, byte)
}
const toTcvn3 = (text: string) => [...text.normalize('NFC')].map((ch) => TCVN3.get(ch) ?? ch).join('')

describe('files that cannot or must not be read', () => {
  it('refuses an old .xls with the way out, and writes nothing', async () => {
    const client = await server.login('tuphap.anphu')
    const before = await importCount()
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])
    const response = await upload(client, { bookType: 'KS' }, 'so-khai-sinh.xls', xls)
    expect(response.status).toBe(422)
    expect(response.body.message).toMatch(/\.xls.*Lưu thành.*\.xlsx/)
    expect(await importCount()).toBe(before)
  })

  it('refuses a truncated .xlsx', async () => {
    const client = await server.login('tuphap.anphu')
    const whole = await workbookOf([syntheticBirthRow(1)])
    const before = await importCount()
    const response = await upload(client, { bookType: 'KS' }, 'cat-do.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)))
    expect(response.status).toBe(422)
    expect(response.body.message).toMatch(/bị hỏng hoặc không đầy đủ/)
    expect(await importCount()).toBe(before)
  })

  it('refuses an .xlsx carrying an XML entity bomb, a zip bomb or a ../ path', async () => {
    const client = await server.login('tuphap.anphu')
    const parts = await readZip(await workbookOf([syntheticBirthRow(1)]))
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8')
    const laughs = ['<!DOCTYPE lolz [<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`), ']>'].join('')
    const bomb = new Map(parts).set('xl/worksheets/sheet1.xml', Buffer.from(sheet.replace('?>', `?>${laughs}`).replace('<sheetData>', '<sheetData><row r="999"><c r="A999" t="inlineStr"><is><t>&lol9;</t></is></c></row>'), 'utf8'))
    const entity = await upload(client, { bookType: 'KS' }, 'bom-xml.xlsx', await rezip(bomb))
    expect(entity.status).toBe(422)
    expect(entity.body.message).toMatch(/DOCTYPE\/ENTITY/)

    const padded = new Map(parts).set('xl/worksheets/sheet1.xml', Buffer.from(sheet.replace('<sheetData>', `<sheetData>${' '.repeat(40 * 1024 * 1024)}`), 'utf8'))
    const zipBomb = await upload(client, { bookType: 'KS' }, 'bom-nen.xlsx', await rezip(padded))
    expect(zipBomb.status).toBe(422)
    expect(zipBomb.body.message).toMatch(/bom nén/)

    const escape = new Map(parts).set('../../etc/evil.xml', Buffer.from('<x/>'))
    const traversal = await upload(client, { bookType: 'KS' }, 'duong-dan.xlsx', await rezip(escape))
    expect(traversal.status).toBe(422)
    expect(traversal.body.message).toMatch(/đường dẫn không hợp lệ/)
    expect(await entryCount()).toBe(0)
  })

  it('refuses what is not a spreadsheet, and a file with only blank rows cannot be started', async () => {
    const client = await server.login('tuphap.anphu')
    expect((await upload(client, { bookType: 'KS' }, 'anh.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).status).toBe(422)
    const headersOnly = await upload(client, { bookType: 'KS' }, 'trong.csv', Buffer.from('so;quyenSo;ngayDangKy\n;;\n', 'utf8'))
    expect(headersOnly.status).toBe(201)
    expect(headersOnly.body.analysis).toMatchObject({ rowCount: 0, emptyRows: 1 })
    const start = await client.post(`/api/imports/${headersOnly.body.id}/start`, {})
    expect(start.status).toBe(422)
    expect(start.body.message).toMatch(/không có dòng dữ liệu/)
  })
})

describe('CSV and legacy encodings', () => {
  const headers = ['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'loaiDangKy', 'nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksDanToc', 'nksQuocTich', 'meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru', 'chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru']
  const names = ['Nguyễn Thị Hoà', 'Trần Văn Đức', 'Lê Thị Hồng Nhung', 'Phạm Quốc Việt', 'Đỗ Thị Thuỷ']
  const csvOf = (rows: Record<string, string>[], delimiter: string, convert: (name: string) => string = (n) => n) =>
    [headers.join(delimiter), ...rows.map((row, i) => headers.map((h) => {
      const value = h === 'nksHoTen' ? convert(names[i % names.length]!) : (row[h] ?? '')
      return value.includes(delimiter) || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value
    }).join(delimiter))].join('\r\n')

  it('reads UTF-16 with BOM and ";" and converts a TCVN3 column, saying how many values', async () => {
    const client = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 5 }, (_, i) => ({ ...syntheticBirthRow(i + 1, 2022, '03/2022'), meHoTen: 'Trần Thị Mai; con bà Năm' }))
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csvOf(rows, ';', toTcvn3), 'utf16le')])
    const result = await importFile(client, 'canh-sat-utf16.csv', bytes)
    expect(result.analysis.csv).toEqual({ encoding: 'utf16le', delimiter: ';' })
    const column = result.analysis.columns.find((c: any) => c.key === 'nksHoTen')
    expect(column).toMatchObject({ encoding: 'tcvn3', legacyValues: 5 })
    expect(result.analysis.columns.find((c: any) => c.key === 'meHoTen').encoding).toBeNull()
    expect(result.counts).toMatchObject({ accepted: 5, rejected: 0, notes: { legacyConverted: 5 } })
    const stored = await server.db.kysely.selectFrom('entries').select(['fields', 'subject_name']).where('import_id', '=', result.id).orderBy('so').execute()
    expect(stored.map((e) => e.subject_name)).toEqual(names)
    expect(stored[0]?.fields.meHoTen).toBe('Trần Thị Mai; con bà Năm')
  })

  it('reads UTF-8 without BOM with ",", UTF-16 without BOM, and an 8-bit file in a legacy font', async () => {
    const client = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 3 }, (_, i) => syntheticBirthRow(i + 1, 2021, '04/2021'))
    const utf8 = await importFile(client, 'utf8.csv', Buffer.from(csvOf(rows, ','), 'utf8'))
    expect(utf8.analysis.csv).toEqual({ encoding: 'utf8', delimiter: ',' })
    expect(utf8.counts).toMatchObject({ accepted: 3 })

    const rows2 = Array.from({ length: 3 }, (_, i) => syntheticBirthRow(i + 1, 2021, '05/2021'))
    const utf16 = await importFile(client, 'utf16-khong-bom.csv', iconv.encode(csvOf(rows2, '\t'), 'utf16le'))
    expect(utf16.analysis.csv).toEqual({ encoding: 'utf16le', delimiter: '\t' })
    expect(utf16.counts).toMatchObject({ accepted: 3 })

    // An old 8-bit CSV typed with .VnTime in every column: each byte is one Latin-1 character.
    const rows3 = Array.from({ length: 3 }, (_, i) => syntheticBirthRow(i + 1, 2021, '06/2021'))
    const latin = await importFile(client, 'cu-vntime.csv', iconv.encode(toTcvn3(csvOf(rows3, ',')), 'latin1'))
    expect(latin.analysis.csv.encoding).toBe('latin1')
    expect(latin.counts).toMatchObject({ accepted: 3, rejected: 0 })
    const names8 = await server.db.kysely.selectFrom('entries').select('subject_name').where('import_id', '=', latin.id).orderBy('so').execute()
    expect(names8.map((e) => e.subject_name)).toEqual(names.slice(0, 3))
  })

  it('reads a workbook whose sheet order, header row and cells are not the template\'s', async () => {
    const client = await server.login('tuphap.anphu')
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Huong dan').addRow(['Đọc trước khi nhập'])
    const sheet = workbook.addWorksheet('Du lieu')
    sheet.addRow(['DANH SÁCH KHAI SINH NĂM 2020'])
    sheet.addRow([])
    const keys = ['SO', 'QUYENSO', 'TRANGSO', 'NGAYDANGKY', 'LOAIDANGKY', 'NKSHOTEN', 'NKSGIOITINH', 'NKSNGAYSINH', 'NKSDANTOC', 'NKSQUOCTICH', 'MEHOTEN', 'MENGAYSINH', 'MEDANTOC', 'MEQUOCTICH', 'MELOAICUTRU', 'CHAHOTEN', 'CHANGAYSINH', 'CHADANTOC', 'CHAQUOCTICH', 'CHALOAICUTRU', 'MA_DV_GUI']
    sheet.addRow(keys)
    const row = syntheticBirthRow(1, 2020, '01/2020')
    sheet.addRow(keys.map((k) => {
      const key = headers.find((h) => h.toUpperCase() === k)
      if (k === 'NGAYDANGKY') return new Date(Date.UTC(2020, 0, 2))
      if (k === 'MENGAYSINH') return 33000 // an Excel day serial: 07.05.1990
      if (k === 'SO') return 1
      if (k === 'LOAIDANGKY') return 'Đăng ký đúng hạn'
      if (k === 'MA_DV_GUI') return 'CA-98001'
      return key ? (row[key] ?? null) : null
    }))
    const again = await importFile(client, 'cong-an.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    // The instructions sheet comes first in the workbook: the sheet whose header names fields is read.
    expect(again.analysis.sheetName).toBe('Du lieu')
    expect(again.analysis).toMatchObject({ headerRowNumber: 3, rowCount: 1, missingRequired: [] })
    expect(again.analysis.columns.find((c: any) => c.header === 'MA_DV_GUI')).toMatchObject({ status: 'unknown' })
    expect(again.counts).toMatchObject({ accepted: 1, notes: { excelDate: 2, codeFromLabel: 1 } })
    const [entry] = await server.db.kysely.selectFrom('entries').select('fields').where('import_id', '=', again.id).execute()
    expect(entry?.fields).toMatchObject({ so: '1', ngayDangKy: '02.01.2020', meNgaySinh: '07.05.1990', loaiDangKy: '1' })
  })

  // LibreOffice writes its own XML (styles, shared strings, date cells): the Debian package
  // libreoffice-calc-nogui provides `soffice`. Outside CI a missing soffice skips this test.
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0
  it.skipIf(!soffice && !isCi())('reads a file saved by LibreOffice Calc', async () => {
    const client = await server.login('tuphap.anphu')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-lo-'))
    try {
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('DL Import')
      const keys = ['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'loaiDangKy', 'nksSoDinhDanh', ...headers.slice(5)]
      sheet.addRow(keys)
      for (let i = 1; i <= 20; i++) {
        const row = syntheticBirthRow(i, 2014, '02/2014')
        sheet.addRow(keys.map((k) => (k === 'ngayDangKy' ? new Date(Date.UTC(2014, 1, i)) : k === 'nksSoDinhDanh' ? `0012140${String(i).padStart(5, '0')}` : k === 'so' ? i : (row[k] ?? null))))
      }
      sheet.getColumn(4).numFmt = 'dd/mm/yyyy'
      const input = path.join(dir, 'input.xlsx')
      await workbook.xlsx.writeFile(input)
      const out = path.join(dir, 'out')
      const converted = spawnSync('soffice', ['--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input], { env: { ...process.env, HOME: dir }, encoding: 'utf8', timeout: 120_000 })
      expect(converted.status, converted.stderr).toBe(0)
      const saved = fs.readFileSync(path.join(out, 'input.xlsx'))
      expect(saved.equals(fs.readFileSync(input))).toBe(false)
      const result = await importFile(client, 'libreoffice.xlsx', saved)
      expect(result.counts).toMatchObject({ accepted: 20, rejected: 0 })
      const entries = await server.db.kysely.selectFrom('entries').select(['fields', 'subject_name']).where('import_id', '=', result.id).orderBy('so').execute()
      expect(entries[0]?.fields).toMatchObject({ so: '1', ngayDangKy: '01.02.2014', nksSoDinhDanh: '001214000001' })
      expect(entries.map((e) => e.subject_name)).toEqual(Array.from({ length: 20 }, (_, i) => syntheticBirthRow(i + 1, 2014).nksHoTen))
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
