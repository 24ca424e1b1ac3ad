/**
 * Plausibility of the dates of an entry (DOMAIN.md §10). All warnings: the keyer keys what the
 * book says, and a book can be wrong; a person decides. Partial dates are compared by their
 * ranges, and a check that the precision cannot decide stays silent.
 */
import { resolveCode } from '../codes'
import { comparePartialDates, formatPartialDate, partialDateRange, type PartialDate } from '../dates/partial-date'
import { dateOf, fieldDef, issue, nameOf, valueOf, type EntryRule, type RuleContext } from './context'
import type { ParentAgeCheck } from '../catalog/types'
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

function roleOf(ctx: RuleContext, check: ParentAgeCheck): ParentPair['role'] {
  const { parent } = check
  if (parent === 'mother') return 'mẹ'
  if (parent === 'father') return 'cha'
  const value = valueOf(ctx, parent.codeKey)
  const codeList = fieldDef(ctx, parent.codeKey)?.codeList
  const code = value === undefined || !codeList ? undefined : resolveCode(codeList, value)?.code
  if (code !== undefined && parent.mother.includes(code)) return 'mẹ'
  if (code !== undefined && parent.father.includes(code)) return 'cha'
  return 'cha hoặc mẹ'
}

/** The pairs the register declares (catalog `dateChecks.parentAges`). */
function parentPairs(ctx: RuleContext): ParentPair[] {
  return (ctx.def.dateChecks?.parentAges ?? []).map((check) => ({
    parent: check.parentBirthKey,
    child: check.childBirthKey,
    role: roleOf(ctx, check),
  }))
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

/** A birth classified "on time" registered more than 60 days after it, or "late" within 60 days. */
function checkBirthTimeliness(ctx: RuleContext): EntryIssue[] {
  const check = ctx.def.dateChecks?.birthRegistration
  if (!check) return []
  const { classificationKey: kindKey, onTimeCode, lateCode } = check
  const kind = valueOf(ctx, kindKey)
  const codeList = fieldDef(ctx, kindKey)?.codeList
  const code = kind === undefined || !codeList ? undefined : resolveCode(codeList, kind)?.code
  const birth = dateOf(ctx, check.birthDateKey)
  const registration = dateOf(ctx, REGISTRATION)
  if ((code !== onTimeCode && code !== lateCode) || !birth || !registration) return []
  if (registration.year < BIRTH_WINDOW_FROM_YEAR) return []
  const [bFrom, bTo] = partialDateRange(birth)
  const [rFrom, rTo] = partialDateRange(registration)
  const fewestDays = isoDay(rFrom) - isoDay(bTo)
  const mostDays = isoDay(rTo) - isoDay(bFrom)
  const when = `sinh ${show(birth)}, đăng ký ${show(registration)}`
  if (code === onTimeCode && fewestDays > BIRTH_REGISTRATION_DAYS) {
    return [issue(kindKey, 'warning', 'registration.lateButOnTime',
      `Loại đăng ký là "đúng hạn" nhưng đăng ký sau ngày sinh ${fewestDays} ngày (quá ${BIRTH_REGISTRATION_DAYS} ngày; ${when}): kiểm tra loại đăng ký hoặc các ngày`)]
  }
  if (code === lateCode && mostDays <= BIRTH_REGISTRATION_DAYS) {
    return [issue(kindKey, 'warning', 'registration.onTimeButLate',
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
