/**
 * A birth register as a commune's contractor hands it over in Excel: rows as varied as a real book
 * (names drawn from large pools with realistic frequencies and a long tail, distinct dates, places,
 * parents and identity numbers), and the untidiness real files have: capitals, NFD text, stray
 * spaces, old-style tone marks, dates typed in several ways or stored as Excel dates, date serials
 * that lost their format, partial dates, codes written as their labels, numbers stored as text,
 * identity numbers that lost their leading zero, a few blank rows, rows without a name and
 * repeated numbers.
 *
 * The rates below are estimates of hand-typed registers, written down without looking at what the
 * product normalises or caches: the point is a file that does NOT flatter the import. Nothing
 * here uses the product's normalisation code (only the template's column keys, for the header).
 * All people are synthetic.
 */
import ExcelJS from 'exceljs'
import { getBookType } from '@hts/domain'
import { Random, Weighted } from './random'
import {
  COMMUNES, DISTRICTS, FEMALE_GIVEN, FEMALE_MIDDLE_NEW, FEMALE_MIDDLE_OLD, ID_PROVINCES, MALE_GIVEN, MALE_MIDDLE_NEW,
  MALE_MIDDLE_OLD, OLD_TONE_STYLE, PROVINCES, RARE_FEMALE_GIVEN, RARE_MALE_GIVEN, RARE_SURNAMES, SURNAMES,
} from './vietnamese-names'

/** How often each kind of untidiness occurs (per row, per person or per cell, as named). */
export const RATES = {
  /** An empty row left between blocks. */
  blankRow: 0.002,
  /** The child's name not typed (the row cannot be taken). */
  missingChildName: 0.005,
  /** The previous row's number typed again (a real duplicate in the book, or a typo). */
  repeatedNumber: 0.0005,
  /** No father declared: the father's columns are empty. */
  noFather: 0.04,
  /** Per row: names in capitals (copied from police lists); in lower case. */
  upperCaseNames: 0.04,
  lowerCaseNames: 0.005,
  /** Per row: a person's name typed without diacritics. */
  nameWithoutDiacritics: 0.01,
  /** Per row: text in decomposed form (NFD: some keyboards and macOS files). */
  nfdRow: 0.03,
  /** Per text cell: a leading/trailing space or a double space inside. */
  straySpaces: 0.03,
  /** Per person: old tone placement (Hòa, Thủy) instead of the new one (Hoà, Thuỷ). */
  oldToneStyle: 0.35,
  /** Per number cell (số, trang số): stored as text instead of a number. */
  numberAsText: 0.1,
  /** Per identity number written: stored as a number, so a leading zero is lost. */
  idAsNumber: 0.05,
  /** Per code cell: the label ("Nam", "Kinh", "Đăng ký đúng hạn") instead of the code. */
  codeAsLabel: 0.45,
  /** Per parent's birth date: only the year (father, mother); month and year only. */
  fatherYearOnly: 0.3,
  motherYearOnly: 0.2,
  monthYearOnly: 0.03,
  /** Registrations after the deadline (birth years earlier). */
  lateRegistration: 0.03,
} as const

/** How a full date cell is written: an Excel date, or text in various forms, or a bare serial. */
const DATE_STYLES = new Weighted<'excel' | 'dd/mm/yyyy' | 'd/m/yyyy' | 'dd.mm.yyyy' | 'dd-mm-yyyy' | 'serial'>([
  ['excel', 45], ['dd/mm/yyyy', 35], ['d/m/yyyy', 8], ['dd.mm.yyyy', 6], ['dd-mm-yyyy', 4], ['serial', 2],
])
const ETHNIC = new Weighted<readonly [string, string]>([
  [['01', 'Kinh'], 860], [['02', 'Tày'], 20], [['03', 'Thái'], 20], [['06', 'Mường'], 15], [['05', 'Khmer'], 15],
  [['04', 'Hoa'], 10], [['07', 'Nùng'], 10], [['08', 'Mông'], 12], [['09', 'Dao'], 8],
])
const NATIONALITY = new Weighted<string>([['Việt Nam', 85], ['VN', 10], ['Viet Nam', 5]])
const surnames = new Weighted([...SURNAMES, ...RARE_SURNAMES])
const maleGiven = new Weighted([...MALE_GIVEN, ...RARE_MALE_GIVEN])
const femaleGiven = new Weighted([...FEMALE_GIVEN, ...RARE_FEMALE_GIVEN])
const maleMiddleNew = new Weighted(MALE_MIDDLE_NEW)
const maleMiddleOld = new Weighted(MALE_MIDDLE_OLD)
const femaleMiddleNew = new Weighted(FEMALE_MIDDLE_NEW)
const femaleMiddleOld = new Weighted(FEMALE_MIDDLE_OLD)
const HOSPITALS = ['Bệnh viện đa khoa huyện', 'Bệnh viện đa khoa tỉnh', 'Bệnh viện Phụ sản tỉnh', 'Trung tâm y tế huyện', 'Nhà hộ sinh khu vực']
const SIGNERS = ['Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch UBND xã', 'Chủ tịch UBND xã']
const NOTES = ['Đăng ký lại do mất sổ', 'Cải chính ngày sinh theo quyết định số 12/QĐ-UBND', 'Bổ sung tên cha', 'Ghi theo giấy chứng sinh', 'Con nuôi']
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

export interface RegisterFileOptions {
  rows: number
  seed?: number
  /** Entries per volume; a year has two volumes (numbers run on across them, from 1 each year). */
  entriesPerBook?: number
  /** Year of the last volume; earlier volumes go back from it. */
  lastYear?: number
}

export interface RegisterFileSummary {
  rows: number
  books: number
  years: [number, number]
  blankRows: number
  distinctChildNames: number
}

type Cell = string | number | Date | null
const pad = (n: number) => String(n).padStart(2, '0')
const stripDiacritics = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')

class RowMaker {
  constructor(private readonly random: Random) {}

  name(male: boolean, born: number, surname = surnames.pick(this.random)): string {
    const middle = (born >= 1990 ? (male ? maleMiddleNew : femaleMiddleNew) : male ? maleMiddleOld : femaleMiddleOld).pick(this.random)
    const given = (male ? maleGiven : femaleGiven).pick(this.random)
    let full = [surname, middle, given].filter(Boolean).join(' ')
    if (this.random.chance(RATES.oldToneStyle)) full = full.split(' ').map((w) => OLD_TONE_STYLE[w] ?? w).join(' ')
    return full
  }

  personalId(sex: 'male' | 'female', born: number): string {
    const century = born >= 2000 ? (sex === 'male' ? 2 : 3) : sex === 'male' ? 0 : 1
    return `${this.random.pick(ID_PROVINCES)}${century}${pad(born % 100)}${String(this.random.int(0, 999_999)).padStart(6, '0')}`
  }

  /** A full date as one of the ways a file holds it. */
  date(y: number, m: number, d: number): Cell {
    switch (DATE_STYLES.pick(this.random)) {
      case 'excel': return new Date(Date.UTC(y, m - 1, d))
      case 'dd/mm/yyyy': return `${pad(d)}/${pad(m)}/${y}`
      case 'd/m/yyyy': return `${d}/${m}/${y}`
      case 'dd.mm.yyyy': return `${pad(d)}.${pad(m)}.${y}`
      case 'dd-mm-yyyy': return `${pad(d)}-${pad(m)}-${y}`
      case 'serial': return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / 86_400_000)
    }
  }

  parentBirth(year: number, yearOnly: number): Cell {
    const born = year - this.random.int(18, 45)
    if (this.random.chance(yearOnly)) return this.random.chance(0.5) ? born : String(born)
    if (this.random.chance(RATES.monthYearOnly)) return `${pad(this.random.int(1, 12))}/${born}`
    return this.date(born, this.random.int(1, 12), this.random.int(1, 28))
  }

  code(code: string, label: string): string {
    return this.random.chance(RATES.codeAsLabel) ? label : code
  }

  number(n: number): Cell {
    return this.random.chance(RATES.numberAsText) ? String(n) : n
  }

  id(id: string): Cell {
    return this.random.chance(RATES.idAsNumber) ? Number(id) : id
  }

  place(): { commune: string; district: string; province: string } {
    return { commune: this.random.pick(COMMUNES), district: this.random.pick(DISTRICTS), province: this.random.pick(PROVINCES) }
  }

  address(): string {
    const p = this.place()
    if (this.random.chance(0.25)) return `Số ${this.random.int(1, 300)}, ngõ ${this.random.int(1, 120)}, tổ ${this.random.int(1, 40)}, phường ${p.commune}, thành phố ${p.province}`
    return `${this.random.chance(0.7) ? 'Thôn' : 'Xóm'} ${this.random.int(1, 24)}, xã ${p.commune}, huyện ${p.district}, tỉnh ${p.province}`
  }

  spaces(text: string): string {
    if (!this.random.chance(RATES.straySpaces)) return text
    const at = text.indexOf(' ')
    const kind = this.random.int(0, 2)
    if (kind === 0 || at < 0) return ` ${text}`
    if (kind === 1) return `${text} `
    return `${text.slice(0, at)}  ${text.slice(at + 1)}`
  }
}

/** Rows of the register, each as column key → cell (absent = empty). */
export function* registerRows(options: RegisterFileOptions): Generator<Record<string, Cell> | null> {
  const random = new Random(options.seed ?? 20251121)
  const make = new RowMaker(random)
  const perBook = options.entriesPerBook ?? 5000
  const books = Math.max(1, Math.ceil(options.rows / perBook))
  const lastYear = options.lastYear ?? 2024
  const firstYear = lastYear - Math.ceil(books / 2) + 1
  let so = 0
  for (let i = 0; i < options.rows; i++) {
    const book = Math.floor(i / perBook)
    const year = firstYear + Math.floor(book / 2)
    const volume = `${pad((book % 2) + 1)}/${year}`
    const perYear = 2 * perBook
    const inYear = (book % 2) * perBook + (i % perBook)
    if (inYear === 0) so = 0
    if (random.chance(RATES.blankRow)) {
      yield null
      continue
    }
    so = so > 0 && random.chance(RATES.repeatedNumber) ? so : so + 1
    const commune = COMMUNES[book % COMMUNES.length] as string
    const dayOfYear = Math.min(364, Math.floor((inYear * 365) / perYear))
    const registered = new Date(Date.UTC(year, 0, 1 + dayOfYear))
    const late = random.chance(RATES.lateRegistration)
    const birth = new Date(registered.getTime() - (late ? random.int(60, 3000) : random.int(1, 58)) * 86_400_000)
    const male = random.chance(0.51)
    const childYear = birth.getUTCFullYear()
    const noFather = random.chance(RATES.noFather)
    const surname = surnames.pick(random)
    const [ethnicCode, ethnicLabel] = ETHNIC.pick(random)
    const motherEthnic = random.chance(0.95) ? [ethnicCode, ethnicLabel] as const : ETHNIC.pick(random)
    const motherHome = make.address()
    const withIds = year >= 2016
    const row: Record<string, Cell> = {
      so: make.number(so),
      quyenSo: random.chance(0.95) ? volume : random.chance(0.6) ? volume.replace(/^0/, '') : ` ${volume}`,
      trangSo: make.number(1 + Math.floor((so - 1) / 2)),
      ngayDangKy: make.date(year, registered.getUTCMonth() + 1, registered.getUTCDate()),
      loaiDangKy: late ? make.code('4', random.chance(0.5) ? 'Đăng ký quá hạn' : 'Quá hạn') : make.code('1', random.chance(0.7) ? 'Đăng ký đúng hạn' : 'Đúng hạn'),
      noiDangKy: `UBND xã ${commune}`,
      nguoiKy: `${['Nguyễn Văn', 'Trần Thị', 'Lê Đức', 'Phạm Minh'][(book + Math.floor(inYear / 1500)) % 4]} ${['Hùng', 'Lan', 'Tâm', 'Sơn', 'Hoa'][book % 5]}`,
      chucVuNguoiKy: SIGNERS[(book + Math.floor(inYear / 2500)) % SIGNERS.length] ?? null,
      nguoiThucHien: `${['Đỗ Thị', 'Vũ Văn', 'Bùi Thị'][book % 3]} ${['Hạnh', 'Nam', 'Thu', 'Bình'][Math.floor(inYear / 1200) % 4]}`,
      ghiChu: random.chance(0.02) ? random.pick(NOTES) : null,
      nksSoDinhDanh: withIds && random.chance(0.7) ? make.id(make.personalId(male ? 'male' : 'female', childYear)) : null,
      nksHoTen: random.chance(RATES.missingChildName) ? null : make.name(male, childYear, noFather ? undefined : surname),
      nksGioiTinh: make.code(male ? '1' : '2', male ? 'Nam' : 'Nữ'),
      nksNgaySinh: make.date(childYear, birth.getUTCMonth() + 1, birth.getUTCDate()),
      nksNoiSinh: random.chance(0.55) ? `Trạm y tế xã ${random.chance(0.8) ? commune : random.pick(COMMUNES)}`
        : random.chance(0.85) ? `${random.pick(HOSPITALS)} ${random.pick(DISTRICTS)}` : make.address(),
      nksQueQuan: random.chance(0.6) ? `Xã ${random.pick(COMMUNES)}, huyện ${random.pick(DISTRICTS)}, tỉnh ${random.pick(PROVINCES)}` : null,
      nksDanToc: make.code(ethnicCode, ethnicLabel),
      nksQuocTich: NATIONALITY.pick(random),
      nksLoaiKhaiSinh: noFather ? make.code('3', 'Chưa xác định được cha') : random.chance(0.5) ? make.code('1', 'Xác định được cả cha và mẹ') : null,
      meSoDinhDanhCaNhan: withIds && random.chance(0.6) ? make.id(make.personalId('female', year - 28)) : null,
      meHoTen: make.name(false, year - 28),
      meNgaySinh: make.parentBirth(year, RATES.motherYearOnly),
      meDanToc: make.code(motherEthnic[0], motherEthnic[1]),
      meQuocTich: NATIONALITY.pick(random),
      meLoaiCuTru: random.chance(0.93) ? make.code('1', 'Thường trú') : make.code('2', 'Tạm trú'),
      meNoiCuTru: motherHome,
    }
    if (!noFather) {
      Object.assign(row, {
        chaSoDinhDanhCaNhan: withIds && random.chance(0.6) ? make.id(make.personalId('male', year - 30)) : null,
        chaHoTen: make.name(true, year - 30, surname),
        chaNgaySinh: make.parentBirth(year, RATES.fatherYearOnly),
        chaDanToc: make.code(ethnicCode, ethnicLabel),
        chaQuocTich: NATIONALITY.pick(random),
        chaLoaiCuTru: random.chance(0.93) ? make.code('1', 'Thường trú') : make.code('2', 'Tạm trú'),
        chaNoiCuTru: random.chance(0.85) ? motherHome : make.address(),
      })
    }
    // Row-wide untidiness: capitals, no diacritics in a name, decomposed text, stray spaces.
    const upper = random.chance(RATES.upperCaseNames)
    const lower = !upper && random.chance(RATES.lowerCaseNames)
    const bare = random.pick(['nksHoTen', 'meHoTen', 'chaHoTen'])
    const stripOne = random.chance(RATES.nameWithoutDiacritics)
    const nfd = random.chance(RATES.nfdRow)
    for (const [key, value] of Object.entries(row)) {
      if (typeof value !== 'string') continue
      let text = value
      if (key.endsWith('HoTen')) {
        if (upper) text = text.toLocaleUpperCase('vi')
        if (lower) text = text.toLocaleLowerCase('vi')
        if (stripOne && key === bare) text = stripDiacritics(text)
      }
      if (nfd) text = text.normalize('NFD')
      row[key] = make.spaces(text)
    }
    yield row
  }
}

/**
 * Writes the register as Excel does: text in the shared-strings table, dates as date-formatted
 * numbers; the header is the template's column keys. Streams: memory stays flat in the file size
 * apart from exceljs's table of distinct strings.
 */
export async function writeRegisterFile(filePath: string, options: RegisterFileOptions): Promise<RegisterFileSummary> {
  const headers = getBookType('KS').fields.map((f) => f.key)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: true, useSharedStrings: true })
  const sheet = workbook.addWorksheet('DL Import')
  sheet.addRow(headers).commit()
  const names = new Set<string>()
  const books = new Set<string>()
  let blankRows = 0
  let years: [number, number] = [Infinity, -Infinity]
  for (const row of registerRows(options)) {
    if (!row) {
      blankRows++
      sheet.addRow([]).commit()
      continue
    }
    // Summary figures only (the distinct-name count is capped so a huge file does not hold them all).
    if (typeof row.nksHoTen === 'string' && names.size < 2_000_000) names.add(row.nksHoTen)
    const volume = String(row.quyenSo).trim().replace(/^(\d)\//, '0$1/')
    books.add(volume)
    const year = Number(volume.slice(-4))
    years = [Math.min(years[0], year), Math.max(years[1], year)]
    const added = sheet.addRow(headers.map((h) => row[h] ?? null))
    headers.forEach((h, i) => {
      if (row[h] instanceof Date) added.getCell(i + 1).numFmt = 'dd/mm/yyyy'
    })
    added.commit()
  }
  await sheet.commit()
  await workbook.commit()
  return { rows: options.rows, books: books.size, years, blankRows, distinctChildNames: names.size }
}
