import { sql, type Kysely } from 'kysely'

/**
 * A tamper-evident audit trail (issue 14). Every row carries its place in one chain (`seq`), the
 * hash of the row before it (`prev_hash`) and its own hash: sha256 over a canonical text of the row
 * (`audit_event_digest`, the same on PGlite and PostgreSQL: jsonb's text form, the time in UTC).
 * An edit, a deleted row or a row slipped in afterwards breaks the chain at that row; `npm run
 * audit:verify` and the job `audit.verify` walk it (modules/audit/verify.ts).
 *
 * Chaining happens at COMMIT: a deferred constraint trigger takes the one-row head `audit_chain`
 * (locked until the commit ends), so rows are chained in commit order and a rolled-back transaction
 * leaves no gap, while the lock is held only for the commit itself, not for the rest of a long
 * transaction (no waits, no deadlocks with the rows a transaction locks after its audit row). The
 * trigger fills the three columns with an UPDATE that the append-only guard lets through only from
 * inside the trigger, once, with every other column unchanged; TRUNCATE is refused by a trigger
 * too. The functions that touch `audit_chain` run as its owner (SECURITY DEFINER): the application's
 * database role needs nothing on it (db/app-role.ts).
 *
 * Rows written before this migration are chained here, in id order (on a very large trail this takes
 * a while: run it in a quiet hour).
 */
const GENESIS = '0'.repeat(64)

const statements = [
  'alter table audit_events add column seq bigint, add column prev_hash text, add column hash text',
  'create unique index audit_events_seq on audit_events (seq)',
  // Always empty once committed; lets the verifier find an unchained row without reading the table.
  'create index audit_events_unchained on audit_events (id) where seq is null',
  `create table audit_chain (
    singleton boolean primary key default true check (singleton),
    seq bigint not null,
    hash text not null
  )`,
  `insert into audit_chain (seq, hash) values (0, '${GENESIS}')`,
  `create function audit_event_digest(seq bigint, id bigint, occurred_at timestamptz, user_id uuid, unit_id uuid,
     action text, entity_type text, entity_id text, details jsonb, ip text, prev_hash text) returns text
   language sql stable parallel safe as $$
     select encode(sha256(convert_to(jsonb_build_array(seq, id,
       to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       user_id, unit_id, action, entity_type, entity_id, details, ip, prev_hash)::text, 'UTF8')), 'hex')
   $$`,
  `create function audit_events_chain() returns trigger language plpgsql security definer
   set search_path = pg_catalog, public as $$
   declare
     head_seq bigint;
     head_hash text;
     digest text;
   begin
     select seq, hash into head_seq, head_hash from audit_chain for update;
     head_seq := head_seq + 1;
     digest := audit_event_digest(head_seq, new.id, new.occurred_at, new.user_id, new.unit_id, new.action,
       new.entity_type, new.entity_id, new.details, new.ip, head_hash);
     update audit_events set seq = head_seq, prev_hash = head_hash, hash = digest where id = new.id;
     update audit_chain set seq = head_seq, hash = digest;
     return null;
   end $$`,
  `create function audit_events_guard() returns trigger language plpgsql as $$
   begin
     -- The one change allowed: the chain trigger filling in a new row's place in the chain.
     if tg_op = 'UPDATE' and pg_trigger_depth() > 1 and old.seq is null and old.hash is null
        and (new.id, new.occurred_at, new.user_id, new.unit_id, new.action, new.entity_type, new.entity_id, new.details, new.ip)
            is not distinct from (old.id, old.occurred_at, old.user_id, old.unit_id, old.action, old.entity_type, old.entity_id, old.details, old.ip) then
       return new;
     end if;
     raise exception 'audit_events is append-only: rows are never changed or deleted';
   end $$`,
  'drop trigger audit_events_append_only on audit_events',
  // The rows already there, in id order (the trigger that refuses updates is off for this only).
  `do $$
   declare
     r record;
     n bigint := 0;
     prev text := '${GENESIS}';
     digest text;
   begin
     for r in select * from audit_events order by id loop
       n := n + 1;
       digest := audit_event_digest(n, r.id, r.occurred_at, r.user_id, r.unit_id, r.action, r.entity_type, r.entity_id, r.details, r.ip, prev);
       update audit_events set seq = n, prev_hash = prev, hash = digest where id = r.id;
       prev := digest;
     end loop;
     update audit_chain set seq = n, hash = prev;
   end $$`,
  `create trigger audit_events_append_only before update or delete on audit_events
   for each row execute function audit_events_guard()`,
  `create trigger audit_events_no_truncate before truncate on audit_events
   for each statement execute function refuse_change()`,
  `create constraint trigger audit_events_chain after insert on audit_events
   deferrable initially deferred for each row execute function audit_events_chain()`,
  'create trigger audit_chain_no_truncate before truncate on audit_chain for each statement execute function refuse_change()',
  // ANALYZE is the owner's: the application role (db/app-role.ts) refreshes the planner's statistics
  // through this function (db/statistics.ts), on the public tables it names.
  `create function refresh_statistics(tables text[]) returns void language plpgsql security definer
   set search_path = pg_catalog, public as $$
   declare t text;
   begin
     foreach t in array tables loop
       execute format('analyze public.%I', t);
     end loop;
   end $$`,
  'revoke all on audit_chain from public',
  'revoke all on function audit_events_chain() from public',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger if exists audit_events_chain on audit_events',
    'drop trigger if exists audit_events_no_truncate on audit_events',
    'drop trigger if exists audit_events_append_only on audit_events',
    'drop table if exists audit_chain',
    'drop function if exists audit_events_chain()',
    'drop function if exists refresh_statistics(text[])',
    'drop function if exists audit_events_guard()',
    'drop function if exists audit_event_digest(bigint, bigint, timestamptz, uuid, uuid, text, text, text, jsonb, text, text)',
    'drop index if exists audit_events_unchained',
    'drop index if exists audit_events_seq',
    'alter table audit_events drop column if exists seq, drop column if exists prev_hash, drop column if exists hash',
    `create trigger audit_events_append_only before update or delete on audit_events
     for each row execute function refuse_change()`,
  ]) await sql.raw(statement).execute(db)
}
