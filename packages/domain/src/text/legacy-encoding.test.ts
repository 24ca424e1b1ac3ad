import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { convertLegacyText, detectColumnEncoding, detectLegacyEncoding, scoreLegacyEncoding } from './legacy-encoding'

// Encoders written independently of the module's tables, from the published code charts.

/** TCVN3 (VN3) code of each lower-case letter, in the order of the TCVN 5712 chart. */
const TCVN3_CHART: Record<string, number> = {
  ă: 0xa8, â: 0xa9, ê: 0xaa, ô: 0xab, ơ: 0xac, ư: 0xad, đ: 0xae,
  à: 0xb5, ả: 0xb6, ã: 0xb7, á: 0xb8, ạ: 0xb9,
  ằ: 0xbb, ẳ: 0xbc, ẵ: 0xbd, ắ: 0xbe, ặ: 0xc6,
  ầ: 0xc7, ẩ: 0xc8, ẫ: 0xc9, ấ: 0xca, ậ: 0xcb,
  è: 0xcc, ẻ: 0xce, ẽ: 0xcf, é: 0xd0, ẹ: 0xd1,
  ề: 0xd2, ể: 0xd3, ễ: 0xd4, ế: 0xd5, ệ: 0xd6,
  ì: 0xd7, ỉ: 0xd8, ĩ: 0xdc, í: 0xdd, ị: 0xde,
  ò: 0xdf, ỏ: 0xe1, õ: 0xe2, ó: 0xe3, ọ: 0xe4,
  ồ: 0xe5, ổ: 0xe6, ỗ: 0xe7, ố: 0xe8, ộ: 0xe9,
  ờ: 0xea, ở: 0xeb, ỡ: 0xec, ớ: 0xed, ợ: 0xee,
  ù: 0xef, ủ: 0xf1, ũ: 0xf2, ú: 0xf3, ụ: 0xf4,
  ừ: 0xf5, ử: 0xf6, ữ: 0xf7, ứ: 0xf8, ự: 0xf9,
  ỳ: 0xfa, ỷ: 0xfb, ỹ: 0xfc, ý: 0xfd, ỵ: 0xfe,
}
const TCVN3_CAPITALS: Record<string, number> = { Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7 }

/** Encodes Unicode to TCVN3 as it reads in Latin-1; capitals use the lower-case codes (.VnTimeH). */
function toTcvn3(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const code = TCVN3_CAPITALS[ch] ?? TCVN3_CHART[ch] ?? TCVN3_CHART[ch.toLowerCase()]
      return code === undefined ? ch : String.fromCharCode(code)
    })
    .join('')
}

/** VNI: base letter + modifier, from the VNI keying scheme (1-5 tones, 6 circumflex, 7 horn, 8 breve). */
const VNI_TONE = ['', 'ù', 'ø', 'û', 'õ', 'ï']
const VNI_CIRCUMFLEX = ['â', 'á', 'à', 'å', 'ã', 'ä']
const VNI_BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë']
const VNI_I = ['i', 'í', 'ì', 'æ', 'ó', 'ò']
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323']

function toVniLetter(ch: string): string {
  const upper = ch !== ch.toLowerCase()
  const lower = ch.toLowerCase()
  if (lower === 'đ') return upper ? 'Ñ' : 'ñ'
  const nfd = lower.normalize('NFD')
  const base = nfd[0] ?? ''
  if (!'aeiouy'.includes(base)) return ch
  const tone = Math.max(0, TONE_MARKS.findIndex((m, i) => i > 0 && nfd.includes(m)))
  let out: string
  if (nfd.includes('\u0302')) out = base + (VNI_CIRCUMFLEX[tone] ?? '')
  else if (nfd.includes('\u0306')) out = base + (VNI_BREVE[tone] ?? '')
  else if (nfd.includes('\u031B')) out = (base === 'o' ? 'ô' : 'ö') + (VNI_TONE[tone] ?? '')
  else if (base === 'i') out = VNI_I[tone] ?? ''
  else if (base === 'y' && tone === 5) out = 'î'
  else out = base + (VNI_TONE[tone] ?? '')
  return upper ? out.toUpperCase() : out
}
const toVni = (text: string) => [...text.normalize('NFC')].map(toVniLetter).join('')

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']
const LOWER_LETTERS = VOWELS.flatMap((v) => TONE_MARKS.map((t) => (v + t).normalize('NFC')))
  .filter((l) => !/^[a-z]$/.test(l))
  .concat('đ')
const ALL_LETTERS = LOWER_LETTERS.concat(LOWER_LETTERS.map((l) => l.toUpperCase()))

const NAMES = [
  'Nguyễn Thị Hoà', 'Phạm Anh Đài', 'Trần Hoằng Diệu', 'Lê Đức Tuấn', 'Đỗ Thị Lan', 'Nguyễn Văn Sơn',
  'Xã An Thanh, Huyện Tứ Kỳ, Tỉnh Hải Dương', 'Bệnh viện nhi trung ương', 'Phường Mai Dịch, quận Cầu Giấy',
  'Ngày Mười Sáu Tháng Bảy Năm Hai Nghìn Không Trăm Linh Tám', 'Hoàng Đức Minh', 'Trường Sa', 'Khuất Thị Ước',
]

describe('the letter tables', () => {
  it('cover all 134 Vietnamese letters', () => {
    expect(ALL_LETTERS).toHaveLength(134)
    expect(Object.keys(TCVN3_CHART)).toHaveLength(67)
  })

  it('round-trip every letter through TCVN3', () => {
    for (const letter of LOWER_LETTERS) expect(convertLegacyText(toTcvn3(letter), 'tcvn3'), letter).toBe(letter)
    // Upper case: the .VnTimeH convention, read from the capitals around the letter.
    for (const letter of LOWER_LETTERS.map((l) => l.toUpperCase())) {
      expect(convertLegacyText(toTcvn3(`NG${letter}N`), 'tcvn3'), letter).toBe(`NG${letter}N`)
    }
    for (const capital of Object.keys(TCVN3_CAPITALS)) {
      expect(convertLegacyText(toTcvn3(`${capital}n`), 'tcvn3')).toBe(`${capital}n`)
    }
  })

  it('round-trip every letter, upper and lower case, through VNI', () => {
    for (const letter of ALL_LETTERS) expect(convertLegacyText(toVni(letter), 'vni'), letter).toBe(letter)
    for (const letter of ALL_LETTERS) expect(convertLegacyText(toVni(`x${letter}x`), 'vni')).toBe(`x${letter}x`)
  })
})

describe('convertLegacyText', () => {
  it('decodes the examples of DOMAIN.md and the brief', () => {
    expect(convertLegacyText('NguyÔn ThÞ Hoµ', 'tcvn3')).toBe('Nguyễn Thị Hoà')
    expect(convertLegacyText('NguyÔn ThÞ', 'tcvn3')).toBe('Nguyễn Thị')
    expect(convertLegacyText('Nguyeãn Thò', 'vni')).toBe('Nguyễn Thị')
    expect(convertLegacyText('Ngöôøi Vieät Nam', 'vni')).toBe('Người Việt Nam')
    expect(convertLegacyText('Ñoã Thò Lan', 'vni')).toBe('Đỗ Thị Lan')
    expect(convertLegacyText('§ç ThÞ Lan', 'tcvn3')).toBe('Đỗ Thị Lan')
    expect(convertLegacyText('Tr\u00ADêng', 'tcvn3')).toBe('Trường')
  })

  it('reads upper-case TCVN3 (.VnTimeH) values', () => {
    expect(convertLegacyText('NGUYÔN THÞ HOµ', 'tcvn3')).toBe('NGUYỄN THỊ HOÀ')
    expect(convertLegacyText('Hµ NéI', 'tcvn3')).toBe('HÀ NỘI')
    expect(convertLegacyText('Hµ Néi', 'tcvn3')).toBe('Hà Nội')
    expect(convertLegacyText('X· KIM ANH', 'tcvn3')).toBe('XÃ KIM ANH')
    expect(convertLegacyText('X· Kim Lò', 'tcvn3')).toBe('Xã Kim Lũ')
  })

  it('round-trips real names', () => {
    for (const name of NAMES) {
      expect(convertLegacyText(toTcvn3(name), 'tcvn3'), name).toBe(name)
      expect(convertLegacyText(toVni(name), 'vni'), name).toBe(name)
      expect(convertLegacyText(toVni(name.toUpperCase()), 'vni')).toBe(name.toUpperCase())
      expect(convertLegacyText(toTcvn3(name.toUpperCase()), 'tcvn3')).toBe(name.toUpperCase())
    }
  })

  it('leaves digits, ASCII and punctuation alone', () => {
    expect(convertLegacyText('Sè 12/2008, "UBND"', 'tcvn3')).toBe('Số 12/2008, "UBND"')
    expect(convertLegacyText('Soá 12/2008 - UBND', 'vni')).toBe('Số 12/2008 - UBND')
  })
})

describe('detectLegacyEncoding', () => {
  it('detects TCVN3 and VNI text', () => {
    expect(detectLegacyEncoding('NguyÔn ThÞ Hoµ')).toBe('tcvn3')
    expect(detectLegacyEncoding('NguyÔn ThÞ')).toBe('tcvn3')
    expect(detectLegacyEncoding('Nguyeãn Thò')).toBe('vni')
    expect(detectLegacyEncoding('NguyÔn')).toBe('tcvn3')
    expect(detectLegacyEncoding('Nguyeãn')).toBe('vni')
    expect(detectLegacyEncoding('NGUYÔN V¡N AN')).toBe('tcvn3')
  })

  it('detects encoded real names', () => {
    for (const name of NAMES) {
      expect(detectLegacyEncoding(toTcvn3(name)), `tcvn3 ${name}`).toBe('tcvn3')
      expect(detectLegacyEncoding(toVni(name)), `vni ${name}`).toBe('vni')
    }
  })

  it('leaves a single word that reads as Vietnamese both ways undecided', () => {
    expect(detectLegacyEncoding('Thuû')).toBeNull() // TCVN3 Thuỷ, VNI Thủ
    expect(detectLegacyEncoding('Tæ')).toBeNull() // TCVN3 Tổ, VNI Tỉ
    expect(detectLegacyEncoding('Thuû Tænh')).toBe('vni') // "Tænh" is only VNI (Tỉnh)
  })

  it('does not flag Unicode Vietnamese or ASCII', () => {
    const texts = [
      ...NAMES, 'Nguyen Thi Hoa', 'Hòa Bình', 'Lê Thành Tâm', 'Tú', 'Hà', 'Lê', 'Tâm', 'Kinh', 'Việt Nam',
      'Nhật Bản', 'Nguyễn Thị Hòa'.normalize('NFD'), '10/10/1981', 'Fukunda Yaruo', 'Kanggawa, Nhật Bản', '',
    ]
    for (const text of texts) expect(detectLegacyEncoding(text), text).toBeNull()
  })

  it('does not flag ordinary French, Spanish, German or English words', () => {
    const texts = [
      'café', 'Café au lait', 'Où est la gare ?', 'où', 'Noël', 'naïve', 'crème brûlée', 'tôt', 'déjà vu',
      'José Muñoz', 'Raúl', 'Müller', 'São Paulo', 'København', 'Zoë', 'aérien', 'goût', 'Haïti', 'Moïse',
      'Raphaël', 'août', 'à la carte', 'résumé', 'The quick brown fox', 'Hôtel de Ville', 'Gérard Depardieu',
      'François Mitterrand', 'El Niño', 'Größe', 'Ångström', 'Señor García', 'Björk Guðmundsdóttir',
    ]
    for (const text of texts) expect(detectLegacyEncoding(text), text).toBeNull()
  })
})

describe('detectColumnEncoding', () => {
  it('adds up short values of a column', () => {
    // Each of these alone is too short to decide; together they are a TCVN3 column.
    const column = ['Hµ', 'Lª', 'Kinh', '', 'Tµy']
    expect(detectLegacyEncoding('Hµ')).toBe('tcvn3')
    const result = detectColumnEncoding(column)
    expect(result.encoding).toBe('tcvn3')
    expect(result.values).toBe(4)
  })

  it('decides by the majority of the column', () => {
    const names = NAMES.map(toVni).concat(['Nguyen Van A', 'Fukunda Yaruo'])
    const result = detectColumnEncoding(names)
    expect(result.encoding).toBe('vni')
    expect(result.detectedValues).toBe(NAMES.length)
    expect(detectColumnEncoding(NAMES).encoding).toBeNull()
    expect(detectColumnEncoding(['Kinh', 'Ba Na', 'Việt Nam']).encoding).toBeNull()
    expect(detectColumnEncoding(['café', 'Noël', 'où']).encoding).toBeNull()
  })

  it('does not convert a Unicode column that has one odd value', () => {
    const column = [...NAMES, 'NguyÔn']
    expect(detectColumnEncoding(column).encoding).toBeNull()
  })

  it('scores evidence and counter-evidence', () => {
    expect(scoreLegacyEncoding('NguyÔn ThÞ Hoµ', 'tcvn3')).toMatchObject({ evidence: 3, counter: 0 })
    expect(scoreLegacyEncoding('NguyÔn ThÞ Hoµ', 'vni').evidence).toBe(0)
  })
})

describe('on 8,700 real commune names (fixtures/units, read at test time)', () => {
  const csv = readFileSync(new URL('../../fixtures/units/ward_old_to_new_2025.csv', import.meta.url), 'utf8')
  const names = [
    ...new Set(
      csv.trim().split(/\r?\n/).slice(1).flatMap((line) => {
        const cols = line.split(',')
        return [cols[2] ?? '', cols[4] ?? ''].map((n) => n.normalize('NFC').trim())
      }),
    ),
  ]

  it('never flags the Unicode names', () => {
    expect(names.length).toBeGreaterThan(8000)
    expect(names.filter((n) => detectLegacyEncoding(n) !== null)).toEqual([])
    expect(names.filter((n) => detectLegacyEncoding(n.toUpperCase()) !== null)).toEqual([])
  })

  it('detects nearly all encoded names, and never the wrong encoding', () => {
    const tcvn3 = names.map((n) => detectLegacyEncoding(toTcvn3(n)))
    const vni = names.map((n) => detectLegacyEncoding(toVni(n)))
    expect(tcvn3.filter((e) => e === 'vni')).toEqual([])
    expect(vni.filter((e) => e === 'tcvn3')).toEqual([])
    expect(tcvn3.filter((e) => e === 'tcvn3').length / names.length).toBeGreaterThan(0.98)
    expect(vni.filter((e) => e === 'vni').length / names.length).toBeGreaterThan(0.97)
  })

  it('converts every VNI name back exactly, and TCVN3 up to the capitals VN3 cannot encode', () => {
    expect(names.filter((n) => convertLegacyText(toVni(n), 'vni') !== n)).toEqual([])
    const tcvn3 = names.filter((n) => convertLegacyText(toTcvn3(n), 'tcvn3') !== n)
    // Only words that start with a toned capital ("Ứng", "Ỷ"): VN3 has no code for them.
    expect(tcvn3.every((n) => convertLegacyText(toTcvn3(n), 'tcvn3').toLowerCase() === n.toLowerCase())).toBe(true)
    expect(tcvn3.length).toBeLessThan(names.length / 100)
  })

  it('decides whole columns', () => {
    expect(detectColumnEncoding(names.map(toTcvn3)).encoding).toBe('tcvn3')
    expect(detectColumnEncoding(names.map(toVni)).encoding).toBe('vni')
    expect(detectColumnEncoding(names).encoding).toBeNull()
  })
})
