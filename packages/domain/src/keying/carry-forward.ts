/** Header values that repeat from one entry to the next inside a book; the keyer overwrites what differs. */
export const CARRY_FORWARD_KEYS = ['quyenSo', 'noiDangKy', 'nguoiKy', 'chucVuNguoiKy', 'nguoiThucHien'] as const

/** "12" → "13", "009" → "010", "01/2018" → "02/2018": the next number written the way the book writes it. */
export function nextEntryNumber(so: string | undefined): string {
  const match = so?.trim().match(/^(\d{1,9})(\/\d{4})?$/)
  if (!match?.[1]) return '1'
  const next = String(Number(match[1]) + 1)
  return next.padStart(match[1].length, '0') + (match[2] ?? '')
}

/**
 * The fields a new entry starts with after `previous` was saved in the same book: the repeating
 * header values, số + 1 and the same trang (the keyer changes it when the page changes).
 */
export function carryForwardFields(previous: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of CARRY_FORWARD_KEYS) {
    const value = previous[key]?.trim()
    if (value) out[key] = value
  }
  out.so = nextEntryNumber(previous.so)
  const trang = previous.trangSo?.trim()
  if (trang) out.trangSo = trang
  return out
}
