import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { populationStatKeys } from '@hts/domain'
import { CANDIDATE_COLUMNS, personOf } from './candidate-row'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../../test/factories'
import { AN_PHU_PEOPLE, loadPopulation, POLICE_HEADERS, populationCsv, uploadFile, waitForJob } from './population-fixtures'

let server: TestServer
let police: Client
let firstExtract: any

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  police = await server.login('congan.anphu')
})
afterAll(async () => server?.close())

describe('loading a population extract', () => {
  it('suggests the column mapping from police headers and shows sample rows before loading anything', async () => {
    const upload = await uploadFile(police, populationCsv(), 'trich-xuat.csv')
    expect(upload.status).toBe(201)
    expect(upload.body).toMatchObject({ format: 'csv', headers: POLICE_HEADERS, headerRow: 1 })
    expect(upload.body.sampleRows[0].slice(1, 4)).toEqual(['034190001234', 'NGUYỄN THỊ HÒA', '12/05/1990'])
    expect(upload.body.suggestedMapping).toEqual({
      personalId: 1, fullName: 2, birthDate: 3, sex: 4, birthplace: 5, homeTown: 6, ethnicity: 7, nationality: 8, motherName: 9, fatherName: 10, residence: 11,
    })
    expect(await server.db.kysely.selectFrom('population_people').select('id').execute()).toHaveLength(0)
    const bad = await police.post('/api/population/extracts', { uploadId: upload.body.uploadId, unitId: await unitIdByCode(server, '98001'), source: 'Công an xã', extractDate: '2025-06-30', mapping: { birthDate: 3 } })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/Họ, chữ đệm, tên/)
    // Another user cannot use this upload.
    const other = await server.login('tuphap.anphu')
    expect((await other.get(`/api/population/uploads/${upload.body.uploadId}`)).status).toBe(404)
  })

  it('loads the rows, reports the ones it cannot load by row number, and audits the import', async () => {
    const csv = populationCsv({ extra: [['99', '034190009999', '', '01/01/1990', 'Nam', '', '', '', '', '', '', ''], ['100', '12345', 'ĐỖ VĂN NAM', 'không rõ', 'Nam', '', '', '', '', '', '', '']] })
    firstExtract = await loadPopulation(server, police, csv)
    expect(firstExtract).toMatchObject({ status: 'active', statusLabel: 'Đang dùng để đối chiếu', rowCount: 69, rejectedCount: 1, source: 'Công an xã An Phú', extractDate: '2025-06-30', fileName: 'dan-cu.csv' })
    expect(firstExtract.errors).toEqual(expect.arrayContaining([
      { row: 70, message: 'Thiếu họ tên: dòng này không được nạp' },
      { row: 71, message: 'Số định danh "12345" không phải 12 chữ số: bỏ qua khi đối chiếu' },
      { row: 71, message: 'Ngày sinh "không rõ" không đọc được: chỉ tìm được người này theo số định danh' },
    ]))
    expect(firstExtract.mapping).toMatchObject({ fullName: 'HO_TEN', birthDate: 'NGAY_SINH' })
    const audit = await server.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', firstExtract.id).execute()
    // The GET of the extract's details (loadPopulation) is a read of people's rows too (issue 14).
    expect(audit.map((a) => a.action).sort()).toEqual(['population.extract.read', 'population.import', 'population.import.start'])
    const stats = await server.db.kysely.selectFrom('population_stats').select(['kind', 'key', 'n']).where('extract_id', '=', firstExtract.id).where('kind', '=', 'name').where('key', '=', 'nguyen van hung').execute()
    expect(stats).toEqual([{ kind: 'name', key: 'nguyen van hung', n: 2 }])
  })

  it('counts the frequencies in SQL exactly as matching counts them, whole birthplaces included (issue 15)', async () => {
    const rows = await server.db.kysely.selectFrom('population_people').select(CANDIDATE_COLUMNS.map((c) => sql<string>`coalesce(${sql.ref(c)}::text, '')`.as(c))).where('extract_id', '=', firstExtract.id).execute()
    const expected = new Map<string, number>()
    for (const row of rows) {
      const person = personOf(CANDIDATE_COLUMNS.map((c) => String(row[c as keyof typeof row])))
      for (const [kind, key] of populationStatKeys(person)) expected.set(`${kind}|${key}`, (expected.get(`${kind}|${key}`) ?? 0) + 1)
    }
    const counted = await server.db.kysely.selectFrom('population_stats').select(['kind', 'key', 'n']).where('extract_id', '=', firstExtract.id).execute()
    expect(new Map(counted.map((r) => [`${r.kind}|${r.key}`, r.n]))).toEqual(expected)
    // Whole places ("xã, huyện, tỉnh") are among them: a commune's name alone is shared by communes of other districts.
    expect([...expected.keys()].some((k) => k.startsWith('placeFull|') && k.split('|').length >= 4)).toBe(true)
  })

  it('reads an .xlsx extract too, and a newer extract replaces the unit\'s previous one', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Dân cư')
    sheet.addRow(['Danh sách công dân xã An Phú'])
    sheet.addRow(['Số định danh cá nhân', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Họ tên mẹ', 'Họ tên cha'])
    for (const p of AN_PHU_PEOPLE.slice(0, 3)) sheet.addRow([p[0], p[1], p[2], p[3], p[4], p[5]])
    sheet.addRow(['034301000888', 'Nguyễn Thị Mới', new Date(Date.UTC(2001, 0, 15)), 'Nữ', 'Lê Thị Cũ', 'Nguyễn Văn Cũ'])
    const upload = await uploadFile(police, Buffer.from(await book.xlsx.writeBuffer()), 'dan-cu-moi.xlsx')
    expect(upload.body).toMatchObject({ format: 'xlsx', headerRow: 2, suggestedMapping: { personalId: 0, fullName: 1, birthDate: 2, sex: 3, motherName: 4, fatherName: 5 } })
    const created = await police.post('/api/population/extracts', { uploadId: upload.body.uploadId, unitId: await unitIdByCode(server, '98001'), source: 'Công an xã An Phú (bổ sung)', extractDate: '2025-07-15', mapping: upload.body.suggestedMapping })
    expect((await waitForJob(police, created.body.jobId)).status).toBe('succeeded')
    const list = (await police.get('/api/population/extracts')).body.items
    expect(list.map((x: any) => [x.source, x.status])).toEqual([['Công an xã An Phú (bổ sung)', 'active'], ['Công an xã An Phú', 'replaced']])
    expect(await server.db.kysely.selectFrom('population_people').select('id').where('extract_id', '=', firstExtract.id).execute()).toHaveLength(0)
    const found = (await police.get('/api/population/people?personalId=034301000888')).body.items
    expect(found).toMatchObject([{ fullName: 'Nguyễn Thị Mới', birthDate: '15.01.2001', sex: '2' }])
    expect((await police.get('/api/population/people?personalId=034176000555')).body.items).toEqual([])
  })
})

describe('a load that fails', () => {
  it('marks the extract failed, keeps nothing of it, and leaves the active extract in place', async () => {
    const before = (await police.get('/api/population/extracts')).body.items.find((x: any) => x.status === 'active')
    const csv = ['HO_TEN,NGAY_SINH', ',01/01/1990', ',02/02/1991'].join('\r\n')
    const upload = await uploadFile(police, csv, 'hong.csv')
    const created = await police.post('/api/population/extracts', { uploadId: upload.body.uploadId, unitId: await unitIdByCode(server, '98001'), source: 'Tệp hỏng', extractDate: '2025-08-01', mapping: upload.body.suggestedMapping })
    const job = await waitForJob(police, created.body.jobId)
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/không có dòng dữ liệu dân cư nào nạp được/)
    expect((await police.get(`/api/population/extracts/${created.body.extract.id}`)).body.status).toBe('failed')
    expect(await server.db.kysely.selectFrom('population_people').select('id').where('extract_id', '=', created.body.extract.id).execute()).toHaveLength(0)
    const after = (await police.get('/api/population/extracts')).body.items.find((x: any) => x.status === 'active')
    expect(after.id).toBe(before.id)
  })
})

describe('population data of one commune', () => {
  it('is visible to that commune and the levels above it, never to another commune', async () => {
    const [active] = (await police.get('/api/population/extracts')).body.items
    const neighbour = await server.login('tuphap.binhminh')
    expect((await neighbour.get(`/api/population/extracts/${active.id}`)).status).toBe(404)
    expect((await neighbour.get('/api/population/extracts')).body.items).toEqual([])
    expect((await neighbour.get('/api/population/people?personalId=034190001234')).body.items).toEqual([])
    expect((await neighbour.get(`/api/population/people?name=${encodeURIComponent('Nguyễn Văn Hùng')}&birthYear=1985`)).body.items).toEqual([])
    const province = await server.login('sotuphap')
    expect((await province.get(`/api/population/extracts/${active.id}`)).status).toBe(200)
    expect((await province.get(`/api/population/people?name=${encodeURIComponent('nguyen van hung')}&birthYear=1985`)).body.items).toHaveLength(2)
    expect((await (await server.login('sohoa.anphu')).get('/api/population/extracts')).status).toBe(403)

    const read = await server.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'population.search').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect((read.details as any).returned).toHaveLength(2)

    // The neighbour's own entries are not matched against An Phú's people: there is nothing to match with.
    const book = await createBook(neighbour, server, '98002')
    const entry = (await neighbour.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ nksHoTen: 'Nguyễn Thị Hòa', nksNgaySinh: '12.05.1990' }) })).body
    const run = await neighbour.post(`/api/entries/${entry.id}/reconcile`)
    expect(run.body).toMatchObject({ outcome: 'not_checked', candidates: [] })
    expect(run.body.message).toMatch(/Chưa có dữ liệu dân cư/)
    // ... and An Phú's results and follow-up cases are not theirs to read.
    const anPhuEntry = await (async () => {
      const officer = await server.login('tuphap.anphu')
      const anPhuBook = await createBook(officer, server, '98001', { volume: '09/2024' })
      const created = (await officer.post(`/api/books/${anPhuBook.id}/entries`, { fields: buildBirthFields({ nksHoTen: 'Nguyễn Văn Hùng', nksNgaySinh: '17.09.1985', meHoTen: 'Phạm Thị Mai', chaHoTen: 'Nguyễn Văn Sơn' }) })).body
      return (await officer.post(`/api/entries/${created.id}/reconcile`)).body
    })()
    expect(anPhuEntry.outcome).toBe('match')
    expect((await neighbour.get(`/api/reconciliation/results/${anPhuEntry.id}`)).status).toBe(404)
    expect((await neighbour.post(`/api/reconciliation/results/${anPhuEntry.id}/decision`, { outcome: 'not_found', version: 1 })).status).toBe(404)
    expect((await neighbour.get('/api/reconciliation/results')).body.items.map((i: any) => i.id)).not.toContain(anPhuEntry.id)
  })
})
