import { z } from 'zod'
import { FOLLOWUP_STATUSES, type FollowupStatus } from '../matching/followup'
import { MATCH_DECISION_CODES, MATCH_OUTCOMES, type MatchDecision, type MatchOutcome } from '../matching/decide'
import { MATCH_FIELDS, type MatchField } from '../matching/score'
import { Timestamp } from './common'
import { PopulationPerson } from './population'

/** Response shapes of reconciliation with the population data: proposals, decisions, thresholds, lists. */

export const MatchOutcomeSchema = z.enum(Object.keys(MATCH_OUTCOMES) as [MatchOutcome, ...MatchOutcome[]])
export const MatchFieldSchema = z.enum(Object.keys(MATCH_FIELDS) as [MatchField, ...MatchField[]])

export const DecisionSchema = z.enum(MATCH_DECISION_CODES as [MatchDecision, ...MatchDecision[]])

/** One field of a candidate: the book's value beside the population's and what it counted. */
export const FieldComparison = z.object({
  field: MatchFieldSchema,
  fieldLabel: z.string(),
  level: z.string(),
  label: z.string(),
  weight: z.number().describe('Điểm log2(m/u)'),
  weightText: z.string().describe('Mức ảnh hưởng, bằng lời'),
  differs: z.boolean(),
  note: z.string().optional(),
  book: z.string().nullable(),
  population: z.string().nullable(),
})
export type FieldComparison = z.infer<typeof FieldComparison>

export const ResultCandidate = z.object({
  index: z.number().int(),
  id: z.string(),
  probability: z.number(),
  weight: z.number(),
  person: PopulationPerson.nullable(),
  personalId: z.string().nullable(),
  stale: z.boolean().describe('Bản dữ liệu dân cư dùng cho đề xuất đã được thay: đối chiếu lại'),
  fields: z.array(FieldComparison),
})
export type ResultCandidate = z.infer<typeof ResultCandidate>

export const ReconciliationResultView = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  entryVersion: z.number().int().nullable().describe('Phiên bản của trường hợp mà các giá trị hiển thị lấy từ: gửi kèm quyết định'),
  bookId: z.uuid(),
  so: z.number().int().nullable(),
  volume: z.string().nullable(),
  subjectName: z.string().nullable(),
  book: z.record(MatchFieldSchema, z.string().nullable()).describe('Giá trị trong sổ, theo trường đối chiếu'),
  outcome: MatchOutcomeSchema,
  outcomeLabel: z.string(),
  probability: z.number().nullable(),
  populationSize: z.number().int().nullable(),
  source: z.enum(['local', 'http']),
  message: z.string().nullable(),
  chosenIndex: z.number().int().nullable(),
  differences: z.array(z.object({ field: MatchFieldSchema, label: z.string() })),
  candidates: z.array(ResultCandidate),
  /** The weights the proposal was scored with: learned on the run's data, or the hand priors. */
  model: z.object({
    learned: z.boolean(),
    description: z.string(),
    /** Learned m-probabilities by field and level (shown beside the explanation); null for the priors. */
    m: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
  }),
  decision: DecisionSchema,
  decisionLabel: z.string(),
  finalOutcome: MatchOutcomeSchema.nullable(),
  finalOutcomeLabel: z.string().nullable(),
  linkedPersonalId: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionNote: z.string().nullable(),
  checkedAt: Timestamp,
  version: z.number().int(),
})
export type ReconciliationResultView = z.infer<typeof ReconciliationResultView>

export const ReconciliationResultPage = z.object({
  items: z.array(ReconciliationResultView),
  total: z.number().int(),
  counts: z.array(z.object({ outcome: MatchOutcomeSchema, decision: DecisionSchema, n: z.number().int() })),
})
export type ReconciliationResultPage = z.infer<typeof ReconciliationResultPage>

const Warning = z.object({ code: z.string(), message: z.string() })

export const DecisionResponse = z.object({
  result: ReconciliationResultView,
  warnings: z.array(Warning).describe('Cảnh báo về số định danh khi liên kết'),
  followupId: z.uuid().nullable().describe('Trường hợp theo dõi được mở (khi có sai lệch)'),
})
export type DecisionResponse = z.infer<typeof DecisionResponse>

export const ReopenResponse = z.object({ result: ReconciliationResultView, message: z.string().describe('Những gì đã được hoàn tác và những gì được giữ') })
export type ReopenResponse = z.infer<typeof ReopenResponse>

export const ConfirmMatchesResponse = z.object({ confirmed: z.number().int(), failed: z.array(z.object({ id: z.uuid(), message: z.string() })) })
export type ConfirmMatchesResponse = z.infer<typeof ConfirmMatchesResponse>

export const MatchSettingsView = z.object({
  linkProbability: z.number(),
  reviewProbability: z.number(),
  priorInPopulation: z.number(),
  unitId: z.uuid().nullable().describe('Đơn vị đặt ngưỡng; null: ngưỡng mặc định'),
})
export type MatchSettingsView = z.infer<typeof MatchSettingsView>

/** An entry whose person is not in the population data. */
export const NotFoundItem = z.object({
  resultId: z.uuid(),
  entryId: z.uuid(),
  unitName: z.string(),
  book: z.string(),
  so: z.number().int().nullable(),
  registrationDate: z.string().nullable(),
  fullName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  motherName: z.string().nullable(),
  fatherName: z.string().nullable(),
  birthplace: z.string().nullable(),
  confirmed: z.boolean(),
  checkedAt: Timestamp,
})
export type NotFoundItem = z.infer<typeof NotFoundItem>

export const NotFoundPage = z.object({ items: z.array(NotFoundItem), total: z.number().int() })
export type NotFoundPage = z.infer<typeof NotFoundPage>

/* ---------- the follow-up list (theo dõi riêng) ---------- */

export const FollowupStatusSchema = z.enum(Object.keys(FOLLOWUP_STATUSES) as [FollowupStatus, ...FollowupStatus[]])

/** Filter groups of the follow-up list beside the single statuses. */
export const FOLLOWUP_STATUS_GROUPS = { open: 'Chưa giải quyết', resolved: 'Đã giải quyết' } as const

export const FollowupDifference = z.object({
  field: z.string(),
  label: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  book: z.string().nullable(),
  population: z.string().nullable(),
})

export const FollowupView = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  bookId: z.uuid(),
  book: z.string(),
  so: z.number().int().nullable(),
  unitName: z.string(),
  subjectName: z.string().nullable(),
  personalId: z.string().nullable(),
  differences: z.array(FollowupDifference),
  /** Kind of difference (FOLLOWUP_KINDS): the list is worked kind by kind. */
  kind: z.string(),
  kindLabel: z.string(),
  status: FollowupStatusSchema,
  statusLabel: z.string(),
  nextStatuses: z.array(z.object({ status: FollowupStatusSchema, label: z.string() })),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  version: z.number().int(),
})
export type FollowupView = z.infer<typeof FollowupView>

export const FollowupNote = z.object({
  id: z.number().int(),
  text: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  toStatusLabel: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: Timestamp,
})
export type FollowupNote = z.infer<typeof FollowupNote>

export const FollowupDetail = FollowupView.extend({ notes: z.array(FollowupNote) })
export type FollowupDetail = z.infer<typeof FollowupDetail>

export const FollowupPage = z.object({ items: z.array(FollowupView), total: z.number().int() })
export type FollowupPage = z.infer<typeof FollowupPage>

/** Many cases moved at once (cases of one kind, chosen by the officer): each listed, each audited. */
export const FollowupBulkTransitionBody = z.object({
  ids: z.array(z.uuid()).min(1, 'Chọn ít nhất một trường hợp').max(200, 'Tối đa 200 trường hợp mỗi lần'),
  status: FollowupStatusSchema,
  note: z.string().trim().max(2000).optional(),
})
export type FollowupBulkTransitionBody = z.infer<typeof FollowupBulkTransitionBody>
export const FollowupBulkTransitionResponse = z.object({
  moved: z.array(z.uuid()),
  /** Cases that could not take this status (with why), left as they were. */
  skipped: z.array(z.object({ id: z.uuid(), reason: z.string() })),
})
export type FollowupBulkTransitionResponse = z.infer<typeof FollowupBulkTransitionResponse>
