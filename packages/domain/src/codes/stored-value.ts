import type { CodeItem, CodeListKey } from '../catalog/types'

/**
 * Lists the MOJ template writes as names ("Kinh", "Việt Nam") rather than as codes: an entry keeps
 * the name, as the book does. Every other list (loaiDangKy, gioiTinh...) is written as its code.
 * Forms, imports and exports all store what this says.
 */
export const CODE_LISTS_STORED_AS_LABEL: ReadonlySet<CodeListKey> = new Set<CodeListKey>(['danToc', 'quocTich'])

export function storedCodeValue(list: CodeListKey, item: CodeItem): string {
  return CODE_LISTS_STORED_AS_LABEL.has(list) ? item.label : item.code
}
