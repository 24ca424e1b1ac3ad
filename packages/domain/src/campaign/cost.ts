/**
 * The campaign's cost (issue 13): entries × unit price per entry, as the plans compute it
 * (1,366,849 entries × 3,000 VND ≈ 4.1 billion). Whole đồng; entries are whole numbers, so the
 * product is exact well below Number.MAX_SAFE_INTEGER (9 × 10^15 đồng).
 */
export function costOf(entries: number, unitPriceVnd: number): number {
  return Math.max(entries, 0) * unitPriceVnd
}

export interface CampaignCost {
  unitPriceVnd: number
  /** Entries digitised so far × price. */
  toDate: number
  /** Entries of the plan not yet digitised × price. */
  remaining: number
  /** The plan's entries × price. */
  planned: number
}

export function campaignCost(done: number, planned: number, unitPriceVnd: number): CampaignCost {
  return { unitPriceVnd, toDate: costOf(done, unitPriceVnd), remaining: costOf(planned - done, unitPriceVnd), planned: costOf(planned, unitPriceVnd) }
}
