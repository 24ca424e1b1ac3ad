/**
 * Sổ đăng ký thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc. No MOJ template exists:
 *   ntd  người có thông tin hộ tịch được thay đổi, cải chính, bổ sung (the subject)
 * The change itself is kept as "from ... to ..." beside the paper it concerns, never as an overwrite.
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
} from './common'

export const TDCC_BOOK_TYPE = defineBookType({
  code: 'TDCC',
  label: 'Sổ đăng ký thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc',
  shortLabel: 'Thay đổi, cải chính, bổ sung hộ tịch',
  priority: 7,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({
      classification: field('loaiThayDoi', 'Loại việc', 'code', 'registration', 'loaiThayDoi'),
    }),
    ...personBlock('ntd', 'person', [
      'SoDinhDanh', 'HoTen', 'GioiTinh', 'NgaySinh', 'DanToc', 'QuocTich', 'NoiCuTru',
      ...ID_DOCUMENT_SUFFIXES,
    ]),
    field('tenGiayToHoTich', 'Tên giấy tờ hộ tịch được thay đổi, cải chính', 'text', 'change'),
    field('soGiayToHoTich', 'Số giấy tờ hộ tịch', 'text', 'change'),
    field('ngayCapGiayToHoTich', 'Ngày cấp giấy tờ hộ tịch', 'partialDate', 'change'),
    field('cqCapGiayToHoTich', 'Cơ quan cấp giấy tờ hộ tịch', 'text', 'change'),
    field('thayDoiTu', 'Nội dung trước khi thay đổi (từ)', 'text', 'change'),
    field('thayDoiThanh', 'Nội dung sau khi thay đổi (thành)', 'text', 'change'),
    field('canCuThayDoi', 'Căn cứ (bản án, quyết định)', 'text', 'change'),
    ...requesterBlock(),
    ...foreignBlock(),
  ],
  required: [...HEADER_REQUIRED, 'loaiThayDoi', 'ntdHoTen'],
  subject: {
    nameKey: 'ntdHoTen',
    birthDateKey: 'ntdNgaySinh',
    personalIdKey: 'ntdSoDinhDanh',
    sexKey: 'ntdGioiTinh',
    ethnicityKey: 'ntdDanToc',
    nationalityKey: 'ntdQuocTich',
  },
})
