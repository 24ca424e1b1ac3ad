import { describe, expect, it } from 'vitest'
import { canonicalName, canonicalText, isAllCaps, normalizeCharacters, placeTone } from './canonical'
import { foldKey } from './fold'
import { isVietnameseSyllable } from './syllable'

describe('canonicalText', () => {
  it('turns NFD input into NFC', () => {
    const nfd = 'Nguyễn Thị Hoà'.normalize('NFD')
    expect(nfd).not.toBe('Nguyễn Thị Hoà')
    expect(canonicalText(nfd)).toBe('Nguyễn Thị Hoà')
  })

  it('fixes U+00D0 Ð and ð typed for Đ and đ', () => {
    expect(canonicalText('\u00D0ỗ V\u0103n \u00D0ức')).toBe('Đỗ Văn Đức')
    expect(canonicalText('\u00F0ồng')).toBe('đồng')
    expect(canonicalText('Ɖinh')).toBe('Đinh')
  })

  it('removes zero-width characters, NBSP and extra spaces', () => {
    expect(canonicalText('  Nguy\u200Bễn\u00A0\u00A0Văn\t\tAn\uFEFF ')).toBe('Nguyễn Văn An')
    expect(canonicalText('Lê\u200D Thị')).toBe('Lê Thị')
  })

  it('moves tones to the main vowel: hòa → hoà (new convention)', () => {
    expect(canonicalText('hòa')).toBe('hoà')
    expect(canonicalText('Nguyễn Thị Hòa')).toBe('Nguyễn Thị Hoà')
    const cases: Array<[string, string]> = [
      ['hóa', 'hoá'], ['hỏa', 'hoả'], ['hõa', 'hoã'], ['họa', 'hoạ'], ['òa', 'oà'],
      ['khỏe', 'khoẻ'], ['xòe', 'xoè'], ['lòe', 'loè'],
      ['thúy', 'thuý'], ['thủy', 'thuỷ'], ['ủy', 'uỷ'], ['Thùy', 'Thuỳ'], ['lũy', 'luỹ'], ['tụy', 'tuỵ'],
      ['HÒA', 'HOÀ'], ['THỦY', 'THUỶ'], ['Hòa', 'Hoà'],
    ]
    for (const [old, neu] of cases) expect(canonicalText(old), old).toBe(neu)
  })

  it('leaves qu and gi clusters, closed syllables and other diphthongs alone', () => {
    const same = [
      'quý', 'quà', 'quả', 'quyết', 'quỳnh', 'Quý', 'giá', 'già', 'giữa', 'giường', 'gì', 'gìn',
      'hoàn', 'hoàng', 'khoét', 'huýt', 'khuỳnh', 'toán', 'xoắn', 'thuở', 'thuế', 'xuân',
      'mái', 'mèo', 'mía', 'múa', 'túi', 'rìu', 'sáo', 'màu', 'tay', 'người', 'trường', 'muốn',
      'việt', 'yêu', 'khuya', 'ngoài', 'khuỷu', 'ngoẹo', 'hươu', 'chuối', 'cửa', 'mưa', 'lửa',
    ]
    for (const word of same) expect(canonicalText(word), word).toBe(word)
  })

  it('fixes a tone typed on the u of qu or the i of gi', () => {
    expect(canonicalText('qúy')).toBe('quý')
    expect(canonicalText('gìa')).toBe('già')
  })

  it('leaves foreign words and malformed words alone', () => {
    for (const word of ['Fukunda Yaruo', 'André', 'José', 'Müller', 'café', 'òàa']) {
      expect(canonicalText(word)).toBe(word)
    }
  })

  it('is idempotent', () => {
    const samples = [
      'NGUYỄN THỊ HÒA', 'Thủy  Tiên', 'khỏe', 'ủy ban', 'Hoà', 'quý', 'gìa', 'Ð\u00A0ỗ',
      'Phường Bến Nghé, quận 1, thành phố Hồ Chí Minh', 'Xã An Thanh, Huyện Tứ Kỳ, Tỉnh Hải Dương',
    ]
    for (const s of samples) {
      const once = canonicalText(s)
      expect(canonicalText(once)).toBe(once)
      expect(canonicalText(s.normalize('NFD'))).toBe(once)
    }
  })

  it('keeps punctuation and digits', () => {
    expect(canonicalText('Phường Bến Nghé, quận 1')).toBe('Phường Bến Nghé, quận 1')
    expect(placeTone('Thủy')).toBe('Thuỷ')
  })
})

describe('canonicalName', () => {
  it('title-cases Vietnamese names', () => {
    expect(canonicalName('NGUYỄN THỊ HOÀ')).toBe('Nguyễn Thị Hoà')
    expect(canonicalName('đỗ văn đức')).toBe('Đỗ Văn Đức')
    expect(canonicalName('đỗ')).toBe('Đỗ')
    expect(canonicalName('NGUYỄN THỊ HÒA')).toBe('Nguyễn Thị Hoà')
    expect(canonicalName('  lê   thị   thủy ')).toBe('Lê Thị Thuỷ')
    expect(canonicalName('ÐINH VĂN ƯỚC')).toBe('Đinh Văn Ước')
  })

  it('handles apostrophes and hyphens', () => {
    expect(canonicalName("H'MÔNG")).toBe("H'Mông")
    expect(canonicalName('h’mông')).toBe("H'Mông")
    expect(canonicalName('JEAN-PAUL')).toBe('Jean-Paul')
    expect(canonicalName('khơ-me')).toBe('Khơ-Me')
  })

  it('keeps names from the MOJ template sample unchanged', () => {
    for (const name of ['Phạm Anh Đài', 'Nguyễn Thị Lan', 'Hoàng Đức Minh', 'Trần Hoằng Diệu', 'Phạm Thị Toan']) {
      expect(canonicalName(name)).toBe(name)
    }
    expect(canonicalName('FUKUNDA YARUO')).toBe('Fukunda Yaruo')
  })
})

describe('isAllCaps', () => {
  it('tells all-caps text', () => {
    expect(isAllCaps('NGUYỄN VĂN AN')).toBe(true)
    expect(isAllCaps("H'MÔNG")).toBe(true)
    expect(isAllCaps('Nguyễn Văn An')).toBe(false)
    expect(isAllCaps('123')).toBe(false)
    expect(isAllCaps('')).toBe(false)
  })
})

describe('foldKey', () => {
  it('folds canonical variants to one key', () => {
    const key = 'nguyen thi hoa'
    for (const v of ['Nguyễn Thị Hoà', 'NGUYEN THI HOA', 'nguyễn thị hòa', 'Nguyễn Thị Hoà'.normalize('NFD'), ' Nguyễn\u00A0Thị\u200B  Hòa ']) {
      expect(foldKey(v), v).toBe(key)
    }
    expect(foldKey('\u00D0ỗ Văn Đức')).toBe('do van duc')
    expect(foldKey('ðỗ')).toBe('do')
    expect(foldKey('H’Mông')).toBe(foldKey("H'Mông"))
  })

  it('folds a canonical text and its source to the same key', () => {
    for (const s of ['THỦY', 'Khỏe', 'ủy ban', 'Ðặng Thùy Trâm']) expect(foldKey(canonicalText(s))).toBe(foldKey(s))
  })
})

describe('normalizeCharacters', () => {
  it('does not move tones', () => {
    expect(normalizeCharacters(' hòa ')).toBe('hòa')
  })
})

describe('isVietnameseSyllable', () => {
  it('accepts real syllables in both conventions', () => {
    for (const w of ['Nguyễn', 'hòa', 'hoà', 'quý', 'giường', 'khuỷu', 'Việt', 'NGUYỄN', 'đức', 'Đắk', 'an', 'học']) {
      expect(isVietnameseSyllable(w), w).toBe(true)
    }
  })
  it('rejects non-syllables', () => {
    const nonSyllables = ['café', 'André', 'nguyôn', 'gỏt', 'tôt', 'oự', 'Noël', 'abc1', 'xyz', 'strong']
    // Tone on a vowel neither convention chooses; -nh after o.
    nonSyllables.push('xaõ', 'hoaì', 'vónh')
    for (const w of nonSyllables) {
      expect(isVietnameseSyllable(w), w).toBe(false)
    }
  })
})
