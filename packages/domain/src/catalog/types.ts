/** Shapes of the book-type catalog. Every form, template, import, export and rule reads these. */

export const FIELD_KINDS = [
  'text',
  'personName',
  'partialDate',
  'code',
  'personalId',
  'idDocumentNumber',
  'place',
  'integer',
] as const
export type FieldKind = (typeof FIELD_KINDS)[number]

/** Who or what a field describes; the form renders one section per group, in this order of first use. */
export const FIELD_GROUPS = {
  registration: 'Thông tin đăng ký',
  person: 'Người được đăng ký',
  mother: 'Thông tin người mẹ',
  father: 'Thông tin người cha',
  husband: 'Thông tin người chồng',
  wife: 'Thông tin người vợ',
  parent: 'Cha, mẹ (người nhận hoặc được nhận)',
  child: 'Con (người nhận hoặc được nhận)',
  adoptiveFather: 'Cha nuôi',
  adoptiveMother: 'Mẹ nuôi',
  givingParty: 'Bên giao con nuôi',
  guardian: 'Người giám hộ',
  ward: 'Người được giám hộ',
  deathNotice: 'Giấy báo tử',
  change: 'Nội dung thay đổi, cải chính',
  requester: 'Người yêu cầu',
  foreign: 'Đăng ký tại nước ngoài',
  adoptedChild: 'Người được nhận làm con nuôi',
  guardianshipEnd: 'Việc giám hộ được chấm dứt',
} as const
export type FieldGroup = keyof typeof FIELD_GROUPS

export interface FieldDef {
  /** MOJ column name, or our own camelCase name in the same style where no template exists. */
  key: string
  /** Vietnamese label shown in forms and templates. */
  label: string
  kind: FieldKind
  group: FieldGroup
  required: boolean
  /** Key into CODE_LISTS when kind is 'code'. */
  codeList?: CodeListKey
  /** True when the column comes from the MOJ template (moj-template-columns.json). */
  moj: boolean
}

export type BookTypeCode = 'KS' | 'KT' | 'KH' | 'HN' | 'CMC' | 'NCN' | 'TDCC' | 'GH' | 'CDGH'

export interface BookTypeDef {
  code: BookTypeCode
  /** Vietnamese name of the register, e.g. 'Sổ đăng ký khai sinh'. */
  label: string
  /** Short Vietnamese name of the event, e.g. 'Khai sinh'. */
  shortLabel: string
  /** Keying priority: 1 first (births), larger later (DOMAIN.md §3). */
  priority: number
  /** True when the MOJ import template exists for this type. */
  hasMojTemplate: boolean
  /** Fields in the order of the MOJ template (or of the paper book where there is none). */
  fields: readonly FieldDef[]
  /** Keys that identify the entry's subject, used for the indexed search columns. */
  subject: { nameKey: string; birthDateKey?: string; personalIdKey?: string; sexKey?: string }
}

/** All code lists of DOMAIN.md §4, keyed by a stable name. */
export type CodeListKey =
  | 'loaiDangKyKS'
  | 'loaiDangKyKT'
  | 'loaiDangKyKH'
  | 'loaiDangKyCMC'
  | 'gioiTinh'
  | 'loaiGiayToTuyThan'
  | 'loaiKhaiSinh'
  | 'loaiCuTru'
  | 'gbtLoai'
  | 'loaiMucDichSuDung'
  | 'loaiXacNhan'
  | 'tinhTrangKetHon'
  | 'danToc'
  | 'quocTich'
  | 'loaiThayDoi'
  | 'loaiGiamHo'
  | 'loaiChamDutGiamHo'
  /** nksMatTich, nksHanCheNangLucHanhVi, nktTinhTrangTuyenBoViecChet: 1 declared, 2 declaration revoked. */
  | 'tinhTrangTuyenBo'

export interface CodeItem {
  code: string
  label: string
  /** Other spellings seen in books and files (matched after folding). */
  aliases?: readonly string[]
}

/** Values of an entry, by catalog key; every value is the text as confirmed by the keyer. */
export type EntryFields = Record<string, string>
