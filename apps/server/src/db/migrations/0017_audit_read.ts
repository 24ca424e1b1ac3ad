import { sql, type Kysely } from 'kysely'

/**
 * Reading the audit trail (issue 14): every filter of the audit screen walks an index newest first
 * ((column, occurred_at, id), keyset paging on (occurred_at, id)), and "who has looked at this entry /
 * this citizen" also finds the list reads that returned it: a GIN index over the ids a row's details
 * name (`returned`, `entryIds`) and the personal ID a search or a decision named. The expression must
 * stay identical to SUBJECTS_SQL in modules/audit/repository.ts, or the planner does not use the index.
 * On a large existing trail these statements take a while (run the migration in a quiet hour).
 */
const SUBJECTS = `(jsonb_path_query_array(details, 'lax $.returned[*]') || jsonb_path_query_array(details, 'lax $.entryIds[*]')
  || jsonb_path_query_array(details, 'lax $.entryId') || jsonb_path_query_array(details, 'lax $.query.personalId')
  || jsonb_path_query_array(details, 'lax $.personalId'))`

const statements = [
  'create index audit_events_time on audit_events (occurred_at, id)',
  'create index audit_events_entity_time on audit_events (entity_type, entity_id, occurred_at, id)',
  'drop index audit_events_entity',
  'create index audit_events_unit_time on audit_events (unit_id, occurred_at, id)',
  'create index audit_events_action_time on audit_events (action, occurred_at, id)',
  `create index audit_events_subjects on audit_events using gin (${SUBJECTS} jsonb_path_ops)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['audit_events_subjects', 'audit_events_action_time', 'audit_events_unit_time', 'audit_events_entity_time', 'audit_events_time']) {
    await sql.raw(`drop index if exists ${name}`).execute(db)
  }
  await sql.raw('create index audit_events_entity on audit_events (entity_type, entity_id)').execute(db)
}
