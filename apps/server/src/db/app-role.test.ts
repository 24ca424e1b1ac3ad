import os from 'node:os'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveOn, TEST_PASSWORD, type TestServer } from '../test/harness'
import { createBook } from '../test/factories'
import { waitForJob } from '../test/import-helpers'
import { createScratchDatabase, type ScratchDatabase } from '../test/scratch-database'
import { seedDemo } from '../seed/demo'
import { APP_ROLE, prepareAppConnection, type AppConnection } from './app-role'
import { openDatabase, type Db } from './engine'
import { migrateToLatest } from './migrate'
import { refreshStatistics } from './statistics'
import { recordAudit, verifyAuditChain } from '../modules/audit'

/**
 * Two database roles (PostgreSQL only: PGlite is one embedded user, where the chain is what holds).
 * Migrations run as the owner; the application's connections cannot change, empty, unhook or drop
 * the audit trail, and the application still works: a write is audited and chained, the chain check runs.
 */
const adminUrl = process.env.DATABASE_URL

/** What an attacker holding the application's connection would try first. */
const TAMPERING = [
  'update audit_events set details = \'{}\'::jsonb',
  'delete from audit_events',
  'truncate audit_events',
  'alter table audit_events disable trigger audit_events_append_only',
  'alter table audit_events disable trigger user',
  'drop trigger audit_events_append_only on audit_events',
  'drop table audit_events',
  'update audit_chain set seq = 0',
  'truncate audit_chain',
  'alter table audit_events rename to audit_events_old',
  'set session_replication_role = replica',
]

async function expectAllRefused(db: Db) {
  for (const statement of TAMPERING) {
    await expect(sql.raw(statement).execute(db.kysely), statement).rejects.toThrow(/permission denied|must be owner|append-only|must be superuser/)
  }
}

describe.runIf(adminUrl)('two database roles', () => {
  let scratch: ScratchDatabase
  let owner: Db
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl ?? '', 'hts_test')
    owner = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() })
    await migrateToLatest(owner)
    await seedDemo(owner.kysely, TEST_PASSWORD)
  })
  const loginRoles: string[] = []
  afterAll(async () => {
    await owner?.close()
    await scratch?.drop(2500)
    // Their rights lived in the scratch database, dropped first; then the roles can go.
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    for (const role of loginRoles) await admin.query(`drop role if exists ${role}`)
    await admin.end()
  })

  describe('one URL: the owner\'s connections start as hts_app', () => {
    let connection: AppConnection
    let app: Db
    let server: TestServer
    beforeAll(async () => {
      connection = await prepareAppConnection(owner, { databaseUrl: scratch.url })
      app = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir(), role: APP_ROLE })
      server = await serveOn(app)
    })
    afterAll(async () => {
      await server?.close()
      await app?.close()
    })

    it('runs as hts_app, even after RESET ROLE', async () => {
      expect(connection).toMatchObject({ kind: 'set_role', role: APP_ROLE })
      const who = await sql<{ user: string }>`select current_user as user`.execute(app.kysely)
      expect(who.rows[0]?.user).toBe(APP_ROLE)
      await app.kysely.connection().execute(async (c) => {
        await sql`reset role`.execute(c)
        expect((await sql<{ user: string }>`select current_user as user`.execute(c)).rows[0]?.user).toBe(APP_ROLE)
      })
    })

    it('cannot update, delete, truncate, unhook or drop the audit trail', async () => {
      await recordAudit(app.kysely, null, { action: 'test.app_role', entityType: 'test' })
      await expectAllRefused(app)
      // The trail is still there, whole.
      expect(Number((await sql<{ n: number }>`select count(*) as n from audit_events`.execute(app.kysely)).rows[0]?.n)).toBe(1)
      expect((await verifyAuditChain(app.kysely)).ok).toBe(true)
    })

    it('still works: a write is audited and chained, the chain check runs', async () => {
      const officer = await server.login('tuphap.anphu')
      const book = await createBook(officer, server)
      const row = await app.kysely.selectFrom('audit_events').select(['seq', 'hash']).where('entity_id', '=', book.id).executeTakeFirstOrThrow()
      expect(row.seq).not.toBeNull()
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
      const province = await server.login('sotuphap')
      const started = await province.post('/api/audit/verify')
      const job = await waitForJob(province, started.body.jobId)
      expect(job.result).toMatchObject({ ok: true, broken: null })
    })

    it('refreshes the planner statistics through the owner\'s function (ANALYZE is the owner\'s)', async () => {
      await refreshStatistics(app.kysely, ['entries', 'audit_events'])
      const analysed = await sql<{ name: string }>`select relname as name from pg_stat_user_tables
        where relname in ('entries', 'audit_events') and last_analyze is not null order by relname`.execute(owner.kysely)
      expect(analysed.rows.map((r) => r.name)).toEqual(['audit_events', 'entries'])
    })

    it('loads population extracts: it owns their tables (create, attach, detach, drop)', async () => {
      const table = `population_x_${randomBytes(16).toString('hex')}`
      const extractId = `${table.slice(13, 21)}-${table.slice(21, 25)}-${table.slice(25, 29)}-${table.slice(29, 33)}-${table.slice(33)}`
      for (const statement of [
        `create table ${table} (like population_people including defaults)`,
        `alter table population_people attach partition ${table} for values in ('${extractId}')`,
        `analyze ${table}`,
        `alter table population_people detach partition ${table}`,
        `drop table ${table}`,
      ]) await sql.raw(statement).execute(app.kysely)
    })
  })

  describe('DATABASE_APP_URL: the application logs in as its own role', () => {
    const role = `hts_test_app_${randomBytes(4).toString('hex')}`
    let app: Db
    let appUrl: string
    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: adminUrl })
      await admin.connect()
      await admin.query(`create role ${role} login`)
      loginRoles.push(role)
      await admin.end()
      const url = new URL(scratch.url)
      url.username = role
      appUrl = url.toString()
    })
    afterAll(async () => app?.close())

    it('gets its rights from the owner and cannot touch the trail', async () => {
      const connection = await prepareAppConnection(owner, { databaseUrl: scratch.url, databaseAppUrl: appUrl })
      expect(connection).toMatchObject({ kind: 'login', role })
      app = await openDatabase({ databaseUrl: appUrl, dataDir: os.tmpdir() })
      expect((await sql<{ user: string }>`select session_user as user`.execute(app.kysely)).rows[0]?.user).toBe(role)
      await app.kysely.insertInto('audit_events').values({ action: 'test.app_role', entity_type: 'test', details: '{}' }).execute()
      await expectAllRefused(app)
      // Not even by becoming the owner: it is not a member of it.
      await expect(sql.raw(`set role ${new URL(adminUrl ?? '').username}`).execute(app.kysely)).rejects.toThrow(/permission denied/)
    })
  })
})
