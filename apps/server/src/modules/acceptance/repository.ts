import type { Kysely, Selectable, Transaction } from 'kysely'
import type { AcceptanceLotsTable, AcceptanceSamplesTable, Database } from '../../db/schema'

export type LotRow = Selectable<AcceptanceLotsTable>
export type SampleRow = Selectable<AcceptanceSamplesTable>
type Executor = Kysely<Database> | Transaction<Database>

export function createLotsRepository(db: Kysely<Database>) {
  return {
    findLot: (id: string, executor: Executor = db) => executor.selectFrom('acceptance_lots').selectAll().where('id', '=', id).executeTakeFirst(),
    lockLot: (trx: Transaction<Database>, id: string) => trx.selectFrom('acceptance_lots').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
    samplesOf: (lotId: string, executor: Executor = db) => executor.selectFrom('acceptance_samples').selectAll().where('lot_id', '=', lotId).orderBy('position').execute(),
    async listLots(unitIds: readonly string[], page: number, pageSize: number) {
      if (unitIds.length === 0) return { rows: [], total: 0 }
      const where = db.selectFrom('acceptance_lots').where('custodian_unit_id', 'in', unitIds)
      const [rows, total] = await Promise.all([
        where.selectAll().orderBy('created_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        where.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ])
      return { rows, total: Number(total.n) }
    },
    async inspectedCounts(lotIds: readonly string[]): Promise<Map<string, number>> {
      if (lotIds.length === 0) return new Map()
      const rows = await db.selectFrom('acceptance_samples').select(['lot_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('lot_id', 'in', lotIds).where('inspected_at', 'is not', null).groupBy('lot_id').execute()
      return new Map(rows.map((r) => [r.lot_id, Number(r.n)]))
    },
  }
}
export type LotsRepository = ReturnType<typeof createLotsRepository>
