/**
 * Population extract uploads live in the shared file store and the database (issue 17), not on the
 * receiving instance's disk: kept per uploader and unit, removed once loaded, and removed by the
 * hourly clean-up once expired unless a load still needs them; the bytes stay while another row
 * (an import, another upload) uses the same content.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'
import { upload as uploadImport } from '../../test/import-helpers'
import { UPLOAD_CLEANUP_TASK, type CleanupResult } from '../imports/upload-cleanup'
import { populationCsv, uploadFile, waitForJob } from './population-fixtures'
import { POPULATION_UPLOAD_CLEANUP_TASK, type PopulationCleanupResult } from './upload-cleanup'

let server: TestServer
let police: Client

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  police = await server.login('congan.anphu')
})
afterAll(async () => server?.close())

const row = (id: string) => server.db.kysely.selectFrom('population_uploads').selectAll().where('id', '=', id).executeTakeFirst()
const expire = (id: string) => server.db.kysely.updateTable('population_uploads').set({ expires_at: new Date(Date.now() - 60_000) }).where('id', '=', id).execute()
const cleanup = async () => (await server.services.jobRunner.runPeriodicNow(POPULATION_UPLOAD_CLEANUP_TASK)) as PopulationCleanupResult
const start = async (client: Client, uploadId: string, unitCode = '98001', mapping?: Record<string, number>) =>
  client.post('/api/population/extracts', { uploadId, unitId: await unitIdByCode(server, unitCode), source: 'Công an xã An Phú', extractDate: '2025-06-30', mapping: mapping ?? { fullName: 2, birthDate: 3 } })

describe('a population upload', () => {
  it('is kept in the file store and the database, for its uploader only, and goes once loaded', async () => {
    const uploaded = await uploadFile(police, populationCsv({ filler: 3 }), 'dan-cu.csv')
    expect(uploaded.status).toBe(201)
    const kept = await row(uploaded.body.uploadId)
    expect(kept).toMatchObject({ file_name: 'dan-cu.csv', file_format: 'csv', unit_id: await unitIdByCode(server, '98001'), extract_id: null })
    expect(kept?.file_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Number(kept?.file_size)).toBe(uploaded.body.size)
    expect((kept?.expires_at.getTime() ?? 0) - Date.now()).toBeGreaterThan(23 * 3600_000)
    expect(await server.services.files.has(kept?.file_sha256 ?? '')).toBe(true)
    // Nothing waits on this instance's disk any more.
    expect(fs.existsSync(path.join(server.services.config.dataDir, 'tmp', 'population'))).toBe(false)
    const audit = await server.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', uploaded.body.uploadId).execute()
    expect(audit).toMatchObject([{ action: 'population.upload', details: { fileName: 'dan-cu.csv', sha256: kept?.file_sha256, size: uploaded.body.size } }])

    // Another unit's officer (who may load extracts for their own unit) finds no such upload.
    const neighbour = await server.login('tuphap.binhminh')
    expect((await neighbour.get(`/api/population/uploads/${uploaded.body.uploadId}`)).status).toBe(404)
    const taken = await start(neighbour, uploaded.body.uploadId, '98002')
    expect(taken.status).toBe(404)
    expect(taken.body.message).toMatch(/tải tệp lên lại/)

    // The uploader sees it again, with the same header and sample rows, without reading the file.
    const again = await police.get(`/api/population/uploads/${uploaded.body.uploadId}`)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ uploadId: uploaded.body.uploadId, headers: uploaded.body.headers, sampleRows: uploaded.body.sampleRows, suggestedMapping: uploaded.body.suggestedMapping })

    const created = await start(police, uploaded.body.uploadId, '98001', uploaded.body.suggestedMapping)
    expect(created.status).toBe(202)
    expect((await waitForJob(police, created.body.jobId)).status).toBe('succeeded')
    expect(await row(uploaded.body.uploadId)).toBeUndefined()
    expect(await server.services.files.has(kept?.file_sha256 ?? '')).toBe(false)
    expect((await police.get(`/api/population/uploads/${uploaded.body.uploadId}`)).status).toBe(404)
  })

  it('is removed by the clean-up once expired, unless its load is still running', async () => {
    const csv = ['HO_TEN,NGAY_SINH', ',01/01/1990'].join('\r\n')
    const broken = await uploadFile(police, csv, 'hong.csv')
    const created = await start(police, broken.body.uploadId, '98001', broken.body.suggestedMapping)
    expect((await waitForJob(police, created.body.jobId)).status).toBe('failed')
    // A failed load keeps the upload (a retry needs it), for a day from the load's start.
    const kept = await row(broken.body.uploadId)
    expect(kept?.extract_id).toBe(created.body.extract.id)
    await expire(broken.body.uploadId)

    // Made to look as if its load were still running: it stays, and a second load of it is refused.
    await server.db.kysely.updateTable('population_extracts').set({ status: 'loading' }).where('id', '=', created.body.extract.id).execute()
    expect(await cleanup()).toEqual({ uploadsRemoved: 0, filesRemoved: 0, filesKept: 0 })
    await server.db.kysely.updateTable('population_uploads').set({ expires_at: new Date(Date.now() + 3600_000) }).where('id', '=', broken.body.uploadId).execute()
    const twice = await start(police, broken.body.uploadId, '98001', broken.body.suggestedMapping)
    expect(twice.status).toBe(409)
    expect(twice.body.message).toMatch(/đang được nạp/)
    await server.db.kysely.updateTable('population_extracts').set({ status: 'failed' }).where('id', '=', created.body.extract.id).execute()
    await expire(broken.body.uploadId)

    // An expired upload answers 404 even before the clean-up ran.
    expect((await police.get(`/api/population/uploads/${broken.body.uploadId}`)).status).toBe(404)
    expect(await cleanup()).toEqual({ uploadsRemoved: 1, filesRemoved: 1, filesKept: 0 })
    expect(await row(broken.body.uploadId)).toBeUndefined()
    expect(await server.services.files.has(kept?.file_sha256 ?? '')).toBe(false)
    const [audit, ...more] = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'population.upload.expire').where('entity_id', '=', broken.body.uploadId).execute()
    expect(more).toEqual([])
    expect(audit).toMatchObject({ user_id: null, entity_type: 'upload', details: { fileName: 'hong.csv', sha256: kept?.file_sha256, fileRemoved: true, fileKeptFor: [], extractId: created.body.extract.id } })
    expect(await cleanup()).toEqual({ uploadsRemoved: 0, filesRemoved: 0, filesKept: 0 })
  })

  it('keeps its bytes while an import or another upload uses the same content, and the imports clean-up keeps them for it', async () => {
    const bytes = Buffer.from(populationCsv({ filler: 5 }), 'utf8')
    const first = await uploadFile(police, bytes, 'lan-1.csv')
    const second = await uploadFile(police, bytes, 'lan-2.csv')
    const sha = (await row(first.body.uploadId))?.file_sha256 ?? ''
    expect((await row(second.body.uploadId))?.file_sha256).toBe(sha)
    await expire(first.body.uploadId)
    expect(await cleanup()).toEqual({ uploadsRemoved: 1, filesRemoved: 0, filesKept: 1 })
    expect(await server.services.files.has(sha)).toBe(true)

    // The same bytes uploaded as an Excel/CSV import of entries, then abandoned: the import goes, the bytes stay for the population upload.
    const officer = await server.login('tuphap.anphu')
    const asImport = await uploadImport(officer, { bookType: 'KS' }, 'lan-3.csv', bytes)
    expect(asImport.status).toBe(201)
    expect(asImport.body.sha256).toBe(sha)
    const longAgo = new Date(Date.now() - 30 * 24 * 3600_000)
    await server.db.kysely.updateTable('imports').set({ created_at: longAgo, updated_at: longAgo }).where('id', '=', asImport.body.id).execute()
    expect(await server.services.jobRunner.runPeriodicNow(UPLOAD_CLEANUP_TASK)).toEqual({ importsRemoved: 1, filesRemoved: 0, filesKept: 1 } satisfies CleanupResult)
    const expired = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'import.expire').where('entity_id', '=', asImport.body.id).executeTakeFirstOrThrow()
    expect(expired.details).toMatchObject({ fileRemoved: false, fileKeptFor: ['population'] })

    // ... and the population upload still loads from them.
    const created = await start(police, second.body.uploadId, '98001', second.body.suggestedMapping)
    expect((await waitForJob(police, created.body.jobId)).status).toBe('succeeded')
    expect(await server.services.files.has(sha)).toBe(false)
  })
})
