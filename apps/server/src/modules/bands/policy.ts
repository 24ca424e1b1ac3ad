import { can, type Role } from '@hts/domain'

/**
 * Who may mark a book's bands and correct a page's: whoever may key the book (its unit's keyers and
 * justice officer; the scope is the books service's). Reading the layout is part of reading the book.
 */
export function mayMarkBands(user: { role: Role }): boolean {
  return can(user, 'entry.create')
}
