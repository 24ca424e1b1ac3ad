/** Sổ đăng ký khai sinh: the 70-column MOJ birth template (without its STT row counter). */
import {
  HEADER_REQUIRED,
  defineBookType,
  foreignBlock,
  loaiDangKy,
  personBlock,
  registrationHeader,
  requesterBlock,
  type PersonSuffix,
  type SuffixSpec,
} from './common'

/**
 * Declarations written in the notes of a birth entry (missing person, restricted legal capacity).
 * The template names the last column "NgayCanCu..." and its sample row holds a date there, unlike
 * its missing-person twin (CanCu...), so it is kept a date to export what the MOJ importer expects.
 */
const BIRTH_ONLY = {
  LoaiKhaiSinh: { label: 'Loại khai sinh', kind: 'code', codeList: 'loaiKhaiSinh' },
  MatTich: { label: 'Tuyên bố mất tích', kind: 'code', codeList: 'tinhTrangTuyenBo' },
  MatTichNgayGhiChuTuyenBo: { label: 'Ngày ghi chú tuyên bố mất tích', kind: 'partialDate' },
  MatTichCanCuTuyenBo: { label: 'Căn cứ tuyên bố mất tích', kind: 'text' },
  MatTichNgayGhiChuHuyTuyenBo: { label: 'Ngày ghi chú hủy tuyên bố mất tích', kind: 'partialDate' },
  MatTichCanCuHuyTuyenBo: { label: 'Căn cứ hủy tuyên bố mất tích', kind: 'text' },
  HanCheNangLucHanhVi: {
    label: 'Tuyên bố hạn chế năng lực hành vi dân sự',
    kind: 'code',
    codeList: 'tinhTrangTuyenBo',
  },
  HanCheNangLucHanhViNgayGhiChuTuyenBo: {
    label: 'Ngày ghi chú tuyên bố hạn chế năng lực hành vi dân sự',
    kind: 'partialDate',
  },
  HanCheNangLucHanhViCanCuTuyenBo: {
    label: 'Căn cứ tuyên bố hạn chế năng lực hành vi dân sự',
    kind: 'text',
  },
  HanCheNangLucHanhViNgayGhiChuHuyTuyenBo: {
    label: 'Ngày ghi chú hủy tuyên bố hạn chế năng lực hành vi dân sự',
    kind: 'partialDate',
  },
  HanCheNangLucHanhViNgayCanCuHuyTuyenBo: {
    label: 'Ngày căn cứ hủy tuyên bố hạn chế năng lực hành vi dân sự',
    kind: 'partialDate',
  },
} as const satisfies Record<string, SuffixSpec>

type BirthOnly = keyof typeof BIRTH_ONLY

const CHILD: readonly (PersonSuffix | BirthOnly)[] = [
  'SoDinhDanh', 'HoTen', 'GioiTinh', 'NgaySinh', 'NgaySinhBangChu', 'NoiSinh', 'NoiSinhDVHC',
  'QueQuan', 'DanToc', 'QuocTich', 'QuocTichStr', 'QuocTichKhac', 'QuocTichKhacStr',
  'LoaiKhaiSinh',
  'MatTich', 'MatTichNgayGhiChuTuyenBo', 'MatTichCanCuTuyenBo', 'MatTichNgayGhiChuHuyTuyenBo',
  'MatTichCanCuHuyTuyenBo',
  'HanCheNangLucHanhVi', 'HanCheNangLucHanhViNgayGhiChuTuyenBo', 'HanCheNangLucHanhViCanCuTuyenBo',
  'HanCheNangLucHanhViNgayGhiChuHuyTuyenBo', 'HanCheNangLucHanhViNgayCanCuHuyTuyenBo',
]

/** Mother and father have the same columns in the same order. */
const PARENT = [
  'SoDinhDanhCaNhan', 'HoTen', 'NgaySinh', 'DanToc', 'QuocTich', 'QuocTichStr', 'QuocTichKhac',
  'QuocTichKhacStr', 'LoaiCuTru', 'NoiCuTru', 'LoaiGiayToTuyThan', 'SoGiayToTuyThan',
] as const

/** Headers with a trailing space in the real template (moj-template-columns.json). */
const PARENT_REQUIRED = ['HoTen', 'NgaySinh', 'DanToc', 'QuocTich', 'LoaiCuTru'] as const

export const KS_BOOK_TYPE = defineBookType({
  code: 'KS',
  label: 'Sổ đăng ký khai sinh',
  shortLabel: 'Khai sinh',
  priority: 1,
  hasMojTemplate: true,
  fields: [
    ...registrationHeader({ classification: loaiDangKy('loaiDangKyKS') }),
    ...personBlock('nks', 'person', CHILD, BIRTH_ONLY),
    ...personBlock('me', 'mother', PARENT),
    ...personBlock('cha', 'father', PARENT),
    ...requesterBlock(),
    ...foreignBlock(),
  ],
  required: [
    ...HEADER_REQUIRED,
    'loaiDangKy',
    'nksHoTen',
    'nksNgaySinh',
    'nksDanToc',
    'nksQuocTich',
    ...PARENT_REQUIRED.map((s) => `me${s}`),
    ...PARENT_REQUIRED.map((s) => `cha${s}`),
  ],
  subject: {
    nameKey: 'nksHoTen',
    birthDateKey: 'nksNgaySinh',
    personalIdKey: 'nksSoDinhDanh',
    sexKey: 'nksGioiTinh',
  },
})
