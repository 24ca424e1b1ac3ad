/**
 * The separate follow-up list (danh sách theo dõi riêng) of mismatches: the justice officer checks
 * with the police which side is right and guides the citizen to the correction procedure.
 */
export const FOLLOWUP_STATUSES = {
  new: 'Mới',
  verifying: 'Đang xác minh với công an',
  guided: 'Đã hướng dẫn công dân làm thủ tục cải chính',
  resolved_book: 'Đã giải quyết: sổ hộ tịch đúng',
  resolved_population: 'Đã giải quyết: CSDL dân cư đúng',
} as const
export type FollowupStatus = keyof typeof FOLLOWUP_STATUSES
export const FOLLOWUP_STATUS_CODES = Object.keys(FOLLOWUP_STATUSES) as FollowupStatus[]

/** Which status may follow which. A resolved case can be reopened (back to verifying). */
export const FOLLOWUP_TRANSITIONS: Readonly<Record<FollowupStatus, readonly FollowupStatus[]>> = {
  new: ['verifying', 'resolved_book', 'resolved_population'],
  verifying: ['guided', 'resolved_book', 'resolved_population'],
  guided: ['resolved_population', 'resolved_book', 'verifying'],
  resolved_book: ['verifying'],
  resolved_population: ['verifying'],
}

export function isFollowupStatus(value: string): value is FollowupStatus {
  return Object.hasOwn(FOLLOWUP_STATUSES, value)
}

export function isResolved(status: FollowupStatus): boolean {
  return status === 'resolved_book' || status === 'resolved_population'
}

export function canMoveFollowup(from: FollowupStatus, to: FollowupStatus): boolean {
  return FOLLOWUP_TRANSITIONS[from].includes(to)
}

/**
 * Kinds of difference (issue 15): the follow-up list is worked kind by kind, because a dropped
 * Văn/Thị or a day and month swapped is a different piece of work from another mother or another
 * birth year. Each is still a real difference under procedure 1292, for the officer to verify.
 */
export const FOLLOWUP_KINDS = {
  middleName: 'Chỉ khác tên đệm',
  diacritics: 'Chỉ khác dấu',
  nameTypo: 'Họ tên khác một chữ cái',
  name: 'Họ tên khác',
  dayMonthSwap: 'Đảo ngày và tháng sinh',
  birthYear: 'Khác năm sinh (một chữ số, lệch một năm hoặc hai chữ số đảo chỗ)',
  birthDate: 'Khác ngày sinh',
  parent: 'Khác họ tên cha hoặc mẹ',
  sex: 'Khác giới tính',
  ethnicity: 'Khác dân tộc',
  nationality: 'Khác quốc tịch',
  birthplace: 'Khác nơi sinh',
  personalId: 'Khác số định danh',
  several: 'Nhiều loại sai lệch',
  unspecified: 'Sai lệch do người đối chiếu xác định',
} as const
export type FollowupKind = keyof typeof FOLLOWUP_KINDS
export const FOLLOWUP_KIND_CODES = Object.keys(FOLLOWUP_KINDS) as FollowupKind[]

export function isFollowupKind(value: string): value is FollowupKind {
  return Object.hasOwn(FOLLOWUP_KINDS, value)
}

const NAME_KIND: Record<string, FollowupKind> = { middle: 'middleName', accents: 'diacritics', similar: 'nameTypo', garbled: 'nameTypo', otherMiddle: 'name', otherGiven: 'name', different: 'name' }

/** Day and month equal, the year one apart, one digit different or two digits swapped (from the values as shown). */
function yearOnly(book: string | null | undefined, population: string | null | undefined): boolean {
  const parts = (s: string | null | undefined) => (s ?? '').match(/\d+/g)?.map(Number) ?? []
  const a = parts(book)
  const b = parts(population)
  if (a.length !== 3 || b.length !== 3) return false
  // dd.mm.yyyy or yyyy-mm-dd: compare as (day, month, year).
  const [ad, am, ay] = (a[0] as number) > 31 ? [a[2], a[1], a[0]] : [a[0], a[1], a[2]]
  const [bd, bm, by] = (b[0] as number) > 31 ? [b[2], b[1], b[0]] : [b[0], b[1], b[2]]
  return ad === bd && am === bm && ay !== by
}

/** The kind of one differing field, from its level (and, for dates, the two values). */
export function differenceKind(d: { field: string; level: string; book?: string | null; population?: string | null }): FollowupKind {
  switch (d.field) {
    case 'name':
      return NAME_KIND[d.level] ?? 'name'
    case 'birthDate':
      if (d.level === 'swapped') return 'dayMonthSwap'
      return yearOnly(d.book, d.population) ? 'birthYear' : 'birthDate'
    case 'mother':
    case 'father':
      return 'parent'
    case 'sex':
    case 'ethnicity':
    case 'nationality':
    case 'birthplace':
    case 'personalId':
      return d.field
    default:
      return 'unspecified'
  }
}

/** The kind of a case: its one kind of difference, or "several". */
export function followupKind(differences: ReadonlyArray<Parameters<typeof differenceKind>[0]>): FollowupKind {
  const kinds = new Set(differences.map(differenceKind))
  if (kinds.size === 0) return 'unspecified'
  return kinds.size === 1 ? ([...kinds][0] as FollowupKind) : 'several'
}
