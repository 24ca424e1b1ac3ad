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

/**
 * A parent's columns are needed only where nksLoaiKhaiSinh says that parent is known (1 both known,
 * 2 mother unknown, 3 father unknown, 4 both unknown, 5 abandoned child); an empty kind reads as 1,
 * the ordinary case. The books before the 2016 forms (Luật Hộ tịch 2014) often name no father and
 * give a parent's birth year or nothing: there an empty parent column is a warning.
 */
const PARENT_KNOWN = { codeKey: 'nksLoaiKhaiSinh', emptyReadsAs: '1', blockingFrom: 2016 } as const
const MOTHER_KNOWN = { ...PARENT_KNOWN, codes: ['1', '3'] }
const FATHER_KNOWN = { ...PARENT_KNOWN, codes: ['1', '2'] }

/**
 * Header of the older 60-column birth export (before the personal-ID and ...Str columns), kept
 * so that files in that layout can be recognised and matched column by column on import.
 */
export const KS_60_COLUMNS: readonly string[] = [
  'so', 'quyenSo', 'trangSo', 'ngayDangKy', 'loaiDangKy', 'noiDangKy', 'nguoiKy', 'chucVuNguoiKy',
  'nguoiThucHien', 'ghiChu',
  'nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksNgaySinhBangChu', 'nksNoiSinh', 'nksNoiSinhDVHC',
  'nksQueQuan', 'nksDanToc', 'nksQuocTich', 'nksQuocTichKhac', 'nksLoaiKhaiSinh',
  'nksMatTich', 'nksMatTichNgayGhiChuTuyenBo', 'nksMatTichCanCuTuyenBo',
  'nksMatTichNgayGhiChuHuyTuyenBo', 'nksMatTichCanCuHuyTuyenBo',
  'nksHanCheNangLucHanhVi', 'nksHanCheNangLucHanhViNgayGhiChuTuyenBo',
  'nksHanCheNangLucHanhViCanCuTuyenBo', 'nksHanCheNangLucHanhViNgayGhiChuHuyTuyenBo',
  'nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo',
  'meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meQuocTichKhac', 'meLoaiCuTru', 'meNoiCuTru',
  'meLoaiGiayToTuyThan', 'meSoGiayToTuyThan',
  'chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaQuocTichKhac', 'chaLoaiCuTru',
  'chaNoiCuTru', 'chaLoaiGiayToTuyThan', 'chaSoGiayToTuyThan',
  'nycHoTen', 'nycQuanHe', 'nycLoaiGiayToTuyThan', 'nycGiayToKhac', 'nycSoGiayToTuyThan',
  'nycNgayCapGiayToTuyThan', 'nycNoiCapGiayToTuyThan',
  'soDangKyNuocNgoai', 'ngayDangKyNuocNgoai', 'cqNuocNgoaiDaDangKy', 'qgNuocNgoaiDaDangKy',
]

/**
 * The birth register as the paper page reads (2016-2020 forms): number and date, the child, mother,
 * father, the person who declared, then the signature block, which repeats from entry to entry and
 * is filled in already. The MOJ template's other columns (declarations, other nationality, foreign
 * registration...) are rare in books and wait under "Các ô khác".
 */
const PAGE_LAYOUT = [
  { title: 'Số, ngày đăng ký', keys: ['so', 'trangSo', 'ngayDangKy', 'loaiDangKy'] },
  {
    title: 'Người được khai sinh',
    keys: ['nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksNgaySinhBangChu', 'nksNoiSinh', 'nksQueQuan', 'nksDanToc', 'nksQuocTich', 'nksSoDinhDanh'],
  },
  { title: 'Mẹ', keys: ['meHoTen', 'meNgaySinh', 'meDanToc', 'meQuocTich', 'meLoaiCuTru', 'meNoiCuTru', 'meSoDinhDanhCaNhan'] },
  { title: 'Cha', keys: ['chaHoTen', 'chaNgaySinh', 'chaDanToc', 'chaQuocTich', 'chaLoaiCuTru', 'chaNoiCuTru', 'chaSoDinhDanhCaNhan'] },
  { title: 'Người đi khai sinh', keys: ['nycHoTen', 'nycQuanHe', 'nycLoaiGiayToTuyThan', 'nycSoGiayToTuyThan'] },
  {
    title: 'Ghi chú, người ký (điền sẵn từ trường hợp trước)',
    keys: ['ghiChu', 'noiDangKy', 'nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien', 'quyenSo'],
  },
] as const

/**
 * The birth register as the civil-status software prints it (and typists wrote it): each entry a
 * block of labelled lines, the child's, mother's and father's names under their own headings.
 */
const PRINTED_LAYOUT = {
  sections: [
    {
      lines: [
        [{ key: 'so', label: 'Số' }, { key: 'quyenSo', label: 'Quyển số' }],
        [{ key: 'ngayDangKy', label: 'Ngày, tháng, năm đăng ký' }],
      ],
    },
    {
      heading: 'Người được khai sinh',
      lines: [
        [{ key: 'nksHoTen', label: 'Họ, chữ đệm, tên' }, { key: 'nksGioiTinh', label: 'Giới tính' }],
        [{ key: 'nksNgaySinh', label: 'Ngày, tháng, năm sinh' }],
        [{ key: 'nksNgaySinhBangChu', label: 'Ghi bằng chữ' }],
        [{ key: 'nksNoiSinh', label: 'Nơi sinh' }],
        [{ key: 'nksQueQuan', label: 'Quê quán' }],
        [{ key: 'nksDanToc', label: 'Dân tộc' }, { key: 'nksQuocTich', label: 'Quốc tịch' }],
        [{ key: 'nksSoDinhDanh', label: 'Số định danh cá nhân' }],
      ],
    },
    {
      heading: 'Người mẹ',
      lines: [
        [{ key: 'meHoTen', label: 'Họ, chữ đệm, tên' }, { key: 'meNgaySinh', label: 'Năm sinh' }],
        [{ key: 'meDanToc', label: 'Dân tộc' }, { key: 'meQuocTich', label: 'Quốc tịch' }],
        [{ key: 'meNoiCuTru', label: 'Nơi cư trú' }],
      ],
    },
    {
      heading: 'Người cha',
      lines: [
        [{ key: 'chaHoTen', label: 'Họ, chữ đệm, tên' }, { key: 'chaNgaySinh', label: 'Năm sinh' }],
        [{ key: 'chaDanToc', label: 'Dân tộc' }, { key: 'chaQuocTich', label: 'Quốc tịch' }],
        [{ key: 'chaNoiCuTru', label: 'Nơi cư trú' }],
      ],
    },
    {
      heading: 'Người đi khai sinh',
      lines: [
        [{ key: 'nycHoTen', label: 'Họ, chữ đệm, tên' }, { key: 'nycQuanHe', label: 'Quan hệ với người được khai sinh' }],
        [{ key: 'nycSoGiayToTuyThan', label: 'Giấy tờ tùy thân' }],
      ],
    },
    {
      lines: [
        [{ key: 'noiDangKy', label: 'Nơi đăng ký' }],
        [{ key: 'nguoiKy', label: 'Người ký' }, { key: 'chucVuNguoiKy', label: 'Chức vụ' }],
        [{ key: 'nguoiThucHien', label: 'Người thực hiện' }],
        [{ key: 'ghiChu', label: 'Ghi chú' }],
      ],
    },
  ],
} as const

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
  requiredWhen: [
    { keys: PARENT_REQUIRED.map((s) => `me${s}`), when: MOTHER_KNOWN },
    { keys: PARENT_REQUIRED.map((s) => `cha${s}`), when: FATHER_KNOWN },
  ],
  subject: {
    nameKey: 'nksHoTen',
    birthDateKey: 'nksNgaySinh',
    personalIdKey: 'nksSoDinhDanh',
    sexKey: 'nksGioiTinh',
    ethnicityKey: 'nksDanToc',
    nationalityKey: 'nksQuocTich',
    birthplaceKey: 'nksNoiSinh',
    motherNameKey: 'meHoTen',
    fatherNameKey: 'chaHoTen',
  },
  dateChecks: {
    parentAges: [
      { parentBirthKey: 'meNgaySinh', childBirthKey: 'nksNgaySinh', parent: 'mother' },
      { parentBirthKey: 'chaNgaySinh', childBirthKey: 'nksNgaySinh', parent: 'father' },
    ],
    // loaiDangKyKS: 1 đúng hạn, 4 quá hạn.
    birthRegistration: { birthDateKey: 'nksNgaySinh', classificationKey: 'loaiDangKy', onTimeCode: '1', lateCode: '4' },
  },
  pageLayout: PAGE_LAYOUT,
  printedLayout: PRINTED_LAYOUT,
  olderMojColumns: KS_60_COLUMNS,
})
