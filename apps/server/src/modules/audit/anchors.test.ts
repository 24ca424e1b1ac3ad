import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { sql, type Kysely } from 'kysely'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { migrateToLatest } from '../../db/migrate'
import { freshDatabase, startTestServer, type TestServer } from '../../test/harness'
import type { Db } from '../../db/engine'
import { createS3Client } from '../files'
import { anchorObjectKey, AUDIT_ANCHOR_TASK, createAuditAnchorTask, readAuditAnchors } from './anchors'
import { recordAudit } from './service'
import { verifyAuditChain } from './verify'

/**
 * Anchors of the audit chain: the chain alone cannot tell a whole trail from one that the database's
 * owner rewrote (a row edited, every later hash recomputed, the head set to match); the heads written
 * outside the database before the rewrite can. Both engines.
 */

/** What an owner with the triggers off can do: edit row `seq` and recompute the chain from it to the head. */
async function rewriteChainFrom(db: Kysely<Database>, seq: number, edit: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx)
    await sql`alter table audit_chain disable trigger user`.execute(trx)
    await edit.execute(trx)
    await sql.raw(`do $$ declare r record; prev text; begin
      select hash into prev from audit_events where seq = ${seq - 1};
      for r in select * from audit_events where seq >= ${seq} order by seq loop
        update audit_events set prev_hash = prev,
          hash = audit_event_digest(r.seq, r.id, r.occurred_at, r.user_id, r.unit_id, r.action, r.entity_type, r.entity_id, r.details, r.ip, prev)
        where id = r.id returning hash into prev;
      end loop;
      update audit_chain set seq = (select max(seq) from audit_events), hash = prev;
    end $$`).execute(trx)
    await sql`alter table audit_chain enable trigger user`.execute(trx)
    await sql`alter table audit_events enable trigger user`.execute(trx)
  })
}

let dir: string
let db: Db
let dispose: () => Promise<void>
let s3: S3rver
let endpoint: string
const BUCKET = 'hts-anchors'

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-anchors-'))
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3rver'), configureBuckets: [{ name: BUCKET, configs: [] }] })
  endpoint = `http://127.0.0.1:${(await s3.run()).port}`
  ;({ db, dispose } = await freshDatabase())
  await migrateToLatest(db)
}, 120_000)

afterAll(async () => {
  await dispose?.()
  await s3?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('anchors of the audit chain', () => {
  it('are written when the head moved, locally and to the bucket, and a rewritten chain no longer matches them', async () => {
    const file = path.join(dir, 'backups', 'audit-anchors.jsonl')
    const offsite = { bucket: BUCKET, prefix: 'hts-backups/', endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }
    const task = createAuditAnchorTask({ file, everyMinutes: 60, offsite })
    for (let i = 0; i < 6; i++) await recordAudit(db.kysely, null, { action: 'test.anchor', entityType: 'test', entityId: String(i) })
    expect(await task.run(db.kysely)).toMatchObject({ written: true })
    expect(await task.run(db.kysely)).toMatchObject({ written: false })
    for (let i = 6; i < 10; i++) await recordAudit(db.kysely, null, { action: 'test.anchor', entityType: 'test', entityId: String(i) })
    expect(await task.run(db.kysely)).toMatchObject({ written: true })

    const { anchors, unreadable } = readAuditAnchors(file)
    expect(unreadable).toBe(0)
    expect(anchors.map((a) => a.seq)).toEqual([6, 10])
    const head = await db.kysely.selectFrom('audit_chain').select(['seq', 'hash']).executeTakeFirstOrThrow()
    expect(anchors[1]).toMatchObject({ seq: Number(head.seq), hash: head.hash })
    // The same anchor in the bucket, as its own object.
    const object = await createS3Client({ ...offsite }).send(new GetObjectCommand({ Bucket: BUCKET, Key: anchorObjectKey('hts-backups/', anchors[1]!) }))
    expect(JSON.parse(await object.Body!.transformToString())).toEqual(anchors[1])
    expect(await verifyAuditChain(db.kysely, { anchors })).toMatchObject({ ok: true, checked: 10, anchorsChecked: 2 })

    // The owner edits row 3 and recomputes the chain: the chain alone finds nothing ...
    await rewriteChainFrom(db.kysely, 3, sql`update audit_events set entity_id = 'sửa' where seq = 3`)
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, checked: 10 })
    // ... the anchors do, at the first anchored row after the edit.
    const rewritten = await verifyAuditChain(db.kysely, { anchors })
    expect(rewritten.broken).toMatchObject({ seq: 6, reason: 'anchor' })
    expect(rewritten.broken?.message).toMatch(/viết lại/)
  })

  it('find the rows cut from the end with the head set back, and skip a line that does not parse', async () => {
    const file = path.join(dir, 'cut', 'audit-anchors.jsonl')
    const task = createAuditAnchorTask({ file, everyMinutes: 60 })
    for (let i = 0; i < 3; i++) await recordAudit(db.kysely, null, { action: 'test.cut', entityType: 'test', entityId: String(i) })
    await task.run(db.kysely)
    fs.appendFileSync(file, '{"seq": "not a number"}\nnot json\n')
    const { anchors, unreadable } = readAuditAnchors(file)
    expect([anchors.length, unreadable]).toEqual([1, 2])
    const head = Number(anchors[0]!.seq)
    await db.kysely.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger user`.execute(trx)
      await sql`alter table audit_chain disable trigger user`.execute(trx)
      await sql`delete from audit_events where seq > ${head - 2}`.execute(trx)
      await sql`update audit_chain set seq = ${head - 2}, hash = (select hash from audit_events where seq = ${head - 2})`.execute(trx)
      await sql`alter table audit_chain enable trigger user`.execute(trx)
      await sql`alter table audit_events enable trigger user`.execute(trx)
    })
    const report = await verifyAuditChain(db.kysely, { anchors })
    expect(report.broken).toMatchObject({ seq: head, reason: 'anchor' })
    expect(report.broken?.message).toMatch(/ngắn hơn mốc neo/)
  })
})

describe('the anchor task of a server', () => {
  let server: TestServer
  beforeAll(async () => {
    // A test server runs in demo mode, where anchors are off unless asked for.
    server = await startTestServer({ config: { auditAnchorMinutes: 60 } })
  })
  afterAll(async () => server?.close())

  it('runs as housekeeping and writes beside the backups', async () => {
    // The run at start may have written the first anchor already; this one writes the head after the login.
    await server.login('sotuphap')
    expect(await server.services.jobRunner.runPeriodicNow(AUDIT_ANCHOR_TASK)).toMatchObject({ written: true })
    const file = path.join(server.services.config.dataDir, 'backups', 'audit-anchors.jsonl')
    const head = await server.db.kysely.selectFrom('audit_chain').select(['seq', 'hash']).executeTakeFirstOrThrow()
    expect(readAuditAnchors(file).anchors.at(-1)).toMatchObject({ seq: Number(head.seq), hash: head.hash })
  })
})
