/**
 * Columns of a population extract and how their headers are recognised. Police extracts come with
 * their own headers (HO_TEN, NGAY_SINH, SO_DDCN...), other files with Vietnamese ones: the officer
 * confirms or corrects the suggested mapping before anything is loaded, and it is kept with the
 * extract so the next extract of the same shape is mapped the same way.
 */
import { foldKey } from '@hts/domain'

export const POPULATION_FIELDS = {
  personalId: { label: 'Số định danh cá nhân', required: false, aliases: ['so dinh danh', 'so dinh danh ca nhan', 'so ddcn', 'ma dinh danh', 'so cccd', 'cccd', 'so cmnd cccd', 'sddcn', 'personal id'] },
  fullName: { label: 'Họ, chữ đệm, tên', required: true, aliases: ['ho ten', 'ho va ten', 'ho chu dem ten', 'ho ten cong dan', 'ten cong dan', 'full name'] },
  birthDate: { label: 'Ngày sinh', required: true, aliases: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'ngay sinh cong dan', 'birth date', 'dob'] },
  sex: { label: 'Giới tính', required: false, aliases: ['gioi tinh', 'phai', 'sex', 'gender'] },
  birthplace: { label: 'Nơi sinh', required: false, aliases: ['noi sinh', 'noi dang ky khai sinh', 'noi dk khai sinh'] },
  homeTown: { label: 'Quê quán', required: false, aliases: ['que quan', 'nguyen quan'] },
  ethnicity: { label: 'Dân tộc', required: false, aliases: ['dan toc'] },
  nationality: { label: 'Quốc tịch', required: false, aliases: ['quoc tich'] },
  motherName: { label: 'Họ tên mẹ', required: false, aliases: ['ho ten me', 'ten me', 'me', 'ho va ten me'] },
  motherPersonalId: { label: 'Số định danh của mẹ', required: false, aliases: ['so dinh danh me', 'so ddcn me', 'cccd me', 'so dinh danh cua me'] },
  fatherName: { label: 'Họ tên cha', required: false, aliases: ['ho ten cha', 'ten cha', 'cha', 'ho va ten cha', 'ho ten bo'] },
  fatherPersonalId: { label: 'Số định danh của cha', required: false, aliases: ['so dinh danh cha', 'so ddcn cha', 'cccd cha', 'so dinh danh cua cha'] },
  residence: { label: 'Nơi thường trú', required: false, aliases: ['noi thuong tru', 'thuong tru', 'dia chi thuong tru', 'noi cu tru', 'noi o hien tai', 'dia chi'] },
} as const
export type PopulationField = keyof typeof POPULATION_FIELDS
export const POPULATION_FIELD_KEYS = Object.keys(POPULATION_FIELDS) as PopulationField[]

/** Column index by field; a field may stay unmapped. */
export type ColumnMapping = Partial<Record<PopulationField, number>>

const compact = (text: string) => foldKey(text).replace(/[^a-z0-9]/g, '')

const aliasIndex = new Map<string, PopulationField>()
for (const key of POPULATION_FIELD_KEYS) {
  for (const alias of [key, POPULATION_FIELDS[key].label, ...POPULATION_FIELDS[key].aliases]) aliasIndex.set(compact(alias), key)
}

/**
 * A mapping guessed from the headers; a header mapped in an earlier extract of the unit
 * (`previous`: field → header text) wins over the built-in aliases.
 */
export function suggestMapping(headers: readonly string[], previous: Partial<Record<string, string>> = {}): ColumnMapping {
  const mapping: ColumnMapping = {}
  const taken = new Set<number>()
  const byHeader = new Map(headers.map((h, i) => [compact(h), i]))
  for (const key of POPULATION_FIELD_KEYS) {
    const earlier = previous[key]
    const index = earlier === undefined ? undefined : byHeader.get(compact(earlier))
    if (index !== undefined && !taken.has(index)) {
      mapping[key] = index
      taken.add(index)
    }
  }
  headers.forEach((header, index) => {
    const key = aliasIndex.get(compact(header))
    if (key && mapping[key] === undefined && !taken.has(index)) {
      mapping[key] = index
      taken.add(index)
    }
  })
  return mapping
}

/** Vietnamese messages for a mapping that cannot be loaded, or []. */
export function checkMapping(mapping: ColumnMapping, columnCount: number): string[] {
  const problems: string[] = []
  for (const key of POPULATION_FIELD_KEYS) {
    const index = mapping[key]
    if (index === undefined) {
      if (POPULATION_FIELDS[key].required) problems.push(`Chưa chọn cột cho "${POPULATION_FIELDS[key].label}" (bắt buộc)`)
    } else if (index < 0 || index >= columnCount) problems.push(`Cột số ${index + 1} chọn cho "${POPULATION_FIELDS[key].label}" không có trong tệp`)
  }
  const used = new Map<number, PopulationField>()
  for (const key of POPULATION_FIELD_KEYS) {
    const index = mapping[key]
    if (index === undefined) continue
    const other = used.get(index)
    if (other) problems.push(`Cột số ${index + 1} được chọn cho cả "${POPULATION_FIELDS[other].label}" và "${POPULATION_FIELDS[key].label}"`)
    used.set(index, key)
  }
  return problems
}
