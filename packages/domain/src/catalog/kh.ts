/** Sổ đăng ký kết hôn: the MOJ marriage template. The husband is the indexed subject. */
import {
  HEADER_REQUIRED,
  ID_DOCUMENT_SUFFIXES,
  defineBookType,
  field,
  foreignBlock,
  loaiDangKy,
  personBlock,
  registrationHeader,
  type PersonSuffix,
} from './common'

/** Husband and wife have the same columns in the same order. */
const SPOUSE: readonly PersonSuffix[] = [
  'HoTen', 'NgaySinh', 'DanToc', 'QuocTich', 'QuocTichKhac', 'LoaiCuTru', 'NoiCuTru',
  ...ID_DOCUMENT_SUFFIXES,
]

export const KH_BOOK_TYPE = defineBookType({
  code: 'KH',
  label: 'Sổ đăng ký kết hôn',
  shortLabel: 'Kết hôn',
  priority: 2,
  hasMojTemplate: true,
  fields: [
    ...registrationHeader({
      classification: loaiDangKy('loaiDangKyKH'),
      after: {
        chucVuNguoiKy: [
          field('ngayXacLapQuanHeHonNhan', 'Ngày xác lập quan hệ hôn nhân', 'partialDate', 'registration'),
        ],
        // Later events written in the notes: divorce, annulment, recognition of the marriage.
        ghiChu: [
          field('tinhTrangKetHon', 'Tình trạng kết hôn', 'code', 'registration', 'tinhTrangKetHon'),
          field('huyKetHonNgayGhiChu', 'Ngày ghi chú hủy kết hôn', 'partialDate', 'registration'),
          field('huyKetHonCanCu', 'Căn cứ hủy kết hôn', 'text', 'registration'),
          field('congNhanKetHonNgayGhiChu', 'Ngày ghi chú công nhận kết hôn', 'partialDate', 'registration'),
          field('congNhanKetHonCanCu', 'Căn cứ công nhận kết hôn', 'text', 'registration'),
        ],
      },
    }),
    ...personBlock('chong', 'husband', SPOUSE),
    ...personBlock('vo', 'wife', SPOUSE),
    ...foreignBlock(),
  ],
  // A marriage without either spouse's name cannot be keyed at all.
  required: [...HEADER_REQUIRED, 'loaiDangKy', 'chongHoTen', 'voHoTen'],
  subject: {
    nameKey: 'chongHoTen',
    birthDateKey: 'chongNgaySinh',
    ethnicityKey: 'chongDanToc',
    nationalityKey: 'chongQuocTich',
    impliedSex: '1',
    spouseNameKey: 'voHoTen',
    spouseBirthDateKey: 'voNgaySinh',
  },
})
