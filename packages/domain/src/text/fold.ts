/**
 * Folded key for search and matching: no diacritics, đ→d, lower case, spaces collapsed.
 * "Nguyễn Thị Hoà", "NGUYEN THI HOA" and "nguyễn thị hòa" all fold to "nguyen thi hoa".
 */
export function foldKey(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}
