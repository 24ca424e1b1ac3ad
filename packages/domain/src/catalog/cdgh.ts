/**
 * Sổ đăng ký chấm dứt giám hộ: the guardianship columns (prefixes ngh, nduocgh as in gh.ts) plus
 * the guardianship registration being ended and why. No foreign block: the book has no
 * "recorded from abroad" box for an ending.
 */
import {
  HEADER_REQUIRED,
  defineBookType,
  field,
  personBlock,
  registrationHeader,
  requesterBlock,
} from './common'
import { GUARDIAN_SUFFIXES, WARD_SUBJECT, WARD_SUFFIXES } from './gh'

export const CDGH_BOOK_TYPE = defineBookType({
  code: 'CDGH',
  label: 'Sổ đăng ký chấm dứt giám hộ',
  shortLabel: 'Chấm dứt giám hộ',
  priority: 9,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({
      classification: field(
        'loaiChamDutGiamHo',
        'Loại chấm dứt giám hộ',
        'code',
        'registration',
        'loaiChamDutGiamHo',
      ),
    }),
    ...personBlock('ngh', 'guardian', GUARDIAN_SUFFIXES),
    ...personBlock('nduocgh', 'ward', WARD_SUFFIXES),
    field('soDangKyGiamHo', 'Số đăng ký giám hộ', 'text', 'guardianshipEnd'),
    field('ngayDangKyGiamHo', 'Ngày đăng ký giám hộ', 'partialDate', 'guardianshipEnd'),
    field('lyDoChamDutGiamHo', 'Lý do chấm dứt giám hộ', 'text', 'guardianshipEnd'),
    ...requesterBlock(),
  ],
  required: [...HEADER_REQUIRED, 'loaiChamDutGiamHo', 'nghHoTen', 'nduocghHoTen'],
  subject: WARD_SUBJECT,
})
