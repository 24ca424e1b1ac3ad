import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BOOK_TYPE_CODES, getBookType, headerWord } from '@hts/domain'
import { startTestServer, type TestServer } from '../../test/harness'
import { createBook } from '../../test/factories'
import { MOJ_FIXTURES } from '../../test/fixtures'
import { download, importFile, readWorkbook, readZip, syntheticBirthRow, upload, waitForJob, workbookOf } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const headerWords = (sheet: ExcelJS.Worksheet) => {
  const words: string[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => {
    const v = cell.value
    words.push(headerWord(v !== null && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v ?? '')))
  })
  return words
}

describe('templates', () => {
  it('the KS template has exactly the columns of the real MOJ template, code lists, drop-downs and text ID columns', async () => {
    const client = await server.login('sohoa.anphu')
    const response = await download(client, '/api/templates/KS.xlsx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/mau-nhap-KS\.xlsx/)
    const ours = new ExcelJS.Workbook()
    await ours.xlsx.load(response.bytes as unknown as ArrayBuffer)
    const real = new ExcelJS.Workbook()
    await real.xlsx.readFile(path.join(MOJ_FIXTURES, 'moj-template-KS.xlsx'))
    expect(ours.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['DL Import', 'Ghi chu'])
    const sheet = ours.getWorksheet('DL Import')!
    expect(headerWords(sheet)).toEqual(headerWords(real.getWorksheet('DL Import')!))

    const column = (key: string) => headerWords(sheet).indexOf(key) + 1
    expect(sheet.getColumn(column('nksSoDinhDanh')).numFmt).toBe('@')
    expect(sheet.getColumn(column('meSoGiayToTuyThan')).numFmt).toBe('@')
    // Drop-downs, read from the sheet XML (exceljs would expand each range into 10,000 cells).
    const xml = (await readZip(response.bytes)).get('xl/worksheets/sheet1.xml')!.toString('utf8')
    const validation = (key: string) => {
      const letter = sheet.getColumn(column(key)).letter
      return [...xml.matchAll(/<dataValidation\b[^>]*>[\s\S]*?<\/dataValidation>/g)].map((m) => m[0]).find((v) => v.includes(`sqref="${letter}2:${letter}10001"`))
    }
    expect(validation('loaiDangKy')).toMatch(/type="list"/)
    expect(validation('loaiDangKy')).toMatch(/(?:'|&apos;)Ghi chu(?:'|&apos;)!\$A\$3:\$A\$8/)
    expect(validation('loaiDangKy')).not.toMatch(/errorStyle="warning"/)
    expect(validation('nksDanToc')).toMatch(/errorStyle="warning"/)
    expect(validation('nksHoTen')).toBeUndefined()
    const codes: string[] = []
    ours.getWorksheet('Ghi chu')!.eachRow((row) => row.eachCell((cell) => codes.push(String(cell.value))))
    expect(codes).toEqual(expect.arrayContaining(['Đăng ký đúng hạn', 'Đăng ký quá hạn', 'Kinh', 'Việt Nam', 'Thẻ căn cước công dân']))
  })

  it('every book type has a template that the importer reads back as its own layout; an unknown type is 404', async () => {
    const client = await server.login('tuphap.anphu')
    for (const code of BOOK_TYPE_CODES) {
      const response = await download(client, `/api/templates/${code}.xlsx`)
      expect(response.status).toBe(200)
      const analysed = await upload(client, { bookType: code }, `mau-${code}.xlsx`, response.bytes)
      expect(analysed.status).toBe(201)
      expect(analysed.body.analysis).toMatchObject({ layout: 'moj', rowCount: 0, missingRequired: [] })
    }
    expect((await download(client, '/api/templates/XX.xlsx')).status).toBe(404)
  })
})

describe('MOJ export per book and the round trip', () => {
  it('exports a book under the MOJ name and an empty system imports it back field for field', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 40 }, (_, i) => syntheticBirthRow(i + 1, 2024))
    Object.assign(rows[0]!, { nksSoDinhDanh: '001224012345', meSoGiayToTuyThan: '012345678', meLoaiGiayToTuyThan: '1', ghiChu: 'Dòng 1\nDòng 2 & <ký tự> "đặc biệt"' })
    Object.assign(rows[1]!, { meNgaySinh: '05.1995', chaNgaySinh: '1990', nksDanToc: 'HMông', so: '02/2024' })
    const imported = await importFile(officer, 'so-ks-2024.xlsx', await workbookOf(rows))
    expect(imported.counts).toMatchObject({ accepted: 40, rejected: 0 })
    // One entry keyed by hand beside the imported ones.
    const bookId = imported.analysis.routes[0].bookId as string
    const keyed = await officer.post(`/api/books/${bookId}/entries`, { fields: { ...syntheticBirthRow(41, 2024), nksNgaySinh: '12.2023', loaiDangKy: '4' } })
    expect(keyed.status).toBe(201)

    const exported = await download(officer, `/api/books/${bookId}/export.xlsx`)
    expect(exported.status).toBe(200)
    expect(decodeURIComponent(exported.headers.get('content-disposition') ?? '')).toContain("xaanphu_tsh.KS.2024.01.xlsx")
    const sheet = await readWorkbook(exported.bytes)
    expect(sheet.sheetNames).toEqual(['DL Import'])
    expect(sheet.headers).toEqual(['STT', ...getBookType('KS').fields.map((f) => f.key)])
    expect(sheet.rows).toHaveLength(41)
    expect(sheet.rows[0]).toMatchObject({ nksSoDinhDanh: '001224012345', meSoGiayToTuyThan: '012345678' })
    const audit = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'export.book').where('entity_id', '=', bookId).execute()
    expect((audit[0]?.details.entryIds as string[]).length).toBe(41)

    const empty = await startTestServer({ jobRunner: { pollMs: 50 } })
    try {
      const other = await empty.login('tuphap.anphu')
      const back = await importFile(other, 'xaanphu_tsh.KS.2024.01.xlsx', exported.bytes)
      expect(back.counts).toMatchObject({ accepted: 41, rejected: 0 })
      const entriesOf = async (s: TestServer, book?: string) => {
        let query = s.db.kysely.selectFrom('entries').select(['so', 'fields', 'registration_date', 'registration_date_precision', 'subject_birth_precision', 'subject_personal_id'])
        if (book) query = query.where('book_id', '=', book)
        return query.orderBy('so').execute()
      }
      const restored = await entriesOf(empty)
      expect(restored).toHaveLength(41)
      expect(restored).toEqual(await entriesOf(server, bookId))
      expect(restored.find((r) => r.so === 41)?.subject_birth_precision).toBe('month')
      expect(restored.find((r) => r.so === 1)?.subject_personal_id).toBe('001224012345')
    } finally {
      await empty.close()
    }
  })

  it('partial dates of a CMC book survive the round trip; other units see 404, a police account 403', async () => {
    const officer = await server.login('tuphap.anphu')
    const bookId = (await createBook(officer, server, '98001', { bookType: 'CMC', volume: '01/2006', year: 2006, openedOn: null, closedOn: null })).id
    for (const [so, date] of [['1', '2006'], ['2', '03.2006'], ['3', '15.04.2006']] as const) {
      const created = await officer.post(`/api/books/${bookId}/entries`, {
        fields: { so, quyenSo: '01/2006', trangSo: so, ngayDangKy: date, loaiDangKy: '1', cmHoTen: `Lê Văn Cha ${so}`, cmNgaySinh: '1970', ncHoTen: `Lê Thị Con ${so}`, ncNgaySinh: '03.2001' },
      })
      expect(created.status).toBe(201)
    }
    const exported = await download(officer, `/api/books/${bookId}/export.xlsx`)
    const sheet = await readWorkbook(exported.bytes)
    expect(sheet.rows.map((r) => r.ngayDangKy)).toEqual(['2006', '03.2006', '15.04.2006'])
    expect(sheet.rows.map((r) => r.ncNgaySinh)).toEqual(['03.2001', '03.2001', '03.2001'])
    expect((await download(await server.login('tuphap.binhminh'), `/api/books/${bookId}/export.xlsx`)).status).toBe(404)
    expect((await download(await server.login('congan.anphu'), `/api/books/${bookId}/export.xlsx`)).status).toBe(403)
    expect((await download(await server.login('sotuphap'), `/api/books/${bookId}/export.xlsx`)).status).toBe(200)
  })
})

describe('entry lists and unit exports', () => {
  it('exports a filtered list with Vietnamese headers, audited with the ids', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = Array.from({ length: 5 }, (_, i) => ({ ...syntheticBirthRow(i + 1, 2023, '01/2023'), nksHoTen: i < 2 ? `Khúc Văn Hiếm ${i}` : `Trần Văn Thường ${i}` }))
    await importFile(officer, 'list.xlsx', await workbookOf(rows))
    const response = await download(officer, `/api/exports/entries.xlsx?bookType=KS&year=2023&q=${encodeURIComponent('khuc van hiem')}`)
    expect(response.status).toBe(200)
    const sheet = await readWorkbook(response.bytes)
    expect(sheet.headers.slice(0, 10)).toEqual(['STT', 'Loại sổ', 'Quyển số', 'Đơn vị lưu giữ', 'Số', 'Ngày đăng ký', 'Họ tên người được đăng ký', 'Ngày sinh', 'Số định danh', 'Trạng thái'])
    expect(sheet.headers).toContain('Họ, chữ đệm, tên (Thông tin người mẹ)')
    expect(sheet.rows.map((r) => r['Họ tên người được đăng ký'])).toEqual(['Khúc Văn Hiếm 0', 'Khúc Văn Hiếm 1'])
    expect(sheet.rows[0]).toMatchObject({ 'Loại sổ': 'Khai sinh', 'Đơn vị lưu giữ': 'Xã An Phú', 'Trạng thái': 'Đã nhập xong' })
    const audit = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'export.entries').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect((audit.details.entryIds as string[]).length).toBe(2)
    const other = await server.login('tuphap.binhminh')
    expect((await readWorkbook((await download(other, `/api/exports/entries.xlsx?q=${encodeURIComponent('khuc van hiem')}`)).bytes)).rows).toEqual([])
  })

  it('exports every book of a unit as MOJ packages in one zip, as a job', async () => {
    const officer = await server.login('tuphap.anphu')
    const started = await officer.post('/api/exports/unit', { bookType: 'KS' })
    expect(started.status).toBe(202)
    const job = await waitForJob(officer, started.body.jobId)
    expect(job.status).toBe('succeeded')
    expect(job.progress).toMatchObject({ booksDone: job.result.books })
    const zip = await download(officer, `/api/exports/${started.body.jobId}/download`)
    expect(zip.status).toBe(200)
    const files = await readZip(zip.bytes)
    const names = [...files.keys()]
    expect(names).toContain('xaanphu_tsh.KS.2024.01.xlsx')
    expect(names).toContain('xaanphu_tsh.KS.2024.01.zip')
    expect(names).toContain('THIEU_BAN_QUET.txt')
    expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(job.result.books)
    const inner = await readWorkbook(files.get('xaanphu_tsh.KS.2024.01.xlsx')!)
    expect(inner.rows.length).toBeGreaterThanOrEqual(41)
    expect((await download(await server.login('tuphap.binhminh'), `/api/exports/${started.body.jobId}/download`)).status).toBe(404)
  })
})
