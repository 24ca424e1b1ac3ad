import { BOOK_TYPE_CODES, getBookType, type BookTypeCode } from '@hts/domain'

/** Book types in keying priority order, for selects: "KS - Sổ đăng ký khai sinh". */
export function bookTypeOptions(): { value: BookTypeCode; label: string }[] {
  return BOOK_TYPE_CODES.map((code) => ({ value: code, label: `${code} - ${getBookType(code).label}` }))
}

export function bookTypeLabel(code: string): string {
  const known = (BOOK_TYPE_CODES as readonly string[]).includes(code)
  return known ? getBookType(code as BookTypeCode).label : code
}

/** "Sổ đăng ký khai sinh, quyển 01/2024". */
export function bookTitle(book: { bookType: string; volume: string }): string {
  return `${bookTypeLabel(book.bookType)}, quyển ${book.volume}`
}
