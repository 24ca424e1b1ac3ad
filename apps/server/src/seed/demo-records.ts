/**
 * Synthetic records for the demo campaign (seed/demo-campaign.ts): people, register entries of the
 * three most common books, the police extract that matches them, and page images. Every name is put
 * together from common name parts by a seeded generator: nobody real, and the same data every time.
 */
import sharp from 'sharp'
import type { BookTypeCode } from '@hts/domain'

/** A small seeded generator (mulberry32): the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = ['Nguyễn', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý']
const MALE_MIDDLE = ['Văn', 'Văn', 'Đức', 'Minh', 'Quốc', 'Gia', 'Hữu', 'Thành']
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Bảo', 'Khánh']
const MALE_GIVEN = ['An', 'Bảo', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hiếu', 'Hùng', 'Khang', 'Khôi', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thắng', 'Trung', 'Tuấn', 'Vinh']
const FEMALE_GIVEN = ['Anh', 'Chi', 'Diệp', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Ngân', 'Nhung', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Uyên', 'Yến']

export type Sex = 'male' | 'female'

export interface Person {
  name: string
  sex: Sex
  /** yyyy-mm-dd */
  birth: string
}

export interface BirthRecord {
  child: Person
  mother: Person
  father: Person
  /** yyyy-mm-dd */
  registeredOn: string
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T

export function personName(random: () => number, sex: Sex, surname = pick(random, SURNAMES)): string {
  return sex === 'male'
    ? `${surname} ${pick(random, MALE_MIDDLE)} ${pick(random, MALE_GIVEN)}`
    : `${surname} ${pick(random, FEMALE_MIDDLE)} ${pick(random, FEMALE_GIVEN)}`
}

const iso = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (isoDay: string, days: number) => iso(new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000))
/** dd.mm.yyyy, as the books write dates and the keyers type them. */
export const bookDate = (isoDay: string) => `${isoDay.slice(8, 10)}.${isoDay.slice(5, 7)}.${isoDay.slice(0, 4)}`
/** dd/mm/yyyy, as the police extracts write them. */
const policeDate = (isoDay: string) => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`

/** A day of `year`, spread through the year by `index` of `count` (a register fills in date order). */
function dayOfYear(year: number, index: number, count: number, random: () => number): string {
  const span = 350
  const offset = Math.min(span, Math.floor(((index + random() * 0.8) / Math.max(1, count)) * span))
  return addDays(`${year}-01-03`, offset)
}

/** The births of one register year, in date order: a child, its parents, the day it was registered. */
export function birthRecords(random: () => number, year: number, count: number): BirthRecord[] {
  const records: BirthRecord[] = []
  for (let i = 0; i < count; i++) {
    const registeredOn = dayOfYear(year, i, count, random)
    const surname = pick(random, SURNAMES)
    const sex: Sex = random() < 0.5 ? 'male' : 'female'
    const motherAge = 20 + Math.floor(random() * 15)
    records.push({
      registeredOn,
      child: { name: personName(random, sex, surname), sex, birth: addDays(registeredOn, -(3 + Math.floor(random() * 40))) },
      mother: { name: personName(random, 'female'), sex: 'female', birth: addDays(registeredOn, -(motherAge * 365 + Math.floor(random() * 300))) },
      father: { name: personName(random, 'male', surname), sex: 'male', birth: addDays(registeredOn, -((motherAge + 2) * 365 + Math.floor(random() * 300))) },
    })
  }
  return records
}

/** Where an entry sits in its register. */
export interface Placement {
  so: number
  volume: string
  page: number
}

export function birthFields(record: BirthRecord, at: Placement): Record<string, string> {
  return {
    so: String(at.so), quyenSo: at.volume, trangSo: String(at.page), ngayDangKy: bookDate(record.registeredOn), loaiDangKy: '1',
    nksHoTen: record.child.name, nksGioiTinh: record.child.sex === 'male' ? '1' : '2', nksNgaySinh: bookDate(record.child.birth),
    nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
    meHoTen: record.mother.name, meNgaySinh: bookDate(record.mother.birth), meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
    chaHoTen: record.father.name, chaNgaySinh: bookDate(record.father.birth), chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
  }
}

export function deathFields(random: () => number, year: number, index: number, count: number, at: Placement): Record<string, string> {
  const registeredOn = dayOfYear(year, index, count, random)
  const sex: Sex = random() < 0.55 ? 'male' : 'female'
  const died = addDays(registeredOn, -(1 + Math.floor(random() * 10)))
  return {
    so: String(at.so), quyenSo: at.volume, trangSo: String(at.page), ngayDangKy: bookDate(registeredOn), loaiDangKy: '1',
    nktHoTen: personName(random, sex), nktGioiTinh: sex === 'male' ? '1' : '2',
    nktNgaySinh: String(year - 60 - Math.floor(random() * 30)), nktDanToc: 'Kinh', nktQuocTich: 'Việt Nam', nktNgayChet: bookDate(died),
  }
}

export function marriageFields(random: () => number, year: number, index: number, count: number, at: Placement): Record<string, string> {
  const registeredOn = dayOfYear(year, index, count, random)
  return {
    so: String(at.so), quyenSo: at.volume, trangSo: String(at.page), ngayDangKy: bookDate(registeredOn), loaiDangKy: '1',
    chongHoTen: personName(random, 'male'), chongNgaySinh: bookDate(addDays(registeredOn, -(24 * 365 + Math.floor(random() * 2000)))), chongDanToc: 'Kinh', chongQuocTich: 'Việt Nam',
    voHoTen: personName(random, 'female'), voNgaySinh: bookDate(addDays(registeredOn, -(22 * 365 + Math.floor(random() * 2000)))), voDanToc: 'Kinh', voQuocTich: 'Việt Nam',
  }
}

/** Fields of one entry of a book of `type` (births come from `births`, so the police extract can match them). */
export function entryFields(type: BookTypeCode, random: () => number, year: number, index: number, count: number, at: Placement, birth?: BirthRecord): Record<string, string> {
  if (type === 'KS' && birth) return birthFields(birth, at)
  if (type === 'KT') return deathFields(random, year, index, count, at)
  return marriageFields(random, year, index, count, at)
}

/** A valid 12-digit personal ID for a person born in 2000-2099 (province code 034, as the test extracts use). */
export function personalIdOf(person: Person, sequence: number): string {
  const centuryAndSex = person.sex === 'male' ? '2' : '3'
  return `034${centuryAndSex}${person.birth.slice(2, 4)}${String(100_000 + sequence).slice(-6)}`
}

const POLICE_HEADERS = ['STT', 'SO_DINH_DANH', 'HO_TEN', 'NGAY_SINH', 'GIOI_TINH', 'NOI_SINH', 'DAN_TOC', 'QUOC_TICH', 'HO_TEN_ME', 'HO_TEN_CHA', 'NOI_THUONG_TRU']
const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** One row of the police extract: a person as the population database holds them. */
export interface PopulationRow {
  personalId: string
  person: Person
  mother: string
  father: string
}

/** The extract as the commune police hand it over: upper-case names, dd/mm/yyyy, one row per person. */
export function populationCsv(rows: readonly PopulationRow[], commune: string): string {
  const lines = [POLICE_HEADERS]
  rows.forEach((r, i) => lines.push([
    String(i + 1), r.personalId, r.person.name.toLocaleUpperCase('vi'), policeDate(r.person.birth), r.person.sex === 'male' ? 'Nam' : 'Nữ',
    `${commune}, Tỉnh Sơn Hà`, 'Kinh', 'Việt Nam', r.mother.toLocaleUpperCase('vi'), r.father.toLocaleUpperCase('vi'), `Thôn ${1 + (i % 6)}, ${commune.toLocaleLowerCase('vi')}`,
  ]))
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n')
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A scanned register page: yellowed paper, the book's heading and ruled lines with handwriting-like
 * strokes. Small (1100 × 780 JPEG) so that the demo's scans render in a moment.
 */
export async function pageImage(title: string, page: number, random: () => number): Promise<Buffer> {
  const width = 1100
  const height = 780
  const rows: string[] = []
  for (let i = 0; i < 9; i++) {
    const y = 150 + i * 66
    rows.push(`<line x1="60" y1="${y}" x2="${width - 60}" y2="${y}" stroke="#b9a98a" stroke-width="1.5"/>`)
    let x = 90
    while (x < width - 140) {
      const w = 40 + Math.floor(random() * 110)
      rows.push(`<path d="M${x} ${y - 14} q ${w / 4} -16 ${w / 2} 0 t ${w / 2} 0" stroke="#2b3a67" stroke-width="2.2" fill="none" opacity="0.8"/>`)
      x += w + 18 + Math.floor(random() * 30)
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#f3ead2"/>
    <rect x="30" y="30" width="${width - 60}" height="${height - 60}" fill="none" stroke="#8c7b5a" stroke-width="3"/>
    <text x="${width / 2}" y="90" font-family="DejaVu Serif, serif" font-size="30" text-anchor="middle" fill="#3a2f1c">${escapeXml(title)}</text>
    <text x="${width - 80}" y="${height - 50}" font-family="DejaVu Serif, serif" font-size="22" text-anchor="end" fill="#3a2f1c">Trang ${page}</text>
    ${rows.join('\n')}
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer()
}
