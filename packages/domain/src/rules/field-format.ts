/** Each value must be readable as what its catalog kind says. Unreadable values are errors. */
import type { FieldDef } from '../catalog/types'
import { CODE_LISTS, resolveCode } from '../codes'
import { parsePartialDate } from '../dates/partial-date'
import { validatePersonalId } from '../identity/personal-id'
import { convertLegacyText, detectLegacyEncoding } from '../text/legacy-encoding'
import { fieldName, issue, valueOf, type EntryRule, type RuleContext } from './context'
import type { EntryIssue } from './types'

/** Beyond these lengths a value is a paste gone wrong, not what a book says. */
export const MAX_LENGTH = {
  personName: 150,
  place: 500,
  text: 2000,
  idDocumentNumber: 50,
} as const

const LEGACY_LABEL = { tcvn3: 'TCVN3 (ABC, phông .Vn)', vni: 'VNI' } as const

function checkText(def: FieldDef, value: string, max: number): EntryIssue[] {
  const name = fieldName(def)
  if (value.length > max) {
    return [issue(def.key, 'error', 'text.tooLong', `${name} dài ${value.length} ký tự, quá ${max}: kiểm tra lại (có thể đã dán nhầm)`)]
  }
  const encoding = detectLegacyEncoding(value)
  if (encoding) {
    const converted = convertLegacyText(value, encoding)
    return [
      issue(def.key, 'warning', 'text.legacyEncoding', `${name} có vẻ gõ bằng bảng mã cũ ${LEGACY_LABEL[encoding]}: "${value}" nên là "${converted}"; hãy chuyển sang Unicode`),
    ]
  }
  return []
}

function checkCode(def: FieldDef, value: string): EntryIssue[] {
  if (!def.codeList || resolveCode(def.codeList, value)) return []
  const items = CODE_LISTS[def.codeList]
  const choices = items.length <= 8 ? ` (${items.map((i) => `${i.code}: ${i.label}`).join('; ')})` : ''
  return [issue(def.key, 'error', 'code.unknown', `${fieldName(def)} "${value}" không có trong danh mục: chọn một giá trị trong danh mục${choices}`)]
}

function checkField(ctx: RuleContext, def: FieldDef, value: string): EntryIssue[] {
  const name = fieldName(def)
  switch (def.kind) {
    case 'partialDate': {
      const parsed = parsePartialDate(value, { today: ctx.today })
      if (!parsed.ok) return [issue(def.key, 'error', 'date.invalid', `${name}: ${parsed.message}`)]
      return parsed.warnings.map((w) => issue(def.key, 'warning', 'date.warning', `${name}: ${w}`))
    }
    case 'integer': {
      // Books (and the MOJ template's own sample) write an entry number with its year: "01/2018".
      const m = /^(\d+)(?:\/(\d{4}))?$/.exec(value)
      if (m && Number(m[1]) > 0) return []
      return [issue(def.key, 'error', 'integer.invalid', `${name} "${value}" phải là số nguyên dương (ví dụ 12, hoặc 12/2008 khi sổ ghi kèm năm)`)]
    }
    case 'personalId': {
      const result = validatePersonalId(value, { today: ctx.today })
      return result.ok ? [] : [issue(def.key, 'error', 'id.invalid', `${name}: ${result.message}`)]
    }
    case 'code':
      return checkCode(def, value)
    case 'personName':
    case 'place':
    case 'text':
    case 'idDocumentNumber':
      return checkText(def, value, MAX_LENGTH[def.kind])
    default: {
      const unknown: never = def.kind
      return unknown
    }
  }
}

const FORMAT_CACHE_LIMIT = 5_000
const formatCache = new WeakMap<FieldDef, Map<string, readonly EntryIssue[]>>()
const NO_ISSUES: readonly EntryIssue[] = Object.freeze([])

/**
 * A value's format verdict depends only on the field, the value and (dates, ID numbers) today:
 * remembered per field, since an import checks the same codes, dates and places row after row.
 */
function cachedCheck(ctx: RuleContext, def: FieldDef, value: string): readonly EntryIssue[] {
  let cache = formatCache.get(def)
  if (!cache) formatCache.set(def, (cache = new Map()))
  const today = def.kind === 'partialDate' || def.kind === 'personalId' ? `|${ctx.today.getFullYear()}-${ctx.today.getMonth()}-${ctx.today.getDate()}` : ''
  const key = value + today
  let issues = cache.get(key)
  if (issues === undefined) {
    const found = checkField(ctx, def, value)
    issues = found.length === 0 ? NO_ISSUES : Object.freeze(found.map((i) => Object.freeze(i)))
    if (cache.size >= FORMAT_CACHE_LIMIT) cache.clear()
    cache.set(key, issues)
  }
  return issues
}

export const checkFieldFormats: EntryRule = (ctx) => {
  const issues: EntryIssue[] = []
  for (const def of ctx.def.fields) {
    const value = valueOf(ctx, def.key)
    if (value !== undefined) issues.push(...cachedCheck(ctx, def, value))
  }
  return issues
}
