/** Sổ đăng ký khai tử: the MOJ death template. */
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
  type SuffixSpec,
} from './common'

const DEATH_ONLY = {
  NgayChet: { label: 'Ngày, tháng, năm chết', kind: 'partialDate' },
  NgayChetGhiBangChu: { label: 'Ngày, tháng, năm chết (bằng chữ)', kind: 'text', inWordsOf: 'NgayChet' },
  GioPhutChet: { label: 'Giờ, phút chết', kind: 'text' },
  NoiChet: { label: 'Nơi chết', kind: 'place' },
  NguyenNhanChet: { label: 'Nguyên nhân chết', kind: 'text' },
  TinhTrangTuyenBoViecChet: {
    label: 'Tuyên bố một người là đã chết',
    kind: 'code',
    codeList: 'tinhTrangTuyenBo',
  },
  NgayGhiChuTuyenBoViecChet: { label: 'Ngày ghi chú tuyên bố đã chết', kind: 'partialDate' },
  CanCuTuyenBoViecChet: { label: 'Căn cứ tuyên bố đã chết', kind: 'text' },
  NgayGhiChuHuyTuyenBoViecChet: { label: 'Ngày ghi chú hủy tuyên bố đã chết', kind: 'partialDate' },
  CanCuHuyTuyenBoViecChet: { label: 'Căn cứ hủy tuyên bố đã chết', kind: 'text' },
} as const satisfies Record<string, SuffixSpec>

export const KT_BOOK_TYPE = defineBookType({
  code: 'KT',
  label: 'Sổ đăng ký khai tử',
  shortLabel: 'Khai tử',
  priority: 4,
  hasMojTemplate: true,
  fields: [
    ...registrationHeader({ classification: loaiDangKy('loaiDangKyKT') }),
    ...personBlock(
      'nkt',
      'person',
      [
        'HoTen', 'GioiTinh', 'NgaySinh', 'DanToc', 'QuocTich', 'QuocTichKhac', 'LoaiCuTru',
        'NoiCuTru', ...ID_DOCUMENT_SUFFIXES,
        'NgayChet', 'NgayChetGhiBangChu', 'GioPhutChet', 'NoiChet', 'NguyenNhanChet',
        'TinhTrangTuyenBoViecChet', 'NgayGhiChuTuyenBoViecChet', 'CanCuTuyenBoViecChet',
        'NgayGhiChuHuyTuyenBoViecChet', 'CanCuHuyTuyenBoViecChet',
      ],
      DEATH_ONLY,
    ),
    field('gbtLoai', 'Loại giấy báo tử', 'code', 'deathNotice', 'gbtLoai'),
    field('gbtSo', 'Số giấy báo tử', 'text', 'deathNotice'),
    field('gbtNgay', 'Ngày cấp giấy báo tử', 'partialDate', 'deathNotice'),
    field('gbtCoQuanCap', 'Cơ quan cấp giấy báo tử', 'text', 'deathNotice'),
    ...requesterBlock(),
    ...foreignBlock(),
  ],
  required: [...HEADER_REQUIRED, 'loaiDangKy', 'nktHoTen'],
  subject: {
    nameKey: 'nktHoTen',
    birthDateKey: 'nktNgaySinh',
    sexKey: 'nktGioiTinh',
    ethnicityKey: 'nktDanToc',
    nationalityKey: 'nktQuocTich',
  },
})
