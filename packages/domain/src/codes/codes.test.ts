import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { findField } from '../catalog'
import type { CodeListKey } from '../catalog/types'
import { CODE_LISTS, ETHNIC_GROUPS, NATIONALITIES, codeLabel, findCodeCollisions, resolveCode } from './index'

const TEMPLATE = new URL('../../fixtures/moj/moj-template-KS.xlsx', import.meta.url)
const LIST_KEYS = Object.keys(CODE_LISTS) as CodeListKey[]
const code = (list: CodeListKey, input: string) => resolveCode(list, input)?.code

function cellText(value: ExcelJS.CellValue): string {
  if (value !== null && typeof value === 'object' && 'richText' in value) {
    return value.richText.map((run) => run.text).join('')
  }
  return value === null || value === undefined ? '' : String(value)
}

describe('ethnic groups', () => {
  it('are the 54 official groups, coded 01 to 54 in order', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54)
    expect(ETHNIC_GROUPS.map((g) => g.code)).toEqual(
      Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')),
    )
    expect(new Set(ETHNIC_GROUPS.map((g) => g.label)).size).toBe(54)
    expect(CODE_LISTS.danToc).toBe(ETHNIC_GROUPS)
  })

  it('follow the statistics office list that ends with Rơ Măm', () => {
    const byCode = Object.fromEntries(ETHNIC_GROUPS.map((g) => [g.code, g.label]))
    expect(byCode).toMatchObject({
      '01': 'Kinh', '02': 'Tày', '03': 'Thái', '04': 'Hoa', '05': 'Khơ-me', '06': 'Mường',
      '07': 'Nùng', '08': 'Mông', '09': 'Dao', '10': 'Gia-rai', '11': 'Ngái', '12': 'Ê-đê',
      '13': 'Ba Na', '19': 'Hrê', '23': 'Bru-Vân Kiều', '29': 'Khơ Mú', '37': 'Lào',
      '47': 'Cơ Lao', '52': 'Brâu', '53': 'Ơ Đu', '54': 'Rơ Măm',
    })
  })

  it.each([
    ['01', ['kinh', 'KINH', 'Kinh', ' Kinh ', '1', '01', ' 01 ', '1.0', 'Việt']],
    ['08', ["H'Mông", 'Hmong', 'HMông', 'H’Mông', 'Mèo', 'mông']],
    ['05', ['Khmer', 'Khơ-me', 'Khơ Me', 'khome', 'KHƠ ME']],
    ['04', ['Hán', 'Hoa']],
    ['12', ['Ê Đê', 'Ê-đê', 'Ede', 'EDE']],
    ['13', ['Ba Na', 'Bahnar', 'Ba-na']],
    ['10', ['Gia Rai', 'Jrai']],
    ['15', ['Cao Lan', 'Sán Chay']],
    ['09', ['Dao đỏ', 'dao']],
    ['16', ["K'Ho", 'Cơ Ho', 'K’Ho']],
    ['17', ['Chàm', 'Chăm']],
    ['21', ['Raglay', 'Ra Glai']],
    ['20', ['Mnông', "M'Nông"]],
    ['22', ['Xtiêng', "X'tiêng"]],
    ['23', ['Bru-Vân Kiều', 'Bru - Vân Kiều', 'Vân Kiều']],
    ['27', ['Giẻ Triêng', 'Gié-Triêng']],
    ['29', ['Khơmú', 'Khơ Mú', 'Khmu']],
    ['54', ['Rơ Măm', 'rơ-măm']],
  ])('%s is what books call %j', (expected, inputs) => {
    for (const input of inputs) expect(code('danToc', input), input).toBe(expected)
  })
})

describe('nationalities', () => {
  it('use ISO alpha-2 codes, once each, and cover the countries books mention', () => {
    expect(NATIONALITIES.length).toBeGreaterThanOrEqual(60)
    expect(NATIONALITIES.every((n) => /^[A-Z]{2}$/.test(n.code))).toBe(true)
    expect(new Set(NATIONALITIES.map((n) => n.code)).size).toBe(NATIONALITIES.length)
    expect(CODE_LISTS.quocTich).toBe(NATIONALITIES)
  })

  it.each([
    ['VN', ['Việt Nam', 'Việt nam', 'VIET NAM', 'Viet Nam', 'Vietnam', 'VN', 'vn']],
    ['US', ['Hoa Kỳ', 'Mỹ', 'my', 'USA']],
    ['MY', ['MY', 'Malaysia', 'Ma-lai-xi-a']],
    ['RU', ['Nga', 'Liên bang Nga']],
    ['AU', ['Úc', 'Ô-xtrây-li-a', 'Australia']],
    ['CA', ['Canada', 'Ca-na-đa']],
    ['GB', ['Anh', 'Vương quốc Anh']],
    ['SG', ['Singapore', 'Xin-ga-po']],
    ['TW', ['Đài Loan', 'Đài Loan (Trung Quốc)']],
    ['JP', ['Nhật Bản', 'Nhật Bản ']],
    ['KR', ['Hàn Quốc', 'Đại Hàn']],
    ['CN', ['Trung Quốc']],
    ['LA', ['Lào']],
    ['KH', ['Campuchia', 'Cam-pu-chia']],
  ])('%s is what books call %j', (expected, inputs) => {
    for (const input of inputs) expect(code('quocTich', input), input).toBe(expected)
  })
})

describe('code lists', () => {
  it.each(LIST_KEYS)('%s: codes unique, no name meaning two codes', (list) => {
    expect(CODE_LISTS[list].length).toBeGreaterThan(0)
    expect(findCodeCollisions(list)).toEqual([])
  })

  it.each(LIST_KEYS)('%s: every code, label and alias resolves to its own item', (list) => {
    for (const item of CODE_LISTS[list]) {
      for (const name of [item.code, item.label, ...(item.aliases ?? [])]) {
        expect(code(list, name), `${list}: ${name}`).toBe(item.code)
      }
    }
  })

  it.each(LIST_KEYS.filter((k) => k !== 'danToc' && k !== 'quocTich'))(
    '%s: codes run 1, 2, 3... as the template writes them',
    (list) => {
      expect(CODE_LISTS[list].map((i) => i.code)).toEqual(CODE_LISTS[list].map((_, i) => String(i + 1)))
    },
  )

  it('match the lists DOMAIN.md §4 describes', () => {
    const labels = (list: CodeListKey) => CODE_LISTS[list].map((i) => i.label)
    expect(CODE_LISTS.loaiDangKyKS).toHaveLength(6)
    expect(codeLabel('loaiDangKyKS', '4')).toBe('Đăng ký quá hạn')
    expect(codeLabel('loaiDangKyKS', '6')).toBe('Không xác định')
    expect(CODE_LISTS.loaiDangKyKT).toHaveLength(4)
    expect(CODE_LISTS.loaiDangKyKH).toHaveLength(2)
    expect(CODE_LISTS.loaiDangKyCMC).toHaveLength(2)
    expect(labels('gioiTinh')).toEqual(['Nam', 'Nữ', 'Không xác định'])
    expect(code('gioiTinh', 'Chưa xác định')).toBe('3')
    expect(CODE_LISTS.loaiGiayToTuyThan).toHaveLength(8)
    expect(code('loaiGiayToTuyThan', 'CCCD')).toBe('4')
    expect(CODE_LISTS.loaiKhaiSinh).toHaveLength(5)
    expect(labels('loaiCuTru')).toEqual(['Thường trú', 'Tạm trú'])
    expect(CODE_LISTS.gbtLoai).toHaveLength(7)
    expect(CODE_LISTS.loaiMucDichSuDung).toHaveLength(5)
    expect(labels('loaiXacNhan')).toEqual(['Cha nhận con', 'Mẹ nhận con', 'Con nhận cha', 'Con nhận mẹ'])
    expect(labels('tinhTrangKetHon')).toEqual([
      'Đã ly hôn',
      'Hủy việc kết hôn trái pháp luật',
      'Công nhận việc kết hôn',
      'Không có thông tin',
    ])
    expect(CODE_LISTS.loaiThayDoi).toHaveLength(5)
    expect(CODE_LISTS.loaiGiamHo).toHaveLength(3)
    expect(CODE_LISTS.loaiChamDutGiamHo).toHaveLength(2)
  })
})

describe('resolveCode and codeLabel', () => {
  it('find nothing for empty, unknown or out-of-range values', () => {
    for (const input of ['', '   ', '0', '7', '99', '1.5', 'xyz', '-']) {
      expect(resolveCode('loaiDangKyKS', input), input).toBeUndefined()
    }
    expect(resolveCode('danToc', '55')).toBeUndefined()
    expect(resolveCode('quocTich', '1')).toBeUndefined()
    expect(resolveCode('quocTich', 'Atlantis')).toBeUndefined()
  })

  it('read decomposed (NFD) input like its composed form', () => {
    expect(code('danToc', 'Mường'.normalize('NFD'))).toBe('06')
  })

  it('give the label of a code, padded or not', () => {
    expect(codeLabel('danToc', '1')).toBe('Kinh')
    expect(codeLabel('danToc', '01')).toBe('Kinh')
    expect(codeLabel('gioiTinh', '2')).toBe('Nữ')
    expect(codeLabel('gioiTinh', ' 2.0 ')).toBe('Nữ')
    expect(codeLabel('quocTich', 'VN')).toBe('Việt Nam')
    expect(codeLabel('quocTich', 'Việt Nam')).toBeUndefined()
    expect(codeLabel('gioiTinh', '9')).toBeUndefined()
  })
})

describe('the real KS template', () => {
  let workbook: ExcelJS.Workbook
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(fileURLToPath(TEMPLATE))
  })

  it('every coded value of its sample rows resolves', () => {
    const sheet = workbook.getWorksheet('DL Import')
    if (!sheet) throw new Error('sheet "DL Import" missing')
    const keys = new Map<number, string>()
    sheet.getRow(1).eachCell((cell, col) => keys.set(col, cellText(cell.value).trim().split(/\s+/)[0] ?? ''))
    let checked = 0
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
        const field = findField('KS', keys.get(col) ?? '')
        const value = cellText(cell.value).trim()
        if (field?.kind !== 'code' || !field.codeList || value === '') return
        expect(resolveCode(field.codeList, value), `row ${r} ${field.key}="${value}"`).toBeDefined()
        checked++
      })
    }
    expect(checked).toBeGreaterThan(30)
  })

  it('its "Ghi chu" code lists agree with ours, code and label', () => {
    const sheet = workbook.getWorksheet('Ghi chu')
    if (!sheet) throw new Error('sheet "Ghi chu" missing')
    const listOf: Record<string, CodeListKey> = {
      'Loại đăng ký': 'loaiDangKyKS',
      'Giới tính': 'gioiTinh',
      'Loại giấy tờ tùy thân': 'loaiGiayToTuyThan',
      'nksMatTich & nksHanCheNangLucHanhVi': 'tinhTrangTuyenBo',
    }
    const seen: string[] = []
    // Blocks sit side by side: code in column B or E, label in the column after it.
    for (const codeCol of [2, 5]) {
      let list: CodeListKey | undefined
      for (let r = 1; r <= sheet.rowCount; r++) {
        const head = cellText(sheet.getRow(r).getCell(codeCol).value).trim()
        const label = cellText(sheet.getRow(r).getCell(codeCol + 1).value).trim()
        if (head === '') continue
        if (!/^\d+$/.test(head)) {
          list = listOf[head]
          expect(list, `unknown block "${head}"`).toBeDefined()
          seen.push(head)
          continue
        }
        if (!list) continue
        expect(code(list, head), `${list} ${head}`).toBe(head)
        expect(code(list, label), `${list} "${label}"`).toBe(head)
      }
    }
    expect(seen.sort()).toEqual(Object.keys(listOf).sort())
    expect(findField('KS', 'nksMatTich')?.codeList).toBe('tinhTrangTuyenBo')
    expect(findField('KS', 'nksHanCheNangLucHanhVi')?.codeList).toBe('tinhTrangTuyenBo')
  })
})
