import { z } from 'zod'
import { listOf, Timestamp } from './common'
import { BookTypeSchema, EntryFieldsSchema } from './schemas'

/** The second keyer's blind keying of an entry the book already has (same số, same registration year). */
export const SecondKeyingBody = z.object({
  fields: EntryFieldsSchema,
  /** The workbench's client transaction id: its server draft goes once the keying is stored. */
  clientTxnId: z.string().min(8).max(100).optional(),
})
export type SecondKeyingBody = z.infer<typeof SecondKeyingBody>

export const DOUBLE_KEYING_OUTCOMES = {
  agreed: 'Hai lần nhập khớp: đã kiểm tra',
  disagreed: 'Hai lần nhập khác nhau: chờ đối chiếu',
} as const
export type DoubleKeyingOutcome = keyof typeof DOUBLE_KEYING_OUTCOMES

/** What the second keyer learns: the outcome and how many fields differ, never the first keyer's values. */
export const SecondKeyingResult = z.object({
  entryId: z.uuid(),
  outcome: z.enum(Object.keys(DOUBLE_KEYING_OUTCOMES) as [DoubleKeyingOutcome, ...DoubleKeyingOutcome[]]),
  outcomeLabel: z.string(),
  compared: z.number().int(),
  differing: z.number().int(),
})
export type SecondKeyingResult = z.infer<typeof SecondKeyingResult>

export const DoubleKeyingQuery = z.object({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  bookId: z.uuid({ message: 'Mã sổ không hợp lệ' }).optional(),
})
export type DoubleKeyingQuery = z.infer<typeof DoubleKeyingQuery>

export const KeyingDifferenceView = z.object({
  field: z.string(),
  label: z.string(),
  first: z.string().nullable(),
  second: z.string().nullable(),
})

/** A disagreement waiting for an arbitrator: both values of each differing field, and the page images. */
export const ArbitrationItem = z.object({
  entryId: z.uuid(),
  entryVersion: z.number().int(),
  bookId: z.uuid(),
  bookType: BookTypeSchema,
  bookLabel: z.string(),
  so: z.number().int().nullable(),
  registrationYear: z.number().int().nullable(),
  firstKeyer: z.uuid().nullable(),
  firstKeyerName: z.string().nullable(),
  secondKeyer: z.uuid(),
  secondKeyerName: z.string().nullable(),
  secondKeyedAt: Timestamp,
  differences: z.array(KeyingDifferenceView),
  pageIds: z.array(z.uuid()),
  /** false when the user keyed one of the two versions: somebody else arbitrates. */
  mayArbitrate: z.boolean(),
})
export type ArbitrationItem = z.infer<typeof ArbitrationItem>

export const ArbitrationList = listOf(ArbitrationItem)
export type ArbitrationList = z.infer<typeof ArbitrationList>

export const ARBITRATION_SOURCES = { first: 'Lần nhập 1', second: 'Lần nhập 2', typed: 'Giá trị khác' } as const
export type ArbitrationSource = keyof typeof ARBITRATION_SOURCES

/** The arbitrator's choice for every differing field: one keyer's value, or the value typed from the page. */
export const ArbitrationBody = z.object({
  version: z.number().int().min(1),
  choices: z.record(
    z.string().max(100),
    z.object({
      source: z.enum(Object.keys(ARBITRATION_SOURCES) as [ArbitrationSource, ...ArbitrationSource[]], { message: 'Chọn lần nhập 1, lần nhập 2 hoặc nhập giá trị khác' }),
      value: z.string().max(4000).optional(),
    }),
  ),
})
export type ArbitrationBody = z.infer<typeof ArbitrationBody>

export const ArbitrationResult = z.object({ entryId: z.uuid(), status: z.string(), version: z.number().int() })
export type ArbitrationResult = z.infer<typeof ArbitrationResult>

const AgreementRow = z.object({ compared: z.number().int(), agreed: z.number().int(), rate: z.number().nullable() })

/** Agreement of the double keyings in scope: fields agreed over fields compared, per keyer and per field. */
export const AgreementReport = z.object({
  comparisons: z.number().int(),
  agreedEntries: z.number().int(),
  byKeyer: z.array(AgreementRow.extend({ userId: z.uuid(), fullName: z.string().nullable() })),
  byField: z.array(AgreementRow.extend({ field: z.string(), label: z.string() })),
})
export type AgreementReport = z.infer<typeof AgreementReport>
