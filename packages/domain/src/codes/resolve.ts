/**
 * Turning what a book or a file says ("1", " 01 ", "1.0", "KINH", "H'Mông", "Việt nam") into a
 * code-list item. The book's own text is stored as written; this only finds the code it means.
 */
import type { CodeItem, CodeListKey } from '../catalog/types'
import { foldKey } from '../text/fold'
import { CODE_LISTS } from './code-lists'

/** Excel hands numbers over as "1" or "1.0"; books and templates pad codes as "01". */
const NUMERIC = /^\d+(?:\.0+)?$/

/** Folded, then without spaces and punctuation: "Khơ-me", "Khơ Me" and "Khơme" meet. */
function compactKey(text: string): string {
  return foldKey(text).replace(/[^a-z0-9]/g, '')
}

interface ListIndex {
  byCode: Map<string, CodeItem>
  byNumber: Map<number, CodeItem>
  byFolded: Map<string, CodeItem>
  byCompact: Map<string, CodeItem>
}

const indexes = new Map<CodeListKey, ListIndex>()

function namesOf(item: CodeItem): string[] {
  return [item.label, ...(item.aliases ?? [])]
}

function indexOf(list: CodeListKey): ListIndex {
  const cached = indexes.get(list)
  if (cached) return cached
  const index: ListIndex = { byCode: new Map(), byNumber: new Map(), byFolded: new Map(), byCompact: new Map() }
  for (const item of CODE_LISTS[list]) {
    index.byCode.set(item.code, item)
    if (NUMERIC.test(item.code)) index.byNumber.set(Number(item.code), item)
    for (const name of namesOf(item)) {
      // First declaration wins; findCodeCollisions reports any name that would mean two codes.
      if (!index.byFolded.has(foldKey(name))) index.byFolded.set(foldKey(name), item)
      if (!index.byCompact.has(compactKey(name))) index.byCompact.set(compactKey(name), item)
    }
  }
  indexes.set(list, index)
  return index
}

/**
 * The item a value means, or undefined. An exact code wins, then labels and aliases (folded, then
 * compacted), and a code in the wrong case only last: "my" is Mỹ, "MY" is Malaysia, "vn" is VN.
 */
export function resolveCode(list: CodeListKey, input: string): CodeItem | undefined {
  const text = input.normalize('NFC').trim()
  if (text === '') return undefined
  const index = indexOf(list)
  if (NUMERIC.test(text)) return index.byNumber.get(Number(text)) ?? index.byCode.get(text)
  return (
    index.byCode.get(text) ??
    index.byFolded.get(foldKey(text)) ??
    (compactKey(text) === '' ? undefined : index.byCompact.get(compactKey(text))) ??
    index.byCode.get(text.toUpperCase())
  )
}

/** The label of a code ('01' or '1' both give 'Kinh'), or undefined if the code is not in the list. */
export function codeLabel(list: CodeListKey, code: string): string | undefined {
  const text = code.trim()
  const index = indexOf(list)
  const item = NUMERIC.test(text) ? index.byNumber.get(Number(text)) : index.byCode.get(text)
  return item?.label
}

/**
 * Names (label or alias) that would resolve to more than one code in a list, as
 * "name → code, code". Empty for a sound list; for checking lists edited by an administrator.
 */
export function findCodeCollisions(list: CodeListKey): string[] {
  const seen = new Map<string, Set<string>>()
  const note = (key: string, code: string) => {
    if (key === '') return
    const codes = seen.get(key) ?? new Set<string>()
    codes.add(code)
    seen.set(key, codes)
  }
  const codes = new Set<string>()
  const problems: string[] = []
  for (const item of CODE_LISTS[list]) {
    if (codes.has(item.code)) problems.push(`mã ${item.code} lặp lại`)
    codes.add(item.code)
    for (const name of namesOf(item)) {
      note(`folded:${foldKey(name)}`, item.code)
      note(`compact:${compactKey(name)}`, item.code)
    }
  }
  for (const [key, set] of seen) {
    if (set.size > 1) problems.push(`${key} → ${[...set].join(', ')}`)
  }
  return problems
}
