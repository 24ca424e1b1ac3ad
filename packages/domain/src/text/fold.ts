import { normalizeCharacters } from './canonical'

/**
 * Folded key for search and matching: no diacritics, đ→d, lower case, spaces collapsed.
 * "Nguyễn Thị Hoà", "NGUYEN THI HOA" and "nguyễn thị hòa" all fold to "nguyen thi hoa".
 * Every canonical variant (Ð for Đ, NFD, zero-width characters, NBSP, ’ for ') folds to the same key.
 */
export function foldKey(input: string): string {
  return normalizeCharacters(input)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
