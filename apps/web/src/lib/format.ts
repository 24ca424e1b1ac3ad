import dayjs from 'dayjs'

/** A calendar date sent as ISO (yyyy-mm-dd, possibly with a time part) shown as dd/mm/yyyy. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}

/** The date part (yyyy-mm-dd) of an ISO date, for editing. */
export function isoDatePart(iso: string | null | undefined): string | null {
  if (!iso) return null
  const m = /^\d{4}-\d{2}-\d{2}/.exec(iso)
  return m ? m[0] : null
}

/** A moment in time (ISO timestamp, or a Timestamp of @hts/domain) in local time: dd/mm/yyyy HH:mm. */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : String(iso)
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : n.toLocaleString('vi-VN')
}

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' })

/** An amount of money in đồng, as Vietnamese invoices write it: 1.250.000 ₫. */
export function formatVnd(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : VND.format(n)
}
