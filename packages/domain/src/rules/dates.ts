/**
 * Plausibility of the dates of an entry (DOMAIN.md §10). All warnings: the keyer keys what the
 * book says, and a book can be wrong; a person decides. Partial dates are compared by their
 * ranges, and a check that the precision cannot decide stays silent.
 */
import { resolveCode } from '../codes'
import { comparePartialDates, formatPartialDate, partialDateRange, type PartialDate } from '../dates/partial-date'
import { dateOf, fieldDef, issue, nameOf, valueOf, type EntryRule, type RuleContext } from './context'
import type { EntryIssue } from './types'

/** Luật Hộ tịch 2014 art. 15 (and Decree 158/2005 before it): a birth is registered within 60 days. */
export const BIRTH_REGISTRATION_DAYS = 60
/** Before Decree 158/2005 the window is not the same in every period: no on-time/late check. */
const BIRTH_WINDOW_FROM_YEAR = 2006

const REGISTRATION = 'ngayDangKy'

function isoDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
}

/** Whole years from one ISO day to a later one. */
function fullYears(fromIso: string, toIso: string): number {
  const years = Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4))
  return toIso.slice(5) < fromIso.slice(5) ? years - 1 : years
}

const show = (d: PartialDate) => formatPartialDate(d)

/** Registration date against the book: not before it was opened (or its year), not after it was closed. */
function checkBookWindow(ctx: RuleContext): EntryIssue[] {
  const date = dateOf(ctx, REGISTRATION)
  if (!date) return []
  const [from, to] = partialDateRange(date)
  const opened = ctx.book.openedOn ?? (ctx.book.year ? `${ctx.book.year}-01-01` : null)
  const name = nameOf(ctx, REGISTRATION)
  if (opened && to < opened) {
    const what = ctx.book.openedOn ? `ngày mở sổ (${ctx.book.openedOn.split('-').reverse().join('.')})` : `năm mở sổ ${ctx.book.year}`
    return [issue(REGISTRATION, 'warning', 'date.outsideBook', `${name} ${show(date)} trước ${what}: kiểm tra lại ngày hoặc quyển sổ`)]
  }
  if (ctx.book.closedOn && from > ctx.book.closedOn) {
    const closed = ctx.book.closedOn.split('-').reverse().join('.')
    return [issue(REGISTRATION, 'warning', 'date.outsideBook', `${name} ${show(date)} sau ngày khóa sổ (${closed}): kiểm tra lại ngày hoặc quyển sổ`)]
  }
  return []
}

/** Everyone in the entry was born before the registration; a death is after the birth and before its registration. */
function checkOrder(ctx: RuleContext): EntryIssue[] {
  const issues: EntryIssue[] = []
  const registration = dateOf(ctx, REGISTRATION)
  for (const def of ctx.def.fields) {
    if (def.kind !== 'partialDate') continue
    const date = dateOf(ctx, def.key)
    if (!date) continue
    if (def.key.endsWith('NgaySinh') && registration && comparePartialDates(date, registration) === 1) {
      issues.push(issue(def.key, 'warning', 'date.order',
        `${nameOf(ctx, REGISTRATION)} phải sau ngày sinh: ${nameOf(ctx, def.key)} là ${show(date)}, ${nameOf(ctx, REGISTRATION)} là ${show(registration)}; kiểm tra lại`))
    }
    if (def.key.endsWith('NgayChet')) {
      const birthKey = def.key.replace(/NgayChet$/, 'NgaySinh')
      const birth = dateOf(ctx, birthKey)
      if (birth && comparePartialDates(date, birth) === -1) {
        issues.push(issue(def.key, 'warning', 'date.order',
          `Ngày chết phải sau ngày sinh: ${nameOf(ctx, def.key)} là ${show(date)}, ${nameOf(ctx, birthKey)} là ${show(birth)}; kiểm tra lại`))
      }
      if (registration && comparePartialDates(date, registration) === 1) {
        issues.push(issue(def.key, 'warning', 'date.order',
          `${nameOf(ctx, def.key)} (${show(date)}) sau ${nameOf(ctx, REGISTRATION)} (${show(registration)}): việc chết chỉ được đăng ký sau khi chết; kiểm tra lại`))
      }
    }
  }
  return issues
}

interface ParentPair {
  parent: string
  child: string
  role: 'mẹ' | 'cha' | 'cha hoặc mẹ'
}

/** Mother 12 to 60 years older than the child, father 12 to 80. */
const AGE_GAP = { 'mẹ': [12, 60], cha: [12, 80], 'cha hoặc mẹ': [12, 80] } as const

function parentPairs(ctx: RuleContext): ParentPair[] {
  switch (ctx.def.code) {
    case 'KS':
      return [
        { parent: 'meNgaySinh', child: 'nksNgaySinh', role: 'mẹ' },
        { parent: 'chaNgaySinh', child: 'nksNgaySinh', role: 'cha' },
      ]
    case 'CMC': {
      // loaiXacNhan 2 and 4 are about the mother, 1 and 3 the father (DOMAIN.md §4).
      const kind = valueOf(ctx, 'loaiXacNhan')
      const code = kind === undefined ? undefined : resolveCode('loaiXacNhan', kind)?.code
      const role = code === '2' || code === '4' ? 'mẹ' : code === '1' || code === '3' ? 'cha' : 'cha hoặc mẹ'
      return [{ parent: 'cmNgaySinh', child: 'ncNgaySinh', role }]
    }
    default:
      return []
  }
}

function checkParentAges(ctx: RuleContext): EntryIssue[] {
  const issues: EntryIssue[] = []
  for (const { parent, child, role } of parentPairs(ctx)) {
    if (!fieldDef(ctx, parent) || !fieldDef(ctx, child)) continue
    const p = dateOf(ctx, parent)
    const c = dateOf(ctx, child)
    if (!p || !c) continue
    const [pFrom, pTo] = partialDateRange(p)
    const [cFrom, cTo] = partialDateRange(c)
    const [min, max] = AGE_GAP[role]
    const mostGap = fullYears(pFrom, cTo)
    const leastGap = fullYears(pTo, cFrom)
    const detail = `${nameOf(ctx, parent)} là ${show(p)}, ${nameOf(ctx, child)} là ${show(c)}; kiểm tra lại`
    if (mostGap < min) {
      issues.push(issue(parent, 'warning', 'date.parentAge', `Người ${role} chưa đủ ${min} tuổi khi con sinh ra: ${detail}`))
    } else if (leastGap > max) {
      issues.push(issue(parent, 'warning', 'date.parentAge', `Người ${role} hơn con trên ${max} tuổi: ${detail}`))
    }
  }
  return issues
}

/** KS: "on time" (1) registered more than 60 days after the birth, or "late" (4) within 60 days. */
function checkBirthTimeliness(ctx: RuleContext): EntryIssue[] {
  if (ctx.def.code !== 'KS') return []
  const kind = valueOf(ctx, 'loaiDangKy')
  const code = kind === undefined ? undefined : resolveCode('loaiDangKyKS', kind)?.code
  const birth = dateOf(ctx, 'nksNgaySinh')
  const registration = dateOf(ctx, REGISTRATION)
  if ((code !== '1' && code !== '4') || !birth || !registration) return []
  if (registration.year < BIRTH_WINDOW_FROM_YEAR) return []
  const [bFrom, bTo] = partialDateRange(birth)
  const [rFrom, rTo] = partialDateRange(registration)
  const fewestDays = isoDay(rFrom) - isoDay(bTo)
  const mostDays = isoDay(rTo) - isoDay(bFrom)
  const when = `sinh ${show(birth)}, đăng ký ${show(registration)}`
  if (code === '1' && fewestDays > BIRTH_REGISTRATION_DAYS) {
    return [issue('loaiDangKy', 'warning', 'registration.lateButOnTime',
      `Loại đăng ký là "đúng hạn" nhưng đăng ký sau ngày sinh ${fewestDays} ngày (quá ${BIRTH_REGISTRATION_DAYS} ngày; ${when}): kiểm tra loại đăng ký hoặc các ngày`)]
  }
  if (code === '4' && mostDays <= BIRTH_REGISTRATION_DAYS) {
    return [issue('loaiDangKy', 'warning', 'registration.onTimeButLate',
      `Loại đăng ký là "quá hạn" nhưng đăng ký trong ${BIRTH_REGISTRATION_DAYS} ngày kể từ ngày sinh (${when}): kiểm tra loại đăng ký hoặc các ngày`)]
  }
  return []
}

export const checkDates: EntryRule = (ctx) => [
  ...checkBookWindow(ctx),
  ...checkOrder(ctx),
  ...checkParentAges(ctx),
  ...checkBirthTimeliness(ctx),
]
