/**
 * The volume ("quyển số") a row names, for routing rows to books: "01/2006" is volume 01 opened in
 * 2006; "1" or "Quyển 01" name only the number (the year then comes from the import's choice).
 */
import { volumeNumber } from './file-names'

export interface VolumeRef {
  /** Two or more digits: "01". */
  number: string
  /** Year the volume was opened, when the text says it. */
  year: number | null
}

const VOLUME = /^(?:quyen(?:\s*so)?\s*)?(\d{1,3})\s*(?:[/.-]\s*(\d{4}))?$/

export function parseVolume(text: string): VolumeRef | null {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/:/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const m = VOLUME.exec(folded)
  if (!m) return null
  return { number: volumeNumber(m[1] ?? ''), year: m[2] === undefined ? null : Number(m[2]) }
}

/** The same volume however it is written: "01/2006", "1/2006" → "01/2006"; number only → "01". */
export function volumeLabel(ref: VolumeRef): string {
  return ref.year === null ? ref.number : `${ref.number}/${ref.year}`
}
