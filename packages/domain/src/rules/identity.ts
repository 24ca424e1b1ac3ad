/**
 * Personal ID numbers against the person they belong to (sex and century digit, birth year), and
 * identity-document numbers against their type (DOMAIN.md §5, §10). Warnings only: a mismatch is
 * for the commune police and the justice officer to resolve, not for the keyer to "fix".
 * Malformed numbers are reported once, as errors, by field-format.
 */
import { resolveCode } from '../codes'
import { checkPersonalIdAgainst, validateIdDocumentNumber } from '../identity/personal-id'
import { dateOf, fieldDef, issue, nameOf, valueOf, type EntryRule, type RuleContext } from './context'
import type { EntryIssue } from './types'

/** Prefixes whose sex the role itself tells: a mother is a woman, a husband a man. */
const ROLE_SEX: Readonly<Record<string, '1' | '2'>> = { me: '2', cha: '1', vo: '2', chong: '1' }

function sexCode(ctx: RuleContext, key: string): '1' | '2' | '3' | undefined {
  const value = valueOf(ctx, key)
  const code = value === undefined ? undefined : resolveCode('gioiTinh', value)?.code
  return code === '1' || code === '2' || code === '3' ? code : undefined
}

function checkPersonalIds(ctx: RuleContext): EntryIssue[] {
  const issues: EntryIssue[] = []
  for (const def of ctx.def.fields) {
    if (def.kind !== 'personalId') continue
    const id = valueOf(ctx, def.key)
    if (id === undefined) continue
    const prefix = def.key.replace(/SoDinhDanh(CaNhan)?$/, '')
    const subject = ctx.def.subject.personalIdKey === def.key
    const sexKey = subject && ctx.def.subject.sexKey ? ctx.def.subject.sexKey : `${prefix}GioiTinh`
    const birthKey = subject && ctx.def.subject.birthDateKey ? ctx.def.subject.birthDateKey : `${prefix}NgaySinh`
    const sex = (fieldDef(ctx, sexKey) ? sexCode(ctx, sexKey) : undefined) ?? ROLE_SEX[prefix]
    const birthYear = dateOf(ctx, birthKey)?.year
    for (const w of checkPersonalIdAgainst(id, { sex, birthYear }, { today: ctx.today })) {
      issues.push(issue(def.key, 'warning', w.code, `${nameOf(ctx, def.key)}: ${w.message}`))
    }
  }
  return issues
}

/** The type column that goes with a document number: xSoGiayToTuyThan → xLoaiGiayToTuyThan. */
function documentTypeKey(ctx: RuleContext, numberKey: string): string | undefined {
  const sibling = numberKey.replace(/So(GiayToTuyThan)$/, 'Loai$1')
  if (sibling !== numberKey && fieldDef(ctx, sibling)) return sibling
  const group = fieldDef(ctx, numberKey)?.group
  return ctx.def.fields.find((f) => f.group === group && f.codeList === 'loaiGiayToTuyThan')?.key
}

function checkIdDocuments(ctx: RuleContext): EntryIssue[] {
  const issues: EntryIssue[] = []
  for (const def of ctx.def.fields) {
    if (def.kind !== 'idDocumentNumber') continue
    const number = valueOf(ctx, def.key)
    const typeKey = documentTypeKey(ctx, def.key)
    const typeValue = typeKey === undefined ? undefined : valueOf(ctx, typeKey)
    if (number === undefined || typeValue === undefined) continue
    const type = resolveCode('loaiGiayToTuyThan', typeValue)?.code
    if (type === undefined) continue
    for (const w of validateIdDocumentNumber(type, number)) {
      issues.push(issue(def.key, 'warning', w.code, `${nameOf(ctx, def.key)}: ${w.message}`))
    }
  }
  return issues
}

export const checkIdentity: EntryRule = (ctx) => [...checkPersonalIds(ctx), ...checkIdDocuments(ctx)]
