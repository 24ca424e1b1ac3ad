import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { AUDIT_LOOKUP_TYPES, AuditEntityPage, AuditPage, type AuditEventView, type AuditLookupType } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type AuditEvent = AuditEventView

/** The audit screen's filters, as they stand in the address (/nhat-ky?…): a link can open it filtered. */
export interface AuditFilters {
  userId?: string
  unitId?: string
  /** 'false' for the unit only; the units below are included otherwise. */
  includeBelow?: string
  action?: string
  entityType?: string
  entityId?: string
  from?: string
  to?: string
}

export const FILTER_KEYS = ['userId', 'unitId', 'includeBelow', 'action', 'entityType', 'entityId', 'from', 'to'] as const

export function isLookupType(value: string | undefined): value is AuditLookupType {
  return (AUDIT_LOOKUP_TYPES as readonly string[]).includes(value ?? '')
}

/**
 * One page of the trail. An entity type the server can look up (entry, book, page, user, citizen) with
 * an id asks "who has looked at / changed this" (every row about it, whoever acted); anything else
 * filters the rows of the reader's scope.
 */
export function useAuditPage(filters: AuditFilters, cursor: string | undefined, pageSize = 50) {
  const lookup = isLookupType(filters.entityType) && filters.entityId ? { type: filters.entityType, id: filters.entityId } : undefined
  return useQuery({
    queryKey: ['audit', filters, cursor, pageSize],
    queryFn: async (): Promise<AuditPage & { entity?: AuditEntityPage['entity'] }> =>
      lookup
        ? requestParsed(AuditEntityPage, `/api/audit/entity/${lookup.type}/${encodeURIComponent(lookup.id)}`, { query: { from: filters.from, to: filters.to, cursor, pageSize } })
        : requestParsed(AuditPage, '/api/audit', { query: { ...filters, cursor, pageSize } }),
    placeholderData: keepPreviousData,
    // Every read of the trail is itself recorded: no refetch behind the reader's back.
    refetchOnWindowFocus: false,
    retry: false,
  })
}
