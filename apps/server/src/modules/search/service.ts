/**
 * Registry-wide search (issue 12): every entry of the user's scope, by a name typed however the
 * citizen spells it, and filters. The database finds the candidates through the name indexes
 * (migration 0018); the ranking (exact, folded, then nearest) is the domain's folding and edit
 * distance, applied here to at most SEARCH_TOTAL_CAP candidates. Every search is audited with its
 * query and the ids it showed.
 */
import type { Kysely } from 'kysely'
import { foldKey, SEARCH_TOTAL_CAP, type SearchMatch, type SearchPage, type SearchQuery } from '@hts/domain'
import type { Database } from '../../db/schema'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { UnitsService } from '../units'
import { unitFilterOf } from './policy'
import { presentResult } from './presenter'
import { MATCH_ORDER, nameQuery, oneEditVariants, rankName } from './ranking'
import { createSearchRepository, type SearchFilter } from './repository'

function bound(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  return a === undefined ? b : b === undefined ? a : pick(a, b)
}

/** What the database is asked: the query's name folded with its one-edit variants, the filters as given. */
export function searchFilter(scope: string[], unit: SearchFilter['unit'], query: SearchQuery): SearchFilter {
  const name = query.q ? nameQuery(query.q) : undefined
  return {
    scope,
    unit,
    name: name && { query: name, givenVariants: oneEditVariants(name.given), surnameVariants: oneEditVariants(name.surname) },
    bookType: query.bookType,
    // A date range bounds the registration year too: the year is the name index's third column.
    yearFrom: bound(query.yearFrom, query.dateFrom ? Number(query.dateFrom.slice(0, 4)) : undefined, Math.max),
    yearTo: bound(query.yearTo, query.dateTo ? Number(query.dateTo.slice(0, 4)) : undefined, Math.min),
    dateFrom: query.dateFrom,
    dateTo: query.dateTo,
    status: query.status,
    parent: query.parent ? foldKey(query.parent) || undefined : undefined,
    personalId: query.personalId,
    so: query.so,
    volume: query.volume,
  }
}

/** `reads`: the replica when DATABASE_READ_URL is set (results may lag by its replication delay); the audit row goes to `db`. */
export function createSearchService(db: Kysely<Database>, units: UnitsService, reads: Kysely<Database> = db) {
  const repo = createSearchRepository(reads)

  return {
    async search(user: AuthUser, query: SearchQuery): Promise<SearchPage> {
      const scope = await units.scopeOf(user.unitId)
      const unit = query.unitId ? await unitFilterOf(units, user.unitId, scope, query.unitId) : undefined
      const filter = searchFilter([...scope], unit, query)
      const name = filter.name?.query
      const candidates = await repo.candidates(filter, SEARCH_TOTAL_CAP + 1)
      const totalCapped = candidates.length > SEARCH_TOTAL_CAP
      const kept = candidates.slice(0, SEARCH_TOTAL_CAP)
      // Sorting is stable: equals keep the database's order (newest registration first).
      const ranked: { id: string; match: SearchMatch; distance: number }[] = name
        ? kept.map((c) => ({ id: c.id, ...rankName(name, c.subjectName) })).sort((a, b) => MATCH_ORDER[a.match] - MATCH_ORDER[b.match] || a.distance - b.distance)
        : kept.map((c) => ({ id: c.id, match: 'filter' as const, distance: 0 }))
      const shown = ranked.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
      const rows = new Map((await repo.details(shown.map((r) => r.id))).map((r) => [r.id, r]))
      const items = shown.flatMap((r) => {
        const row = rows.get(r.id)
        return row ? [presentResult(row, r.match)] : []
      })
      // Citizens' data: who looked for whom, and whom they were shown (audit index: query.personalId, returned).
      const { page, pageSize, ...criteria } = query
      await recordAudit(db, actorOf(user), {
        action: 'search.entries',
        entityType: 'unit',
        entityId: query.unitId ?? user.unitId,
        details: { query: criteria, page, total: kept.length, returned: items.map((i) => i.id) },
      })
      return { items, total: kept.length, totalCapped, page, pageSize }
    },
  }
}
export type SearchService = ReturnType<typeof createSearchService>
