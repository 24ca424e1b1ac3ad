import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { actorOf, recordAudit } from './service'

/**
 * Every refused attempt of a signed-in user is in the trail (issue 14): a 404 (another unit's record
 * answers exactly like a missing one) or a 403 (a permission the role lacks, four eyes) on a route of
 * the API writes one `access.refused` row with the route pattern, method, status, error code and the
 * record's id, before the answer leaves (onSend), so the row exists when the client sees the answer.
 *
 * Not recorded, on purpose: anonymous requests and unknown addresses (no route matched, no user is
 * known: a scanner could fill the table with them; the login has its own rows, auth.login_failed),
 * 401s (no one to attribute them to), a cross-site write refused at the edge (no user read yet), and
 * the forced password change (a state of the session, not an attempt on a record). Each row is
 * therefore tied to an account, which bounds the volume to what signed-in users send; the route
 * pattern is kept, never the address as typed, so a query string (a searched name) is not copied.
 */
const IGNORED_CODES = new Set(['password_change_required', 'cross_site'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The record a route's `:id` names, by the path segment before it ('/api/entries/:id' → entry). */
const ENTITY_OF_SEGMENT: Record<string, string> = {
  entries: 'entry',
  books: 'book',
  pages: 'page',
  users: 'user',
  imports: 'import',
  'import-mappings': 'import_mapping',
  jobs: 'job',
  exports: 'job',
  followups: 'followup_case',
  handovers: 'handover_batch',
  extracts: 'population_extract',
  uploads: 'upload',
  results: 'reconciliation_result',
  lots: 'acceptance_lot',
  sessions: 'session',
}

export function refusedEntity(route: string, params: unknown): { type: string; id: string | null; params: Record<string, string> } {
  const segments = route.split('/')
  const at = segments.indexOf(':id')
  const values = typeof params === 'object' && params !== null ? Object.entries(params) : []
  // Only ids are copied from the address: a parameter that is not one (a personal ID) stays out of the trail.
  const ids = Object.fromEntries(values.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && UUID.test(entry[1])))
  const id = ids.id ?? null
  const segment = at > 0 ? segments[at - 1] : undefined
  return { type: (segment && ENTITY_OF_SEGMENT[segment]) ?? 'route', id, params: ids }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The error code of a refusal (set by the onError hook), read when the answer is sent. */
    refusalCode?: string
  }
}

export function registerRefusalAudit(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('refusalCode', undefined)
  app.addHook('onError', async (request: FastifyRequest, _reply, error) => {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string') request.refusalCode = code
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode
    const route = request.routeOptions.url
    if ((status !== 403 && status !== 404) || !request.user || !route || !route.startsWith('/api/')) return payload
    if (request.refusalCode && IGNORED_CODES.has(request.refusalCode)) return payload
    const entity = refusedEntity(route, request.params)
    await recordAudit(db, actorOf(request.user), {
      action: 'access.refused',
      entityType: entity.type,
      entityId: entity.id,
      details: { method: request.method, route, status, code: request.refusalCode ?? null, params: entity.params },
    })
    return payload
  })
}
