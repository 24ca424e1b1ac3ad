import { can, getBookType, isBookTypeCode, type Role } from '@hts/domain'

/**
 * Who reads proposals and which books are read. Proposals show what a page says about people, so
 * only those who key or check entries get them; a book's OCR defaults to on where its pages are
 * likely printed: a type with a printed layout, a book begun in 2006 or later (software-printed
 * registers spread from then on; handwritten books before that read poorly and would only slow the
 * keyer). An officer turns it on or off per book.
 */
export const PRINTED_FROM_YEAR = 2006

/** Pages read so far and their mean confidence below which the screen suggests turning OCR off. */
export const SUGGEST_OFF = { minPages: 3, belowConfidence: 60 } as const

export function mayReadProposals(user: { role: Role }): boolean {
  return can(user, 'entry.create') || can(user, 'entry.review')
}

/** The type declares how its printed pages read (catalog `printedLayout`): without it OCR is never offered. */
export function ocrAvailable(book: { book_type: string }): boolean {
  return isBookTypeCode(book.book_type) && getBookType(book.book_type).printedLayout !== undefined
}

export function defaultOcrEnabled(book: { book_type: string; year: number }): boolean {
  return ocrAvailable(book) && book.year >= PRINTED_FROM_YEAR
}

/** The setting in force: the book's own row, else the default. */
export function ocrEnabled(book: { book_type: string; year: number }, setting: { enabled: boolean } | undefined): boolean {
  return ocrAvailable(book) && (setting ? setting.enabled : defaultOcrEnabled(book))
}

export function suggestOff(pagesRead: number, meanConfidence: number | null): boolean {
  return pagesRead >= SUGGEST_OFF.minPages && meanConfidence !== null && meanConfidence < SUGGEST_OFF.belowConfidence
}
