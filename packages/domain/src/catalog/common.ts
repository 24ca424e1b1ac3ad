/**
 * Builders for the blocks every book type shares, so that the registration header, a person's
 * columns, the requester and the foreign-registration block are each declared once.
 * A type file only lists which blocks and suffixes it has, in the MOJ column order.
 */
import type {
  BookTypeDef,
  CodeListKey,
  FieldDef,
  FieldGroup,
  FieldKind,
  RequiredWhen,
} from './types'

/** A field before the type decides whether it is required and whether it is an MOJ column. */
export type FieldSpec = Omit<FieldDef, 'moj' | 'required'>

export interface SuffixSpec {
  label: string
  kind: FieldKind
  codeList?: CodeListKey
  /** The suffix of the date field this one writes in words (the same prefix). */
  inWordsOf?: string
}

export function field(
  key: string,
  label: string,
  kind: FieldKind,
  group: FieldGroup,
  codeList?: CodeListKey,
): FieldSpec {
  return codeList ? { key, label, kind, group, codeList } : { key, label, kind, group }
}

/** What a suffix means is the same whoever the prefix is (nks, me, cha, chong, vo, cm, nc, nyc...). */
export const PERSON_SUFFIXES = {
  SoDinhDanh: { label: 'Số định danh cá nhân', kind: 'personalId' },
  SoDinhDanhCaNhan: { label: 'Số định danh cá nhân', kind: 'personalId' },
  HoTen: { label: 'Họ, chữ đệm, tên', kind: 'personName' },
  GioiTinh: { label: 'Giới tính', kind: 'code', codeList: 'gioiTinh' },
  NgaySinh: { label: 'Ngày, tháng, năm sinh', kind: 'partialDate' },
  NgaySinhBangChu: { label: 'Ngày, tháng, năm sinh (bằng chữ)', kind: 'text', inWordsOf: 'NgaySinh' },
  NoiSinh: { label: 'Nơi sinh', kind: 'place' },
  NoiSinhDVHC: { label: 'Nơi sinh (đơn vị hành chính)', kind: 'place' },
  QueQuan: { label: 'Quê quán', kind: 'place' },
  DanToc: { label: 'Dân tộc', kind: 'code', codeList: 'danToc' },
  QuocTich: { label: 'Quốc tịch', kind: 'code', codeList: 'quocTich' },
  QuocTichStr: { label: 'Quốc tịch (ghi bằng chữ)', kind: 'text' },
  QuocTichKhac: { label: 'Quốc tịch khác', kind: 'code', codeList: 'quocTich' },
  QuocTichKhacStr: { label: 'Quốc tịch khác (ghi bằng chữ)', kind: 'text' },
  LoaiCuTru: { label: 'Loại cư trú', kind: 'code', codeList: 'loaiCuTru' },
  NoiCuTru: { label: 'Nơi cư trú', kind: 'place' },
  LoaiGiayToTuyThan: { label: 'Loại giấy tờ tùy thân', kind: 'code', codeList: 'loaiGiayToTuyThan' },
  GiayToKhac: { label: 'Tên giấy tờ khác', kind: 'text' },
  SoGiayToTuyThan: { label: 'Số giấy tờ tùy thân', kind: 'idDocumentNumber' },
  NgayCapGiayToTuyThan: { label: 'Ngày cấp giấy tờ tùy thân', kind: 'partialDate' },
  NoiCapGiayToTuyThan: { label: 'Nơi cấp giấy tờ tùy thân', kind: 'place' },
  QuanHe: { label: 'Quan hệ với người được đăng ký', kind: 'text' },
} as const satisfies Record<string, SuffixSpec>
export type PersonSuffix = keyof typeof PERSON_SUFFIXES

/** The columns of one person: prefix + suffix, in the order given. `extra` holds a type's own suffixes. */
export function personBlock<E extends string = never>(
  prefix: string,
  group: FieldGroup,
  suffixes: readonly (PersonSuffix | E)[],
  extra?: Record<E, SuffixSpec>,
): FieldSpec[] {
  const known: Record<string, SuffixSpec> = { ...PERSON_SUFFIXES, ...extra }
  return suffixes.map((suffix) => {
    const spec = known[suffix]
    if (!spec) throw new Error(`Hậu tố trường không có trong danh mục: ${prefix}${suffix}`)
    const built = field(prefix + suffix, spec.label, spec.kind, group, spec.codeList)
    return spec.inWordsOf ? { ...built, inWordsOf: prefix + spec.inWordsOf } : built
  })
}

/** Identity document columns, in the order every MOJ template writes them. */
export const ID_DOCUMENT_SUFFIXES = [
  'LoaiGiayToTuyThan',
  'GiayToKhac',
  'SoGiayToTuyThan',
  'NgayCapGiayToTuyThan',
  'NoiCapGiayToTuyThan',
] as const satisfies readonly PersonSuffix[]

/** CMC's requester states two relations (to the one recognised and to the one recognising). */
const REQUESTER_RELATIONS = {
  QuanHe: { label: 'Quan hệ với người được đăng ký', kind: 'text' },
  QHNguoiDuocNhan: { label: 'Quan hệ với người được nhận', kind: 'text' },
  QHNguoiNhan: { label: 'Quan hệ với người nhận', kind: 'text' },
} as const satisfies Record<string, SuffixSpec>
export type RequesterRelation = keyof typeof REQUESTER_RELATIONS

/** Người yêu cầu: nycHoTen, its relation column(s), then the identity document. */
export function requesterBlock(relations: readonly RequesterRelation[] = ['QuanHe']): FieldSpec[] {
  return personBlock<RequesterRelation>(
    'nyc',
    'requester',
    ['HoTen', ...relations, ...ID_DOCUMENT_SUFFIXES],
    REQUESTER_RELATIONS,
  )
}

/** Recording in a Vietnamese book an event already registered abroad (ghi vào sổ). */
export function foreignBlock(): FieldSpec[] {
  return [
    field('soDangKyNuocNgoai', 'Số đăng ký ở nước ngoài', 'text', 'foreign'),
    field('ngayDangKyNuocNgoai', 'Ngày đăng ký ở nước ngoài', 'partialDate', 'foreign'),
    field('cqNuocNgoaiDaDangKy', 'Cơ quan nước ngoài đã đăng ký', 'text', 'foreign'),
    field('qgNuocNgoaiDaDangKy', 'Quốc gia nơi đã đăng ký', 'code', 'foreign', 'quocTich'),
  ]
}

export type HeaderSlot =
  | 'so'
  | 'quyenSo'
  | 'trangSo'
  | 'ngayDangKy'
  | 'loaiDangKy'
  | 'noiDangKy'
  | 'nguoiKy'
  | 'chucVuNguoiKy'
  | 'nguoiThucHien'
  | 'ghiChu'

export interface HeaderOptions {
  /** The classification column in the loaiDangKy slot (the boxes ticked on the entry); null if none. */
  classification: FieldSpec | null
  /** HN writes the place as `noiCap` (where the confirmation was issued). */
  place?: FieldSpec
  /** Type-specific columns the template puts right after a header slot (e.g. CMC quyetDinhSo). */
  after?: Partial<Record<HeaderSlot, readonly FieldSpec[]>>
}

export function loaiDangKy(codeList: CodeListKey): FieldSpec {
  return field('loaiDangKy', 'Loại đăng ký', 'code', 'registration', codeList)
}

/** Số, quyển số, trang số, ngày đăng ký... the part every entry of every book has. */
export function registrationHeader(options: HeaderOptions): FieldSpec[] {
  const slots: Record<HeaderSlot, FieldSpec | null> = {
    so: field('so', 'Số', 'integer', 'registration'),
    quyenSo: field('quyenSo', 'Quyển số', 'text', 'registration'),
    trangSo: field('trangSo', 'Trang số', 'integer', 'registration'),
    ngayDangKy: field('ngayDangKy', 'Ngày đăng ký', 'partialDate', 'registration'),
    loaiDangKy: options.classification,
    noiDangKy: options.place ?? field('noiDangKy', 'Nơi đăng ký', 'place', 'registration'),
    nguoiKy: field('nguoiKy', 'Người ký', 'text', 'registration'),
    chucVuNguoiKy: field('chucVuNguoiKy', 'Chức vụ người ký', 'text', 'registration'),
    nguoiThucHien: field('nguoiThucHien', 'Người thực hiện', 'text', 'registration'),
    ghiChu: field('ghiChu', 'Ghi chú', 'text', 'registration'),
  }
  return (Object.keys(slots) as HeaderSlot[]).flatMap((slot) => {
    const own = slots[slot]
    return [...(own ? [own] : []), ...(options.after?.[slot] ?? [])]
  })
}

/** Every type requires these; the classification column and the parties' names are added per type. */
export const HEADER_REQUIRED = ['so', 'quyenSo', 'trangSo', 'ngayDangKy'] as const

/** Fields of `required` that are needed only under some codes of the entry (see RequiredWhen). */
export interface ConditionalRequirement {
  keys: readonly string[]
  when: RequiredWhen
}

export interface BookTypeInput<C extends string> extends Omit<BookTypeDef<C>, 'fields'> {
  fields: readonly FieldSpec[]
  required: readonly string[]
  requiredWhen?: readonly ConditionalRequirement[]
}

/** Every key the declaration names besides its fields: each must be one of its fields. */
function namedKeys(input: BookTypeInput<string>): string[] {
  const { subject, dateChecks, pageLayout, printedLayout } = input
  const subjectKeys = [
    subject.nameKey, subject.birthDateKey, subject.personalIdKey, subject.sexKey, subject.ethnicityKey,
    subject.nationalityKey, subject.birthplaceKey, subject.motherNameKey, subject.fatherNameKey,
  ]
  const parentAges = (dateChecks?.parentAges ?? []).flatMap((c) => [
    c.parentBirthKey,
    c.childBirthKey,
    ...(typeof c.parent === 'object' ? [c.parent.codeKey] : []),
  ])
  const registration = dateChecks?.birthRegistration
  return [
    ...input.required,
    ...subjectKeys.filter((k) => k !== undefined),
    ...parentAges,
    ...(registration ? [registration.birthDateKey, registration.classificationKey] : []),
    ...(pageLayout ?? []).flatMap((s) => s.keys),
    ...(printedLayout?.sections ?? []).flatMap((s) => s.lines.flat().map((f) => f.key)),
    ...(input.requiredWhen ?? []).flatMap((r) => [...r.keys, r.when.codeKey]),
  ]
}

/**
 * Fills `moj` and `required` and checks the declaration, so that a typo in a type file fails
 * as soon as the catalog loads rather than in a form months later.
 */
export function defineBookType<const C extends string>(input: BookTypeInput<C>): BookTypeDef<C> {
  const { required, requiredWhen = [], fields: specs, ...rest } = input
  const where = `Loại sổ ${input.code}`
  const kinds = new Map<string, FieldSpec>()
  for (const spec of specs) {
    if (kinds.has(spec.key)) throw new Error(`${where}: trường ${spec.key} bị khai báo hai lần`)
    if (spec.kind === 'code' && !spec.codeList) throw new Error(`${where}: ${spec.key} thiếu danh mục mã`)
    kinds.set(spec.key, spec)
  }
  for (const key of namedKeys(input)) {
    if (!kinds.has(key)) throw new Error(`${where}: không có trường ${key}`)
  }
  const dateKeys = (input.dateChecks?.parentAges ?? []).flatMap((c) => [c.parentBirthKey, c.childBirthKey])
  if (input.dateChecks?.birthRegistration) dateKeys.push(input.dateChecks.birthRegistration.birthDateKey)
  for (const key of dateKeys) {
    if (kinds.get(key)?.kind !== 'partialDate') throw new Error(`${where}: ${key} không phải trường ngày`)
  }
  const placed = (input.pageLayout ?? []).flatMap((s) => s.keys)
  const twice = placed.find((key, i) => placed.indexOf(key) !== i)
  if (twice) throw new Error(`${where}: trường ${twice} có hai chỗ trên trang nhập liệu`)
  const printed = (input.printedLayout?.sections ?? []).flatMap((s) => s.lines.flat().map((f) => f.key))
  const printedTwice = printed.find((key, i) => printed.indexOf(key) !== i)
  if (printedTwice) throw new Error(`${where}: trường ${printedTwice} có hai nhãn trên trang in`)
  const requiredSet = new Set(required)
  const conditions = new Map<string, RequiredWhen>()
  for (const { keys, when } of requiredWhen) {
    if (kinds.get(when.codeKey)?.kind !== 'code') throw new Error(`${where}: ${when.codeKey} không phải trường mã`)
    for (const key of keys) {
      // The condition narrows a requirement: a key outside `required` would never be asked for.
      if (!requiredSet.has(key)) throw new Error(`${where}: ${key} có điều kiện bắt buộc nhưng không nằm trong danh sách bắt buộc`)
      if (conditions.has(key)) throw new Error(`${where}: ${key} có hai điều kiện bắt buộc`)
      conditions.set(key, when)
    }
  }
  const fields = specs.map((spec): FieldDef => {
    const when = conditions.get(spec.key)
    const def: FieldDef = { ...spec, required: requiredSet.has(spec.key), moj: input.hasMojTemplate }
    return when ? { ...def, requiredWhen: when } : def
  })
  return { ...rest, fields }
}
