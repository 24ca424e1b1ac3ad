/**
 * What an import's result says is true: books it created and left empty are removed again (after a
 * cancel, or when no row went into them) and not counted, and the rows taken with warnings are listed
 * by row and message.
 */
import { findField } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { importFile, syntheticBirthRow, upload, waitForJob, workbookOf } from '../../test/import-helpers'
import type { Client } from '../../test/harness'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
})
afterAll(async () => server?.close())

/** Books this import created, from their audit rows (they may be gone since). */
const createdBy = async (importId: string) =>
  (await server.db.kysely.selectFrom('audit_events').select(['entity_id', 'details']).where('action', '=', 'book.create').execute())
    .filter((r) => r.details.importId === importId)
    .map((r) => r.entity_id ?? '')
const deletions = (bookIds: string[]) =>
  bookIds.length === 0 ? Promise.resolve([]) : server.db.kysely.selectFrom('audit_events').select(['entity_id', 'details']).where('action', '=', 'book.delete').where('entity_id', 'in', bookIds).execute()
const booksNamed = (volumes: string[]) => server.db.kysely.selectFrom('books').select(['id', 'volume']).where('volume', 'in', volumes).where('book_type', '=', 'KS').execute()
const withoutName = (row: Record<string, string>) => ({ ...row, nksHoTen: '' })
/** A mother born in 1940 is more than 60 years older than a child of the 2010s: a warning, not an error. */
const oldMother = (row: Record<string, string>) => ({ ...row, meNgaySinh: '1940' })

describe('books an import created', () => {
  it('a file whose rows are all set aside leaves no empty book, and says 0 books created', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = [1, 2, 3].map((i) => withoutName(syntheticBirthRow(i, 2013, '05/2013')))
    const result = await importFile(officer, 'ks-2013-loi.xlsx', await workbookOf(rows))
    expect(result.counts).toMatchObject({ accepted: 0, rejected: 3, booksCreated: 0, booksRemoved: 1 })
    expect(await booksNamed(['05/2013'])).toEqual([])
    const created = await createdBy(result.id)
    expect(created).toHaveLength(1)
    expect(await deletions(created)).toEqual([{ entity_id: created[0], details: expect.objectContaining({ reason: 'import.empty', importId: result.id, volume: '05/2013' }) }])
  })

  it('keeps the volume that took rows, removes the one whose rows were all set aside, and counts one', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = [...[1, 2].map((i) => syntheticBirthRow(i, 2013, '06/2013')), ...[3, 4].map((i) => withoutName(syntheticBirthRow(i, 2013, '07/2013')))]
    const result = await importFile(officer, 'ks-2013-hai-quyen.xlsx', await workbookOf(rows))
    expect(result.counts).toMatchObject({ accepted: 2, rejected: 2, booksCreated: 1, booksRemoved: 1 })
    expect((await booksNamed(['06/2013', '07/2013'])).map((b) => b.volume)).toEqual(['06/2013'])
  })

  it('a cancelled import removes the books it created, says so, and a second try creates and counts them again', async () => {
    const officer = await server.login('tuphap.anphu')
    // Large enough that the job is still writing rows when the cancel arrives; the first rows carry warnings.
    const rows = Array.from({ length: 8000 }, (_, i) => {
      const row = syntheticBirthRow(i + 1, 2012, i % 2 === 0 ? '01/2012' : '02/2012')
      return i < 10 ? oldMother(row) : row
    })
    const uploaded = await upload(officer, { bookType: 'KS' }, 'ks-2012.xlsx', await workbookOf(rows))
    const started = await officer.post(`/api/imports/${uploaded.body.id}/start`, { missingBooks: 'create' })
    expect(started.status).toBe(202)
    const jobId = started.body.jobId as string
    await untilBooksCreated(officer, jobId, 2)
    expect((await officer.post(`/api/jobs/${jobId}/cancel`)).status).toBe(200)
    expect((await waitForJob(officer, jobId)).status).toBe('cancelled')

    const view = (await officer.get(`/api/imports/${uploaded.body.id}`)).body
    expect(view.counts).toMatchObject({ rolledBack: true, booksCreated: 0, booksRemoved: 2, warningRows: 0 })
    expect(await booksNamed(['01/2012', '02/2012'])).toEqual([])
    const created = await createdBy(uploaded.body.id)
    expect(created).toHaveLength(2)
    const removed = await deletions(created)
    expect(removed.map((r) => r.details.reason)).toEqual(['import.rollback', 'import.rollback'])
    expect(removed.every((r) => r.details.importId === uploaded.body.id)).toBe(true)
    const rollback = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.rollback').where('entity_id', '=', uploaded.body.id).executeTakeFirstOrThrow()
    expect([...(rollback.details.booksRemoved as string[])].sort()).toEqual([...created].sort())
    const warnings = await server.db.kysely.selectFrom('import_warnings').select('row_number').where('import_id', '=', uploaded.body.id).execute()
    expect(warnings).toEqual([])
    expect((await officer.get(`/api/imports/${uploaded.body.id}/warnings`)).body).toMatchObject({ items: [], total: 0 })

    const again = await importFile(officer, 'ks-2012-lai.xlsx', await workbookOf(rows.slice(0, 2)))
    expect(again.counts).toMatchObject({ accepted: 2, booksCreated: 2, booksRemoved: 0 })
    expect((await booksNamed(['01/2012', '02/2012'])).map((b) => b.volume).sort()).toEqual(['01/2012', '02/2012'])
  })
})

describe('rows taken with warnings', () => {
  it('are listed with their row in the file, the column, the field and the message, a page at a time', async () => {
    const officer = await server.login('tuphap.anphu')
    const rows = [1, 2, 3, 4, 5, 6].map((i) => syntheticBirthRow(i, 2014, '01/2014'))
    for (const i of [1, 3, 4]) rows[i] = oldMother(rows[i]!)
    rows.push(withoutName(syntheticBirthRow(7, 2014, '01/2014')))
    const result = await importFile(officer, 'ks-2014-canh-bao.xlsx', await workbookOf(rows))
    expect(result.counts).toMatchObject({ accepted: 6, rejected: 1, warningRows: 3 })

    // Data starts on the file's second row: rows[1] is row 3 of the file.
    const first = await officer.get(`/api/imports/${result.id}/warnings?pageSize=2`)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    expect(first.body.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([3, 5])
    expect(first.body.items[0].warnings).toEqual([
      { field: 'meNgaySinh', label: findField('KS', 'meNgaySinh')?.label, column: 'meNgaySinh', message: expect.stringMatching(/mẹ hơn con trên 60 tuổi/) },
    ])
    const second = await officer.get(`/api/imports/${result.id}/warnings?pageSize=2&page=2`)
    expect(second.body.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([6])

    const reads = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.warnings.read').where('entity_id', '=', result.id).execute()
    expect(reads.map((r) => r.details.rows)).toEqual([[3, 5], [6]])
    expect((await (await server.login('tuphap.binhminh')).get(`/api/imports/${result.id}/warnings`)).status).toBe(404)
  })
})

async function untilBooksCreated(client: Client, jobId: string, books: number): Promise<void> {
  for (const until = Date.now() + 120_000; Date.now() < until; ) {
    const job = (await client.get(`/api/jobs/${jobId}`)).body
    const created = Array.isArray(job.progress?.booksCreated) ? job.progress.booksCreated.length : 0
    if (created >= books) {
      expect(job.status).toBe('running')
      return
    }
    if (!['queued', 'running'].includes(job.status)) throw new Error(`job ${job.status} before its books were seen`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the import never created its books')
}
