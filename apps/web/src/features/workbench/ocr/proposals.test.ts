import type { OcrEntryProposal } from '@hts/domain'
import { describe, expect, it } from 'vitest'
import { chooseBlock, existingEntries, fieldViews, passOver, pendingKeys, withProposals, type ProposalInput } from './proposals'

const block = (index: number, so: string | null, extra: Record<string, [string, number]> = {}): OcrEntryProposal => ({
  index,
  fields: [
    ...(so === null ? [] : [{ key: 'so', value: so, confidence: 90 }]),
    ...Object.entries(extra).map(([key, [value, confidence]]) => ({ key, value, confidence })),
  ],
})

describe('which block of the page goes with the new entry', () => {
  const blocks = [block(0, '12'), block(1, '13'), block(2, '14')]

  it('counts the entries starting on the page once, by số (server list and this keyer\'s pending saves)', () => {
    const e = existingEntries([{ so: 12, ordinal: 1 }, { so: 11, ordinal: 2 }], [{ so: '12' }, { so: '0013' }, { so: undefined }])
    expect(e.count).toBe(2)
    expect([...e.numbers].sort()).toEqual(['12', '13'])
  })

  it('takes the k-th block, k = entries already on the page', () => {
    expect(chooseBlock(blocks, existingEntries([], []))?.index).toBe(0)
    expect(chooseBlock(blocks, existingEntries([{ so: null, ordinal: 1 }], []))?.index).toBe(1)
    expect(chooseBlock(blocks, existingEntries([{ so: null, ordinal: 1 }, { so: null, ordinal: 1 }, { so: null, ordinal: 1 }], []))).toBeNull()
  })

  it('skips a block whose số is an existing entry\'s (keyed out of order)', () => {
    // Entry 13 was keyed first: the next entry is 12, the page's first block.
    expect(chooseBlock(blocks, existingEntries([{ so: 13, ordinal: 1 }], []))?.index).toBe(0)
    // 12 and 14 keyed, one unknown: block 13 is the only free one.
    expect(chooseBlock(blocks, existingEntries([{ so: 12, ordinal: 1 }, { so: 14, ordinal: 1 }], []))?.index).toBe(1)
  })

  it('prefers the free block carrying the số the form expects', () => {
    expect(chooseBlock(blocks, existingEntries([], []), '14')?.index).toBe(2)
    // A số already keyed is never chosen again, even when the form expects it; nor is the first free
    // block, read as 12 (once the keyer corrects the form's số to 12, it is).
    expect(chooseBlock(blocks, existingEntries([{ so: 14, ordinal: 1 }], []), '14')).toBeNull()
    expect(chooseBlock(blocks, existingEntries([{ so: 14, ordinal: 1 }], []), '12')?.index).toBe(0)
  })

  it('never offers a block read with another số than the form\'s (the read missed this entry)', () => {
    // The page's first entry was not read as one (its "Số" line lost, it counts as the previous
    // page's tail): số 1 gets no block rather than số 2's values; số 2 gets its own.
    const missed = [{ index: 0, continued: true, fields: [{ key: 'nksHoTen', value: 'Tạ Văn Anh', confidence: 90 }] }, block(1, '2')]
    expect(chooseBlock(missed, existingEntries([], []), '1')).toBeNull()
    expect(chooseBlock(missed, existingEntries([], [{ so: '1' }]), '2')?.index).toBe(1)
    // Without a số in the form, position decides as before.
    expect(chooseBlock(missed, existingEntries([], []))?.index).toBe(1)
  })

  it('never takes the end of an entry begun on the previous page', () => {
    const withTail = [{ index: 0, continued: true, fields: [{ key: 'chaHoTen', value: 'Lê Văn A', confidence: 90 }] }, block(1, '12'), block(2, '13')]
    expect(chooseBlock(withTail, existingEntries([], []))?.index).toBe(1)
    expect(chooseBlock(withTail, existingEntries([{ so: null, ordinal: 1 }, { so: 11, ordinal: 2 }], []))?.index).toBe(2)
  })

  it('falls back to position when the số was not recognised', () => {
    const unread = [block(0, null), block(1, null)]
    expect(chooseBlock(unread, existingEntries([{ so: 5, ordinal: 1 }], []), '6')?.index).toBe(1)
  })
})

describe('field states: proposed, accepted, changed', () => {
  const b = block(0, '12', { nksHoTen: ['Nguyễn Văn An', 91], nksNoiSinh: ['Trạm y tế xã An Phú', 42], meHoTen: ['Trần Thị Bình', 88], ghiChu: ['', 10] })
  const base: ProposalInput = { block: b, order: ['so', 'nksHoTen', 'nksNoiSinh', 'meHoTen', 'ghiChu'], fields: { so: '12' }, provenance: [], touched: new Set() }

  it('proposes into empty, untouched, visible fields only; flags low confidence', () => {
    const views = fieldViews({ ...base, order: ['so', 'nksHoTen', 'nksNoiSinh'] })
    expect([...views.keys()]).toEqual(['nksHoTen', 'nksNoiSinh'])
    expect(views.get('nksHoTen')).toEqual({ status: 'proposed', proposed: 'Nguyễn Văn An', confidence: 91, low: false })
    expect(views.get('nksNoiSinh')?.low).toBe(true)
    // Carry-forward value (so) kept; a field the keyer already changed gets no proposal.
    expect(fieldViews({ ...base, touched: new Set(['meHoTen']) }).has('meHoTen')).toBe(false)
    expect(fieldViews({ ...base, fields: { so: '12', meHoTen: 'Lê Thị C' } }).has('meHoTen')).toBe(false)
  })

  it('shows proposals in the form without making them values', () => {
    const views = fieldViews(base)
    expect(pendingKeys(views, base.order)).toEqual(['nksHoTen', 'nksNoiSinh', 'meHoTen'])
    const shown = withProposals(base.fields, views)
    expect(shown).toEqual({ so: '12', nksHoTen: 'Nguyễn Văn An', nksNoiSinh: 'Trạm y tế xã An Phú', meHoTen: 'Trần Thị Bình' })
    expect(base.fields).toEqual({ so: '12' })
  })

  it('accepted when left as proposed, changed when corrected; provenance kept once per field', () => {
    const views = fieldViews(base)
    const nameView = views.get('nksHoTen')
    const placeView = views.get('nksNoiSinh')
    if (!nameView || !placeView) throw new Error('proposals expected')
    let provenance = passOver([], 'nksHoTen', nameView)
    provenance = passOver(provenance, 'nksNoiSinh', placeView)
    provenance = passOver(provenance, 'nksNoiSinh', placeView)
    expect(provenance).toEqual([
      { key: 'nksHoTen', proposed: 'Nguyễn Văn An', confidence: 91 },
      { key: 'nksNoiSinh', proposed: 'Trạm y tế xã An Phú', confidence: 42 },
    ])
    const after = fieldViews({ ...base, provenance, fields: { so: '12', nksHoTen: 'Nguyễn Văn An', nksNoiSinh: 'Trạm y tế xã An Phú, huyện X' }, touched: new Set(['nksNoiSinh']) })
    expect(after.get('nksHoTen')?.status).toBe('accepted')
    expect(after.get('nksNoiSinh')?.status).toBe('changed')
    expect(pendingKeys(after, base.order)).toEqual(['meHoTen'])
    // Cleared after accepting: changed (to nothing), never proposed again.
    expect(fieldViews({ ...base, provenance, fields: { so: '12' } }).get('nksHoTen')?.status).toBe('changed')
  })

  it('no block: only what was passed over', () => {
    expect(fieldViews({ ...base, block: null }).size).toBe(0)
  })
})
