import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { openDatabase, type Db } from '../../db/engine'
import { migrateTo, migrateToLatest } from '../../db/migrate'
import { createScratchDatabase } from '../../test/scratch-database'
import { freshDatabase, startTestServer, type Client, type TestServer } from '../../test/harness'
import { waitForJob } from '../../test/import-helpers'
import { recordAudit } from './service'
import { verifyAuditChain } from './verify'

/**
 * The audit chain (migration 0016): every row carries the previous row's hash, set at commit; an
 * edit or a deletion made behind the application's back (owner, triggers off) is found by the check
 * (`npm run audit:verify`, job `audit.verify`), which names the first broken row.
 */

type AnyDb = Kysely<Database>

/** What only an owner can do: change the trail with its triggers (guard and chain) off. */
async function asOwnerWithGuardOff(db: AnyDb, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx)
    await statement.execute(trx)
    await sql`alter table audit_events enable trigger user`.execute(trx)
  })
}

async function lastRows(db: AnyDb, n: number) {
  return db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(n).execute()
}

let server: TestServer
let province: Client
beforeAll(async () => {
  server = await startTestServer()
  province = await server.login('sotuphap')
})
afterAll(async () => server?.close())

describe('the audit chain', () => {
  it('chains every committed row in order, with no gap for a rolled-back transaction', async () => {
    const db = server.db.kysely
    const before = await db.selectFrom('audit_chain').select('seq').executeTakeFirstOrThrow()
    // Concurrent transactions (truly concurrent on PostgreSQL's pool), a third of them rolled back.
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, null, { action: 'test.concurrent', entityType: 'test', entityId: String(i) })
        await sql`select pg_sleep(0.005)`.execute(trx)
        await recordAudit(trx, null, { action: 'test.concurrent', entityType: 'test', entityId: `${i}b` })
        if (i % 3 === 0) throw new Error('rolled back')
      })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20)
    const head = await db.selectFrom('audit_chain').selectAll().executeTakeFirstOrThrow()
    expect(Number(head.seq)).toBe(Number(before.seq) + 40)
    const rows = await db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).where('seq', '>', before.seq).orderBy('seq').execute()
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => Number(before.seq) + i + 1))
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash)
    expect(rows.at(-1)?.hash).toBe(head.hash)
    const unchained = await db.selectFrom('audit_events').select('id').where('seq', 'is', null).execute()
    expect(unchained).toEqual([])
    const report = await verifyAuditChain(db, { batchSize: 7 })
    expect(report).toMatchObject({ ok: true, broken: null })
    expect(report.checked).toBe(Number(head.seq))
  })

  it('refuses UPDATE, DELETE and TRUNCATE of the trail, and a row that claims its own place in the chain', async () => {
    const db = server.db.kysely
    const [row] = await lastRows(db, 1)
    await expect(sql`update audit_events set details = '{}'::jsonb where id = ${row?.id}`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_events where id = ${row?.id}`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_chain`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`insert into audit_events (action, entity_type, seq, prev_hash, hash) values ('test.forged', 'test', 999999, 'x', 'y')`.execute(db))
      .rejects.toThrow(/append-only/)
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('finds a row edited offline, then nothing once it is put back', async () => {
    const db = server.db.kysely
    await recordAudit(db, null, { action: 'test.edit', entityType: 'test', details: { reason: 'gốc' } })
    await recordAudit(db, null, { action: 'test.after', entityType: 'test' })
    const [, edited] = await lastRows(db, 2)
    if (!edited) throw new Error('no row')
    await asOwnerWithGuardOff(db, sql`update audit_events set details = '{"reason": "sửa"}'::jsonb where id = ${edited.id}`)
    const report = await verifyAuditChain(db, { batchSize: 5 })
    expect(report.ok).toBe(false)
    expect(report.broken).toMatchObject({ id: Number(edited.id), reason: 'changed', occurredAt: new Date(edited.occurred_at).toISOString() })
    expect(report.checked).toBe(Number(edited.seq) - 1)

    await asOwnerWithGuardOff(db, sql`update audit_events set details = '{"reason": "gốc"}'::jsonb where id = ${edited.id}`)
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('finds a row deleted from the middle (the row after the gap is named)', async () => {
    const db = server.db.kysely
    for (const n of [1, 2, 3]) await recordAudit(db, null, { action: 'test.delete', entityType: 'test', entityId: String(n) })
    const [after, deleted] = await lastRows(db, 3)
    if (!after || !deleted) throw new Error('no rows')
    // Its time as the database keeps it (microseconds; a JS Date has milliseconds), to put it back exactly.
    const { time } = (await sql<{ time: string }>`select occurred_at::text as time from audit_events where id = ${deleted.id}`.execute(db)).rows[0] ?? { time: '' }
    await asOwnerWithGuardOff(db, sql`delete from audit_events where id = ${deleted.id}`)
    const report = await verifyAuditChain(db)
    expect(report.broken).toMatchObject({ id: Number(after.id), reason: 'missing_before' })

    // The owner rewrites the following row's link to hide the gap: the hash no longer matches.
    await asOwnerWithGuardOff(db, sql`update audit_events set seq = seq - 1, prev_hash = ${deleted.prev_hash} where id = ${after.id}`)
    expect((await verifyAuditChain(db)).broken).toMatchObject({ id: Number(after.id) })
    await asOwnerWithGuardOff(db, sql`update audit_events set seq = ${after.seq}, prev_hash = ${after.prev_hash} where id = ${after.id}`)

    // Put back as it was: whole again.
    await asOwnerWithGuardOff(db, sql`insert into audit_events (id, occurred_at, user_id, unit_id, action, entity_type, entity_id, details, ip, seq, prev_hash, hash)
      overriding system value values (${deleted.id}, ${time}::timestamptz, ${deleted.user_id}, ${deleted.unit_id}, ${deleted.action}, ${deleted.entity_type},
      ${deleted.entity_id}, ${JSON.stringify(deleted.details)}::jsonb, ${deleted.ip}, ${deleted.seq}, ${deleted.prev_hash}, ${deleted.hash})`)
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('finds a row written with the chain trigger off, and rows cut from the end', async () => {
    const db = server.db.kysely
    const inserted = await db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_chain`.execute(trx)
      const row = await trx.insertInto('audit_events').values({ action: 'test.unchained', entity_type: 'test', details: '{}' }).returning('id').executeTakeFirstOrThrow()
      await sql`alter table audit_events enable trigger audit_events_chain`.execute(trx)
      return row
    })
    expect((await verifyAuditChain(db)).broken).toMatchObject({ id: Number(inserted.id), reason: 'unchained' })
    await asOwnerWithGuardOff(db, sql`delete from audit_events where id = ${inserted.id}`)

    await recordAudit(db, null, { action: 'test.tail', entityType: 'test' })
    const [tail, before] = await lastRows(db, 2)
    if (!tail || !before) throw new Error('no rows')
    await asOwnerWithGuardOff(db, sql`delete from audit_events where id = ${tail.id}`)
    expect((await verifyAuditChain(db)).broken).toMatchObject({ id: Number(before.id), reason: 'missing_after' })
  })
})

describe('job audit.verify', () => {
  it('is started by the province officer (audit.read) and reports the first broken row', async () => {
    const started = await province.post('/api/audit/verify')
    expect(started.status).toBe(202)
    const job = await waitForJob(province, started.body.jobId)
    expect(job.status).toBe('succeeded')
    // The previous test cut the tail; the rows written since (this login, this job's audit row) follow a gap.
    expect(job.result).toMatchObject({ ok: false, broken: { reason: 'missing_before' } })
    expect(job.result.message).toContain('KHÔNG nguyên vẹn')
    const audited = await server.db.kysely.selectFrom('audit_events').select('user_id').where('action', '=', 'audit.verify').where('entity_id', '=', started.body.jobId).execute()
    expect(audited).toHaveLength(1)
  })

  it('is refused to a role without audit.read', async () => {
    const digitizer = await server.login('sohoa.anphu')
    expect((await digitizer.post('/api/audit/verify')).status).toBe(403)
  })
})

describe('migration 0016', () => {
  it('chains the rows written before it, in id order', async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0014_first_admin')
      for (const n of [1, 2, 3]) {
        await sql`insert into audit_events (action, entity_type, entity_id, details, ip) values ('test.old', 'test', ${String(n)}, ${JSON.stringify({ n, text: 'Nguyễn "Văn" \\ A' })}::jsonb, '10.0.0.1')`.execute(db.kysely)
      }
      await migrateToLatest(db)
      const rows = await db.kysely.selectFrom('audit_events').select(['id', 'seq']).orderBy('id').execute()
      expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3])
      expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, checked: 3, head: { seq: 3 } })
      // And the next row follows them.
      await recordAudit(db.kysely, null, { action: 'test.new', entityType: 'test' })
      expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, checked: 4 })
    } finally {
      await dispose()
    }
  }, 240_000)
})

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli/audit-verify.ts')
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..')

describe('npm run audit:verify', () => {
  let db: Db
  let env: NodeJS.ProcessEnv
  let dispose: () => Promise<void>
  beforeAll(async () => {
    const adminUrl = process.env.DATABASE_URL
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-audit-cli-'))
    if (adminUrl) {
      const scratch = await createScratchDatabase(adminUrl, 'hts_test')
      env = { ...process.env, DATABASE_URL: scratch.url, DATA_DIR: dataDir }
      dispose = async () => { await scratch.drop(2500); fs.rmSync(dataDir, { recursive: true, force: true }) }
    } else {
      env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }
      dispose = async () => fs.rmSync(dataDir, { recursive: true, force: true })
    }
    db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir })
    await migrateToLatest(db)
    for (let i = 0; i < 12; i++) await recordAudit(db.kysely, null, { action: 'test.cli', entityType: 'test', entityId: String(i) })
  })
  afterAll(async () => {
    await db?.close()
    await dispose?.()
  })

  const run = async (...args: string[]) => {
    // The CLI opens the database itself (PGlite: one process at a time).
    await db.close()
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], { env, cwd: repoRoot })
      return { code: 0, output: stdout + stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, output: failed.stdout + failed.stderr }
    } finally {
      db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? '' })
    }
  }

  it('says OK with the number of rows checked, then names an edited row and exits 1', async () => {
    const ok = await run()
    expect(ok.code).toBe(0)
    expect(ok.output).toMatch(/OK: .*đã kiểm tra 12 dòng và 0 mốc neo/)

    // Anchors kept elsewhere (--anchors): the true head passes, a head the chain no longer has does not.
    const head = await db.kysely.selectFrom('audit_chain').select(['seq', 'hash']).executeTakeFirstOrThrow()
    const anchors = path.join(env.DATA_DIR ?? '', 'anchors-copy.jsonl')
    fs.writeFileSync(anchors, `${JSON.stringify({ seq: Number(head.seq), hash: head.hash, at: '2026-12-01T00:00:00.000Z' })}\n`)
    expect((await run('--anchors', anchors)).output).toMatch(/OK: .*1 mốc neo/)
    fs.writeFileSync(anchors, `${JSON.stringify({ seq: 4, hash: 'f'.repeat(64), at: '2026-12-01T00:00:00.000Z' })}\n`)
    const rewritten = await run('--anchors', anchors)
    expect(rewritten.code).toBe(1)
    expect(rewritten.output).toMatch(/\(anchor\)[\s\S]*viết lại/)

    const victim = await db.kysely.selectFrom('audit_events').select(['id', 'occurred_at']).where('entity_id', '=', '5').executeTakeFirstOrThrow()
    await asOwnerWithGuardOff(db.kysely, sql`update audit_events set entity_id = '55' where id = ${victim.id}`)
    const broken = await run()
    expect(broken.code).toBe(1)
    expect(broken.output).toContain(`id=${victim.id} thời điểm=${new Date(victim.occurred_at).toISOString()}`)
    expect(broken.output).toMatch(/đã kiểm tra 5 dòng/)
  }, 240_000)
})
