/**
 * Synthetic birth entries shaped like buildBirthFields (apps/server/src/test/factories.ts) but
 * varied: names drawn from realistic frequencies, dates in the book's year, carry-forward header
 * fields repeated as a keyer would. All people are synthetic.
 */
import { Random, Weighted } from './random'
import { FEMALE_GIVEN, FEMALE_MIDDLE_NEW, MALE_GIVEN, MALE_MIDDLE_NEW, MALE_MIDDLE_OLD, FEMALE_MIDDLE_OLD, SURNAMES } from './vietnamese-names'

const surnames = new Weighted(SURNAMES)
const maleMiddle = new Weighted(MALE_MIDDLE_NEW)
const femaleMiddle = new Weighted(FEMALE_MIDDLE_NEW)
const fatherMiddle = new Weighted(MALE_MIDDLE_OLD)
const motherMiddle = new Weighted(FEMALE_MIDDLE_OLD)
const maleGiven = new Weighted(MALE_GIVEN)
const femaleGiven = new Weighted(FEMALE_GIVEN)

const pad = (n: number) => String(n).padStart(2, '0')
const name = (...parts: string[]) => parts.filter(Boolean).join(' ')

/** Entry number `so` of a birth book opened in `year`; registration dates advance through the year. */
export function buildSyntheticBirth(random: Random, so: number, year: number, volume = `01/${year}`): Record<string, string> {
  const male = random.chance(0.51)
  const surname = surnames.pick(random)
  const motherSurname = surnames.pick(random)
  const dayOfYear = Math.min(360, 2 + so)
  const regMonth = Math.min(12, 1 + Math.floor(dayOfYear / 30))
  const regDay = Math.min(28, 1 + (dayOfYear % 30))
  const birthDay = Math.max(1, regDay - random.int(0, 20) + 1)
  return {
    so: String(so),
    quyenSo: volume,
    trangSo: String(1 + Math.floor((so - 1) / 2)),
    ngayDangKy: `${pad(regDay)}.${pad(regMonth)}.${year}`,
    loaiDangKy: '1',
    noiDangKy: 'UBND xã An Phú',
    nguoiKy: 'Lê Văn Tâm',
    chucVuNguoiKy: 'Phó Chủ tịch',
    nguoiThucHien: 'Trần Thị Hạnh',
    nksHoTen: name(surname, (male ? maleMiddle : femaleMiddle).pick(random), (male ? maleGiven : femaleGiven).pick(random)),
    nksGioiTinh: male ? '1' : '2',
    nksNgaySinh: `${pad(birthDay)}.${pad(regMonth)}.${year}`,
    nksNoiSinh: random.chance(0.7) ? 'Trạm y tế xã An Phú' : 'Bệnh viện đa khoa tỉnh Sơn Hà',
    nksDanToc: 'Kinh',
    nksQuocTich: 'Việt Nam',
    meHoTen: name(motherSurname, motherMiddle.pick(random), femaleGiven.pick(random)),
    meNgaySinh: `${pad(random.int(1, 28))}.${pad(random.int(1, 12))}.${year - random.int(19, 40)}`,
    meDanToc: 'Kinh',
    meQuocTich: 'Việt Nam',
    meLoaiCuTru: '1',
    meNoiCuTru: `Thôn ${random.int(1, 9)}, xã An Phú`,
    chaHoTen: name(surname, fatherMiddle.pick(random), maleGiven.pick(random)),
    chaNgaySinh: String(year - random.int(21, 45)),
    chaDanToc: 'Kinh',
    chaQuocTich: 'Việt Nam',
    chaLoaiCuTru: '1',
    chaNoiCuTru: `Thôn ${random.int(1, 9)}, xã An Phú`,
  }
}
