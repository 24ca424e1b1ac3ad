/** Sổ cấp giấy xác nhận tình trạng hôn nhân: the MOJ marital-status template (no loaiDangKy). */
import {
  HEADER_REQUIRED,
  ID_DOCUMENT_SUFFIXES,
  defineBookType,
  field,
  personBlock,
  registrationHeader,
  requesterBlock,
  type SuffixSpec,
} from './common'

const CONFIRMATION_ONLY = {
  ThoiGianCuTruTai: { label: 'Nơi cư trú trong thời gian xác nhận', kind: 'place' },
  ThoiGianCuTruTu: { label: 'Cư trú từ ngày', kind: 'partialDate' },
  ThoiGianCuTruDen: { label: 'Cư trú đến ngày', kind: 'partialDate' },
  TinhTrangHonNhan: { label: 'Tình trạng hôn nhân', kind: 'text' },
  LoaiMucDichSuDung: { label: 'Loại mục đích sử dụng', kind: 'code', codeList: 'loaiMucDichSuDung' },
  MucDichSuDung: { label: 'Mục đích sử dụng', kind: 'text' },
} as const satisfies Record<string, SuffixSpec>

export const HN_BOOK_TYPE = defineBookType({
  code: 'HN',
  label: 'Sổ cấp giấy xác nhận tình trạng hôn nhân',
  shortLabel: 'Xác nhận tình trạng hôn nhân',
  priority: 6,
  hasMojTemplate: true,
  fields: [
    ...registrationHeader({
      classification: null,
      place: field('noiCap', 'Nơi cấp', 'place', 'registration'),
    }),
    ...personBlock(
      'nxn',
      'person',
      [
        'HoTen', 'GioiTinh', 'NgaySinh', 'DanToc', 'QuocTich', 'QuocTichKhac', 'LoaiCuTru',
        'NoiCuTru', ...ID_DOCUMENT_SUFFIXES,
        'ThoiGianCuTruTai', 'ThoiGianCuTruTu', 'ThoiGianCuTruDen', 'TinhTrangHonNhan',
        'LoaiMucDichSuDung', 'MucDichSuDung',
      ],
      CONFIRMATION_ONLY,
    ),
    ...requesterBlock(),
  ],
  required: [...HEADER_REQUIRED, 'nxnHoTen'],
  subject: {
    nameKey: 'nxnHoTen',
    birthDateKey: 'nxnNgaySinh',
    sexKey: 'nxnGioiTinh',
    ethnicityKey: 'nxnDanToc',
    nationalityKey: 'nxnQuocTich',
  },
})
