import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { drawSample, samplingPlan } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook, unitIdByCode } from '../../test/factories'

/**
 * Acceptance by sampling through the server (issue 11): the province officer draws a lot of An
 * Phú's approved entries, inspects the sample, rejects it for a wrong name (the entry goes back to
 * its keyer with the error), re-samples after rework and accepts; the record comes out as PDF and Excel.
 */
let server: TestServer
let keyer: Client
let officer: Client
let inspector: Client
let anPhu: string
let bookId: string
const LOT = 10

interface Lot {
  id: string; status: string; lotSize: number; sampleSize: number; codeLetter: string; acceptanceNumber: number; rejectionNumber: number
  seed: string; amount: number; defectiveEntries: number; fieldErrors: number
  samples: Array<{ entryId: string; inspected: boolean; errors: Array<{ field: string; found: string; correct: string; label: string }> }>
  errorsByField: Array<{ field: string; count: number }>
}

beforeAll(async () => {
  server = await startTestServer()
  keyer = await server.login('sohoa.anphu')
  officer = await server.login('tuphap.anphu')
  inspector = await server.login('sotuphap')
  anPhu = await unitIdByCode(server, '98001')
  bookId = (await createBook(officer, server, '98001', { volume: '07/2024' })).id
  for (let so = 1; so <= LOT; so += 1) {
    const keyed = await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: String(so), quyenSo: '07/2024', nksHoTen: `Nguyễn Văn Số ${so}` }), complete: true })
    expect(keyed.status).toBe(201)
    const approved = await officer.post(`/api/entries/${keyed.body.id}/transitions`, { action: 'approve', version: keyed.body.version })
    expect(approved.status).toBe(200)
  }
})
afterAll(async () => server?.close())

const inspectAll = async (lot: Lot, wrong: Record<string, { field: string; correct: string }> = {}) => {
  let last: Lot = lot
  for (const sample of lot.samples) {
    const mark = wrong[sample.entryId]
    const response = await inspector.put(`/api/acceptance/lots/${lot.id}/samples/${sample.entryId}`, { errors: mark ? [mark] : [] })
    expect(response.status).toBe(200)
    last = response.body as Lot
  }
  return last
}

describe('acceptance lots', () => {
  let rejected: Lot
  let wrongEntry: string

  it('draws the ISO 2859-1 sample of the approved entries, frozen and reproducible from the recorded seed', async () => {
    const created = await inspector.post('/api/acceptance/lots', { unitId: anPhu, bookId, phase: 'Giai đoạn 1 (2024)', unitPrice: 5000 })
    expect(created.status).toBe(201)
    const lot = created.body as Lot
    const plan = samplingPlan({ lotSize: LOT, aql: 1, level: 'II' })
    expect(lot).toMatchObject({ status: 'inspecting', lotSize: LOT, codeLetter: plan.codeLetter, acceptanceNumber: plan.acceptance, rejectionNumber: plan.rejection, amount: LOT * 5000 })
    expect(lot.sampleSize).toBe(Math.min(plan.sampleSize, LOT))
    expect(lot.samples).toHaveLength(lot.sampleSize)
    const ids = (await server.db.kysely.selectFrom('entries').select('id').where('book_id', '=', bookId).execute()).map((r) => r.id)
    expect(new Set(drawSample(ids, lot.sampleSize, lot.seed))).toEqual(new Set(lot.samples.map((s) => s.entryId)))
    expect((await auditRows(server, lot.id)).map((r) => r.action)).toContain('acceptance.lot.create')

    const early = await inspector.post(`/api/acceptance/lots/${lot.id}/decide`)
    expect(early.status).toBe(422)
    expect(early.body.message).toMatch(/chưa kiểm tra/)

    wrongEntry = lot.samples[0]?.entryId ?? ''
    const current = (await inspector.get(`/api/entries/${wrongEntry}`)).body as { fields: Record<string, string> }
    const same = await inspector.put(`/api/acceptance/lots/${lot.id}/samples/${wrongEntry}`, { errors: [{ field: 'nksHoTen', correct: current.fields.nksHoTen }] })
    expect(same.status).toBe(422)
    const unknown = await inspector.put(`/api/acceptance/lots/${lot.id}/samples/${wrongEntry}`, { errors: [{ field: 'khongCo', correct: 'x' }] })
    expect(unknown.status).toBe(400)

    rejected = await inspectAll(lot, { [wrongEntry]: { field: 'meHoTen', correct: 'Trần Thị Bích Ngà' } })
    expect(rejected.errorsByField).toEqual([expect.objectContaining({ field: 'meHoTen', count: 1 })])
  })

  it('rejects the lot when the defects pass the acceptance number, and sends the wrong entry back with the error', async () => {
    const decided = await inspector.post(`/api/acceptance/lots/${rejected.id}/decide`)
    expect(decided.status).toBe(200)
    rejected = decided.body as Lot
    expect(rejected).toMatchObject({ status: 'rejected', defectiveEntries: 1, fieldErrors: 1 })
    const entry = (await keyer.get(`/api/entries/${wrongEntry}`)).body as { status: string; returnReason: string }
    expect(entry.status).toBe('returned')
    expect(entry.returnReason).toContain('Trần Thị Bích Ngà')
    expect(entry.returnReason).toContain('Giai đoạn 1 (2024)')
    expect((await inspector.put(`/api/acceptance/lots/${rejected.id}/samples/${wrongEntry}`, { errors: [] })).status).toBe(409)
  })

  it('re-samples after rework and accepts; the record comes out as PDF and Excel with the amount', async () => {
    const returned = (await keyer.get(`/api/entries/${wrongEntry}`)).body as { version: number; fields: Record<string, string> }
    const fixed = await keyer.put(`/api/entries/${wrongEntry}`, { fields: { ...returned.fields, meHoTen: 'Trần Thị Bích Ngà' }, version: returned.version, complete: true })
    expect(fixed.status).toBe(200)
    expect((await officer.post(`/api/entries/${wrongEntry}/transitions`, { action: 'approve', version: fixed.body.version })).status).toBe(200)

    const again = await inspector.post('/api/acceptance/lots', { unitId: anPhu, bookId, phase: 'Giai đoạn 1 (2024)', unitPrice: 5000, previousLotId: rejected.id })
    expect(again.status).toBe(201)
    expect(again.body.seed).not.toBe(rejected.seed)
    const inspected = await inspectAll(again.body as Lot)
    const accepted = await inspector.post(`/api/acceptance/lots/${inspected.id}/decide`)
    expect(accepted.body).toMatchObject({ status: 'accepted', defectiveEntries: 0, amount: 50000 })

    const pdf = await inspector.fetch(`/api/acceptance/lots/${inspected.id}/record.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    // To look at it: HTS_KEEP_RECORD=/tmp/record.pdf npx vitest run apps/server/src/modules/acceptance
    if (process.env.HTS_KEEP_RECORD) fs.writeFileSync(process.env.HTS_KEEP_RECORD, bytes)
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: bytes }).promise
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')
    expect(text).toContain('BIÊN BẢN NGHIỆM THU')
    expect(text).toContain('Đạt — nghiệm thu')
    expect(text).toContain('50.000 đồng')

    const xlsx = await inspector.fetch(`/api/acceptance/lots/${inspected.id}/record.xlsx`)
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const values = workbook.getWorksheet('Biên bản')?.getSheetValues().flat().map(String) ?? []
    expect(values).toContain('Cỡ lô (số trường hợp đã phê duyệt)')
    expect(values.some((v) => v.includes('50.000 đồng'))).toBe(true)

    // The rejected lot's record prints too, with its decision.
    expect((await inspector.fetch(`/api/acceptance/lots/${rejected.id}/record.pdf`)).status).toBe(200)
  })

  it('is visible to the commune and the levels above, never to another commune; only inspectors draw and decide', async () => {
    const lots = await officer.get(`/api/acceptance/lots?unitId=${anPhu}`)
    expect(lots.status).toBe(200)
    expect(lots.body.total).toBe(2)
    expect((await officer.post('/api/acceptance/lots', { unitId: anPhu, phase: 'x' })).status).toBe(403)
    const stranger = await server.login('tuphap.binhminh')
    expect((await stranger.get(`/api/acceptance/lots/${rejected.id}`)).status).toBe(404)
    expect((await stranger.get(`/api/acceptance/lots/${rejected.id}/record.pdf`)).status).toBe(404)
    expect((await stranger.get(`/api/acceptance/lots?unitId=${anPhu}`)).status).toBe(404)
    expect((await keyer.get('/api/acceptance/lots')).status).toBe(403)
    const empty = await inspector.post('/api/acceptance/lots', { unitId: anPhu, bookId, phase: 'Giai đoạn 2', yearFrom: 1990, yearTo: 1991 })
    expect(empty.status).toBe(422)
    const offTable = await inspector.post('/api/acceptance/lots', { unitId: anPhu, bookId, phase: 'Giai đoạn 2', aql: 0.7 })
    expect(offTable.status).toBe(400)
    expect(offTable.body.message).toMatch(/ISO 2859-1/)
  })
})
