import { codeLabel, resolveCode } from '../codes'
import { FIELD_GROUPS, type FieldDef, type RequiredWhen } from '../catalog/types'
import { bookYearOf, fieldDef, fieldName, issue, valueOf, type EntryRule, type RuleContext } from './context'
import type { EntryIssue } from './types'

/**
 * Every field the catalog marks required must have a value; blank or spaces count as missing.
 * A field required only under some codes (catalog `requiredWhen`: a parent the registration kind
 * says is known) is not asked for under the others, and in a book older than the forms with its
 * box an empty one is a warning: the keyer keys what the book says, never invents it.
 */
export const checkRequired: EntryRule = (ctx) =>
  ctx.def.fields.flatMap((f) => {
    if (!f.required || valueOf(ctx, f.key) !== undefined) return []
    if (!f.requiredWhen) return [issue(f.key, 'error', 'required', `Chưa nhập ${fieldName(f)}`)]
    return conditionalIssues(ctx, f, f.requiredWhen)
  })

/** The code the deciding field holds, or undefined when it is empty or not in its list. */
function decidingCode(ctx: RuleContext, when: RequiredWhen): string | undefined {
  const written = valueOf(ctx, when.codeKey)
  const codeList = fieldDef(ctx, when.codeKey)?.codeList
  return written === undefined || !codeList ? undefined : resolveCode(codeList, written)?.code
}

/** True when the entry's code says the field is needed (an empty code reads as the ordinary case). */
function isRequiredUnder(ctx: RuleContext, when: RequiredWhen): boolean {
  return when.codes.includes(decidingCode(ctx, when) ?? when.emptyReadsAs)
}

function conditionalIssues(ctx: RuleContext, f: FieldDef, when: RequiredWhen): EntryIssue[] {
  if (!isRequiredUnder(ctx, when)) return []
  const name = fieldName(f)
  const whose = FIELD_GROUPS[f.group].replace(/^./, (c) => c.toLowerCase())
  const year = bookYearOf(ctx)
  if (year !== undefined && year < when.blockingFrom) {
    return [issue(f.key, 'warning', 'required',
      `Chưa nhập ${name}: sổ trước năm ${when.blockingFrom} thường không ghi; nhập nếu sổ có ghi, để trống nếu sổ không ghi`)]
  }
  const decider = fieldDef(ctx, when.codeKey)
  const kind = decider?.label ?? when.codeKey
  const code = decidingCode(ctx, when)
  const label = code !== undefined && decider?.codeList ? codeLabel(decider.codeList, code) : undefined
  const why = label === undefined
    ? `nếu sổ không ghi ${whose}, chọn ${kind} theo sổ`
    : `${kind} là "${label}"; nếu sổ không ghi ${whose}, sửa ${kind} cho đúng sổ`
  return [issue(f.key, 'error', 'required', `Chưa nhập ${name}: ${why}`)]
}
