/**
 * Spreadsheets the server writes hold user text as inert text: a value starting with = + - @ is a
 * string cell with the quotePrefix style (never a formula) and comes back identical on re-import; a
 * value past Excel's 32,767 characters is cut with a marker and the file still opens.
 */
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cutMarker, EXCEL_CELL_MAX_CHARS } from '@hts/domain'
import { createBook } from '../../test/factories'
import { startTestServer, type TestServer } from '../../test/harness'
import { download, importFile, readWorkbook, readZip, syntheticBirthRow } from '../../test/import-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

const HYPERLINK = '=HYPERLINK("http://x","y")'
const AT_FORMULA = '@SUM(1+1)'
const PHONE_NOTE = '+84 912 345 678 (số điện thoại người đi đăng ký)'
const REJECTED_FORMULA = "=cmd|' /C calc'!A0"
const LONG_NOTE = 'Ghi chú rất dài của sổ. '.repeat(1667).slice(0, 40_000)

/** A CSV with every value quoted (formula signs, commas and quotes inside values). */
function csvOf(rows: readonly Record<string, string>[]): Buffer {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
  return Buffer.from([headers.join(','), ...rows.map((r) => headers.map((h) => quote(r[h] ?? '')).join(','))].join('\r\n'), 'utf8')
}

interface WrittenCell {
  value: ExcelJS.CellValue
  type: ExcelJS.ValueType
  formula: string | undefined
  /** The raw `<c>` element of the sheet XML and whether its style carries quotePrefix="1". */
  xml: string
  quotePrefix: boolean
}

/** One cell of the first sheet, by its column header and data row (1 = first row under the header). */
async function cellOf(bytes: Buffer, header: string, dataRow: number): Promise<WrittenCell> {
  const { headers, workbook } = await readWorkbook(bytes)
  const column = headers.indexOf(header) + 1
  expect(column, header).toBeGreaterThan(0)
  const cell = workbook.worksheets[0]!.getRow(dataRow + 1).getCell(column)
  const parts = await readZip(bytes)
  const sheetXml = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8')
  const element = new RegExp(`<c r="${cell.address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(sheetXml)?.[0] ?? ''
  const styleIndex = Number(/\ss="(\d+)"/.exec(element)?.[1] ?? 0)
  const stylesXml = parts.get('xl/styles.xml')!.toString('utf8')
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? ''
  const xf = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)][styleIndex]?.[0] ?? ''
  return { value: cell.value, type: cell.type, formula: cell.formula, xml: element, quotePrefix: /^<xf\b[^>]*\squotePrefix="1"/.test(xf) }
}

function expectCut(cell: WrittenCell, original = LONG_NOTE) {
  const text = typeof cell.value === 'string' ? cell.value : ''
  expect(text).toHaveLength(EXCEL_CELL_MAX_CHARS)
  expect(text.endsWith(cutMarker(original.length))).toBe(true)
  expect(original.startsWith(text.slice(0, -cutMarker(original.length).length))).toBe(true)
  expect(cell.quotePrefix).toBe(false)
}

function expectInertText(cell: WrittenCell, text: string) {
  expect(cell.value).toBe(text)
  expect(cell.type).toBe(ExcelJS.ValueType.String)
  expect(cell.formula).toBeUndefined()
  expect(cell.xml).not.toMatch(/<f[\s>]/)
  expect(cell.quotePrefix).toBe(true)
}

describe('user text in the spreadsheets the server writes', () => {
  it('formula-like values are quote-prefixed text, long ones are cut, and the MOJ round trip gives them back', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server, '98001', { volume: '01/2019', year: 2019, openedOn: '2019-01-02', closedOn: '2019-12-31' })
    const first = await officer.post(`/api/books/${book.id}/entries`, { fields: { ...syntheticBirthRow(1, 2019), nguoiThucHien: HYPERLINK, chucVuNguoiKy: AT_FORMULA, ghiChu: PHONE_NOTE } })
    expect(first.status).toBe(201)
    const second = await officer.post(`/api/books/${book.id}/entries`, { fields: syntheticBirthRow(2, 2019) })
    expect(second.status).toBe(201)
    // Neither the API (4,000) nor the rules (2,000) let such a note in today; old data or a later
    // path might, and the export must still write a file Excel opens.
    await server.db.kysely.updateTable('entries').set({ fields: sql<string>`jsonb_set(fields, '{ghiChu}', to_jsonb(${LONG_NOTE}::text))` }).where('id', '=', second.body.id).execute()

    const moj = await download(officer, `/api/books/${book.id}/export.xlsx`)
    expect(moj.status).toBe(200)
    expectInertText(await cellOf(moj.bytes, 'nguoiThucHien', 1), HYPERLINK)
    expectInertText(await cellOf(moj.bytes, 'chucVuNguoiKy', 1), AT_FORMULA)
    expectInertText(await cellOf(moj.bytes, 'ghiChu', 1), PHONE_NOTE)
    expect(await cellOf(moj.bytes, 'nksHoTen', 1)).toMatchObject({ value: syntheticBirthRow(1, 2019).nksHoTen, type: ExcelJS.ValueType.String, quotePrefix: false })
    const note = await cellOf(moj.bytes, 'ghiChu', 2)
    expectCut(note)

    const list = await download(officer, '/api/exports/entries.xlsx?bookType=KS&year=2019')
    expect(list.status).toBe(200)
    expectInertText(await cellOf(list.bytes, 'Người thực hiện', 1), HYPERLINK)
    expectCut(await cellOf(list.bytes, 'Ghi chú', 2))

    // Another commune imports the MOJ file: the formula-like values come back byte for byte, and the
    // cut note is read back as the text the file holds (then set aside: longer than the rules allow).
    const other = await server.login('tuphap.binhminh')
    const back = await importFile(other, 'xaanphu_tsh.KS.2019.01.xlsx', moj.bytes)
    expect(back.counts).toMatchObject({ accepted: 1, rejected: 1 })
    const restored = await server.db.kysely.selectFrom('entries').select('fields').where('import_id', '=', back.id).executeTakeFirstOrThrow()
    const original = await server.db.kysely.selectFrom('entries').select('fields').where('id', '=', first.body.id).executeTakeFirstOrThrow()
    expect(restored.fields).toEqual(original.fields)
    expect(restored.fields).toMatchObject({ nguoiThucHien: HYPERLINK, chucVuNguoiKy: AT_FORMULA, ghiChu: PHONE_NOTE })
  })

  it("the rejected-rows file keeps a CSV row's formula-like value inert and cuts its over-long cell", async () => {
    const officer = await server.login('tuphap.anphu')
    // Only a file brings a cell this long: the row is set aside (note over 2,000), with its values.
    const imported = await importFile(officer, 'so-ks-2019-them.csv', csvOf([{ ...syntheticBirthRow(3, 2019), nguoiThucHien: REJECTED_FORMULA, ghiChu: LONG_NOTE }]))
    expect(imported.counts).toMatchObject({ accepted: 0, rejected: 1 })
    const rejected = await download(officer, `/api/imports/${imported.id}/rejected.xlsx`)
    expect(rejected.status).toBe(200)
    expectInertText(await cellOf(rejected.bytes, 'nguoiThucHien', 1), REJECTED_FORMULA)
    expectCut(await cellOf(rejected.bytes, 'ghiChu', 1))
  })
})
