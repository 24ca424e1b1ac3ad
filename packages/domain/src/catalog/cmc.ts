/** Sổ đăng ký nhận cha, mẹ, con: the MOJ recognition template. The child is the indexed subject. */
import {
  HEADER_REQUIRED,
  ID_DOCUMENT_SUFFIXES,
  defineBookType,
  field,
  foreignBlock,
  loaiDangKy,
  personBlock,
  registrationHeader,
  requesterBlock,
  type PersonSuffix,
} from './common'

/** The parent (cm) and the child (nc) have the same columns in the same order. */
const PARTY: readonly PersonSuffix[] = [
  'HoTen', 'NgaySinh', 'DanToc', 'QuocTich', 'QuocTichKhac', 'QueQuan', 'LoaiCuTru', 'NoiCuTru',
  ...ID_DOCUMENT_SUFFIXES,
]

export const CMC_BOOK_TYPE = defineBookType({
  code: 'CMC',
  label: 'Sổ đăng ký nhận cha, mẹ, con',
  shortLabel: 'Nhận cha, mẹ, con',
  priority: 5,
  hasMojTemplate: true,
  fields: [
    ...registrationHeader({
      classification: loaiDangKy('loaiDangKyCMC'),
      after: {
        trangSo: [field('quyetDinhSo', 'Quyết định số', 'text', 'registration')],
        loaiDangKy: [field('loaiXacNhan', 'Loại xác nhận', 'code', 'registration', 'loaiXacNhan')],
      },
    }),
    ...personBlock('cm', 'parent', PARTY),
    ...personBlock('nc', 'child', PARTY),
    ...requesterBlock(['QHNguoiDuocNhan', 'QHNguoiNhan']),
    ...foreignBlock(),
  ],
  // A recognition names both sides; without either there is nothing to record.
  required: [...HEADER_REQUIRED, 'loaiDangKy', 'cmHoTen', 'ncHoTen'],
  subject: { nameKey: 'ncHoTen', birthDateKey: 'ncNgaySinh', ethnicityKey: 'ncDanToc', nationalityKey: 'ncQuocTich' },
  dateChecks: {
    // loaiXacNhan tells whose side cm is: 2 and 4 the mother, 1 and 3 the father (DOMAIN.md §4).
    parentAges: [{ parentBirthKey: 'cmNgaySinh', childBirthKey: 'ncNgaySinh', parent: { codeKey: 'loaiXacNhan', mother: ['2', '4'], father: ['1', '3'] } }],
  },
})
