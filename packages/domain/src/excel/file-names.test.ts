import { describe, expect, it } from 'vitest'
import { bookPackageBaseName, entryPdfName, nameInitials, parseEntryPdfName, volumeNumber } from './file-names'
import { parseVolume, volumeLabel } from './volumes'

describe('MOJ package names', () => {
  it('names the book files like real deliverables', () => {
    expect(nameInitials('Huyện Bình Đại')).toBe('hbd')
    expect(bookPackageBaseName({ unit: 'Xã Lộc Thuận', district: 'Huyện Bình Đại', province: 'Tỉnh Bến Tre' }, { bookType: 'CMC', year: 2006, volume: '01/2006' }))
      .toBe('xalocthuan_hbd_tbt.CMC.2006.01')
    // After the 2025 reform there is no district: the part is left out.
    expect(bookPackageBaseName({ unit: 'Xã An Phú', district: null, province: 'Tỉnh Sơn Hà' }, { bookType: 'KS', year: 2024, volume: '1' }))
      .toBe('xaanphu_tsh.KS.2024.01')
  })

  it('names and reads entry PDFs', () => {
    const book = { bookType: 'KS' as const, year: 2008, volume: '01/2008' }
    expect(entryPdfName(book, { ngayDangKy: '15.01.2008', so: 1 })).toBe('KS.2008.01.2008-01-15.001.pdf')
    expect(entryPdfName(book, { ngayDangKy: '2008', so: null })).toBe('KS.2008.01.2008.null.pdf')
    expect(entryPdfName(book, {})).toBe('KS.2008.01.null.null.pdf')
    expect(parseEntryPdfName('KS.2008.01.2008-01-15.001.pdf')).toEqual({ bookType: 'KS', year: 2008, volume: '01', registrationDate: '2008-01-15', so: 1 })
    expect(parseEntryPdfName('scans/cmc.2006.1.null.null.PDF')).toEqual({ bookType: 'CMC', year: 2006, volume: '01', registrationDate: null, so: null })
    expect(parseEntryPdfName('XX.2008.01.2008-01-15.001.pdf')).toBeNull()
    expect(parseEntryPdfName('anh-chup.pdf')).toBeNull()
  })

  it('reads volumes as files write them', () => {
    expect(volumeNumber('01/2006')).toBe('01')
    expect(parseVolume('02/2018')).toEqual({ number: '02', year: 2018 })
    expect(parseVolume('Quyển số 3')).toEqual({ number: '03', year: null })
    expect(parseVolume('abc')).toBeNull()
    expect(volumeLabel({ number: '02', year: 2018 })).toBe('02/2018')
  })
})
