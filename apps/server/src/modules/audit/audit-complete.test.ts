/**
 * Issue 14, "Complete": reads that wrote no audit row now do (thumbnails, next-entry, a population
 * extract's details and an uploaded population file), every refused attempt of a signed-in user
 * (404 on another unit's record, 403 for a missing permission) leaves one `access.refused` row, and
 * failed logins keep their rows, with the address even when the username is unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook } from '../../test/factories'
import { buildPng, uploadScans, waitForJob } from '../scans/scan-fixtures'
import { loadPopulation, populationCsv, uploadFile } from '../population/population-fixtures'

let server: TestServer
let officer: Client
let bookId: string
let entryId: string

const userId = async (username: string) => (await server.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
const rowsOf = (action: string) =>
  server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute()

beforeAll(async () => {
  server = await startTestServer()
  officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
  const created = await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields() })
  expect(created.status).toBe(201)
  entryId = created.body.id
})
afterAll(async () => server?.close())

describe('reads that are audited now', () => {
  it('a page thumbnail sent writes page.thumbnail with the user and the page', async () => {
    const upload = await uploadScans(officer, bookId, [{ name: 'trang.png', data: await buildPng() }])
    expect(upload.status).toBe(201)
    expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
    const pages = (await officer.get(`/api/books/${bookId}/pages`)).body.items as Array<{ id: string; thumbnailUrl: string }>
    const page = pages[0]
    if (!page) throw new Error('no page')
    const response = await officer.fetch(page.thumbnailUrl)
    expect(response.status).toBe(200)
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0)
    const rows = (await rowsOf('page.thumbnail')).filter((r) => r.entity_id === page.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: await userId('tuphap.anphu'), entity_type: 'page', details: { bookId } })
  })

  it('next-entry (carry-forward from the last entry) writes book.next_entry naming that entry', async () => {
    const response = await officer.get(`/api/books/${bookId}/next-entry`)
    expect(response.status).toBe(200)
    expect(response.body.previousEntryId).toBe(entryId)
    const rows = await rowsOf('book.next_entry')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: await userId('tuphap.anphu'), entity_type: 'book', entity_id: bookId, details: { entryId } })
  })

  it("a population extract's details and an uploaded file's sample rows are audited", async () => {
    const police = await server.login('congan.anphu')
    const extract = await loadPopulation(server, police, populationCsv())
    const reads = (await rowsOf('population.extract.read')).filter((r) => r.entity_id === extract.id)
    expect(reads).toHaveLength(1)
    expect(reads[0]).toMatchObject({ user_id: await userId('congan.anphu'), entity_type: 'population_extract' })

    const upload = await uploadFile(police, populationCsv(), 'dan-cu-2.csv')
    expect(upload.status).toBe(201)
    const again = await police.get(`/api/population/uploads/${upload.body.uploadId}`)
    expect(again.status).toBe(200)
    const uploadRows = (await server.db.kysely.selectFrom('audit_events').selectAll().where('entity_id', '=', upload.body.uploadId).orderBy('id').execute())
    expect(uploadRows.map((r) => r.action)).toEqual(['population.upload', 'population.upload.read'])
    expect(uploadRows[1]?.user_id).toBe(await userId('congan.anphu'))
  })
})

describe('refused attempts', () => {
  it("a 404 on another unit's entry writes access.refused with the user, the entry and the route", async () => {
    const other = await server.login('tuphap.binhminh')
    expect((await other.get(`/api/entries/${entryId}`)).status).toBe(404)
    const rows = (await rowsOf('access.refused')).filter((r) => r.entity_id === entryId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      user_id: await userId('tuphap.binhminh'),
      entity_type: 'entry',
      details: { method: 'GET', route: '/api/entries/:id', status: 404, code: 'not_found', params: { id: entryId } },
    })
    // The entry's own trail has no entry.read by that user: the refusal is the only row.
    const reads = (await rowsOf('entry.read')).filter((r) => r.entity_id === entryId && r.user_id === rows[0]?.user_id)
    expect(reads).toEqual([])
  })

  it('a 403 for a missing permission writes access.refused with the route', async () => {
    const digitizer = await server.login('sohoa.anphu')
    expect((await digitizer.get('/api/audit')).status).toBe(403)
    const rows = (await rowsOf('access.refused')).filter((r) => r.user_id !== null && (r.details as { route?: string }).route === '/api/audit')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: await userId('sohoa.anphu'), entity_type: 'route', entity_id: null, details: { status: 403, code: 'forbidden' } })
  })

  it('anonymous requests and unknown addresses write nothing (no flooding by scanners)', async () => {
    const before = (await rowsOf('access.refused')).length
    const anonymous = server.anonymous()
    expect((await anonymous.get(`/api/entries/${entryId}`)).status).toBe(401)
    expect((await anonymous.get('/api/khong-co-dia-chi-nay')).status).toBe(404)
    expect((await officer.get('/api/khong-co-dia-chi-nay')).status).toBe(404)
    expect((await rowsOf('access.refused')).length).toBe(before)
  })

  it('a parameter that is not an id (a personal ID in the address) is not copied into the row', async () => {
    const admin = await server.login('admin')
    expect((await admin.get('/api/audit/entity/citizen/001224012345')).status).toBe(403)
    const rows = (await rowsOf('access.refused')).filter((r) => (r.details as { route?: string }).route === '/api/audit/entity/:type/:id')
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0])).not.toContain('001224012345')
  })
})

describe('failed logins', () => {
  it('an unknown username and a wrong password each leave a row; the unknown one keeps the address', async () => {
    const anonymous = server.anonymous()
    expect((await anonymous.post('/api/auth/login', { username: 'khong.ton.tai', password: 'Sai-mat-khau-123' })).status).toBe(401)
    expect((await anonymous.post('/api/auth/login', { username: 'lanhdao.anphu', password: 'Sai-mat-khau-123' })).status).toBe(401)
    const failed = await rowsOf('auth.login_failed')
    expect(failed.find((r) => (r.details as { username?: string }).username === 'khong.ton.tai')).toMatchObject({ user_id: null, details: { reason: 'unknown_user', ip: '127.0.0.1' } })
    expect(failed.find((r) => r.user_id !== null)).toMatchObject({ user_id: await userId('lanhdao.anphu'), ip: '127.0.0.1' })
  })
})
