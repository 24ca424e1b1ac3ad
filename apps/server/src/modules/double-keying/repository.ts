import type { Kysely, Selectable, Transaction } from 'kysely'
import { z } from 'zod'
import type { Database, SecondKeyingsTable } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

const Fields = z.record(z.string(), z.string())
const Keys = z.array(z.string())

/** A second keying as stored, its jsonb columns parsed. */
export interface SecondKeying {
  id: string
  entryId: string
  firstKeyer: string | null
  secondKeyer: string
  entryVersion: number
  firstFields: Record<string, string>
  secondFields: Record<string, string>
  compared: string[]
  differing: string[]
  outcome: 'agreed' | 'disagreed'
  createdAt: Date
  resolvedAt: Date | null
}

type Row = Selectable<SecondKeyingsTable>

function parse(row: Pick<Row, 'id' | 'entry_id' | 'first_keyer' | 'second_keyer' | 'entry_version' | 'first_fields' | 'second_fields' | 'compared_fields' | 'differing_fields' | 'outcome' | 'created_at' | 'resolved_at'>): SecondKeying {
  return {
    id: row.id,
    entryId: row.entry_id,
    firstKeyer: row.first_keyer,
    secondKeyer: row.second_keyer,
    entryVersion: row.entry_version,
    firstFields: Fields.parse(row.first_fields),
    secondFields: Fields.parse(row.second_fields),
    compared: Keys.parse(row.compared_fields),
    differing: Keys.parse(row.differing_fields),
    outcome: row.outcome,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  }
}

const COLUMNS = ['sk.id', 'sk.entry_id', 'sk.first_keyer', 'sk.second_keyer', 'sk.entry_version', 'sk.first_fields', 'sk.second_fields', 'sk.compared_fields', 'sk.differing_fields', 'sk.outcome', 'sk.created_at', 'sk.resolved_at'] as const

export async function secondKeyingOf(db: Executor, entryId: string): Promise<SecondKeying | undefined> {
  const row = await db.selectFrom('second_keyings as sk').select(COLUMNS).where('sk.entry_id', '=', entryId).executeTakeFirst()
  return row && parse(row)
}

export interface ScopeFilter {
  unitIds: string[]
  bookId?: string | undefined
}

/** Disagreements nobody has arbitrated yet, oldest first, with their entry's book and position. */
export async function waitingArbitration(db: Executor, filter: ScopeFilter, limit: number) {
  if (filter.unitIds.length === 0) return []
  let query = db
    .selectFrom('second_keyings as sk')
    .innerJoin('entries as e', 'e.id', 'sk.entry_id')
    .select(COLUMNS)
    .select(['e.book_id', 'e.so', 'e.registration_year', 'e.version as current_version', 'e.keyed_by'])
    .where('sk.outcome', '=', 'disagreed')
    .where('sk.resolved_at', 'is', null)
    .where('e.custodian_unit_id', 'in', filter.unitIds)
  if (filter.bookId) query = query.where('e.book_id', '=', filter.bookId)
  const rows = await query.orderBy('sk.created_at').orderBy('sk.id').limit(limit).execute()
  return rows.map((row) => ({ ...parse(row), bookId: row.book_id, so: row.so, registrationYear: row.registration_year, currentVersion: row.current_version, keyedBy: row.keyed_by }))
}

/** Every comparison in scope (what the agreement rates are computed from). */
export async function comparisonsIn(db: Executor, filter: ScopeFilter) {
  if (filter.unitIds.length === 0) return []
  let query = db
    .selectFrom('second_keyings as sk')
    .innerJoin('entries as e', 'e.id', 'sk.entry_id')
    .select(['sk.first_keyer', 'sk.second_keyer', 'sk.compared_fields', 'sk.differing_fields', 'sk.outcome', 'e.book_type'])
    .where('e.custodian_unit_id', 'in', filter.unitIds)
  if (filter.bookId) query = query.where('e.book_id', '=', filter.bookId)
  const rows = await query.execute()
  return rows.map((row) => ({
    firstKeyer: row.first_keyer,
    secondKeyer: row.second_keyer,
    compared: Keys.parse(row.compared_fields),
    differing: Keys.parse(row.differing_fields),
    outcome: row.outcome,
    bookType: row.book_type,
  }))
}
