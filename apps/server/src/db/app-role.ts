/**
 * Two database roles on PostgreSQL (issue 14): the OWNER (DATABASE_URL) owns the tables and runs the
 * migrations; the APPLICATION role serves requests and may read and write the data but, on the audit
 * trail, only SELECT and INSERT: no UPDATE, DELETE, TRUNCATE, ALTER (its triggers) or DROP, which
 * only an owner may do. The chain's head (`audit_chain`) is written by the owner's trigger function.
 *
 * - DATABASE_APP_URL set: the application logs in as that role (created by the DBA, LOGIN, owning
 *   nothing); the owner grants it its rights at every start, after the migrations.
 * - Only DATABASE_URL: the owner creates the NOLOGIN role `hts_app` if it may (superuser or
 *   CREATEROLE), grants it its rights, and the application's connections start as it (startup
 *   option `-c role=hts_app`, so even RESET ROLE stays there). Simple, but the session user is still
 *   the owner: SQL injected into the application could `SET ROLE` back. Production uses two URLs.
 * - If the owner may not create the role, the application runs as the owner, and the start says so.
 *
 * The application role also owns the population extract tables: loading an extract creates a table
 * and attaches it as a partition of `population_people`, which PostgreSQL allows only to its owner
 * (and analyses it and `population_stats`). Other tables' statistics are refreshed through the
 * owner's function `refresh_statistics` (migration 0016).
 */
import { sql } from 'kysely'
import type { Db } from './engine'

export const APP_ROLE = 'hts_app'

/** How the application's connections reach the database. */
export type AppConnection =
  | { kind: 'login'; role: string; url: string }
  | { kind: 'set_role'; role: string; url: string }
  | { kind: 'owner'; url: string; reason: string }

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

interface PgError {
  code?: string
  message?: string
}
const pgCode = (error: unknown) => (typeof error === 'object' && error !== null ? (error as PgError).code : undefined)

function roleOfUrl(url: string): string {
  const role = decodeURIComponent(new URL(url).username)
  if (!IDENTIFIER.test(role)) {
    throw new Error(`DATABASE_APP_URL: tên vai trò "${role}" không hợp lệ; dùng chữ thường, số và dấu gạch dưới (ví dụ hts_app_login).`)
  }
  return role
}

/** Rights of the application role, given again at every start (new tables of new migrations included). */
async function grantAppRights(owner: Db, role: string): Promise<void> {
  const r = sql.id(role)
  await owner.kysely.transaction().execute(async (trx) => {
    // Two servers starting at once must not grant concurrently ("tuple concurrently updated").
    await sql`select pg_advisory_xact_lock(hashtext('hts.app_role'))`.execute(trx)
    for (const statement of [
      sql`grant usage, create on schema public to ${r}`,
      sql`grant select, insert, update, delete on all tables in schema public to ${r}`,
      sql`grant usage, select on all sequences in schema public to ${r}`,
      sql`revoke all on audit_events from ${r}`,
      sql`grant select, insert on audit_events to ${r}`,
      sql`revoke all on audit_chain from ${r}`,
      sql`grant select on audit_chain to ${r}`,
      sql`revoke all on kysely_migration, kysely_migration_lock from ${r}`,
    ]) await statement.execute(trx)
    // Population extracts: created, attached, detached, analysed and dropped by the application (population/loader.ts).
    const tables = await sql<{ name: string; owner: string }>`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and (c.relname in ('population_people', 'population_stats') or c.relname like 'population\\_x\\_%')`.execute(trx)
    for (const table of tables.rows) {
      if (table.owner !== role) await sql`alter table ${sql.table(table.name)} owner to ${r}`.execute(trx)
    }
  })
}

/**
 * After the migrations, on the owner's connection: makes the application role ready and says how
 * the application connects. Never gives the application more than the owner had.
 */
export async function prepareAppConnection(owner: Db, urls: { databaseUrl: string; databaseAppUrl?: string | undefined }): Promise<AppConnection> {
  const me = (await sql<{ name: string; superuser: boolean; createrole: boolean }>`
    select current_user as name, rolsuper as superuser, rolcreaterole as createrole from pg_roles where rolname = current_user`.execute(owner.kysely)).rows[0]
  if (!me) throw new Error('PostgreSQL: không đọc được vai trò hiện tại')
  if (urls.databaseAppUrl) {
    const role = roleOfUrl(urls.databaseAppUrl)
    if (role === me.name) {
      return { kind: 'owner', url: urls.databaseAppUrl, reason: `DATABASE_APP_URL dùng cùng vai trò chủ sở hữu (${role}): tạo một vai trò đăng nhập riêng không sở hữu bảng nào` }
    }
    try {
      await grantAppRights(owner, role)
    } catch (error) {
      if (pgCode(error) !== '42501') throw error
      throw new Error(`PostgreSQL: vai trò chủ sở hữu ${me.name} chưa là thành viên của ${role}, nên không chuyển được bảng dữ liệu dân cư cho nó. Chạy với quyền quản trị: GRANT ${role} TO ${me.name};`)
    }
    return { kind: 'login', role, url: urls.databaseAppUrl }
  }
  if (!me.superuser && !me.createrole) {
    return { kind: 'owner', url: urls.databaseUrl, reason: `vai trò ${me.name} không có quyền CREATEROLE để tạo ${APP_ROLE}; đặt DATABASE_APP_URL (xem README, "Hai vai trò cơ sở dữ liệu")` }
  }
  const exists = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`.execute(owner.kysely)
  if (exists.rows.length === 0) {
    try {
      await sql`create role ${sql.id(APP_ROLE)} nologin`.execute(owner.kysely)
    } catch (error) {
      // Another server (or database of the same cluster) created it meanwhile.
      if (pgCode(error) !== '42710' && pgCode(error) !== '23505') throw error
    }
  }
  if (!me.superuser) {
    // PostgreSQL 16 gives the creator ADMIN but not SET on the role: the owner's connections must SET it.
    try {
      await sql`grant ${sql.id(APP_ROLE)} to ${sql.id(me.name)}`.execute(owner.kysely)
    } catch (error) {
      if (pgCode(error) !== '42501' && pgCode(error) !== 'XX000') throw error
    }
  }
  await grantAppRights(owner, APP_ROLE)
  return { kind: 'set_role', role: APP_ROLE, url: urls.databaseUrl }
}

/** One line for the start: who the application is in the database. */
export function describeAppConnection(connection: AppConnection): string {
  switch (connection.kind) {
    case 'login': return `Ứng dụng đăng nhập PostgreSQL bằng vai trò ${connection.role} (DATABASE_APP_URL), không sở hữu bảng nhật ký`
    case 'set_role': return `Ứng dụng dùng vai trò ${connection.role} (SET ROLE trên kết nối của DATABASE_URL): không sửa, xóa được nhật ký. Khi vận hành thật, đặt DATABASE_APP_URL`
    case 'owner': return `CẢNH BÁO: ứng dụng chạy bằng vai trò chủ sở hữu, nhật ký không được bảo vệ khỏi chính ứng dụng (${connection.reason})`
  }
}
