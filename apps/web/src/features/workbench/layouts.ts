import type { FieldDef } from '@hts/domain'
import { keyingAssistOff } from './assist'

/** The sections come from the book type's declaration (`pageLayout` in the catalog). */
export { keyingLayout, type KeyingLayout, type LayoutSection } from '@hts/domain'

/** Fields that get suggestions: places, and the signature block's free text. */
export function suggestsValues(field: FieldDef): boolean {
  if (keyingAssistOff()) return false
  return field.kind === 'place' || (field.kind === 'text' && ['nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien'].includes(field.key))
}
