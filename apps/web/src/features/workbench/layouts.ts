import { CARRY_FORWARD_KEYS, fieldGroupsOf, getBookType, type BookTypeCode, type FieldDef } from '@hts/domain'

export interface LayoutSection {
  title: string
  fields: FieldDef[]
}

export interface KeyingLayout {
  /** Sections in the order the book's page shows them; Enter and Tab follow this order. */
  sections: LayoutSection[]
  /** Catalog fields the page of this register rarely has, behind "Các ô khác" (Alt+M). */
  more: FieldDef[]
}

/**
 * The birth register as the paper page reads (2016-2020 forms): number and date, the child, mother,
 * father, the person who declared, then the signature block, which repeats from entry to entry and
 * is filled in already. The MOJ template's other columns (declarations, other nationality, foreign
 * registration...) are rare in books and wait under "Các ô khác".
 */
const KS_SECTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Số, ngày đăng ký', ['so', 'trangSo', 'ngayDangKy', 'loaiDangKy']],
  ['Người được khai sinh', ['nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksNgaySinhBangChu', 'nksNoiSinh', 'nksQueQuan', 'nksDanToc', 'nksQuocTich', 'nksSoDinhDanh']],
  ['Mẹ', ['meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru', 'meNoiCuTru', 'meSoDinhDanhCaNhan']],
  ['Cha', ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru', 'chaNoiCuTru', 'chaSoDinhDanhCaNhan']],
  ['Người đi khai sinh', ['nycHoTen', 'nycQuanHe', 'nycLoaiGiayToTuyThan', 'nycSoGiayToTuyThan']],
  ['Ghi chú, người ký (điền sẵn từ trường hợp trước)', ['ghiChu', 'noiDangKy', 'nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien', 'quyenSo']],
]

const BOOK_LAYOUTS: Partial<Record<BookTypeCode, typeof KS_SECTIONS>> = { KS: KS_SECTIONS }

const REPEATING = new Set<string>([...CARRY_FORWARD_KEYS, 'ghiChu'])

export function keyingLayout(bookType: BookTypeCode): KeyingLayout {
  const all = getBookType(bookType).fields
  const byKey = new Map(all.map((f) => [f.key, f]))
  const declared = BOOK_LAYOUTS[bookType]
  if (declared) {
    const sections = declared.map(([title, keys]) => ({ title, fields: keys.flatMap((k) => byKey.get(k) ?? []) }))
    const placed = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)))
    return { sections, more: all.filter((f) => !placed.has(f.key)) }
  }
  // Registers without a declared page layout: the catalog's groups, the repeating block last.
  const sections = fieldGroupsOf(bookType).map((g) => ({ title: g.label, fields: g.fields.filter((f) => !REPEATING.has(f.key)) }))
  sections.push({ title: 'Ghi chú, người ký (điền sẵn từ trường hợp trước)', fields: all.filter((f) => REPEATING.has(f.key)) })
  return { sections: sections.filter((s) => s.fields.length > 0), more: [] }
}

/** Fields that get suggestions: places, and the signature block's free text. */
export function suggestsValues(field: FieldDef): boolean {
  return field.kind === 'place' || (field.kind === 'text' && ['nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien'].includes(field.key))
}
