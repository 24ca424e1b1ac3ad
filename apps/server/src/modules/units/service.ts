import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createUnitsRepository } from './repository'

const SCOPE_TTL_MS = 60_000
// Bounded: filters carry unit ids typed by users, and an unknown id must not grow the cache forever.
const SCOPE_CACHE_MAX = 5_000

export function createUnitsService(db: Kysely<Database>) {
  const repo = createUnitsRepository(db)
  // Unit trees change only on an import; a short cache spares one recursive query per request.
  const scopeCache = new Map<string, { ids: Set<string>; at: number }>()

  async function scopeOf(unitId: string): Promise<Set<string>> {
    const cached = scopeCache.get(unitId)
    if (cached && Date.now() - cached.at < SCOPE_TTL_MS) return cached.ids
    const ids = new Set(await repo.descendantIds(unitId))
    if (ids.size === 0) return ids
    scopeCache.delete(unitId)
    if (scopeCache.size >= SCOPE_CACHE_MAX) {
      const oldest = scopeCache.keys().next()
      if (!oldest.done) scopeCache.delete(oldest.value)
    }
    scopeCache.set(unitId, { ids, at: Date.now() })
    return ids
  }

  return {
    scopeOf,
    clearScopeCache: () => scopeCache.clear(),
    findById: repo.findById,

    async listVisible(unitId: string) {
      const today = new Date().toISOString().slice(0, 10)
      const scope = [...(await scopeOf(unitId))]
      const units = await repo.listByIds([...new Set([...scope, ...(await repo.predecessorIds(scope))])])
      return units.map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        level: u.level,
        parentId: u.parent_id,
        validFrom: u.valid_from,
        validTo: u.valid_to,
        successorIds: u.successorIds,
        current: (u.valid_from === null || u.valid_from <= today) && (u.valid_to === null || u.valid_to >= today),
      }))
    },
  }
}
export type UnitsService = ReturnType<typeof createUnitsService>
