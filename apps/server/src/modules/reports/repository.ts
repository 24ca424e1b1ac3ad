import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, WeeklyReportsTable } from '../../db/schema'

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
    async provinceOf(unitId: string): Promise<string | undefined> {
      const result = await sql<{ id: string }>`
        with recursive up as (
          select id, parent_id, level, 0 as depth from administrative_units where id = ${unitId}
          union all
          select u.id, u.parent_id, u.level, up.depth + 1 from administrative_units u join up on u.id = up.parent_id where up.depth < 10
        )
        select id from up where level = 'province' limit 1`.execute(db)
      return result.rows[0]?.id
    },

    deadlinesOf: (provinceId: string) =>
      db.selectFrom('weekly_report_deadlines').select(['level', 'weekday', 'due_time']).where('province_unit_id', '=', provinceId).execute(),
  }
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>
