import { z } from 'zod'
import { BookTypeSchema, BOOK_CONDITIONS, type BookCondition } from './schemas'
import { CalendarDate, pageOf, Timestamp } from './common'

export const BookConditionSchema = z.enum(Object.keys(BOOK_CONDITIONS) as [BookCondition, ...BookCondition[]])

/** A book (sổ) as the server presents it. */
export const BookView = z.object({
  id: z.uuid(),
  bookType: BookTypeSchema,
  volume: z.string(),
  year: z.number().int(),
  issuingAuthority: z.string(),
  issuingUnitId: z.uuid().nullable(),
  custodianUnitId: z.uuid(),
  custodianUnitName: z.string(),
  openedOn: CalendarDate.nullable(),
  closedOn: CalendarDate.nullable(),
  pageCount: z.number().int().nullable(),
  paperSize: z.enum(['A3', 'A4']).nullable(),
  condition: BookConditionSchema,
  conditionNote: z.string().nullable(),
  entryCount: z.number().int(),
  doubleKeying: z.boolean(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type BookView = z.infer<typeof BookView>

export const BookPage = pageOf(BookView)
export type BookPage = z.infer<typeof BookPage>
