/**
 * The per-unit export as the real server runs it, interrupted twice: killed with SIGKILL after a
 * few books, then stopped cleanly (SIGTERM) further on. Each restart resumes after the last book
 * written; the zip at the end holds every book once, each book's export is audited, and the
 * progress shown after a restart counts only what was really kept.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/engine'
import type { Client } from '../../test/harness'
import { childData, exited, freePort, startChildServer, type ChildData, type ChildServer } from '../../test/child-server'
import { download, readWorkbook, readZip, syntheticBirthRows, upload, waitForJob, writeXlsxFile } from '../../test/import-helpers'

const BOOKS = 40
const PER_BOOK = 150

let data: ChildData
let server: ChildServer | undefined

function* registers(): Generator<Record<string, string>> {
  for (let v = 1; v <= BOOKS; v++) yield* syntheticBirthRows(PER_BOOK, 2024, `${String(v).padStart(2, '0')}/2024`)
}

interface Progress {
  booksDone: number
  reusedBooks: number
  attempt: number
}

/** Polls the job until `until` says stop (or it ends); returns the last progress seen. */
async function follow(client: Client, jobId: string, until: (p: Progress) => boolean): Promise<Progress> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    const job = (await client.get(`/api/jobs/${jobId}`)).body
    const raw = (job.progress ?? {}) as Partial<Progress>
    const progress = { booksDone: raw.booksDone ?? 0, reusedBooks: raw.reusedBooks ?? 0, attempt: raw.attempt ?? 1 }
    if (until(progress) || !['queued', 'running'].includes(job.status)) return progress
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('the export did not get there')
}

beforeAll(async () => {
  data = await childData('hts-export-crash-')
})

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL')
    await exited(server.child)
  }
  await data?.dispose()
})

describe('a server stopped during a per-unit export', () => {
  it('resumes after each restart from the last book written: every book once, audited, progress honest', async () => {
    const port = await freePort()
    server = await startChildServer(data, port)
    let client = await server.login('tuphap.anphu')
    const file = path.join(data.dataDir, 'so-khai-sinh.xlsx')
    await writeXlsxFile(file, registers())
    const uploaded = await upload(client, { bookType: 'KS' }, 'so-khai-sinh.xlsx', fs.readFileSync(file))
    expect(uploaded.status).toBe(201)
    const started = await client.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect((await waitForJob(client, started.body.jobId, 600_000)).result).toMatchObject({ accepted: BOOKS * PER_BOOK, booksCreated: BOOKS })

    const exportStart = await client.post('/api/exports/unit', { bookType: 'KS' })
    expect(exportStart.status).toBe(202)
    const jobId = exportStart.body.jobId as string

    // 1. Killed outright once a few books are written.
    const first = await follow(client, jobId, (p) => p.booksDone >= 3)
    server.child.kill('SIGKILL')
    await exited(server.child)
    expect(first.booksDone).toBeGreaterThanOrEqual(3)
    expect(first.booksDone).toBeLessThan(BOOKS - 5)
    const jobDir = path.join(data.dataDir, 'tmp', `export-${jobId}`)
    expect(fs.existsSync(path.join(jobDir, 'manifest.jsonl'))).toBe(true)

    // 2. Restarted: the job goes on from the books kept, and says so.
    server = await startChildServer(data, port)
    client = await server.login('tuphap.anphu')
    const resumed = await follow(client, jobId, (p) => p.attempt === 2)
    expect(resumed.reusedBooks).toBeGreaterThanOrEqual(first.booksDone - 1)
    expect(resumed.booksDone).toBeGreaterThanOrEqual(resumed.reusedBooks)

    // 3. Stopped cleanly further on: the job stays for the next start, its files kept.
    const second = await follow(client, jobId, (p) => p.attempt === 2 && p.booksDone >= first.booksDone + 3)
    server.child.kill('SIGTERM')
    await exited(server.child)
    expect(second.booksDone).toBeLessThan(BOOKS)
    expect(fs.existsSync(path.join(jobDir, 'manifest.jsonl'))).toBe(true)

    server = await startChildServer(data, port)
    client = await server.login('tuphap.anphu')
    const job = await waitForJob(client, jobId, 600_000)
    expect(job.status).toBe('succeeded')
    expect(job.result).toMatchObject({ books: BOOKS, entries: BOOKS * PER_BOOK, attempt: 3 })
    expect(job.result.reusedBooks).toBeGreaterThanOrEqual(second.booksDone)
    expect(job.progress).toMatchObject({ booksTotal: BOOKS, booksDone: BOOKS, entries: BOOKS * PER_BOOK })
    expect(fs.existsSync(jobDir)).toBe(false)

    const zip = await download(client, `/api/exports/${jobId}/download`)
    expect(zip.status).toBe(200)
    const files = await readZip(zip.bytes)
    const volumes = Array.from({ length: BOOKS }, (_, i) => String(i + 1).padStart(2, '0'))
    expect([...files.keys()].sort()).toEqual([...volumes.flatMap((v) => [`xaanphu_tsh.KS.2024.${v}.xlsx`, `xaanphu_tsh.KS.2024.${v}.zip`]), 'THIEU_BAN_QUET.txt'].sort())
    for (const v of [volumes[0], volumes[Math.floor(BOOKS / 2)], volumes[BOOKS - 1]]) {
      const sheet = await readWorkbook(files.get(`xaanphu_tsh.KS.2024.${v}.xlsx`)!)
      expect(sheet.rows).toHaveLength(PER_BOOK)
    }

    const running = server.child
    running.kill('SIGTERM')
    await exited(running)
    const db = await openDatabase({ databaseUrl: data.databaseUrl, dataDir: data.dataDir })
    try {
      const audits = await sql<{ book_id: string }>`
        select entity_id as book_id from audit_events where action = 'export.book' and details->>'jobId' = ${jobId}`.execute(db.kysely)
      const books = await db.kysely.selectFrom('books').select('id').where('book_type', '=', 'KS').execute()
      // Every book audited; a book caught between its audit and the manifest is written (and audited) twice at most.
      expect(new Set(audits.rows.map((r) => r.book_id))).toEqual(new Set(books.map((b) => b.id)))
      expect(audits.rows.length).toBeLessThanOrEqual(BOOKS + 2)
      const attempts = await db.kysely.selectFrom('jobs').select('attempts').where('id', '=', jobId).executeTakeFirstOrThrow()
      expect(attempts.attempts).toBe(3)
    } finally {
      await db.close()
    }
  }, 1_200_000)
})
