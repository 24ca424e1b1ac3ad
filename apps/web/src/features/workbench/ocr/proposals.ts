import type { EntryFields, OcrEntryProposal, OcrProvenance } from '@hts/domain'

/**
 * Which entry block of a read page goes with the entry being keyed, and what each field's OCR
 * proposal is at this moment (issue 16). Pure: the hook feeds it the page read, the entries the
 * page already holds and the session; the tests walk its cases.
 */

/** Below this confidence a proposal is shown but flagged more strongly. */
export const LOW_CONFIDENCE = 60

export type OcrFieldStatus = 'proposed' | 'accepted' | 'changed'

export interface OcrFieldView {
  status: OcrFieldStatus
  proposed: string
  confidence: number
  low: boolean
}

/** "0012" and "12" are the same số; a số that is not a number is compared as written. */
export function normalSo(so: string | number | null | undefined): string | null {
  if (so === null || so === undefined) return null
  const text = String(so).trim()
  if (text === '') return null
  return /^\d+$/.test(text) ? String(Number(text)) : text
}

export interface ExistingEntries {
  /** Entries already on the page (saved, or waiting in the outbox), counted once each. */
  count: number
  /** Their số, normalised. */
  numbers: ReadonlySet<string>
}

/**
 * The entries that already start on a page: those the server links to it (first page of the entry)
 * and this keyer's saves not yet there (outbox, or saved since the page list was fetched), counted
 * once by số.
 */
export function existingEntries(
  linked: ReadonlyArray<{ so: number | null; ordinal: number }>,
  local: ReadonlyArray<{ so: string | undefined }>,
): ExistingEntries {
  const numbers = new Set<string>()
  let count = 0
  for (const e of linked) {
    if (e.ordinal !== 1) continue
    count++
    const so = normalSo(e.so)
    if (so) numbers.add(so)
  }
  for (const e of local) {
    const so = normalSo(e.so)
    // Without a số it cannot be told apart from a linked entry: not counted (a save lands in the list soon).
    if (!so || numbers.has(so)) continue
    numbers.add(so)
    count++
  }
  return { count, numbers }
}

const soOf = (block: OcrEntryProposal) => normalSo(block.fields.find((f) => f.key === 'so')?.value)

/**
 * The block of the page for a new entry: the k-th block, k = entries already on the page, where a
 * block whose số is an existing entry's is skipped (it is that entry, keyed out of order or by
 * someone else). A free block carrying the số the form expects wins outright; a block whose số was
 * read as another number than the form's is not this entry (a whole entry of another's values
 * costs the keyer more than none: when the read missed a block, the next one is not shifted onto
 * it). The lines above the page's first số (the end of an entry begun on the previous page) are
 * never a new entry.
 */
export function chooseBlock(blocks: readonly OcrEntryProposal[], existing: ExistingEntries, expectedSo?: string): OcrEntryProposal | null {
  const ordered = blocks.filter((b) => !b.continued).sort((a, b) => a.index - b.index)
  const free = ordered.filter((b) => {
    const so = soOf(b)
    return !so || !existing.numbers.has(so)
  })
  const expected = normalSo(expectedSo)
  if (expected) {
    const same = free.find((b) => soOf(b) === expected)
    if (same) return same
  }
  const taken = ordered.length - free.length
  const candidate = free[Math.max(0, existing.count - taken)] ?? null
  const so = candidate && soOf(candidate)
  return expected && so && so !== expected ? null : candidate
}

export interface ProposalInput {
  block: OcrEntryProposal | null
  /** The form's visible fields, in keying order: proposals elsewhere are not offered. */
  order: readonly string[]
  fields: EntryFields
  /** What the keyer passed over so far (saved with the entry). */
  provenance: OcrProvenance
  /** Fields the keyer changed in this entry: a proposal never takes their place. */
  touched: ReadonlySet<string>
}

/**
 * Each field's OCR state: proposed (shown, not yet a value: the field is empty and untouched),
 * accepted (passed over, value as proposed) or changed (passed over, corrected).
 */
export function fieldViews({ block, order, fields, provenance, touched }: ProposalInput): Map<string, OcrFieldView> {
  const views = new Map<string, OcrFieldView>()
  for (const p of provenance) {
    const value = fields[p.key] ?? ''
    views.set(p.key, { status: value === p.proposed ? 'accepted' : 'changed', proposed: p.proposed, confidence: p.confidence, low: p.confidence < LOW_CONFIDENCE })
  }
  if (!block) return views
  const visible = new Set(order)
  for (const f of block.fields) {
    if (views.has(f.key) || !visible.has(f.key) || touched.has(f.key) || f.value === '' || (fields[f.key] ?? '') !== '') continue
    views.set(f.key, { status: 'proposed', proposed: f.value, confidence: f.confidence, low: f.confidence < LOW_CONFIDENCE })
  }
  return views
}

/** Fields still showing a proposal, in the form's order. */
export function pendingKeys(views: ReadonlyMap<string, OcrFieldView>, order: readonly string[]): string[] {
  return order.filter((k) => views.get(k)?.status === 'proposed')
}

/** The form's values with the pending proposals shown in their fields (never saved as such). */
export function withProposals(fields: EntryFields, views: ReadonlyMap<string, OcrFieldView>): EntryFields {
  let shown: EntryFields | null = null
  for (const [key, v] of views) {
    if (v.status !== 'proposed') continue
    shown ??= { ...fields }
    shown[key] = v.proposed
  }
  return shown ?? fields
}

/** The provenance after the keyer left a field that showed a proposal (kept once per field). */
export function passOver(provenance: OcrProvenance, key: string, view: OcrFieldView): OcrProvenance {
  return [...provenance.filter((p) => p.key !== key), { key, proposed: view.proposed, confidence: view.confidence }]
}
