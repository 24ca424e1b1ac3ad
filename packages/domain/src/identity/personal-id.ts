/**
 * The 12-digit personal identification number (số định danh cá nhân), DOMAIN.md §5:
 * PPP G YY NNNNNN = province of birth registration, century and sex, last two digits of the birth
 * year, sequence. No check digit. Numbers keep the province codes of the 63 provinces that existed
 * when they were issued, so PPP is never checked against the 34 provinces of 2025.
 */

/** The 63 provinces before 1 July 2025, by ID-number prefix (not the statistics office code). */
export const PERSONAL_ID_PROVINCES = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hòa Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu', '079': 'Hồ Chí Minh',
  '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh', '086': 'Vĩnh Long',
  '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ', '093': 'Hậu Giang',
  '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
} as const
export type PersonalIdProvinceCode = keyof typeof PERSONAL_ID_PROVINCES

/** Births registered abroad use 101-295, one code per country. */
const ABROAD_MIN = 101
const ABROAD_MAX = 295

export interface DecodedPersonalId {
  ok: true
  /** The 12 digits. */
  id: string
  provinceCode: string
  /** Name of the pre-2025 province; absent for births registered abroad. */
  provinceName?: string
  registeredAbroad: boolean
  sex: 'male' | 'female'
  birthYear: number
  sequence: string
}
export type PersonalIdResult = DecodedPersonalId | { ok: false; message: string; suggestion?: string }

export interface PersonalIdOptions {
  /** For "birth year in the future"; defaults to now. */
  today?: Date
}

/** A warning for a person to look at; never blocks. */
export interface IdWarning {
  code: string
  message: string
}

const isProvinceCode = (code: string): code is PersonalIdProvinceCode => Object.hasOwn(PERSONAL_ID_PROVINCES, code)

/** Decodes exactly 12 digits (use validatePersonalId for text as typed). */
export function decodePersonalId(s: string, options?: PersonalIdOptions): PersonalIdResult {
  const id = s.trim()
  if (!/^\d{12}$/.test(id)) return { ok: false, message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' }
  const provinceCode = id.slice(0, 3)
  const numeric = Number(provinceCode)
  const registeredAbroad = numeric >= ABROAD_MIN && numeric <= ABROAD_MAX
  if (!registeredAbroad && !isProvinceCode(provinceCode)) {
    return {
      ok: false,
      message: `Số định danh ${id} có mã tỉnh ${provinceCode} không thuộc 63 tỉnh, thành phố (001-096) hay mã nước ngoài (101-295): kiểm tra lại 3 chữ số đầu`,
    }
  }
  const g = Number(id[3])
  const birthYear = 1900 + Math.floor(g / 2) * 100 + Number(id.slice(4, 6))
  const thisYear = (options?.today ?? new Date()).getFullYear()
  if (birthYear > thisYear) {
    return {
      ok: false,
      message: `Số định danh ${id} cho năm sinh ${birthYear}, sau năm ${thisYear}: kiểm tra lại chữ số thứ 4 (thế kỷ và giới tính) và chữ số thứ 5-6 (năm sinh)`,
    }
  }
  return {
    ok: true,
    id,
    provinceCode,
    ...(isProvinceCode(provinceCode) ? { provinceName: PERSONAL_ID_PROVINCES[provinceCode] } : {}),
    registeredAbroad,
    sex: g % 2 === 0 ? 'male' : 'female',
    birthYear,
    sequence: id.slice(6),
  }
}

const RETYPE = 'định dạng ô là Văn bản (Text) rồi nhập lại từ sổ'

/**
 * Checks text as typed or read from a file: spaces are ignored; a number that lost its leading
 * zeros in Excel, a 9-digit CMND or an exponent (1.23E+11) each get their own message.
 */
export function validatePersonalId(input: string | number, options?: PersonalIdOptions): PersonalIdResult {
  if (typeof input === 'number' && !Number.isSafeInteger(input)) {
    return { ok: false, message: `Số định danh ${input} đã bị Excel làm tròn hoặc đổi dạng số: ${RETYPE}` }
  }
  const raw = String(input).trim()
  if (raw === '') return { ok: false, message: 'Chưa nhập số định danh cá nhân' }
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(raw)) {
    return { ok: false, message: `Số định danh đã bị Excel đổi sang dạng số mũ (${raw}) và mất chữ số: ${RETYPE}` }
  }
  const digits = raw.replace(/[\s.-]/g, '')
  if (!/^\d+$/.test(digits)) {
    return { ok: false, message: `Số định danh cá nhân "${raw}" chỉ được gồm chữ số (12 chữ số)` }
  }
  if (digits.length === 12) return decodePersonalId(digits, options)
  if (digits.length === 11 || digits.length === 10) {
    const padded = digits.padStart(12, '0')
    const lost = 12 - digits.length
    const decoded = decodePersonalId(padded, options)
    if (decoded.ok) {
      return {
        ok: false,
        message: `Số định danh có ${digits.length} chữ số, cần 12: có thể Excel đã bỏ ${lost === 1 ? 'số 0' : 'hai số 0'} ở đầu (số đúng có thể là ${padded}); ${RETYPE}`,
        suggestion: padded,
      }
    }
  }
  if (digits.length === 9) {
    return { ok: false, message: `Số ${digits} có 9 chữ số: đây là số CMND cũ, không phải số định danh cá nhân (12 chữ số)` }
  }
  return { ok: false, message: `Số định danh cá nhân phải gồm đúng 12 chữ số, số đã nhập có ${digits.length} chữ số` }
}

/**
 * Compares the number with the recorded sex (gioiTinh code: 1 male, 2 female, 3 undetermined) and
 * birth year. A mismatch is a warning for a person to check against the population database.
 */
export function checkPersonalIdAgainst(
  id: string,
  recorded: { sex?: '1' | '2' | '3'; birthYear?: number },
  options?: PersonalIdOptions,
): IdWarning[] {
  const decoded = validatePersonalId(id, options)
  if (!decoded.ok) return []
  const warnings: IdWarning[] = []
  const idSex = decoded.sex === 'male' ? '1' : '2'
  if ((recorded.sex === '1' || recorded.sex === '2') && recorded.sex !== idSex) {
    warnings.push({
      code: 'id.sexMismatch',
      message: `Số định danh ${decoded.id} là của ${decoded.sex === 'male' ? 'nam' : 'nữ'} (chữ số thứ 4 là ${decoded.id[3]}) nhưng giới tính ghi là ${recorded.sex === '1' ? 'nam' : 'nữ'}: kiểm tra lại`,
    })
  }
  if (recorded.birthYear !== undefined && recorded.birthYear !== decoded.birthYear) {
    warnings.push({
      code: 'id.birthYearMismatch',
      message: `Số định danh ${decoded.id} ứng với năm sinh ${decoded.birthYear} nhưng năm sinh ghi là ${recorded.birthYear}: kiểm tra lại`,
    })
  }
  return warnings
}

/** LoaiGiayToTuyThan codes (DOMAIN.md §4) that have a known number format. */
const ID_DOCUMENT = { cmnd: '1', passport: '2', cccd: '4' } as const

/**
 * Format of an identity-document number by its type code: CMND 9 or 12 digits, CCCD 12 digits,
 * Vietnamese passport one letter and 7 digits; other documents are free. Warnings only: old books
 * hold what they hold.
 */
export function validateIdDocumentNumber(typeCode: string, value: string): IdWarning[] {
  const v = value.trim().replace(/\s+/g, '')
  if (v === '') return []
  const lostZero = (expected: number) =>
    /^\d+$/.test(v) && v.length === expected - 1
      ? ` (có thể Excel đã bỏ số 0 ở đầu: ${v.padStart(expected, '0')}?)`
      : ''
  switch (typeCode.trim()) {
    case ID_DOCUMENT.cmnd:
      if (/^(\d{9}|\d{12})$/.test(v)) return []
      return [{ code: 'idDocument.format', message: `Số CMND "${value}" thường gồm 9 hoặc 12 chữ số${lostZero(v.length >= 11 ? 12 : 9)}: kiểm tra lại` }]
    case ID_DOCUMENT.cccd: {
      if (!/^\d{12}$/.test(v)) {
        return [{ code: 'idDocument.format', message: `Số CCCD "${value}" phải gồm 12 chữ số${lostZero(12)}: kiểm tra lại` }]
      }
      const decoded = decodePersonalId(v)
      return decoded.ok ? [] : [{ code: 'idDocument.format', message: decoded.message }]
    }
    case ID_DOCUMENT.passport:
      if (/^[A-Z]\d{7}$/i.test(v)) return []
      return [{ code: 'idDocument.format', message: `Số hộ chiếu Việt Nam gồm 1 chữ cái và 7 chữ số (ví dụ B1234567), số đã nhập là "${value}": kiểm tra lại nếu là hộ chiếu Việt Nam` }]
    default:
      return []
  }
}
