import { z } from 'zod'

/**
 * The campaign dashboard (issue 13): one unit's figures rolled up from the units below it. Figures
 * only, no citizen's data; keyer names only for a reader who may see that unit's accounts.
 */

/** What the throughput counts, from the revisions' change kinds (`entry_activity.action`). */
export const THROUGHPUT_METRICS = {
  keyed: 'Nhập xong',
  checked: 'Kiểm tra',
  approved: 'Phê duyệt',
  returned: 'Trả lại',
  handedOver: 'Chuyển giao',
} as const
export type ThroughputMetric = keyof typeof THROUGHPUT_METRICS

/**
 * The metric a revision counts for: "keyed" is an entry marked keyed, or imported complete (an
 * import's row that starts as keyed); a draft saved is not progress yet.
 */
/** The change kinds that can count as keyed (an import only when it did not leave a draft). */
export const KEYED_ACTIONS: readonly string[] = ['transition:markKeyed', 'import']

export function throughputMetricOf(action: string, status: string): ThroughputMetric | undefined {
  if (action === 'transition:markKeyed' || (action === 'import' && status !== 'draft')) return 'keyed'
  if (action === 'transition:check') return 'checked'
  if (action === 'transition:approve') return 'approved'
  if (action === 'transition:return') return 'returned'
  if (action === 'transition:handOver') return 'handedOver'
  return undefined
}

/** Statuses that count as digitised (keyed into the electronic register, whatever review follows). */
export const DONE_STATUSES: readonly string[] = ['keyed', 'checked', 'approved', 'handed_over']

export const DashboardQuery = z.object({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional().describe('Bỏ trống: đơn vị của người xem'),
  phaseId: z.uuid({ message: 'Mã đợt không hợp lệ' }).optional().describe('Bỏ trống: đợt đang chạy (hoặc gần nhất)'),
  byHistoric: z.enum(['0', '1'], { message: 'byHistoric là 0 hoặc 1' }).optional().describe('1: thêm bảng theo huyện cũ (trước 2025)'),
})
export type DashboardQuery = z.infer<typeof DashboardQuery>

const StatusCounts = z.record(z.string(), z.number().int())

const Forecast = z.object({
  workingDaysNeeded: z.number().int().nullable(),
  finishOn: z.string().nullable(),
  late: z.boolean(),
  workingDaysLate: z.number().int().nullable(),
  /** No completed day of work measured yet: no date, not late ("Chưa đủ số liệu để dự báo"). */
  insufficientData: z.boolean(),
})

export const DashboardUnitRow = z.object({
  unitId: z.uuid(),
  name: z.string(),
  level: z.string(),
  /** Entries the unit's plan names for the phase; null without a plan. */
  planned: z.number().int().nullable(),
  planStatus: z.string().nullable(),
  /** Entries counted (withdrawn ones left out). */
  total: z.number().int(),
  /** Digitised: keyed or further. */
  done: z.number().int(),
  byStatus: StatusCounts,
  /** Entries keyed per working day, measured over the last 2-4 weeks. */
  perDay: z.number(),
  remaining: z.number().int().nullable(),
  forecast: Forecast.nullable(),
})
export type DashboardUnitRow = z.infer<typeof DashboardUnitRow>

const ThroughputPoint = z.object({ keyed: z.number().int(), checked: z.number().int(), approved: z.number().int(), returned: z.number().int(), handedOver: z.number().int() })

export const DashboardView = z.object({
  unit: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  today: z.string(),
  phases: z.array(z.object({ id: z.uuid(), name: z.string(), windowFrom: z.string(), windowTo: z.string(), deadline: z.string() })),
  phase: z.object({
    id: z.uuid(), name: z.string(), windowFrom: z.string(), windowTo: z.string(), bookTypes: z.array(z.string()),
    startsOn: z.string(), deadline: z.string(), unitPriceVnd: z.number().int(),
  }).nullable(),
  totals: z.object({ planned: z.number().int().nullable(), total: z.number().int(), done: z.number().int(), byStatus: StatusCounts }),
  byType: z.array(z.object({ bookType: z.string(), label: z.string(), planned: z.number().int().nullable(), total: z.number().int(), done: z.number().int(), byStatus: StatusCounts })),
  /** The units directly below (a commune: itself). */
  units: z.array(DashboardUnitRow),
  /** On request: the books of merged communes under their old district (counted from the books, live). */
  historic: z.array(z.object({ unitId: z.uuid(), name: z.string(), total: z.number().int(), done: z.number().int(), byStatus: StatusCounts })).nullable(),
  /** Units with a forecast, the most likely to miss the deadline first. */
  risk: z.array(z.object({ unitId: z.uuid(), name: z.string(), late: z.boolean(), finishOn: z.string().nullable(), workingDaysLate: z.number().int().nullable(), insufficientData: z.boolean(), remaining: z.number().int(), perDay: z.number() })),
  throughput: z.object({
    daily: z.array(ThroughputPoint.extend({ day: z.string() })),
    weekly: z.array(ThroughputPoint.extend({ weekStart: z.string() })),
    /** Last four weeks per person; null when the reader may not see the unit's accounts. */
    keyers: z.array(ThroughputPoint.extend({ userId: z.uuid().nullable(), name: z.string() })).nullable(),
  }),
  backlog: z.object({ waitingCheck: z.number().int(), waitingApproval: z.number().int(), returned: z.number().int(), drafts: z.number().int() }),
  reconciliation: z.object({ byOutcome: StatusCounts, openCases: z.number().int() }),
  acceptance: z.object({ accepted: z.number().int(), rejected: z.number().int(), inspecting: z.number().int(), sampled: z.number().int(), defective: z.number().int(), errorRate: z.number().nullable() }),
  forecast: z.object({
    deadline: z.string().nullable(),
    perDay: z.number(),
    remaining: z.number().int().nullable(),
    own: Forecast.nullable(),
    /** The plans' arithmetic: entries ÷ (units × entries per unit per day). */
    planned: z.object({ entries: z.number().int(), units: z.number().int(), entriesPerUnitPerDay: z.number().nullable(), workingDays: z.number().int().nullable() }).nullable(),
  }),
  cost: z.object({ unitPriceVnd: z.number().int(), toDate: z.number(), remaining: z.number(), planned: z.number() }).nullable(),
})
export type DashboardView = z.infer<typeof DashboardView>
