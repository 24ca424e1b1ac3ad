/**
 * What the MOJ template needs and a book's entries leave empty, per column: listed beside the Excel
 * in the package (THIEU_THONG_TIN.txt) so that the receiver knows, never filled in. It counts what
 * the rules count as required (missingRequiredKeys): a parent the registration kind says is unknown
 * is what the book says, not missing; a parent column an old book has no box for is missing.
 */
import { bookTypeDefOf, findField, FIELD_GROUPS, missingRequiredKeys, type BookContext, type BookTypeRef, type EntryFields } from '@hts/domain'

export const MISSING_FOR_MOJ_FILE = 'THIEU_THONG_TIN.txt'
/** Entry numbers shown per column: enough to find the pages, short enough to read. */
const SHOWN_NUMBERS = 5

export interface MissingColumn {
  key: string
  /** Label and whose it is, as the template's header note says it. */
  label: string
  entries: number
  firstNumbers: (number | null)[]
}

export interface MissingForMoj {
  /** Passes the entries through unchanged, counting what each lacks (the Excel writer reads the same stream). */
  track<E extends { so: number | null; fields: EntryFields }>(entries: AsyncIterable<E>): AsyncGenerator<E>
  /** The columns some entry lacks, in the template's order. */
  columns(): MissingColumn[]
}

export function missingForMoj(bookType: BookTypeRef, book: BookContext): MissingForMoj {
  const byKey = new Map<string, { entries: number; firstNumbers: (number | null)[] }>()
  return {
    async *track(entries) {
      for await (const entry of entries) {
        for (const key of missingRequiredKeys(bookType, entry.fields, book)) {
          const column = byKey.get(key) ?? { entries: 0, firstNumbers: [] }
          column.entries++
          if (column.firstNumbers.length < SHOWN_NUMBERS) column.firstNumbers.push(entry.so)
          byKey.set(key, column)
        }
        yield entry
      }
    },
    columns() {
      const order = new Map(bookTypeDefOf(bookType).fields.map((f, i) => [f.key, i]))
      return [...byKey]
        .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map(([key, column]) => {
          const def = findField(bookType, key)
          const label = !def ? key : def.group === 'registration' || def.group === 'person' ? def.label : `${def.label} - ${FIELD_GROUPS[def.group]}`
          return { key, label, ...column }
        })
    },
  }
}

/** One book of a package: its package name, how many entries it exported and what they lack. */
export interface MissingForMojBook {
  base: string
  entries: number
  columns: readonly MissingColumn[]
}

/** The text file of the package: one block per book that lacks something; '' when none does. */
export function missingForMojText(books: readonly MissingForMojBook[]): string {
  const lacking = books.filter((b) => b.columns.length > 0)
  if (lacking.length === 0) return ''
  const out = [
    'Thông tin mẫu Bộ Tư pháp yêu cầu mà sổ không ghi: để trống trong tệp Excel, không điền thay.',
    'Cột mà loại đăng ký cho biết không có (ví dụ cha, mẹ chưa xác định) không tính là thiếu.',
    '',
  ]
  for (const { base, entries, columns } of lacking) {
    out.push(`${base}: ${entries} trường hợp, ${columns.length} cột còn thiếu`)
    for (const c of columns) {
      const numbers = c.firstNumbers.map((so) => (so === null ? '(không số)' : String(so))).join(', ')
      const more = c.entries > c.firstNumbers.length ? ', ...' : ''
      out.push(`  - ${c.key} (${c.label}): ${c.entries} trường hợp, số ${numbers}${more}`)
    }
  }
  return out.join('\r\n')
}
