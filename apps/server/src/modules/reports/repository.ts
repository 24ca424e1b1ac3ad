import { type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, WeeklyReportsTable } from '../../db/schema'
import { provinceIdOf } from '../campaign'

export type ReportRow = Selectable<WeeklyReportsTable>
export type Executor = Kysely<Database> | Transaction<Database>

export function createReportsRepository(db: Kysely<Database>) {
  return {
    findReport: (unitId: string, weekStart: string, executor: Executor = db) =>
      executor.selectFrom('weekly_reports').selectAll().where('unit_id', '=', unitId).where('week_start', '=', weekStart).executeTakeFirst(),

    lockReport: (trx: Transaction<Database>, unitId: string, weekStart: string) =>
      trx.selectFrom('weekly_reports').selectAll().where('unit_id', '=', unitId).where('week_start', '=', weekStart).forUpdate().executeTakeFirst(),

    reportsOf: (unitIds: readonly string[], weekStart: string) =>
      unitIds.length === 0 ? Promise.resolve([]) : db.selectFrom('weekly_reports').selectAll().where('unit_id', 'in', [...unitIds]).where('week_start', '=', weekStart).execute(),

    /** The units that report to `unitId`: those directly below it that still exist. */
    activeChildren: (unitId: string) =>
      db.selectFrom('administrative_units').select(['id', 'name', 'level', 'code']).where('parent_id', '=', unitId).where('valid_to', 'is', null).orderBy('code').execute(),

    /** The province a unit belongs to (the unit itself for a province): deadlines are the province's. */
    provinceOf: (unitId: string) => provinceIdOf(db, unitId),

    deadlinesOf: (provinceId: string) =>
      db.selectFrom('weekly_report_deadlines').select(['level', 'weekday', 'due_time']).where('province_unit_id', '=', provinceId).execute(),
  }
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>
