import { fieldName, issue, valueOf, type EntryRule } from './context'

/** Every field the catalog marks required must have a value; blank or spaces count as missing. */
export const checkRequired: EntryRule = (ctx) =>
  ctx.def.fields
    .filter((f) => f.required && valueOf(ctx, f.key) === undefined)
    .map((f) => issue(f.key, 'error', 'required', `Chưa nhập ${fieldName(f)}`))
