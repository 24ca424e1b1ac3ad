import { describe, expect, it } from 'vitest'
import { getBookType } from '../catalog'
import { anchorPage, canonicalOcrValue, meanWordConfidence, type OcrLine, type OcrWord } from './anchor'

const KS = getBookType('KS')

/** Lines as the engine gives them: words split on spaces; "word@55" sets that word's confidence. */
function page(text: string, confidence = 92): OcrLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => ({
      words: line.trim().split(/\s+/).filter(Boolean).map((w): OcrWord => {
        const m = /^(.*)@(\d+)$/.exec(w)
        return m ? { text: m[1] ?? '', confidence: Number(m[2]) } : { text: w, confidence }
      }),
    }))
}

const fieldsOf = (entry: { fields: { key: string; value: string }[] } | undefined) =>
  Object.fromEntries((entry?.fields ?? []).map((f) => [f.key, f.value]))

const CLEAN = `
Số: 125 Quyển số: 01/2018
Ngày, tháng, năm đăng ký: 12/03/2018
Người được khai sinh
Họ, chữ đệm, tên: NGUYỄN VĂN AN Giới tính: Nam
Ngày, tháng, năm sinh: 02/03/2018
Ghi bằng chữ: Ngày hai tháng ba năm hai nghìn không trăm mười tám
Nơi sinh: Trạm Y tế xã Yên Lạc, huyện Yên Lạc, tỉnh Vĩnh Phúc
Quê quán: xã Yên Lạc, huyện Yên Lạc, tỉnh Vĩnh Phúc
Dân tộc: Kinh Quốc tịch: Việt Nam
Người mẹ
Họ, chữ đệm, tên: TRẦN THỊ BÌNH Năm sinh: 1990
Dân tộc: Kinh Quốc tịch: Việt Nam
Nơi cư trú: thôn Đông, xã Yên Lạc
Người cha
Họ, chữ đệm, tên: NGUYỄN VĂN CƯỜNG Năm sinh: 1988
Dân tộc: Tày Quốc tịch: Việt Nam
Nơi cư trú: thôn Đông, xã Yên Lạc
Người đi khai sinh
Họ, chữ đệm, tên: NGUYỄN VĂN CƯỜNG Quan hệ với người được khai sinh: Cha
Nơi đăng ký: UBND xã Yên Lạc
Người ký: Lê Văn Hùng Chức vụ: Chủ tịch
`

describe('anchorPage: printed birth entries (issue 16)', () => {
  it('reads a clean entry into every field, canonical for its kind, repeated labels told apart by heading', () => {
    const [entry, ...rest] = anchorPage(page(CLEAN), KS)
    expect(rest).toEqual([])
    expect(entry?.continued).toBe(false)
    expect(fieldsOf(entry)).toEqual({
      so: '125', quyenSo: '01/2018', ngayDangKy: '12.03.2018',
      nksHoTen: 'Nguyễn Văn An', nksGioiTinh: '1', nksNgaySinh: '02.03.2018',
      nksNgaySinhBangChu: 'Ngày hai tháng ba năm hai nghìn không trăm mười tám',
      nksNoiSinh: 'Trạm Y tế xã Yên Lạc, huyện Yên Lạc, tỉnh Vĩnh Phúc', nksQueQuan: 'xã Yên Lạc, huyện Yên Lạc, tỉnh Vĩnh Phúc',
      nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
      meHoTen: 'Trần Thị Bình', meNgaySinh: '1990', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meNoiCuTru: 'thôn Đông, xã Yên Lạc',
      chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1988', chaDanToc: 'Tày', chaQuocTich: 'Việt Nam', chaNoiCuTru: 'thôn Đông, xã Yên Lạc',
      nycHoTen: 'Nguyễn Văn Cường', nycQuanHe: 'Cha',
      noiDangKy: 'UBND xã Yên Lạc', nguoiKy: 'Lê Văn Hùng', chucVuNguoiKy: 'Chủ tịch',
    })
    expect(entry?.fields.map((f) => f.key).slice(0, 4)).toEqual(['so', 'quyenSo', 'ngayDangKy', 'nksHoTen'])
    expect(entry?.fields.every((f) => f.confidence === 92)).toBe(true)
  })

  it('tolerates lost diacritics, l/1 and O/0, a label broken in two words or glued, a missing colon', () => {
    const text = `
S0: l25 Quyen so: 01/2018
Ngay, thang, nam dang ky: l2/O3/2018
Nguoi duoc khai sinh
Ho, chu đ ệm, tên: NGUYEN VAN T0AN Gioi tinh Nu
Ngày,tháng,năm sinh: ngày 2 tháng 3 năm 2018
Dan toc: Klnh Quoc tich: Viet Nam
So dinh danh ca nhan: 0O1218OO4567
`
    const [entry] = anchorPage(page(text), KS)
    const values = fieldsOf(entry)
    expect(values).toMatchObject({
      so: '125', quyenSo: '01/2018', ngayDangKy: '12.03.2018', nksHoTen: 'Nguyễn Van Toan', nksGioiTinh: '2',
      nksNgaySinh: '02.03.2018', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam', nksSoDinhDanh: '001218004567',
    })
    const confidence = Object.fromEntries((entry?.fields ?? []).map((f) => [f.key, f.confidence]))
    // Found without a colon, or only loosely (Klnh), or a broken label: less sure than a clean one.
    expect(confidence.nksGioiTinh).toBeLessThan(92)
    expect(confidence.nksDanToc).toBeLessThan(92)
    // A label split over two words is found whole: nothing lost there.
    expect(confidence.nksHoTen).toBe(92)
    expect(confidence.so).toBe(92)
  })

  it('takes the value up to the next label of the line, and each field\'s confidence is its least sure word', () => {
    const [entry] = anchorPage(page('Số: 7\nHọ, chữ đệm, tên: LÊ@88 THỊ@41 HOA@90 Giới tính: Nữ@77'), KS)
    expect(entry?.fields).toEqual([
      { key: 'so', value: '7', confidence: 92 },
      { key: 'nksHoTen', value: 'Lê Thị Hoa', confidence: 41 },
      { key: 'nksGioiTinh', value: '2', confidence: 77 },
    ])
  })

  it('splits a page into its entries at each "Số:" line; a field missing from one entry is simply absent', () => {
    const text = `
Số: 1 Quyển số: 01
Người được khai sinh
Họ, chữ đệm, tên: PHẠM VĂN MỘT
Người mẹ
Họ, chữ đệm, tên: ĐỖ THỊ HAI
Số: 2 Quyển số: 01
Người được khai sinh
Họ, chữ đệm, tên: PHẠM THỊ BA Giới tính: Nữ
Ngày, tháng, năm sinh: 05/06/2019
`
    const entries = anchorPage(page(text), KS)
    expect(entries.map((e) => e.index)).toEqual([0, 1])
    expect(fieldsOf(entries[0])).toEqual({ so: '1', quyenSo: '01', nksHoTen: 'Phạm Văn Một', meHoTen: 'Đỗ Thị Hai' })
    expect(fieldsOf(entries[1])).toEqual({ so: '2', quyenSo: '01', nksHoTen: 'Phạm Thị Ba', nksGioiTinh: '2', nksNgaySinh: '05.06.2019' })
  })

  it('marks the lines above the first "Số:" as the end of an entry begun on the previous page', () => {
    const text = `
Người cha
Họ, chữ đệm, tên: VŨ VĂN BỐN Năm sinh: 1980
Nơi đăng ký: UBND xã An Bình
Số: 9 Quyển số: 02
Người được khai sinh
Họ, chữ đệm, tên: VŨ THỊ NĂM
`
    const [first, second] = anchorPage(page(text), KS)
    expect(first?.continued).toBe(true)
    expect(fieldsOf(first)).toEqual({ chaHoTen: 'Vũ Văn Bốn', chaNgaySinh: '1980', noiDangKy: 'UBND xã An Bình' })
    expect(second?.continued).toBe(false)
    expect(fieldsOf(second)).toEqual({ so: '9', quyenSo: '02', nksHoTen: 'Vũ Thị Năm' })
  })

  it('a heading the engine missed: the repeated label goes to the next section that has it', () => {
    const text = `
Số: 3
Họ, chữ đệm, tên: HÀ VĂN SÁU
Nguoi rne
Họ, chữ đệm, tên: LÒ THỊ BẢY Năm sinh: 1995
Họ, chữ đệm, tên: HÀ VĂN TÁM
`
    expect(fieldsOf(anchorPage(page(text), KS)[0])).toEqual({ so: '3', nksHoTen: 'Hà Văn Sáu', meHoTen: 'Lò Thị Bảy', meNgaySinh: '1995', chaHoTen: 'Hà Văn Tám' })
  })

  it('puts back together a line the engine read as two blocks (the right-hand label after the left column)', () => {
    const at = (text: string, x0: number, y0: number): OcrWord => ({ text, confidence: 90, bbox: { x0, y0, x1: x0 + 20 * text.length, y1: y0 + 30 } })
    const lines: OcrLine[] = [
      { words: [at('Số:', 100, 100), at('4', 180, 100)] },
      { words: [at('Họ,', 100, 150), at('chữ', 170, 150), at('đệm,', 240, 150), at('tên:', 330, 150), at('MAI', 420, 152), at('LAN', 500, 152)] },
      { words: [at('Ngày,', 100, 200), at('tháng,', 210, 200), at('năm', 340, 200), at('sinh:', 410, 200), at('01/01/2020', 520, 201)] },
      // The right-hand column, read after the left one; slightly lower (a skewed scan).
      { words: [at('Giới', 1200, 158), at('tính:', 1290, 158), at('Nữ', 1400, 159)] },
    ]
    expect(fieldsOf(anchorPage(lines, KS)[0])).toEqual({ so: '4', nksHoTen: 'Mai Lan', nksGioiTinh: '2', nksNgaySinh: '01.01.2020' })
  })

  it('does not take a "số" inside a value for the entry\'s number, nor a value that does not read as its kind', () => {
    const text = `
Số: 11
Người mẹ
Nơi cư trú: Số 5 ngõ 2, phường Láng
Họ, chữ đệm, tên: NGÔ THỊ MƯỜI Năm sinh: không rõ
`
    const [entry, ...rest] = anchorPage(page(text), KS)
    expect(rest).toEqual([])
    expect(fieldsOf(entry)).toEqual({ so: '11', meNoiCuTru: 'Số 5 ngõ 2, phường Láng', meHoTen: 'Ngô Thị Mười', meNgaySinh: 'không rõ' })
    expect(entry?.fields.find((f) => f.key === 'meNgaySinh')?.confidence).toBeLessThanOrEqual(30)
  })

  it('a section whose labels are all blank is still passed: the declarer is not taken for a blank father', () => {
    // The father's labels printed empty, then the declarer's heading garbled past recognition.
    const text = `
Số: 5
Người mẹ
Họ, chữ đệm, tên: ĐINH THỊ HẠNH Năm sinh: 1990
Người cha
Họ, chữ đệm, tên: Năm sinh:
Dân tộc: Quốc tịch:
Nơi cư trú: ..........
Ng#ờ đ kHẵi
Họ, chữ đệm, tên: ĐINH THỊ HẠNH Quan hệ với người được khai sinh: Mẹ
`
    expect(fieldsOf(anchorPage(page(text), KS)[0])).toEqual({ so: '5', meHoTen: 'Đinh Thị Hạnh', meNgaySinh: '1990', nycHoTen: 'Đinh Thị Hạnh', nycQuanHe: 'Mẹ' })
  })

  it('an entry whose "Số" was not read opens at its first section\'s labels; the page\'s title and footer are no labels', () => {
    const text = `
SỔ ĐĂNG KÝ KHAI SINH
Quyển số: 01/2019
Ngày, tháng, năm đăng ký: 04/01/2019
Người được khai sinh
Họ, chữ đệm, tên: THẠCH SA RY
Nơi đăng ký: UBND xã Quảng Lợi
S6 2 Quyển số: 01/2019
Ngày, tháng, năm đăng ký: 08/01/2019
Người được khai sinh
Họ, chữ đệm, tên: HỒ PHƯƠNG HẠNH
Trang 1 - Quyển số 01/2019
`
    const entries = anchorPage(page(text), KS)
    expect(entries.map((e) => [e.continued, fieldsOf(e)])).toEqual([
      [false, { quyenSo: '01/2019', ngayDangKy: '04.01.2019', nksHoTen: 'Thạch Sa Ry', noiDangKy: 'UBND xã Quảng Lợi' }],
      [false, { quyenSo: '01/2019', ngayDangKy: '08.01.2019', nksHoTen: 'Hồ Phương Hạnh' }],
    ])
  })

  it('reads a heading and a "Số:" with specks of the page edge before them and noise after', () => {
    const text = `
| lở Số: 25
| Người được khai sinh v gi
Họ, chữ đệm, tên: PHẠM LINH
| Ngườiđikhaisinh Ế TgR4 to vị
Họ, chữ đệm, tên: PHẠM LINH
`
    expect(fieldsOf(anchorPage(page(text), KS)[0])).toEqual({ so: '25', nksHoTen: 'Phạm Linh', nycHoTen: 'Phạm Linh' })
  })

  it('ends a value at a wide gap (specks of the verso, an unread label to its right) and drops a label\'s tail glued before its colon', () => {
    const at = (text: string, x0: number, y0 = 100): OcrWord => ({ text, confidence: 90, bbox: { x0, y0, x1: x0 + 20 * text.length, y1: y0 + 30 } })
    const lines: OcrLine[] = [
      { words: [at('Số:', 100), at('8', 180)] },
      { words: [at('Họ,', 100, 150), at('chữ', 170, 150), at('đệm,', 240, 150), at('tên:', 330, 150), at('MAI', 420, 150), at('LAN', 500, 150), at('E2rin', 1300, 150), at("'", 1420, 150)] },
      { words: [at('Nơi', 100, 200), at('đăng', 180, 200), at('ký::UBND', 280, 200), at('xã', 460, 200), at('An', 510, 200)] },
    ]
    expect(fieldsOf(anchorPage(lines, KS)[0])).toEqual({ so: '8', nksHoTen: 'Mai Lan', noiDangKy: 'UBND xã An' })
  })

  it('finds a label read glued to its value ("số:1", "ký:Hồ"), with or without word boxes; a time is not split', () => {
    const glued = page(`
số:1 Quyển số: 01/2019
Ngày, tháng, năm đăng ký:04/01/2019
Người ký:Hồ- Đắc Thượng Chức vụ: Phó Chủ tịch
Ghi chú: lúc 10:30`)
    expect(fieldsOf(anchorPage(glued, KS)[0])).toMatchObject({ so: '1', quyenSo: '01/2019', ngayDangKy: '04.01.2019', nguoiKy: 'Hồ- Đắc Thượng', chucVuNguoiKy: 'Phó Chủ tịch', ghiChu: 'lúc 10:30' })
    const at = (text: string, x0: number, y0 = 100): OcrWord => ({ text, confidence: 90, bbox: { x0, y0, x1: x0 + 20 * text.length, y1: y0 + 30 } })
    expect(fieldsOf(anchorPage([{ words: [at('số:12', 100), at('Quyển', 260), at('số:', 380), at('01/2019', 450)] }], KS)[0])).toEqual({ so: '12', quyenSo: '01/2019' })
  })

  it('gives nothing for a type without a printed layout, or a page without labels', () => {
    expect(anchorPage(page(CLEAN), getBookType('KT'))).toEqual([])
    expect(anchorPage(page('Một dòng chữ viết tay không có nhãn\nvà một dòng nữa'), KS)).toEqual([])
    expect(meanWordConfidence([])).toBeNull()
    expect(meanWordConfidence(page('a@50 b@70'))).toBe(60)
  })
})

describe('canonicalOcrValue', () => {
  const field = (key: string) => KS.fields.find((f) => f.key === key) ?? KS.fields[0]!
  it('writes each kind as the form holds it', () => {
    expect(canonicalOcrValue(field('nksNgaySinh'), 'ngày 12 tháng 3 năm 1987')).toEqual({ value: '12.03.1987', readable: true })
    expect(canonicalOcrValue(field('nksNgaySinh'), '12/03/1987.')).toEqual({ value: '12.03.1987', readable: true })
    expect(canonicalOcrValue(field('meNgaySinh'), 'l99O')).toEqual({ value: '1990', readable: true })
    expect(canonicalOcrValue(field('nksGioiTinh'), 'Nữ')).toEqual({ value: '2', readable: true })
    expect(canonicalOcrValue(field('nksGioiTinh'), 'Nu')).toEqual({ value: '2', readable: true })
    expect(canonicalOcrValue(field('nksDanToc'), 'KINH')).toEqual({ value: 'Kinh', readable: true })
    expect(canonicalOcrValue(field('nksHoTen'), 'NGUYỄN THỊ HÒA')).toEqual({ value: 'Nguyễn Thị Hoà', readable: true })
    // The surname Nguyễn as Tesseract reads it (NGUYÊN) or without diacritics; Nguyên as a given name stays.
    expect(canonicalOcrValue(field('nksHoTen'), 'NGUYÊN VĂN CƯỜNG').value).toBe('Nguyễn Văn Cường')
    expect(canonicalOcrValue(field('nksHoTen'), 'LE THI NGUYÊN').value).toBe('Lê Thi Nguyên')
    expect(canonicalOcrValue(field('so'), 'O12')).toEqual({ value: '12', readable: true })
    expect(canonicalOcrValue(field('nksDanToc'), 'Xyzabc').readable).toBe(false)
  })
})

describe('canonicalOcrValue: what the engine gets wrong and the value itself can put right', () => {
  const field = (key: string) => KS.fields.find((f) => f.key === key) ?? KS.fields[0]!
  it('puts a small letter read as its capital back in a syllable, and leaves abbreviations and numerals', () => {
    expect(canonicalOcrValue(field('noiDangKy'), 'UBND xã Quảng LỢI, huyện Quảng Điền').value).toBe('UBND xã Quảng Lợi, huyện Quảng Điền')
    expect(canonicalOcrValue(field('nksQueQuan'), 'xã Điện NgỌc, thị xã Điện Bàn').value).toBe('xã Điện Ngọc, thị xã Điện Bàn')
    expect(canonicalOcrValue(field('nguoiKy'), 'HỒ Đắc Thượng').value).toBe('Hồ Đắc Thượng')
    expect(canonicalOcrValue(field('nguoiThucHien'), 'Lê Thị Bích HỢp').value).toBe('Lê Thị Bích Hợp')
    expect(canonicalOcrValue(field('meNoiCuTru'), 'tổ dân phố XI, TP. HCM').value).toBe('tổ dân phố XI, TP. HCM')
    // A value written in capitals throughout stays in capitals.
    expect(canonicalOcrValue(field('ghiChu'), 'KHU PHỐ VI, PHƯỜNG AN LẠC').value).toBe('KHU PHỐ VI, PHƯỜNG AN LẠC')
  })

  it('reads a date in words against the dates it can write (KS "ghi bằng chữ", KT date of death)', () => {
    const inWords = field('nksNgaySinhBangChu')
    expect(inWords.inWordsOf).toBe('nksNgaySinh')
    const kt = getBookType('KT').fields.find((f) => f.key.endsWith('NgayChetGhiBangChu'))
    expect(kt?.inWordsOf).toBe(kt?.key.replace('GhiBangChu', ''))
    const cases: Array<[string, string]> = [
      // Slips seen on degraded pages: mươi/mười, a mark lost or gained, "Ngay".
      ['Ngày hai mươi tháng mươi hai năm hai nghìn không trăm mươi tạm', 'Ngày hai mươi tháng mười hai năm hai nghìn không trăm mười tám'],
      ['Ngay mùng sau tháng một năm hai nghìĩn không trăm mười chín', 'Ngày mùng sáu tháng một năm hai nghìn không trăm mười chín'],
      ['Ngày ba mươi mỐt tháng tâm năm hai nghìn không trầm mươi bón', 'Ngày ba mươi mốt tháng tám năm hai nghìn không trăm mười bốn'],
      // The variants books use are kept as written, not rewritten into one style.
      ['Ngày mồng năm tháng năm năm một nghìn chín trăm tám mươi lăm', 'Ngày mồng năm tháng năm năm một nghìn chín trăm tám mươi lăm'],
      ['ngày hai mươi tư tháng tư năm hai ngàn không trăm lẻ bảy', 'Ngày hai mươi tư tháng tư năm hai ngàn không trăm lẻ bảy'],
    ]
    for (const [read, written] of cases) expect(canonicalOcrValue(inWords, read)).toEqual({ value: written, readable: true })
  })

  it('leaves a date in words that writes no real date, or is as near to two, as read and says so', () => {
    const inWords = field('nksNgaySinhBangChu')
    // 30 February does not exist.
    expect(canonicalOcrValue(inWords, 'Ngày ba mươi tháng hai năm hai nghìn')).toEqual({ value: 'Ngày ba mươi tháng hai năm hai nghìn', readable: false })
    expect(canonicalOcrValue(inWords, 'Ngày ... tháng ... năm').readable).toBe(false)
    // "hai mươi" or "ba mươi"? a garbled tens word is as near to both: not guessed.
    expect(canonicalOcrValue(inWords, 'Ngày xyz mươi tháng ba năm hai nghìn không trăm mười chín').readable).toBe(false)
  })
})

describe('anchorPage: what the rest of the entry or the page says', () => {
  const entryNumbered = (so: string) => CLEAN.replace('Số: 125', `Số: ${so}`)
  it('gives a "số" lost or misread the number its neighbours on the page leave, and never changes one that fits', () => {
    const numbers = (text: string) => anchorPage(page(text), KS).map((e) => ({ so: fieldsOf(e).so, confidence: e.fields.find((f) => f.key === 'so')?.confidence }))
    expect(numbers([entryNumbered('64'), entryNumbered('5'), entryNumbered('66')].join('\n'))).toEqual([
      { so: '64', confidence: 92 }, { so: '65', confidence: 60 }, { so: '66', confidence: 92 },
    ])
    expect(numbers([entryNumbered('106'), entryNumbered('')].join('\n')).map((n) => n.so)).toEqual(['106', '107'])
    // Neighbours that do not differ by two say nothing about the one between.
    expect(numbers([entryNumbered('64'), entryNumbered('5'), entryNumbered('69')].join('\n')).map((n) => n.so)).toEqual(['64', '5', '69'])
    expect(numbers([entryNumbered('64'), entryNumbered('65'), entryNumbered('66')].join('\n')).map((n) => n.so)).toEqual(['64', '65', '66'])
  })

  it('takes the birth date from the words where the figures were lost or half read, and leaves figures that disagree', () => {
    const words = 'Ghi bằng chữ: Ngày mùng sáu tháng một năm hai nghìn không trăm mười chín'
    const read = (figures: string) => fieldsOf(anchorPage(page(CLEAN.replace('Ngày, tháng, năm sinh: 02/03/2018', `Ngày, tháng, năm sinh: ${figures}`).replace(/Ghi bằng chữ: .*/, words)), KS)[0])
    expect(read('01/2019').nksNgaySinh).toBe('06.01.2019')
    expect(read('').nksNgaySinh).toBe('06.01.2019')
    expect(read('l0OO42O19').nksNgaySinh).toBe('06.01.2019')
    expect(read('07/01/2019').nksNgaySinh).toBe('07.01.2019')
    expect(read('02/2019').nksNgaySinh).toBe('02.2019')
  })
})

describe('anchorPage: a label’s words inside a value', () => {
  /** One printed line: words 20 px a letter, 30 px high, a space of 8 px between them, `gap` px before the word marked with a leading "|". */
  const line = (text: string, y: number, gap = 200): OcrLine => {
    let x = 100
    return {
      words: text.split(' ').map((raw): OcrWord => {
        const far = raw.startsWith('|')
        const word = far ? raw.slice(1) : raw
        if (far) x += gap
        const x0 = x
        x += 20 * word.length + 8
        return { text: word, confidence: 90, bbox: { x0, y0: y, x1: x0 + 20 * word.length, y1: y + 30 } }
      }),
    }
  }
  it('reads "dân tộc" or "tỉnh" run on at a word space as the value’s own words, and a label apart at its column as a label', () => {
    const lines = [
      line('Số: 7 Quyển số: 01/2019', 100),
      line('Người được khai sinh', 140),
      line('Họ, chữ đệm, tên: LÒ VĂN AN |Giới tính: Nam', 180),
      line('Quê quán: xã Hải Thanh, huyện Tĩnh Gia, tỉnh Thanh Hóa', 220),
      line('Dân tộc: Thái |Quốc tịch Việt Nam', 260),
      line('Ghi chú: Mẹ là người dân tộc Thái, con theo dân tộc cha', 300),
    ]
    const fields = fieldsOf(anchorPage(lines, KS)[0])
    expect(fields.nksQueQuan).toBe('xã Hải Thanh, huyện Tĩnh Gia, tỉnh Thanh Hoá')
    expect(fields.ghiChu).toBe('Mẹ là người dân tộc Thái, con theo dân tộc cha')
    expect(fields.nksDanToc).toBe('Thái')
    // The colon lost, the label still stands apart at its column.
    expect(fields.nksQuocTich).toBe('Việt Nam')
    expect(fields.nksGioiTinh).toBe('1')
  })
})
