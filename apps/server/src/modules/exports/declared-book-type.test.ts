/**
 * A book type declared only in this test (not in the catalog's list): the generated template, the
 * MOJ workbook of a book and the person reconciliation compares all come from its declaration.
 * The domain's own side (form, header matching, validation) is in catalog/new-book-type.test.ts.
 */
import { PassThrough } from 'node:stream'
import { defineBookType, field, loaiDangKy, personBlock, registrationHeader, type EntryFields } from '@hts/domain'
import { describe, expect, it } from 'vitest'
import { readWorkbook } from '../../test/import-helpers'
import { entryPersonInput, matchFieldKeys } from '../reconciliation/entry-person'
import { writeMojWorkbook } from './moj-workbook'
import { buildTemplate, DATA_SHEET } from './template'

const TRIAL = defineBookType({
  code: 'THU',
  label: 'Sổ đăng ký thử',
  shortLabel: 'Thử',
  priority: 50,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({ classification: loaiDangKy('loaiDangKyKS') }),
    ...personBlock('nthu', 'person', ['HoTen', 'NgaySinh', 'NoiSinh', 'DanToc']),
    field('nthuSoHoSo', 'Số hồ sơ lưu', 'text', 'person'),
    ...personBlock('me', 'mother', ['HoTen']),
  ],
  required: ['so', 'quyenSo', 'trangSo', 'ngayDangKy', 'nthuHoTen'],
  subject: { nameKey: 'nthuHoTen', birthDateKey: 'nthuNgaySinh', birthplaceKey: 'nthuNoiSinh', ethnicityKey: 'nthuDanToc', motherNameKey: 'meHoTen', impliedSex: '2' },
})
const KEYS = TRIAL.fields.map((f) => f.key)
const ENTRY: EntryFields = { so: '3', quyenSo: '01/2010', trangSo: '2', ngayDangKy: '05.04.2010', nthuHoTen: 'Hà Thị Mai', nthuNgaySinh: '01.04.2010', nthuNoiSinh: 'Trạm y tế xã Tả Phìn', nthuDanToc: 'Dao', nthuSoHoSo: 'HS-7', meHoTen: 'Hà Thị Lìn' }

describe('a book type declared outside the catalog list', () => {
  it('gets a template with STT and its columns, required headers with their trailing space', async () => {
    const { headers, sheetNames } = await readWorkbook(await buildTemplate(TRIAL))
    expect(sheetNames[0]).toBe(DATA_SHEET)
    expect(headers.map((h) => h.split('\n')[0]?.trim())).toEqual(['STT', ...KEYS])
    expect(headers).toContain('nthuHoTen ')
    expect(headers).toContain('nthuSoHoSo')
  })

  it('is exported as an MOJ workbook, one row per entry in its column order', async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (chunk: Buffer) => chunks.push(chunk))
    async function* entries() {
      yield ENTRY
    }
    expect(await writeMojWorkbook(out, TRIAL, entries())).toBe(1)
    const { headers, rows } = await readWorkbook(Buffer.concat(chunks))
    expect(headers).toEqual(['STT', ...KEYS])
    expect(rows).toEqual([{ STT: '1', ...ENTRY }])
  })

  it('is reconciled on the subject, birthplace, ethnicity and mother it declares', () => {
    expect(matchFieldKeys(TRIAL).sort()).toEqual(['meHoTen', 'nthuDanToc', 'nthuHoTen', 'nthuNgaySinh', 'nthuNoiSinh'])
    expect(entryPersonInput(TRIAL, ENTRY)).toEqual({
      personalId: null,
      fullName: 'Hà Thị Mai',
      birthDate: '01.04.2010',
      sex: '2',
      motherName: 'Hà Thị Lìn',
      fatherName: null,
      birthplace: 'Trạm y tế xã Tả Phìn',
      ethnicity: 'Dao',
      nationality: null,
    })
  })
})
