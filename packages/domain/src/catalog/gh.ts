/**
 * Sổ đăng ký giám hộ. No MOJ template exists; prefixes (shared with cdgh.ts):
 *   ngh      người giám hộ (guardian)
 *   nduocgh  người được giám hộ (ward, the subject)
 */
import {
  HEADER_REQUIRED,
  ID_DOCUMENT_SUFFIXES,
  defineBookType,
  field,
  foreignBlock,
  personBlock,
  registrationHeader,
  requesterBlock,
  type PersonSuffix,
} from './common'

export const GUARDIAN_SUFFIXES: readonly PersonSuffix[] = [
  'HoTen', 'GioiTinh', 'NgaySinh', 'DanToc', 'QuocTich', 'NoiCuTru', ...ID_DOCUMENT_SUFFIXES,
]
export const WARD_SUFFIXES: readonly PersonSuffix[] = ['SoDinhDanh', ...GUARDIAN_SUFFIXES]

export const WARD_SUBJECT = {
  nameKey: 'nduocghHoTen',
  birthDateKey: 'nduocghNgaySinh',
  personalIdKey: 'nduocghSoDinhDanh',
  sexKey: 'nduocghGioiTinh',
  ethnicityKey: 'nduocghDanToc',
  nationalityKey: 'nduocghQuocTich',
} as const

export const GH_BOOK_TYPE = defineBookType({
  code: 'GH',
  label: 'Sổ đăng ký giám hộ',
  shortLabel: 'Giám hộ',
  priority: 8,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({
      classification: field('loaiGiamHo', 'Loại giám hộ', 'code', 'registration', 'loaiGiamHo'),
    }),
    ...personBlock('ngh', 'guardian', GUARDIAN_SUFFIXES),
    ...personBlock('nduocgh', 'ward', WARD_SUFFIXES),
    ...requesterBlock(),
    ...foreignBlock(),
  ],
  required: [...HEADER_REQUIRED, 'loaiGiamHo', 'nghHoTen', 'nduocghHoTen'],
  subject: WARD_SUBJECT,
})
