/**
 * The empty import template of a book type, generated from the catalog like the MOJ template:
 * sheet "DL Import" (STT + the columns in MOJ order and spelling; required headers keep the real
 * template's trailing space; short code lists show their codes "i=[1,2,...]"; the label is a note),
 * sheet "Ghi chu" with every code list used, drop-downs on code columns, every column as text so
 * ID numbers keep their zeros and dates stay as typed, and a short guide in Vietnamese.
 */
import ExcelJS from 'exceljs'
import {
  bookTypeDefOf,
  CODE_LISTS,
  CODE_LISTS_STORED_AS_LABEL,
  FIELD_GROUPS,
  requiredFields,
  ROW_COUNTER_HEADER,
  templateColumns,
  type BookTypeRef,
  type CodeListKey,
  type FieldDef,
  type TemplateColumn,
} from '@hts/domain'

export const DATA_SHEET = 'DL Import'
export const CODES_SHEET = 'Ghi chu'
/** Rows below the header that get the drop-downs (Excel stores one range per column). */
const VALIDATED_ROWS = 10_000

const columnLetter = (n: number): string => {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

/** Header cell of a column: the key (+ a space when required), and the codes of a short list. */
function headerCell({ header, codeHint }: TemplateColumn): ExcelJS.CellValue {
  if (codeHint === null) return header
  return {
    richText: [
      { text: `${header}\n`, font: { bold: true, name: 'Times New Roman', size: 11 } },
      { text: codeHint, font: { italic: true, name: 'Times New Roman', size: 10 } },
    ],
  }
}

function noteOf(field: FieldDef): string {
  const whose = field.group === 'registration' || field.group === 'person' ? '' : ` (${FIELD_GROUPS[field.group]})`
  const lines = [`${field.label}${whose}${field.required ? ' - bắt buộc' : ''}`]
  if (field.kind === 'partialDate') lines.push('Ghi ngày.tháng.năm (27.08.2008), tháng.năm (08.2008) hoặc năm (2008), đúng như sổ.')
  if (field.kind === 'personalId') lines.push('12 chữ số, giữ nguyên số 0 ở đầu.')
  if (field.codeList) lines.push(CODE_LISTS_STORED_AS_LABEL.has(field.codeList) ? 'Ghi tên như trong sổ (xem sheet "Ghi chu").' : 'Ghi mã số (xem sheet "Ghi chu").')
  return lines.join('\n')
}

/** "Ghi chu": one block (code, name) per list, side by side; returns the range of each list's values. */
function addCodeSheet(workbook: ExcelJS.Workbook, fields: readonly FieldDef[]): Map<CodeListKey, string> {
  const sheet = workbook.addWorksheet(CODES_SHEET)
  const ranges = new Map<CodeListKey, string>()
  const lists = [...new Set(fields.flatMap((f) => (f.codeList ? [f.codeList] : [])))]
  lists.forEach((list, k) => {
    const codeCol = 3 * k + 1
    const items = CODE_LISTS[list]
    const users = fields.filter((f) => f.codeList === list)
    sheet.getCell(1, codeCol).value = `${users[0]?.label ?? list} (${users.map((f) => f.key).join(', ')})`
    sheet.getCell(1, codeCol).font = { bold: true }
    sheet.getCell(2, codeCol).value = 'Mã'
    sheet.getCell(2, codeCol + 1).value = 'Tên'
    items.forEach((item, i) => {
      sheet.getCell(3 + i, codeCol).value = item.code
      sheet.getCell(3 + i, codeCol + 1).value = item.label
    })
    sheet.getColumn(codeCol).width = 8
    sheet.getColumn(codeCol + 1).width = Math.min(60, Math.max(14, ...items.map((i) => i.label.length)))
    // Lists stored as names (ethnicity, nationality) drop down their names; the others their codes.
    const col = columnLetter(CODE_LISTS_STORED_AS_LABEL.has(list) ? codeCol + 1 : codeCol)
    ranges.set(list, `'${CODES_SHEET}'!$${col}$3:$${col}$${2 + items.length}`)
  })
  return ranges
}

function addGuide(workbook: ExcelJS.Workbook, bookType: BookTypeRef): void {
  const def = bookTypeDefOf(bookType)
  const sheet = workbook.addWorksheet('Huong dan')
  sheet.getColumn(1).width = 120
  const lines = [
    `Mẫu nhập ${def.label} (${def.code})`,
    `Mỗi dòng của sheet "${DATA_SHEET}" là một trường hợp, ghi đúng như trong sổ ("nhập nguyên vẹn, khách quan").`,
    'Không đổi tên, không xóa, không đổi thứ tự các cột; cột STT có thể để trống.',
    'Ngày: ghi ngày.tháng.năm (27.08.2008); sổ chỉ ghi tháng và năm thì ghi 08.2008; chỉ ghi năm thì ghi 2008.',
    'Số định danh cá nhân (12 chữ số), số CMND/CCCD: các cột đã để dạng Văn bản, giữ nguyên số 0 ở đầu.',
    'Cột mã (loại đăng ký, giới tính...): chọn trong danh sách thả xuống; bảng mã ở sheet "Ghi chu". Dân tộc, quốc tịch ghi bằng chữ.',
    `Cột bắt buộc (tên cột có dấu cách ở cuối): ${requiredFields(bookType).map((f) => f.key).join(', ')}.`,
    'Quyển số ghi dạng 01/2008 (quyển 01, mở năm 2008).',
  ]
  lines.forEach((line, i) => {
    sheet.getCell(i + 1, 1).value = line
    if (i === 0) sheet.getCell(1, 1).font = { bold: true, size: 13 }
  })
}

interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void
}

/**
 * exceljs keeps a sheet's range validations in `worksheet.dataValidations` (lib/doc/worksheet.js) but
 * its typings declare only the per-cell one: one list validation over B2:B5001 is one XML element, not 5000.
 */
function rangeValidations(sheet: ExcelJS.Worksheet): RangeValidations {
  const isRangeValidations = (value: unknown): value is RangeValidations =>
    typeof value === 'object' && value !== null && 'add' in value && typeof value.add === 'function'
  const validations: unknown = Reflect.get(sheet, 'dataValidations')
  if (!isRangeValidations(validations)) throw new Error('exceljs: worksheet.dataValidations is missing (library changed?)')
  return validations
}

export async function buildTemplate(bookType: BookTypeRef): Promise<Buffer> {
  const columns = templateColumns(bookType)
  const fields = columns.map((c) => c.field)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Hộ Tịch Số'
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: ROW_COUNTER_HEADER, key: ROW_COUNTER_HEADER, width: 6 },
    ...fields.map((f) => ({ key: f.key, width: Math.max(12, Math.min(30, f.key.length + 2)), style: { numFmt: '@', font: { name: 'Times New Roman', size: 11 } } })),
  ]
  const header = sheet.getRow(1)
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 2)
    cell.value = headerCell(column)
    cell.note = noteOf(column.field)
    cell.alignment = { wrapText: true, vertical: 'top' }
  })
  header.font = { bold: true, name: 'Times New Roman', size: 11 }
  header.height = 32
  const ranges = addCodeSheet(workbook, fields)
  const validations = rangeValidations(sheet)
  fields.forEach((field, i) => {
    const range = field.codeList ? ranges.get(field.codeList) : undefined
    if (!field.codeList || !range) return
    const col = columnLetter(i + 2)
    const asName = CODE_LISTS_STORED_AS_LABEL.has(field.codeList)
    validations.add(`${col}2:${col}${VALIDATED_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      // Books write ethnicity and nationality in many spellings: warn, never refuse.
      errorStyle: asName ? 'warning' : 'stop',
      errorTitle: field.label,
      error: asName ? 'Tên này không có trong danh mục: kiểm tra lại, hoặc giữ nguyên nếu sổ ghi như vậy.' : 'Chọn một mã trong danh sách (xem sheet "Ghi chu").',
    })
  })
  addGuide(workbook, bookType)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
