/**
 * Birth entries as varied as a real book, for the OCR pre-fill and keying benchmarks. Kept apart
 * from the tests' data on purpose (own name and place lists, not vietnamese-names.ts, not the e2e
 * fixtures) so that neither the OCR anchoring nor the workbench can be tuned to them.
 *
 * What makes a book hard and is here: a long tail of surnames (compound ones, those of ethnic
 * minorities), given names of one to three syllables with every diacritic (ỹ ẵ ặ ữ ợ...), places
 * from a village of the commune to a hospital three provinces away (long enough to wrap), mothers
 * without a father named, parents' birth years written alone, late registrations, the signer and
 * the officer changing during the year. Everything is synthetic; the seed fixes it.
 */
import { PERSONAL_ID_PROVINCES } from '@hts/domain'
import { Random, Weighted } from './random'

type Pairs = ReadonlyArray<readonly [string, number]>

/** Surnames with a long tail; weights are rough shares in a northern-central province, not a census. */
const SURNAMES: Pairs = [
  ['Nguyễn', 300], ['Trần', 95], ['Lê', 90], ['Phạm', 60], ['Hoàng', 35], ['Phan', 30], ['Vũ', 28], ['Đặng', 24],
  ['Bùi', 22], ['Đỗ', 20], ['Hồ', 18], ['Ngô', 15], ['Dương', 12], ['Đinh', 10], ['Trịnh', 9], ['Lương', 7],
  ['Đoàn', 7], ['Võ', 12], ['Huỳnh', 8], ['Cao', 6], ['Mai', 6], ['Tạ', 5], ['Lưu', 5], ['Chu', 4], ['Kiều', 3],
  ['Quách', 3], ['Khổng', 2], ['Ông', 2], ['Thân', 2], ['Lã', 2], ['Mạc', 2], ['Khúc', 2], ['Ninh', 2], ['Giáp', 2],
  ['Ứng', 1], ['Đàm', 3], ['Hứa', 2], ['Triệu', 3], ['Lục', 1], ['Nông', 4], ['Lò', 3], ['Hà', 6], ['Sầm', 1],
  ['Vi', 2], ['Mông', 1], ['Thạch', 2], ['Cù', 1], ['Ưng', 1], ['Hầu', 1], ['Diệp', 1], ['Tiêu', 1], ['Lữ', 2],
  ['Văn', 1], ['Nghiêm', 2], ['Tôn Nữ', 1], ['Âu Dương', 1], ['Tôn Thất', 1], ['Phí', 1], ['Bạch', 1], ['Vương', 2],
  ['Doãn', 1], ['Đậu', 2], ['Thái', 2], ['Lại', 2], ['Tăng', 1], ['Kha', 1], ['Nghiêm', 1], ['Yên', 1], ['Quản', 1],
]

/** Syllables of middle and given names; a given name takes one, a modern one often two. */
const MALE_SYLLABLES: Pairs = [
  ['Văn', 60], ['Minh', 40], ['Đức', 30], ['Hữu', 20], ['Quốc', 18], ['Gia', 25], ['Bảo', 25], ['Hoàng', 20],
  ['Anh', 25], ['Tuấn', 15], ['Khôi', 15], ['Nguyên', 12], ['Phúc', 15], ['Lợi', 6], ['Sỹ', 6], ['Vỹ', 4],
  ['Thắng', 8], ['Dũng', 8], ['Cường', 8], ['Hưng', 10], ['Thịnh', 8], ['Trọng', 8], ['Khải', 6], ['Nhật', 10],
  ['Đăng', 10], ['Khoa', 10], ['Lâm', 8], ['Vững', 3], ['Mạnh', 8], ['Thành', 12], ['Tùng', 6], ['Hiếu', 10],
  ['Quyết', 4], ['Nghĩa', 6], ['Kỳ', 3], ['Thuận', 4], ['Trường', 6], ['Hải', 8], ['Đạt', 8], ['Vĩnh', 4],
  ['Thiện', 5], ['Ngạn', 2], ['Quý', 5], ['Xuân', 6], ['Công', 8], ['Trí', 6], ['Việt', 8], ['Duy', 8], ['Tài', 5],
  ['Huy', 10], ['Lộc', 6], ['Phong', 6], ['Sơn', 8], ['Toàn', 6], ['Chiến', 4], ['Thượng', 2], ['Khánh', 8],
  ['Nhượng', 1], ['Hợp', 2], ['Ngữ', 1], ['Thiêm', 1], ['Luỹ', 1], ['Thuỵ', 2], ['Doãn', 1], ['Hoạt', 1],
]
const FEMALE_SYLLABLES: Pairs = [
  ['Thị', 70], ['Ngọc', 25], ['Thu', 15], ['Kim', 12], ['Thanh', 12], ['Mỹ', 12], ['Bảo', 12], ['Phương', 12],
  ['Hà', 10], ['Linh', 15], ['Trang', 12], ['Hương', 12], ['Lan', 10], ['Anh', 18], ['Ngân', 8], ['Hằng', 8],
  ['Nhi', 12], ['Vy', 10], ['Thảo', 12], ['Yến', 8], ['Oanh', 5], ['Diệp', 4], ['Nguyệt', 5], ['Hoà', 4],
  ['Thuỷ', 6], ['Nhung', 6], ['Quỳnh', 10], ['Trâm', 6], ['Uyên', 8], ['Hạnh', 8], ['Huyền', 8], ['Ánh', 6],
  ['Ợi', 1], ['Lợi', 2], ['Phượng', 5], ['Mận', 2], ['Đặng', 1], ['Nữ', 2], ['Hữu', 1], ['Khuê', 3], ['Diễm', 5],
  ['Xuân', 8], ['Giang', 6], ['Châu', 6], ['Tuyết', 5], ['Loan', 4], ['Dung', 5], ['Thương', 5], ['Nguyên', 5],
  ['Thơm', 2], ['Lụa', 2], ['Ngà', 2], ['Thoa', 3], ['Vân', 6], ['Kiều', 4], ['Hiền', 6], ['Bích', 5], ['Cúc', 3],
  ['Tường', 2], ['Sương', 3], ['Mơ', 2], ['Gấm', 2], ['Thắm', 3], ['Nhàn', 3], ['Thuận', 2], ['Ỷ', 1],
]

/** Names of ethnic minorities written as one block (surname and given name as the family says them). */
const MINORITY_NAMES: ReadonlyArray<readonly [string, string, 'm' | 'f']> = [
  ['Thái', 'Lò Văn Ượng', 'm'], ['Thái', 'Lò Thị Mỷ', 'f'], ['Tày', 'Nông Văn Lẹ', 'm'], ['Tày', 'Hoàng Thị Slao', 'f'],
  ['Mường', 'Bùi Văn Khướng', 'm'], ['Mường', 'Quách Thị Dặm', 'f'], ['Khơ-me', 'Thạch Sa Ry', 'm'],
  ['Khơ-me', 'Thạch Thị Sà Phol', 'f'], ['Ê-đê', 'Y Bơ Niê', 'm'], ['Ê-đê', "H'Nhi Êban", 'f'],
  ['Mông', 'Giàng A Páo', 'm'], ['Mông', 'Sùng Thị Mỷ', 'f'], ['Nùng', 'Vi Văn Slẳn', 'm'], ['Dao', 'Triệu Thị Nhất', 'f'],
  ['Gia-rai', 'Rơ Châm Ngữ', 'm'], ['Gia-rai', "Kpă H'Ly", 'f'], ['Chăm', 'Đàng Năng Thọ', 'm'], ['Chăm', 'Thị Ợp', 'f'],
]

interface Commune {
  name: string
  district: string
  province: string
  villages: readonly string[]
}

/** Communes near and far (real-sounding names, not a registry). The first is the book's own. */
const COMMUNES: readonly Commune[] = [
  { name: 'xã Quảng Lợi', district: 'huyện Quảng Điền', province: 'tỉnh Thừa Thiên Huế', villages: ['thôn Đông Phú', 'thôn Tây Phú', 'thôn Ngư Mỹ Thạnh', 'thôn Hà Lỗ', 'thôn Quảng Lộc', 'thôn Cư Lạc', 'thôn Lai Hà', 'thôn Thủ Lễ 3', 'xóm Cồn Tộc', 'thôn Phước Lâm', 'thôn Nhất Đông', 'thôn Mỹ Xuyên'] },
  { name: 'xã Hải Thanh', district: 'huyện Tĩnh Gia', province: 'tỉnh Thanh Hóa', villages: ['thôn Thanh Xuân', 'thôn Hải Ninh'] },
  { name: 'xã Nghĩa Hưng', district: 'huyện Chư Păh', province: 'tỉnh Gia Lai', villages: ['làng Chư Ă', 'thôn 3'] },
  { name: 'phường Hòa Khánh Bắc', district: 'quận Liên Chiểu', province: 'thành phố Đà Nẵng', villages: ['tổ 42', 'tổ 7'] },
  { name: 'xã Ea Kao', district: 'thành phố Buôn Ma Thuột', province: 'tỉnh Đắk Lắk', villages: ['buôn Ea Kao', 'thôn 2'] },
  { name: 'xã Mường Thanh', district: 'huyện Điện Biên', province: 'tỉnh Điện Biên', villages: ['bản Him Lam', 'bản Noong Bua'] },
  { name: 'phường Trường An', district: 'thành phố Huế', province: 'tỉnh Thừa Thiên Huế', villages: ['kiệt 14 Điện Biên Phủ', 'tổ 9'] },
  { name: 'xã Vĩnh Hưng', district: 'huyện Phú Lộc', province: 'tỉnh Thừa Thiên Huế', villages: ['thôn Lương Điền', 'thôn Đông Xuyên'] },
  { name: 'thị trấn Sịa', district: 'huyện Quảng Điền', province: 'tỉnh Thừa Thiên Huế', villages: ['tổ dân phố Vinh Hương', 'tổ dân phố Khuông Phò'] },
  { name: 'xã Kỳ Sơn', district: 'huyện Tứ Kỳ', province: 'tỉnh Hải Dương', villages: ['thôn Cập Thượng'] },
  { name: 'xã Đắk Ơ', district: 'huyện Bù Gia Mập', province: 'tỉnh Bình Phước', villages: ['bon Bù Dốt'] },
  { name: 'phường Thượng Đình', district: 'quận Thanh Xuân', province: 'thành phố Hà Nội', villages: ['số 12 ngõ 45 phố Nguyễn Trãi'] },
  { name: 'xã Tân Mỹ Chánh', district: 'thành phố Mỹ Tho', province: 'tỉnh Tiền Giang', villages: ['ấp Tân Hòa'] },
  { name: 'xã Hương Vinh', district: 'thị xã Hương Trà', province: 'tỉnh Thừa Thiên Huế', villages: ['thôn Thế Lại Thượng'] },
  { name: 'phường Nại Hiên Đông', district: 'quận Sơn Trà', province: 'thành phố Đà Nẵng', villages: ['tổ 23', 'kiệt 65 Ngô Quyền'] },
  { name: 'xã Thạch Kim', district: 'huyện Lộc Hà', province: 'tỉnh Hà Tĩnh', villages: ['thôn Sinh Cờ'] },
  { name: 'xã Phong Chương', district: 'huyện Phong Điền', province: 'tỉnh Thừa Thiên Huế', villages: ['thôn Trung Thạnh', 'thôn Vân Trình'] },
  { name: 'xã Điện Ngọc', district: 'thị xã Điện Bàn', province: 'tỉnh Quảng Nam', villages: ['khối phố Viêm Trung'] },
]
const HOME = COMMUNES[0] as Commune
const HOSPITALS: Pairs = [
  ['Trung tâm Y tế huyện Quảng Điền', 30], ['Bệnh viện Trung ương Huế', 25], ['Bệnh viện Đa khoa tỉnh Thừa Thiên Huế', 10],
  ['Bệnh viện Trường Đại học Y Dược Huế', 10], ['Bệnh viện Phụ sản - Nhi Đà Nẵng', 4], ['Bệnh viện Quốc tế Trung ương Huế', 3],
  ['Bệnh viện Đa khoa Hoàng Viết Thắng', 2], ['Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh', 2], ['Bệnh viện Phụ sản Hà Nội', 1],
  ['Khoa Sản, Trung tâm Y tế thị xã Hương Trà, tỉnh Thừa Thiên Huế', 2], ['Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh', 1],
]
const RELATIONS: Pairs = [['Cha', 45], ['Mẹ', 30], ['Ông nội', 10], ['Bà nội', 6], ['Ông ngoại', 4], ['Bà ngoại', 4], ['Cô ruột', 1]]
const NOTES: Pairs = [['', 92], ['Đăng ký quá hạn', 3], ['Cha mẹ chưa đăng ký kết hôn', 3], ['Mẹ là người dân tộc Thái, con theo dân tộc cha', 1], ['Bản chính giấy chứng sinh số 127/GCS', 1]]

const surnames = new Weighted(SURNAMES)
const maleSyllables = new Weighted(MALE_SYLLABLES)
const femaleSyllables = new Weighted(FEMALE_SYLLABLES)
const hospitals = new Weighted(HOSPITALS)
const relations = new Weighted(RELATIONS)
const notes = new Weighted(NOTES)

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']

/** 1-99 in words the way the date "bằng chữ" line writes them: mười lăm, hai mươi mốt, ba mươi. */
function tens(n: number): string {
  if (n < 10) return DIGITS[n] as string
  const t = Math.floor(n / 10)
  const u = n % 10
  const head = t === 1 ? 'mười' : `${DIGITS[t]} mươi`
  if (u === 0) return head
  if (u === 5) return `${head} lăm`
  if (u === 1 && t > 1) return `${head} mốt`
  if (u === 4 && t > 1) return `${head} tư`
  return `${head} ${DIGITS[u]}`
}

function yearWords(y: number): string {
  const thousands = Math.floor(y / 1000)
  const hundreds = Math.floor((y % 1000) / 100)
  const rest = y % 100
  const head = `${DIGITS[thousands]} nghìn`
  if (hundreds === 0 && rest === 0) return head
  const mid = `${DIGITS[hundreds]} trăm`
  if (rest === 0) return `${head} ${mid}`
  return `${head} ${mid} ${rest < 10 ? `linh ${DIGITS[rest]}` : tens(rest)}`
}

/** "Ngày mười lăm tháng ba năm hai nghìn không trăm mười chín" (days 1-10 take "mùng"). */
export function dateInWords(d: number, m: number, y: number): string {
  const day = d <= 10 ? `mùng ${d === 10 ? 'mười' : DIGITS[d]}` : tens(d)
  const month = m === 1 ? 'một' : m === 4 ? 'tư' : tens(m)
  return `Ngày ${day} tháng ${month} năm ${yearWords(y)}`
}

/**
 * Middle and given names after the surname: parents mostly "Văn"/"Thị" and one syllable; children
 * two to four syllables ("Hoàng Bảo Ngọc Trâm"), never Văn/Thị after the first.
 */
function givenName(random: Random, male: boolean, generation: 'old' | 'new'): string {
  const pick = male ? maleSyllables : femaleSyllables
  const r = random.next()
  const count = generation === 'old' ? (r < 0.8 ? 2 : r < 0.9 ? 1 : 3) : r < 0.45 ? 2 : r < 0.8 ? 3 : 4
  const parts: string[] = generation === 'old' && count > 1 && random.chance(0.75) ? [male ? 'Văn' : 'Thị'] : []
  while (parts.length < count) {
    const s = pick.pick(random)
    if (!parts.includes(s) && !(parts.length > 0 && (s === 'Văn' || s === 'Thị'))) parts.push(s)
  }
  return parts.join(' ')
}

function personalId(random: Random, male: boolean, birthYear: number): string {
  const provinces = ['046', '046', '046', '048', '038', '040', '042', '001', '079', '049', '066', '064']
  const province = random.pick(provinces)
  const century = birthYear >= 2000 ? 2 : 0
  return `${province}${century + (male ? 0 : 1)}${pad(birthYear % 100)}${pad(random.int(0, 999_999), 6)}`
}

const isProvince = (code: string) => Object.hasOwn(PERSONAL_ID_PROVINCES, code)

function place(random: Random, commune: Commune, withVillage: boolean): string {
  const village = withVillage ? `${random.pick(commune.villages)}, ` : ''
  return `${village}${commune.name}, ${commune.district}, ${commune.province}`
}

function residence(random: Random): string {
  if (random.chance(0.78)) return place(random, HOME, true)
  return place(random, random.pick(COMMUNES.slice(1)), true)
}

interface Staff {
  signers: ReadonlyArray<readonly [string, string]>
  officers: readonly string[]
}
/** The book's commune staff: the vice-chairman signs most, the chairman sometimes; an officer left in mid-year. */
const STAFF: Staff = {
  signers: [['Hồ Đắc Thượng', 'Phó Chủ tịch'], ['Nguyễn Văn Lực', 'Chủ tịch'], ['Trương Thị Ngọc Diệp', 'Phó Chủ tịch']],
  officers: ['Lê Thị Bích Hợp', 'Phan Văn Vững', 'Đặng Thị Ngữ'],
}

export interface RealisticBirthOptions {
  /** Printed books after 2016 carry the child's personal ID; older typed books do not. */
  withPersonalIds?: boolean
  /** Entries in the year (to move the registration date and staff through it). */
  entriesInYear?: number
}

/**
 * Entry `so` of the birth book of `year`, page `trangSo`, in the form's canonical form: dates
 * dd.mm.yyyy (or yyyy alone), codes as storedCodeValue stores them (gender and kinds as codes,
 * ethnicity and nationality as names), empty fields absent.
 */
export function buildRealisticBirth(random: Random, so: number, year: number, trangSo: number, options: RealisticBirthOptions = {}): Record<string, string> {
  const perYear = options.entriesInYear ?? 120
  const progress = Math.min(0.999, (so - 1) / perYear)
  const regDoy = 3 + Math.floor(progress * 355)
  const reg = new Date(Date.UTC(year, 0, 1 + regDoy))
  const late = random.chance(0.08)
  const birth = new Date(reg.getTime() - (late ? random.int(70, 3000) : random.int(1, 55)) * 86_400_000)
  const [bd, bm, by] = [birth.getUTCDate(), birth.getUTCMonth() + 1, birth.getUTCFullYear()]
  const male = random.chance(0.52)
  const minority = random.chance(0.06) ? random.pick(MINORITY_NAMES.filter(([, , s]) => s === (male ? 'm' : 'f'))) : undefined
  const fatherKnown = random.chance(0.9)
  const surname = surnames.pick(random)
  const childName = minority ? minority[1] : `${fatherKnown ? surname : surnames.pick(random)} ${givenName(random, male, 'new')}`
  const motherMinority = minority && random.chance(0.8) ? random.pick(MINORITY_NAMES.filter(([e, , s]) => s === 'f' && e === minority[0])) : undefined
  const motherName = motherMinority && motherMinority[1] !== childName ? motherMinority[1] : `${surnames.pick(random)} ${givenName(random, false, 'old')}`
  const fatherName = `${minority ? childName.split(' ')[0] : surname} ${givenName(random, true, 'old')}`
  const ethnic = minority ? minority[0] : 'Kinh'
  const motherAge = random.int(17, 44)
  const fatherAge = motherAge + random.int(-2, 12)
  const parentBirth = (age: number) => {
    const y = by - age
    // Year alone in a third of the entries, as many books write a parent's birth.
    return random.chance(0.35) ? String(y) : `${pad(random.int(1, 28))}.${pad(random.int(1, 12))}.${y}`
  }
  const bornAt = random.next()
  const noiSinh =
    bornAt < 0.4 ? `Trạm Y tế ${HOME.name}, ${HOME.district}, ${HOME.province}`
      : bornAt < 0.88 ? hospitals.pick(random)
        : bornAt < 0.95 ? `Tại nhà, ${place(random, HOME, true)}`
          : `Trạm Y tế ${place(random, random.pick(COMMUNES.slice(1)), false)}`
  const origin = random.chance(0.6) ? `${HOME.name}, ${HOME.district}, ${HOME.province}` : place(random, random.pick(COMMUNES.slice(1)), false)
  const motherHome = residence(random)
  const sameHome = random.chance(0.85)
  const signer = STAFF.signers[random.chance(0.75) ? 0 : random.chance(0.7) ? 1 : 2] as readonly [string, string]
  const officer = STAFF.officers[progress < 0.6 ? (random.chance(0.9) ? 0 : 2) : random.chance(0.9) ? 1 : 2] as string
  const relation = fatherKnown ? relations.pick(random) : random.pick(['Mẹ', 'Mẹ', 'Bà ngoại', 'Ông ngoại'])
  const declarer = relation === 'Cha' ? fatherName : relation === 'Mẹ' ? motherName : `${surnames.pick(random)} ${givenName(random, relation.startsWith('Ông'), 'old')}`
  const id = personalId(random, male, by)
  const fields: Record<string, string> = {
    so: String(so),
    quyenSo: `01/${year}`,
    trangSo: String(trangSo),
    ngayDangKy: `${pad(reg.getUTCDate())}.${pad(reg.getUTCMonth() + 1)}.${year}`,
    loaiDangKy: late ? '4' : '1',
    noiDangKy: `UBND ${HOME.name}, ${HOME.district}, ${HOME.province}`,
    nguoiKy: signer[0],
    chucVuNguoiKy: signer[1],
    nguoiThucHien: officer,
    ghiChu: late ? 'Đăng ký quá hạn' : notes.pick(random),
    nksHoTen: childName,
    nksGioiTinh: male ? '1' : '2',
    nksNgaySinh: `${pad(bd)}.${pad(bm)}.${by}`,
    nksNgaySinhBangChu: dateInWords(bd, bm, by),
    nksNoiSinh: noiSinh,
    nksQueQuan: origin,
    nksDanToc: ethnic,
    nksQuocTich: 'Việt Nam',
    nksSoDinhDanh: options.withPersonalIds === false || !isProvince(id.slice(0, 3)) ? '' : id,
    nksLoaiKhaiSinh: fatherKnown ? '' : '3',
    meHoTen: motherName,
    meNgaySinh: parentBirth(motherAge),
    meDanToc: motherMinority ? motherMinority[0] : ethnic === 'Kinh' || random.chance(0.5) ? ethnic : 'Kinh',
    meQuocTich: 'Việt Nam',
    meLoaiCuTru: '1',
    meNoiCuTru: motherHome,
    ...(fatherKnown && {
      chaHoTen: fatherName,
      chaNgaySinh: parentBirth(fatherAge),
      chaDanToc: ethnic,
      chaQuocTich: 'Việt Nam',
      chaLoaiCuTru: '1',
      chaNoiCuTru: sameHome ? motherHome : residence(random),
    }),
    nycHoTen: declarer,
    nycQuanHe: relation,
    nycSoGiayToTuyThan: random.chance(0.7) ? `0${pad(random.int(1, 96))}${random.chance(0.5) ? 1 : 0}${pad(random.int(70, 99))}${pad(random.int(0, 999_999), 6)}` : String(random.int(190_000_000, 199_999_999)),
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
}
