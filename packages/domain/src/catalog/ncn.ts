/**
 * Sổ đăng ký nuôi con nuôi. No MOJ template exists: keys follow the MOJ style with our prefixes
 *   ncn      người được nhận làm con nuôi (the adopted child, the subject)
 *   chaNuoi  cha nuôi (adoptive father)      meNuoi  mẹ nuôi (adoptive mother)
 *   bg       bên giao con nuôi: the birth father or mother, or the institution (bgToChuc)
 *            with its representative (bgHoTen) and his or her title (bgChucVu)
 * No requester block: the adoptive parents are the ones who ask.
 */
import {
  HEADER_REQUIRED,
  ID_DOCUMENT_SUFFIXES,
  defineBookType,
  field,
  foreignBlock,
  personBlock,
  registrationHeader,
  type PersonSuffix,
  type SuffixSpec,
} from './common'

const ADOPTIVE_PARENT: readonly PersonSuffix[] = [
  'HoTen', 'NgaySinh', 'DanToc', 'QuocTich', 'NoiCuTru', ...ID_DOCUMENT_SUFFIXES,
]

const GIVING_SIDE = {
  QuanHe: { label: 'Quan hệ với người được nhận làm con nuôi', kind: 'text' },
  ToChuc: { label: 'Tên cơ sở nuôi dưỡng', kind: 'text' },
  ChucVu: { label: 'Chức vụ người đại diện', kind: 'text' },
} as const satisfies Record<string, SuffixSpec>

export const NCN_BOOK_TYPE = defineBookType({
  code: 'NCN',
  label: 'Sổ đăng ký nuôi con nuôi',
  shortLabel: 'Nuôi con nuôi',
  priority: 3,
  hasMojTemplate: false,
  fields: [
    ...registrationHeader({
      classification: null,
      after: {
        trangSo: [
          field('soGiayChungNhan', 'Số giấy chứng nhận hoặc quyết định nuôi con nuôi', 'text', 'registration'),
          field('ngayCapGiayChungNhan', 'Ngày cấp giấy chứng nhận hoặc quyết định', 'partialDate', 'registration'),
        ],
      },
    }),
    ...personBlock('ncn', 'adoptedChild', [
      'SoDinhDanh', 'HoTen', 'GioiTinh', 'NgaySinh', 'DanToc', 'QuocTich', 'NoiCuTru',
    ]),
    ...personBlock('chaNuoi', 'adoptiveFather', ADOPTIVE_PARENT),
    ...personBlock('meNuoi', 'adoptiveMother', ADOPTIVE_PARENT),
    ...personBlock(
      'bg',
      'givingParty',
      [
        'HoTen', 'QuanHe', 'ToChuc', 'ChucVu', 'NgaySinh', 'DanToc', 'QuocTich', 'NoiCuTru',
        ...ID_DOCUMENT_SUFFIXES,
      ],
      GIVING_SIDE,
    ),
    ...foreignBlock(),
  ],
  // Either adoptive parent may be absent (single adopter), so only the child's name is required.
  required: [...HEADER_REQUIRED, 'ncnHoTen'],
  subject: {
    nameKey: 'ncnHoTen',
    birthDateKey: 'ncnNgaySinh',
    personalIdKey: 'ncnSoDinhDanh',
    sexKey: 'ncnGioiTinh',
    ethnicityKey: 'ncnDanToc',
    nationalityKey: 'ncnQuocTich',
  },
})
