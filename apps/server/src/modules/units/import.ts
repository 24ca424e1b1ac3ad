import { parse } from 'csv-parse/sync'
import type { Kysely } from 'kysely'
import { foldKey } from '@hts/domain'
import type { Database } from '../../db/schema'

export type UnitLevel = 'province' | 'district' | 'commune'

export interface UnitImportOptions {
  versionDate: string
  level?: UnitLevel | undefined
  source: string
}

export interface UnitImportReport {
  inserted: number
  renamed: number
  unchanged: number
  errors: string[]
}

interface UnitLine {
  line: number
  code: string
  name: string
  level: UnitLevel
  parentCode: string | null
  validFrom: string | null
  validTo: string | null
  predecessorCodes: string[]
}

/** Header spellings accepted, folded (statistics-office files use Vietnamese headers). */
const HEADERS: Record<keyof Omit<UnitLine, 'line'>, (folded: string) => boolean> = {
  code: (h) => ['code', 'ma', 'ma so', 'ma dvhc'].includes(h),
  name: (h) => h === 'name' || h === 'ten' || h.startsWith('ten '),
  level: (h) => ['level', 'cap'].includes(h),
  parentCode: (h) => ['parent_code', 'ma cha', 'ma tinh', 'ma huyen', 'ma cap tren'].includes(h),
  validFrom: (h) => ['valid_from', 'hieu luc tu'].includes(h),
  validTo: (h) => ['valid_to', 'hieu luc den'].includes(h),
  predecessorCodes: (h) => ['predecessor_codes', 'ma cu'].includes(h),
}

const LEVEL_WORDS: Record<string, UnitLevel> = {
  province: 'province', tinh: 'province', 'cap tinh': 'province',
  district: 'district', huyen: 'district', 'cap huyen': 'district',
  commune: 'commune', xa: 'commune', 'cap xa': 'commune',
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

export function parseUnitsCsv(text: string, options: UnitImportOptions): { lines: UnitLine[]; errors: string[] } {
  const rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
  const header = (rows[0] ?? []).map((h) => foldKey(h))
  const column = Object.fromEntries(
    Object.entries(HEADERS).map(([key, matches]) => [key, header.findIndex(matches)]),
  ) as Record<keyof typeof HEADERS, number>
  const errors: string[] = []
  if (column.code < 0 || column.name < 0) errors.push('Dòng 1: cần cột mã (code / Mã số) và cột tên (name / Tên ...)')
  if (column.level < 0 && !options.level) errors.push('Không có cột cấp (level): dùng --level province|district|commune')
  if (errors.length) return { lines: [], errors }
  const cell = (row: string[], key: keyof typeof HEADERS) => (column[key] >= 0 ? (row[column[key]] ?? '').trim() : '')
  const lines: UnitLine[] = []
  rows.slice(1).forEach((row, index) => {
    const line = index + 2
    const levelText = cell(row, 'level')
    const level = levelText ? LEVEL_WORDS[foldKey(levelText)] : options.level
    const item = {
      line,
      code: cell(row, 'code'),
      name: cell(row, 'name').normalize('NFC'),
      parentCode: cell(row, 'parentCode') || null,
      validFrom: cell(row, 'validFrom') || null,
      validTo: cell(row, 'validTo') || null,
      predecessorCodes: cell(row, 'predecessorCodes').split(/[;|]/).map((c) => c.trim()).filter(Boolean),
    }
    const problems = [
      !item.code && 'thiếu mã',
      !item.name && 'thiếu tên',
      !level && `cấp "${levelText}" không hợp lệ (tỉnh, huyện, xã)`,
      item.validFrom && !ISO.test(item.validFrom) && 'valid_from phải có dạng yyyy-mm-dd',
      item.validTo && !ISO.test(item.validTo) && 'valid_to phải có dạng yyyy-mm-dd',
    ].filter(Boolean)
    if (problems.length || !level) errors.push(`Dòng ${line}: ${problems.join(', ')}`)
    else lines.push({ ...item, level })
  })
  return { lines, errors }
}

function dayBefore(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

/**
 * Imports a versioned list of units in one transaction, after checking every line. A known code with
 * a new name closes the old unit the day before the version date and links it to its successor:
 * codes are reused with other names after reforms, so history is never overwritten.
 */
export async function importUnits(db: Kysely<Database>, text: string, options: UnitImportOptions): Promise<UnitImportReport> {
  if (!ISO.test(options.versionDate)) return { inserted: 0, renamed: 0, unchanged: 0, errors: ['--version-date phải có dạng yyyy-mm-dd'] }
  const { lines, errors } = parseUnitsCsv(text, options)
  const report: UnitImportReport = { inserted: 0, renamed: 0, unchanged: 0, errors }
  if (errors.length) return report
  try {
    await db.transaction().execute(async (trx) => {
      const current = async (code: string, levels: UnitLevel[]) =>
        trx.selectFrom('administrative_units').selectAll().where('code', '=', code).where('level', 'in', levels).where('valid_to', 'is', null).executeTakeFirst()
      for (const item of lines) {
        const parent = item.parentCode ? await current(item.parentCode, ['district', 'province']) : undefined
        if (item.parentCode && !parent) throw new Error(`Dòng ${item.line}: không tìm thấy đơn vị cấp trên mã ${item.parentCode}`)
        const existing = await current(item.code, [item.level])
        if (existing && existing.name === item.name && existing.parent_id === (parent?.id ?? existing.parent_id)) {
          report.unchanged++
          continue
        }
        const replaced = existing ? [existing.id] : []
        for (const code of item.predecessorCodes) {
          const predecessor = await trx.selectFrom('administrative_units').select('id').where('code', '=', code).orderBy('valid_from', 'desc').executeTakeFirst()
          if (!predecessor) throw new Error(`Dòng ${item.line}: không tìm thấy đơn vị cũ mã ${code}`)
          replaced.push(predecessor.id)
        }
        if (existing) {
          await trx.updateTable('administrative_units').set({ valid_to: dayBefore(options.versionDate) }).where('id', '=', existing.id).execute()
          report.renamed++
        } else report.inserted++
        const inserted = await trx
          .insertInto('administrative_units')
          .values({
            code: item.code,
            name: item.name,
            name_folded: foldKey(item.name),
            level: item.level,
            parent_id: parent?.id ?? null,
            valid_from: item.validFrom ?? (existing ? options.versionDate : null),
            valid_to: item.validTo,
            version_date: options.versionDate,
            source: options.source,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        for (const predecessorId of new Set(replaced)) {
          await trx.insertInto('unit_successions').values({ predecessor_id: predecessorId, successor_id: inserted.id, effective_date: options.versionDate }).onConflict((oc) => oc.doNothing()).execute()
        }
      }
    })
  } catch (error) {
    return { inserted: 0, renamed: 0, unchanged: 0, errors: [error instanceof Error ? error.message : String(error)] }
  }
  return report
}
