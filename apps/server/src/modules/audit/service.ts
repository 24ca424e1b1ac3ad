import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

export interface Actor {
  id: string
  unitId: string
  ip?: string | null
}

export interface AuditEvent {
  action: string
  entityType: string
  entityId?: string | null
  details?: Record<string, unknown>
}

/** Appends one audit row. Call it inside the same transaction as the change it records. */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor | null,
  event: AuditEvent,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      user_id: actor?.id ?? null,
      unit_id: actor?.unitId ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      details: JSON.stringify(event.details ?? {}),
      ip: actor?.ip ?? null,
    })
    .execute()
}

/** What changed between two field maps, for the audit trail: { key: [before, after] }. */
export function diffFields(before: Record<string, string>, after: Record<string, string>): Record<string, [string | null, string | null]> {
  const changes: Record<string, [string | null, string | null]> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null
    const b = after[key] ?? null
    if (a !== b) changes[key] = [a, b]
  }
  return changes
}

/** Who did it, as the audit trail records it: the signed-in user, their unit and address. */
export function actorOf(user: { id: string; unitId: string; ip?: string | null | undefined }): Actor {
  return { id: user.id, unitId: user.unitId, ip: user.ip ?? null }
}
