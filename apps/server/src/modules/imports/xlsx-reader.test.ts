import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { excelSerialToDate, XlsxReader } from './xlsx-reader'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-xlsx-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const TEXT = ['Việt Nam', 'Nguyễn Thị Thuỷ', 'Xã Hòa Bình, tỉnh Sơn Hà', 'Đắk Lắk', 'Khơ-me']

async function readAll(file: string, sheetName?: string) {
  const reader = await XlsxReader.open(file)
  try {
    const sheet = reader.sheets.find((s) => s.name === sheetName) ?? reader.sheets[0]!
    const rows = []
    for await (const row of reader.rows(sheet)) rows.push(row)
    return { rows, sheets: reader.sheets.map((s) => s.name) }
  } finally {
    reader.close()
  }
}

describe('xlsx reader', () => {
  it.each([false, true])('keeps every Vietnamese letter across chunk boundaries (shared strings: %s)', async (useSharedStrings) => {
    const file = path.join(dir, `text-${useSharedStrings}.xlsx`)
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: false })
    const sheet = workbook.addWorksheet('DL Import')
    for (let i = 0; i < 20_000; i++) sheet.addRow([i, `${TEXT[i % TEXT.length]} ${i}`, TEXT[(i * 7) % TEXT.length]]).commit()
    await sheet.commit()
    await workbook.commit()
    const { rows } = await readAll(file)
    expect(rows).toHaveLength(20_000)
    rows.forEach((row, i) => expect(row).toEqual({ rowNumber: i + 1, cells: [i, `${TEXT[i % TEXT.length]} ${i}`, TEXT[(i * 7) % TEXT.length]] }))
  })

  it('reads date cells as dates, rich text as its text, sparse rows in place, formulas by their result', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Ghi chu').addRow(['x'])
    const sheet = workbook.addWorksheet('Du lieu')
    sheet.getCell('A1').value = new Date(Date.UTC(2008, 0, 15))
    sheet.getCell('A1').numFmt = 'dd/mm/yyyy'
    sheet.getCell('B1').value = { richText: [{ text: 'loaiDangKy \n' }, { text: 'i=[1,2]', font: { italic: true } }] }
    sheet.getCell('D1').value = { formula: '1+1', result: 2 }
    sheet.getCell('C3').value = '001208012345'
    sheet.getCell('E3').value = true
    const file = path.join(dir, 'mixed.xlsx')
    await workbook.xlsx.writeFile(file)
    const { rows, sheets } = await readAll(file, 'Du lieu')
    expect(sheets).toEqual(['Ghi chu', 'Du lieu'])
    expect(rows).toEqual([
      { rowNumber: 1, cells: [new Date(Date.UTC(2008, 0, 15)), 'loaiDangKy \ni=[1,2]', null, 2] },
      { rowNumber: 3, cells: [null, null, '001208012345', null, true] },
    ])
  })

  it('converts Excel serials with the 1900 leap-year quirk and the 1904 system', () => {
    expect(excelSerialToDate(39462, false)?.toISOString().slice(0, 10)).toBe('2008-01-15')
    expect(excelSerialToDate(59, false)?.toISOString().slice(0, 10)).toBe('1900-02-28')
    expect(excelSerialToDate(60, false)).toBeNull()
    expect(excelSerialToDate(61, false)?.toISOString().slice(0, 10)).toBe('1900-03-01')
    expect(excelSerialToDate(0, true)?.toISOString().slice(0, 10)).toBe('1904-01-01')
  })
})
