/**
 * Marginal notes as officers wrote them in the books' ghi chú column, in their own words:
 * "Thay đổi họ tên từ Nguyễn Văn Tèo thành Nguyễn Văn Tiến theo Quyết định số 12/QĐ-UBND ngày
 * 03/4/2019 của UBND huyện Kim Bảng", "Đã ly hôn theo Bản án số 15/2018/HNGĐ-ST ngày 12/5/2018 của
 * TAND huyện Yên Định", "Xác định lại dân tộc từ Kinh thành Tày". A line whose kind is recognised and
 * that names a change or a basis becomes a note; anything else stays the book's text. The line itself
 * is kept as the note's text and `bookText`, so nothing the book says is lost or reworded.
 */
import { bookTypeDefOf, type BookTypeRef } from '../catalog'
import { formatPartialDate, parsePartialDate } from '../dates/partial-date'
import { foldKey } from '../text/fold'
import type { NoteKind } from '../api/history'
import { noteFieldKeys, parseNoteLine, type NoteText } from './notes'

/** Kinds by the words that open them (folded), most specific first: "hủy việc kết hôn" before "kết hôn". */
const KIND_WORDS: ReadonlyArray<readonly [NoteKind, RegExp]> = [
  ['annulment', /\bhuy (viec )?ket hon\b/],
  ['divorce', /\bly hon\b/],
  ['marriage_recognition', /\bcong nhan (viec )?ket hon\b/],
  ['parent_recognition', /\b(nhan|cong nhan|xac dinh) (la )?(cha|me|con)\b/],
  ['ethnicity', /\bxac dinh lai dan toc\b/],
  ['sex', /\bxac dinh lai gioi tinh\b/],
  ['death', /\b(tuyen bo (la )?(da )?chet|tuyen bo mat tich|huy (quyet dinh )?tuyen bo)\b/],
  ['correction', /\bcai chinh\b/],
  ['supplement', /\bbo sung\b/],
  ['change', /\bthay doi\b/],
]

/** Words naming a fact of a person (folded) → the catalog's suffix, longest first so "họ, chữ đệm, tên" wins over "tên". */
const FIELD_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bho,? chu dem,? (va )?ten\b|\bho va ten\b|\bho ten\b|\bho, ten\b/, 'HoTen'],
  [/\bngay,? thang,? nam sinh\b|\bngay sinh\b|\bnam sinh\b/, 'NgaySinh'],
  [/\bnoi sinh\b/, 'NoiSinh'],
  [/\bque quan\b/, 'QueQuan'],
  [/\bdan toc\b/, 'DanToc'],
  [/\bquoc tich\b/, 'QuocTich'],
  [/\bgioi tinh\b/, 'GioiTinh'],
  [/\bnoi cu tru\b|\bnoi thuong tru\b/, 'NoiCuTru'],
  [/\bten\b/, 'HoTen'],
]

/** Whose fact: the words before the values name the mother, father, wife or husband; else the entry's subject. */
const PARTY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(nguoi )?me\b/, 'me'],
  [/\b(nguoi )?cha\b/, 'cha'],
  [/\b(ben )?vo\b/, 'vo'],
  [/\b(ben )?chong\b/, 'chong'],
]

/** Where a value ends: the basis that follows it, a sentence's end, the line's end. */
const VALUE_END = String.raw`(?=,?\s+(?:theo|tại|căn cứ|trích lục|quyết định|qđ|bản án)(?:\s|$)|[;.]\s|[;.]?$)`
/** "từ A thành B" / "từ A sang B" (the original's letters, not folded). */
const FROM_TO = new RegExp(String.raw`(?:^|\s)từ\s+(.+?)\s+(?:thành|sang)\s+(.+?)${VALUE_END}`, 'iu')
/** "Bổ sung quê quán: Xã X" — a supplement gives a value without "from". */
const SUPPLEMENT_VALUE = new RegExp(String.raw`^(.*?bổ sung[^:]*?):\s*(.+?)${VALUE_END}`, 'iu')
const DECISION = /\b(?:quyết định|qđ|bản án|trích lục|văn bản|giấy chứng nhận)\s*(?:số|sô|so)?\s*:?\s*([0-9][\p{L}\p{N}/.-]*)/iu
const DATE_WORDS = /\bngày\s+(\d{1,2})\s*(?:\/|-|\.|tháng)\s*(\d{1,2})\s*(?:\/|-|\.|năm)\s*(\d{4})\b/iu
const AUTHORITY = /\bcủa\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|TAND|Tòa án nhân dân|Toà án nhân dân|Sở Tư pháp|Phòng Tư pháp|Chủ tịch UBND)\b.+?)\s*[.;]?$/iu

function subjectPrefix(bookType: BookTypeRef): string {
  const nameKey = bookTypeDefOf(bookType).subject.nameKey
  return nameKey.endsWith('HoTen') ? nameKey.slice(0, -'HoTen'.length) : ''
}

/** The field the words before the values name, when the book type has it and a note may change it. */
function fieldOf(bookType: BookTypeRef, words: string): string | undefined {
  const folded = foldKey(words)
  const suffix = FIELD_WORDS.find(([re]) => re.test(folded))?.[1]
  if (!suffix) return undefined
  // The party is named after the field ("họ tên của mẹ", "ngày sinh người cha") or before it ("mẹ có họ tên").
  const party = PARTY_WORDS.find(([re]) => re.test(folded))?.[1] ?? subjectPrefix(bookType)
  const key = `${party}${suffix}`
  return noteFieldKeys(bookType).has(key) ? key : undefined
}

/** A value as the form holds it: dates in the catalog's form, other text trimmed of quotes. */
function valueFor(bookType: BookTypeRef, key: string, raw: string): string {
  const value = raw.trim().replace(/^["“”']+|["“”']+$/g, '').trim()
  const kind = bookTypeDefOf(bookType).fields.find((f) => f.key === key)?.kind
  if (kind === 'partialDate') {
    const parsed = parsePartialDate(value)
    if (parsed.ok) return formatPartialDate(parsed.value)
  }
  return value
}

/** One free-text line of a book's ghi chú read as a note, or null when it is not one (it stays the book's text). */
export function parseFreeNoteLine(bookType: BookTypeRef, line: string): (NoteText & { bookText: string }) | null {
  const text = line.trim()
  if (text.length < 8 || text.length > 4000) return null
  const folded = foldKey(text)
  const kind = KIND_WORDS.find(([, re]) => re.test(folded))?.[0]
  if (!kind) return null
  const changes: Record<string, string | null> = {}
  const fromTo = FROM_TO.exec(text)
  if (fromTo?.[1] && fromTo[2]) {
    const key = fieldOf(bookType, text.slice(0, fromTo.index)) ?? (kind === 'ethnicity' ? fieldOf(bookType, 'dân tộc') : kind === 'sex' ? fieldOf(bookType, 'giới tính') : undefined)
    if (key) changes[key] = valueFor(bookType, key, fromTo[2])
  } else if (kind === 'supplement') {
    const supplement = SUPPLEMENT_VALUE.exec(text)
    const key = supplement?.[1] ? fieldOf(bookType, supplement[1].replace(/^.*?bổ sung/iu, '')) : undefined
    if (key && supplement?.[2]) changes[key] = valueFor(bookType, key, supplement[2])
  }
  const decision = DECISION.exec(text)?.[1]?.replace(/[.,;]+$/, '')
  const date = DATE_WORDS.exec(text)
  const noteDate = date ? parsePartialDate(`${date[1]}/${date[2]}/${date[3]}`) : undefined
  const authority = AUTHORITY.exec(text)?.[1]?.trim()
  // A kind word alone ("mẹ đã thay đổi chỗ ở") is not enough: a note names what it changed or its basis.
  if (Object.keys(changes).length === 0 && !decision && !noteDate?.ok) return null
  return {
    kind,
    noteDate: noteDate?.ok ? formatPartialDate(noteDate.value) : null,
    decisionNumber: decision ?? null,
    authority: authority ?? null,
    changes,
    text,
    bookText: text,
  }
}

/**
 * An imported ghi chú column split into the book's own text and the notes it carries. Lines written as
 * `noteLine` writes them (this system's export) become notes and leave the column; lines the officers
 * wrote in their own words stay in the column as the book says them and become notes too, with
 * `bookText` so the export does not write them twice.
 */
export function splitNotesColumn(bookType: BookTypeRef, column: string | undefined): { bookText: string | undefined; notes: NoteText[] } {
  if (!column) return { bookText: column, notes: [] }
  const kept: string[] = []
  const notes: NoteText[] = []
  for (const line of column.split('\n')) {
    const note = parseNoteLine(bookType, line)
    if (note) {
      notes.push(note)
      continue
    }
    kept.push(line)
    const free = parseFreeNoteLine(bookType, line)
    if (free) notes.push(free)
  }
  return { bookText: kept.length > 0 ? kept.join('\n') : undefined, notes }
}
