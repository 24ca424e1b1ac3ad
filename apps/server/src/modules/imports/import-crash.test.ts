/**
 * The real server as a child process, killed with SIGKILL in the middle of a 50,000-row import and
 * started again on the same data: the import must end finished (resumed after its last committed
 * batch) with every row exactly once. Runs on PGlite, or on a fresh PostgreSQL database when
 * DATABASE_URL is set.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/engine'
import { childData, exited, freePort, startChildServer, type ChildData, type ChildServer } from '../../test/child-server'
import { syntheticBirthRows, upload, waitForJob, writeXlsxFile } from '../../test/import-helpers'

const ROWS = 50_000

let data: ChildData
let server: ChildServer | undefined

beforeAll(async () => {
  data = await childData('hts-crash-')
})

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL')
    await exited(server.child)
  }
  await data?.dispose()
})

describe('a server killed during an import', () => {
  it('resumes after restart: the 50,000 rows are all there, none twice', async () => {
    const port = await freePort()
    server = await startChildServer(data, port)
    let client = await server.login('tuphap.anphu')
    const file = path.join(data.dataDir, 'khai-sinh-50000.xlsx')
    await writeXlsxFile(file, syntheticBirthRows(ROWS, 2024))
    const uploaded = await upload(client, { bookType: 'KS' }, 'khai-sinh-50000.xlsx', fs.readFileSync(file))
    expect(uploaded.status).toBe(201)
    expect(uploaded.body.analysis.rowCount).toBe(ROWS)
    const started = await client.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const jobId = started.body.jobId as string

    // Kill -9 once some batches are committed, well before the end.
    // The progress poll is answered while the import writes (PGlite shares one thread with the
    // job): once it waited 11 s while 30,000 rows went in and saw only the finished job.
    let before = 0
    let longestPoll = 0
    for (const until = Date.now() + 300_000; Date.now() < until; ) {
      const asked = performance.now()
      const job = (await client.get(`/api/jobs/${jobId}`)).body
      longestPoll = Math.max(longestPoll, performance.now() - asked)
      before = Number(job.progress?.accepted ?? 0)
      if (before >= 5_000 || job.status !== 'running' && job.status !== 'queued') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(before).toBeGreaterThanOrEqual(5_000)
    expect(before).toBeLessThan(ROWS)
    expect(longestPoll).toBeLessThan(5_000)
    server.child.kill('SIGKILL')
    await exited(server.child)

    server = await startChildServer(data, port)
    client = await server.login('tuphap.anphu')
    const job = await waitForJob(client, jobId, 900_000)
    expect(job.status).toBe('succeeded')
    // The book created before the kill is counted once, and kept: it holds the rows.
    expect(job.result).toMatchObject({ rowsRead: ROWS, accepted: ROWS, rejected: 0, skipped: 0, booksCreated: 1, booksRemoved: 0 })
    const view = (await client.get(`/api/imports/${uploaded.body.id}`)).body
    expect(view.counts).toMatchObject({ accepted: ROWS, booksCreated: 1 })

    server.child.kill('SIGTERM')
    await exited(server.child)
    const db = await openDatabase({ databaseUrl: data.databaseUrl, dataDir: data.dataDir })
    try {
      const counts = await sql<{ entries: number; distinct_numbers: number; revisions: number; attempts: number }>`
        select (select count(*)::int from entries where import_id = ${uploaded.body.id}) as entries,
               (select count(distinct so)::int from entries where import_id = ${uploaded.body.id}) as distinct_numbers,
               (select count(*)::int from entry_revisions r join entries e on e.id = r.entry_id where e.import_id = ${uploaded.body.id}) as revisions,
               (select attempts from jobs where id = ${jobId}) as attempts`.execute(db.kysely)
      expect(counts.rows[0]).toEqual({ entries: ROWS, distinct_numbers: ROWS, revisions: ROWS, attempts: 2 })
      const batches = await db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.batch').where('entity_id', '=', uploaded.body.id).execute()
      const audited = batches.flatMap((b) => b.details.entryIds as string[])
      expect(new Set(audited).size).toBe(ROWS)
      expect(audited).toHaveLength(ROWS)
    } finally {
      await db.close()
    }
  }, 1_200_000)
})
