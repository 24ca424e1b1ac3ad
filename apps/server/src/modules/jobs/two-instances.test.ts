/**
 * Two server processes on one PostgreSQL database and one S3-compatible store (issue 17): a session
 * opened on one is valid on the other, a file uploaded through one is analysed and imported through
 * the other, and when the process running the import is killed with SIGKILL the other takes the job
 * over after the stale timeout and finishes it with every row exactly once. A population extract
 * uploaded through one is loaded through the other, and a book reconciled against it. PGlite is one process's
 * database (a second process cannot open its directory), so this runs only on PostgreSQL.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/engine'
import { childData, exited, freePort, startChildServer, type ChildData, type ChildServer } from '../../test/child-server'
import { syntheticBirthRows, upload, waitForJob, writeXlsxFile } from '../../test/import-helpers'
import { buildBirthFields, buildBook } from '../../test/factories'
import { populationCsv, uploadFile } from '../population/population-fixtures'

const ROWS = 30_000
const S3 = { S3_BUCKET: 'hts-instances', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'hts/' }

let data: ChildData
let secondDir: string
let s3: S3rver
const servers: ChildServer[] = []

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return
  data = await childData('hts-two-')
  secondDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-two-b-'))
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(data.dataDir, 's3rver'), configureBuckets: [{ name: S3.S3_BUCKET, configs: [] }] })
  const address = await s3.run()
  const env = { ...S3, S3_ENDPOINT: `http://127.0.0.1:${address.port}` }
  // One after the other, as a rolling deployment does: the second finds the schema migrated and the demo seeded.
  servers.push(await startChildServer(data, await freePort(), env))
  servers.push(await startChildServer({ ...data, dataDir: secondDir }, await freePort(), env))
}, 400_000)

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL')
      await exited(server.child)
    }
  }
  await s3?.close()
  await data?.dispose()
  if (secondDir) fs.rmSync(secondDir, { recursive: true, force: true })
})

describe.skipIf(!process.env.DATABASE_URL)('two server processes on one PostgreSQL', () => {
  it('a population extract uploaded through one instance is loaded through the other, and a book reconciled against it', async () => {
    const [a, b] = servers as [ChildServer, ChildServer]
    const onA = await a.login('tuphap.anphu')
    const onB = onA.on(b.base)
    const db = await openDatabase({ databaseUrl: data.databaseUrl, dataDir: data.dataDir })
    try {
      const anPhu = (await db.kysely.selectFrom('administrative_units').select('id').where('code', '=', '98001').executeTakeFirstOrThrow()).id
      // Uploaded through A (bytes into the bucket, the rest into population_uploads); mapped and loaded through B.
      const uploaded = await uploadFile(onA, populationCsv(), 'dan-cu.csv')
      expect(uploaded.status).toBe(201)
      expect((await onB.get(`/api/population/uploads/${uploaded.body.uploadId}`)).body.headers).toEqual(uploaded.body.headers)
      const created = await onB.post('/api/population/extracts', { uploadId: uploaded.body.uploadId, unitId: anPhu, source: 'Công an xã An Phú', extractDate: '2025-06-30', mapping: uploaded.body.suggestedMapping })
      expect(created.status).toBe(202)
      const load = await waitForJob(onB, created.body.jobId, 120_000)
      expect(load).toMatchObject({ status: 'succeeded', result: { loaded: 68, rejected: 0 } })
      expect((await onA.get(`/api/population/extracts/${created.body.extract.id}`)).body).toMatchObject({ status: 'active', rowCount: 68 })
      // Nothing of it waits on either instance's disk: the upload went with its load.
      expect(await db.kysely.selectFrom('population_uploads').select('id').where('id', '=', uploaded.body.uploadId).executeTakeFirst()).toBeUndefined()
      for (const dir of [data.dataDir, secondDir]) expect(fs.existsSync(path.join(dir, 'tmp', 'population'))).toBe(false)

      // A book with three entries reconciled: started through A, followed through B.
      const book = await onA.post('/api/books', buildBook({ custodianUnitId: anPhu, volume: '05/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' }))
      expect(book.status).toBe(201)
      const people = [
        { nksHoTen: 'Nguyễn Thị Hòa', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' },
        { nksHoTen: 'Khúc Thị Diệp', nksGioiTinh: '2', nksNgaySinh: '30.11.1976', meHoTen: 'Đỗ Thị Nụ', chaHoTen: 'Khúc Văn Tiến' },
        { nksHoTen: 'Hà Văn Tuấn', nksGioiTinh: '1', nksNgaySinh: '09.09.1999', meHoTen: 'Hà Thị Lụa', chaHoTen: 'Hà Văn Dần' },
      ]
      for (const [i, person] of people.entries()) expect((await onA.post(`/api/books/${book.body.id}/entries`, { fields: buildBirthFields({ so: String(i + 1), ...person }) })).status).toBe(201)
      const batch = await onA.post('/api/reconciliation/batches', { bookId: book.body.id })
      expect(batch.status).toBe(202)
      expect(await waitForJob(onB, batch.body.id, 120_000)).toMatchObject({ status: 'succeeded', progress: { total: 3, done: 3 } })
      const results = await onB.get(`/api/reconciliation/results?bookId=${book.body.id}`)
      expect(results.body.total).toBe(3)
      expect(results.body.items.filter((item: { outcome: string }) => item.outcome === 'match')).toHaveLength(2)
      const claimers = await db.kysely.selectFrom('jobs').select(['kind', 'claimed_by']).where('id', 'in', [created.body.jobId, batch.body.id]).execute()
      console.log('population load and reconciliation claimed by', claimers.map((j) => `${j.kind}: ${j.claimed_by === null ? '?' : j.claimed_by.includes(`/${a.child.pid}/`) ? 'A' : 'B'}`).join(', '))
    } finally {
      await db.close()
    }
  }, 600_000)

  it('share sessions and uploads; a killed instance’s import is finished by the other, every row once', async () => {
    const [a, b] = servers as [ChildServer, ChildServer]
    const onA = await a.login('tuphap.anphu')
    const onB = onA.on(b.base)
    expect((await onB.get('/api/auth/me')).status).toBe(200)

    const file = path.join(data.dataDir, 'khai-sinh.xlsx')
    await writeXlsxFile(file, syntheticBirthRows(ROWS, 2023))
    const uploaded = await upload(onA, { bookType: 'KS' }, 'khai-sinh.xlsx', fs.readFileSync(file))
    expect(uploaded.status).toBe(201)
    // Uploaded through A (into the bucket), read and started through B.
    expect((await onB.get(`/api/imports/${uploaded.body.id}`)).body.analysis.rowCount).toBe(ROWS)
    const started = await onB.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const jobId = started.body.jobId as string

    // Whichever instance claimed it is killed once a few batches are committed.
    const db = await openDatabase({ databaseUrl: data.databaseUrl, dataDir: data.dataDir })
    try {
      let holder: ChildServer | undefined
      for (const until = Date.now() + 300_000; Date.now() < until && !holder; ) {
        const job = await db.kysely.selectFrom('jobs').select(['claimed_by', 'progress', 'status']).where('id', '=', jobId).executeTakeFirstOrThrow()
        const accepted = Number((job.progress as { accepted?: number }).accepted ?? 0)
        expect(job.status).not.toBe('succeeded')
        if (accepted >= 2_000) holder = servers.find((s) => job.claimed_by?.includes(`/${s.child.pid}/`))
        else await new Promise((r) => setTimeout(r, 100))
      }
      if (!holder) throw new Error('no instance holds the import')
      const survivor = holder === a ? b : a
      holder.child.kill('SIGKILL')
      await exited(holder.child)

      const job = await waitForJob(onA.on(survivor.base), jobId, 600_000)
      expect(job.status).toBe('succeeded')
      expect(job.result).toMatchObject({ rowsRead: ROWS, accepted: ROWS, rejected: 0, skipped: 0 })
      const counts = await sql<{ entries: number; numbers: number; revisions: number; attempts: number; claimed_by: string }>`
        select (select count(*)::int from entries where import_id = ${uploaded.body.id}) as entries,
               (select count(distinct so)::int from entries where import_id = ${uploaded.body.id}) as numbers,
               (select count(*)::int from entry_revisions r join entries e on e.id = r.entry_id where e.import_id = ${uploaded.body.id}) as revisions,
               (select attempts from jobs where id = ${jobId}) as attempts,
               (select claimed_by from jobs where id = ${jobId}) as claimed_by`.execute(db.kysely)
      expect(counts.rows[0]).toMatchObject({ entries: ROWS, numbers: ROWS, revisions: ROWS, attempts: 2 })
      expect(counts.rows[0]?.claimed_by).toContain(`/${survivor.child.pid}/`)
      const batches = await db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.batch').where('entity_id', '=', uploaded.body.id).execute()
      const audited = batches.flatMap((row) => row.details.entryIds as string[])
      expect(audited).toHaveLength(ROWS)
      expect(new Set(audited).size).toBe(ROWS)
      // Housekeeping ran at A's start; B, started inside the period, did not run it again.
      const periodic = await db.kysely.selectFrom('periodic_runs').select(['name', 'holder']).execute()
      expect(periodic.length).toBeGreaterThan(0)
      for (const run of periodic) expect(run.holder).toContain(`/${a.child.pid}/`)
    } finally {
      await db.close()
    }
  }, 1_200_000)
})
