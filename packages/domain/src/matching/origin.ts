/**
 * Ethnicity (dân tộc) and nationality (quốc tịch): books keep the name as written ("Kinh",
 * "H'Mông", "Việt Nam"), extracts sometimes a code or another spelling. Both sides are reduced to
 * the code of the domain's code lists, so that "Kinh", "Kinh (Việt)" and "01" agree.
 *
 * Their weights cannot come from the population's own frequencies (extracts are not counted by
 * these values), so agreement is weighed by how common the value is at most: the national share
 * for Kinh and Việt Nam, and for any other value a share high enough that agreeing on an ethnic
 * minority that fills a whole commune is never strong evidence. A difference is evidence against
 * and makes a found person a mismatch (it is basic information of the civil-status record).
 */
import type { CodeListKey } from '../catalog/types'
import { resolveCode } from '../codes'
import { foldKey } from '../text/fold'
import { Memo } from './cache'
import { log2Ratio } from './model'

export const ORIGIN_FIELDS = { ethnicity: 'danToc', nationality: 'quocTich' } as const satisfies Record<string, CodeListKey>
export type OriginField = keyof typeof ORIGIN_FIELDS

/** How often a true pair shows agreement: a recorded ethnicity may change (by law) or be miscopied. */
export const M_ORIGIN: Record<OriginField, { agree: number; disagree: number }> = {
  ethnicity: { agree: 0.97, disagree: 0.03 },
  nationality: { agree: 0.99, disagree: 0.01 },
}

/** National shares (census 2019: Kinh 85.3%); nationality other than Việt Nam is rare in a commune's books. */
const KNOWN_SHARE: Record<OriginField, Record<string, number>> = {
  ethnicity: { '01': 0.85 },
  nationality: { VN: 0.99 },
}
/** Any other value: a minority can be most of a commune, so its agreement counts modestly. */
const OTHER_SHARE = 0.25
/** Two different people's values differ at least this often (a difference is never evidence for). */
const MIN_DISAGREE_SHARE = 0.1

// One memo per field: no key to build per value (every candidate row has both).
const codes: Record<OriginField, Memo<string | null>> = { ethnicity: new Memo(5_000), nationality: new Memo(5_000) }

// The last value of each field and its code: nearly every record of an extract says the same (Kinh, Việt Nam), and
// comparing with the last value is cheaper than a lookup (two per candidate row).
const last: Record<OriginField, { value: string; code: string | undefined }> = { ethnicity: { value: '', code: undefined }, nationality: { value: '', code: undefined } }

/**
 * The code a value means in the field's code list; a value not in the list is kept as its folded
 * text (prefixed, so that it never equals a code). Undefined for an empty value.
 */
export function originCode(field: OriginField, value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const recent = last[field]
  if (value === recent.value) return recent.code
  const code = lookupCode(field, value)
  last[field] = { value, code }
  return code
}

function lookupCode(field: OriginField, value: string): string | undefined {
  return codes[field].get(value, () => {
    const item = resolveCode(ORIGIN_FIELDS[field], value)
    if (item) return item.code
    const folded = foldKey(value)
    return folded === '' ? null : `~${folded}`
  }) ?? undefined
}

/** Share of the population assumed to carry this value (see the module comment). */
export function originShare(field: OriginField, code: string): number {
  return KNOWN_SHARE[field][code] ?? OTHER_SHARE
}

/** log2(m/u) of agreement or disagreement on the entry's value. */
export function originWeight(field: OriginField, entryCode: string, agree: boolean): number {
  const share = originShare(field, entryCode)
  const m = M_ORIGIN[field]
  return agree ? log2Ratio(m.agree, share) : log2Ratio(m.disagree, Math.max(MIN_DISAGREE_SHARE, 1 - share))
}
