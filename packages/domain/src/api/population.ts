import { z } from 'zod'
import { CalendarDate, listOf, Timestamp } from './common'

/** Response shapes of the population-data API: extracts handed over by the police, uploads, people. */

export const EXTRACT_STATUSES = {
  loading: 'Đang nạp',
  active: 'Đang dùng để đối chiếu',
  replaced: 'Đã được thay bằng bản mới hơn',
  failed: 'Nạp không thành công',
} as const
export type ExtractStatus = keyof typeof EXTRACT_STATUSES
export const ExtractStatusSchema = z.enum(Object.keys(EXTRACT_STATUSES) as [ExtractStatus, ...ExtractStatus[]])

export const ExtractView = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string().nullable(),
  source: z.string(),
  extractDate: CalendarDate,
  fileName: z.string().nullable(),
  status: ExtractStatusSchema,
  statusLabel: z.string(),
  rowCount: z.number().int(),
  rejectedCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })).describe('Tối đa 100 dòng bị loại đầu tiên'),
  mapping: z.record(z.string(), z.string()).describe('Trường → tiêu đề cột đã dùng'),
  jobId: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: Timestamp,
  activatedAt: Timestamp.nullable(),
  replacedAt: Timestamp.nullable(),
})
export type ExtractView = z.infer<typeof ExtractView>

export const ExtractList = listOf(ExtractView)
export type ExtractList = z.infer<typeof ExtractList>

export const ExtractStarted = z.object({ extract: ExtractView, jobId: z.uuid() })
export type ExtractStarted = z.infer<typeof ExtractStarted>

/** An uploaded population file: its header row, a few rows and the suggested column mapping. */
export const PopulationUploadView = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  size: z.number().int(),
  headers: z.array(z.string()),
  headerRow: z.number().int(),
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.number().int()).describe('Trường → vị trí cột (từ 0)'),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
})
export type PopulationUploadView = z.infer<typeof PopulationUploadView>

/** A person of the population data (a local record or the online service's). */
export const PopulationPerson = z.object({
  id: z.string().describe('Mã bản ghi trong bản dữ liệu dân cư, hoặc mã của dịch vụ tra cứu'),
  extractId: z.uuid().nullable(),
  personalId: z.string().nullable(),
  fullName: z.string(),
  birthDate: z.string().nullable().describe('dd.mm.yyyy, mm.yyyy hoặc yyyy'),
  sex: z.string().nullable(),
  birthplace: z.string().nullable(),
  homeTown: z.string().nullable(),
  ethnicity: z.string().nullable(),
  nationality: z.string().nullable(),
  motherName: z.string().nullable(),
  motherPersonalId: z.string().nullable(),
  fatherName: z.string().nullable(),
  fatherPersonalId: z.string().nullable(),
  residence: z.string().nullable(),
})
export type PopulationPerson = z.infer<typeof PopulationPerson>

export const PopulationPeople = listOf(PopulationPerson)
export type PopulationPeople = z.infer<typeof PopulationPeople>
