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
  /** When set, `required` holds only where the entry's code says so (a parent the registration says is known). */
  requiredWhen?: RequiredWhen
  /**
   * The key of the date field this text writes in words ("Ngày mười lăm tháng ba năm …"): a reading
   * of it (OCR) is held against the sentences that write a real date and corrected to the nearest,
   * and the date it writes fills in a date field the reading lost or only half read.
   */
  inWordsOf?: string
}

/**
 * A required field that is needed only under some codes of another field of the entry: a parent's
 * details where the registration kind says that parent is known (KS nksLoaiKhaiSinh 1 both known,
 * 2 mother unknown, 3 father unknown, 4 both unknown, 5 abandoned child). Elsewhere an empty field is
 * what the book says, and no issue at all.
 */
export interface RequiredWhen {
  /** The code field that decides (it has a code list). */
  codeKey: string
  /** Codes under which the field is required. */
  codes: readonly string[]
  /** How an empty (or unreadable) deciding field reads: the books' ordinary case, so nothing is silently waived. */
  emptyReadsAs: string
  /**
   * First year of the books whose form has a box for the field: in a book opened earlier an empty
   * field is a warning (the old ledgers often have no father, no birth date), never a block.
   */
  blockingFrom: number
}

/** The codes of the registers the catalog declares (derived from its list in `catalog/index.ts`). */
export type { BookTypeCode } from './index'

/**
 * Who the entry is about, by catalog key: the indexed search columns (name, birth date, personal ID)
 * and what reconciliation compares with the population database (DOMAIN.md §9).
 */
export interface SubjectDef {
  nameKey: string
  birthDateKey?: string
  personalIdKey?: string
  sexKey?: string
  ethnicityKey?: string
  nationalityKey?: string
  /** Place of birth, where the register records it. */
  birthplaceKey?: string
  /** The subject's parents, where the register names them (the birth register). */
  motherNameKey?: string
  fatherNameKey?: string
  /**
   * The other party, where the register names one beside the subject (the wife of a marriage): her
   * other marriages are looked up by these (DOMAIN.md §10: married again without divorce or death).
   */
  spouseNameKey?: string
  spouseBirthDateKey?: string
  /** Sex the role itself tells when the register has no sex column for the subject (a husband is a man). */
  impliedSex?: '1' | '2'
}

/** A parent's and a child's birth dates, checked for a plausible age gap (DOMAIN.md §10). */
export interface ParentAgeCheck {
  parentBirthKey: string
  childBirthKey: string
  /**
   * Whose birth date `parentBirthKey` is: fixed, or told by a code field of the entry
   * (CMC's loaiXacNhan: codes 2 and 4 are about the mother, 1 and 3 the father).
   */
  parent: 'mother' | 'father' | { codeKey: string; mother: readonly string[]; father: readonly string[] }
}

/** A birth registered "on time" or "late": the classification must agree with the dates. */
export interface BirthRegistrationCheck {
  birthDateKey: string
  /** The classification field (a code field) and its codes for "on time" and "late". */
  classificationKey: string
  onTimeCode: string
  lateCode: string
}

/**
 * Date pairs a register checks beyond the ones every register gets by naming (each …NgaySinh
 * before ngayDangKy, each …NgayChet after the same person's …NgaySinh and before ngayDangKy).
 */
export interface DateChecks {
  parentAges?: readonly ParentAgeCheck[]
  birthRegistration?: BirthRegistrationCheck
}

/** One section of the keying workbench, in the order the paper page shows it. */
export interface PageSection {
  title: string
  keys: readonly string[]
}

/** One printed label and the field whose value follows it (after a colon) on a printed or typed page. */
export interface PrintedField {
  key: string
  /** The label as the software prints it, e.g. 'Họ, chữ đệm, tên'. */
  label: string
}

/** A heading of a printed entry (e.g. 'Người mẹ') and its lines; one line may hold several labels. */
export interface PrintedSection {
  /** Printed above the section's lines; it tells apart labels that repeat ('Họ, chữ đệm, tên' of the child, mother, father). */
  heading?: string
  lines: readonly (readonly PrintedField[])[]
}

/**
 * How books printed from software (or typed) write one entry: labelled lines under section headings,
 * several entries per page, each opening with `sections[0].lines[0][0]` (the số). OCR anchors the
 * recognised text to the fields through these labels (issue 16).
 */
export interface PrintedLayout {
  sections: readonly PrintedSection[]
}

export interface BookTypeDef<C extends string = string> {
  code: C
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
  subject: SubjectDef
  dateChecks?: DateChecks
  /**
   * The workbench's sections as the paper page reads; fields left out wait under "Các ô khác".
   * Without it the workbench shows the catalog's groups.
   */
  pageLayout?: readonly PageSection[]
  /** The printed page of the type, for OCR pre-fill; without it the type's books are never read by OCR. */
  printedLayout?: PrintedLayout
  /** An older MOJ export layout recognised as such on import (KS: the 60-column export). */
  olderMojColumns?: readonly string[]
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
