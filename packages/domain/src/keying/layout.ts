/**
 * The keying workbench's sections for a book type: the page layout its declaration gives, or the
 * catalog's groups with the repeating signature block last. Enter and Tab follow this order.
 */
import { bookTypeDefOf, fieldGroupsOf, type BookTypeRef } from '../catalog'
import type { FieldDef } from '../catalog/types'
import { CARRY_FORWARD_KEYS } from './carry-forward'

export interface LayoutSection {
  title: string
  fields: FieldDef[]
}

export interface KeyingLayout {
  /** Sections in the order the book's page shows them. */
  sections: LayoutSection[]
  /** Catalog fields the page of this register rarely has, behind "Các ô khác" (Alt+M). */
  more: FieldDef[]
}

const REPEATING_TITLE = 'Ghi chú, người ký (điền sẵn từ trường hợp trước)'
const REPEATING = new Set<string>([...CARRY_FORWARD_KEYS, 'ghiChu'])

export function keyingLayout(bookType: BookTypeRef): KeyingLayout {
  const def = bookTypeDefOf(bookType)
  const all = def.fields
  if (def.pageLayout) {
    const byKey = new Map(all.map((f) => [f.key, f]))
    const sections = def.pageLayout.map((s) => ({ title: s.title, fields: s.keys.flatMap((k) => byKey.get(k) ?? []) }))
    const placed = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)))
    return { sections, more: all.filter((f) => !placed.has(f.key)) }
  }
  const sections = fieldGroupsOf(def).map((g) => ({ title: g.label, fields: g.fields.filter((f) => !REPEATING.has(f.key)) }))
  sections.push({ title: REPEATING_TITLE, fields: all.filter((f) => REPEATING.has(f.key)) })
  return { sections: sections.filter((s) => s.fields.length > 0), more: [] }
}
