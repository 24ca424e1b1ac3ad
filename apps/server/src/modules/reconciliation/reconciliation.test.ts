import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { loadPopulation, populationCsv, waitForJob } from '../population/population-fixtures'

let server: TestServer
let officer: Client
let police: Client
let bookId: string

const hoa = buildBirthFields({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh', nksNoiSinh: 'Trạm y tế xã An Phú' })

async function addEntry(fields: Record<string, string>): Promise<string> {
  const response = await officer.post(`/api/books/${bookId}/entries`, { fields })
  expect(response.status).toBe(201)
  return response.body.id
}

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  officer = await server.login('tuphap.anphu')
  police = await server.login('congan.anphu')
  await loadPopulation(server, police, populationCsv())
  bookId = (await createBook(officer, server, '98001', { volume: '01/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })).id
})
afterAll(async () => server?.close())

describe('reconciling one entry', () => {
  it('proposes a match with its explanation and links the personal ID once a person confirms', async () => {
    const entryId = await addEntry(hoa)
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.status).toBe(200)
    expect(run.body).toMatchObject({ outcome: 'match', outcomeLabel: 'Khớp', decision: 'pending', chosenIndex: 0, source: 'local' })
    const proposed = run.body.candidates[0]
    expect(proposed.person).toMatchObject({ personalId: '034190001234', fullName: 'NGUYỄN THỊ HÒA', birthDate: '12.05.1990' })
    const name = proposed.fields.find((f: any) => f.field === 'name')
    expect(name).toMatchObject({ level: 'exact', book: 'Nguyễn Thị Hoà', population: 'NGUYỄN THỊ HÒA', differs: false })
    expect(name.weight).toBeGreaterThan(0)
    expect(proposed.fields.find((f: any) => f.field === 'personalId')).toMatchObject({ level: 'missing', weight: 0 })

    const decided = await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'match', version: run.body.version })
    expect(decided.status).toBe(200)
    expect(decided.body.result).toMatchObject({ decision: 'confirmed', finalOutcome: 'match', linkedPersonalId: '034190001234', decidedByName: 'Phạm Đức Thắng' })
    const entry = (await officer.get(`/api/entries/${entryId}`)).body
    expect(entry.fields.nksSoDinhDanh).toBe('034190001234')
    const actions = (await auditRows(server, entryId)).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['reconcile.entry', 'entry.update', 'reconcile.decide']))
    const decision = (await auditRows(server, entryId)).find((a) => a.action === 'reconcile.decide')
    expect(decision?.details).toMatchObject({ proposed: 'match', decided: 'match', decision: 'confirmed', personalId: '034190001234' })
    // A decided entry is not reconciled again behind the person's back.
    expect((await police.post(`/api/entries/${entryId}/reconcile`)).status).toBe(409)
  })

  it('weighs a birthplace naming the commune with its district and province as that very commune (issue 15)', async () => {
    const place = async (nksNoiSinh: string) => {
      const run = await police.post(`/api/entries/${await addEntry({ ...hoa, nksNoiSinh })}/reconcile`)
      expect(run.status).toBe(200)
      return run.body.candidates[0].fields.find((f: any) => f.field === 'birthplace')
    }
    const whole = await place('Xã An Phú, huyện Đông Sơn, tỉnh Sơn Hà')
    const name = await place('Trạm y tế xã An Phú')
    expect(whole).toMatchObject({ level: 'full', label: 'Cùng nơi (cả xã, huyện, tỉnh)', differs: false })
    expect(name).toMatchObject({ level: 'same', label: 'Cùng tên xã' })
    // Every record of the extract names a commune "An Phú", far fewer that of Đông Sơn, Sơn Hà.
    expect(whole.weight).toBeGreaterThan(name.weight)
  })

  it('finds "NGUYEN THI HOA" written without marks as the same person', async () => {
    const entryId = await addEntry({ ...hoa, nksHoTen: 'NGUYEN THI HOA' })
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.body.outcome).toBe('match')
    expect(run.body.candidates[0].fields.find((f: any) => f.field === 'name').level).toBe('unaccented')
  })

  it('reports a mismatch with the differing field, and the confirmed mismatch goes to the follow-up list', async () => {
    const entryId = await addEntry({ ...hoa, nksHoTen: 'Nguyễn Hòa' })
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.body.outcome).toBe('mismatch')
    expect(run.body.differences).toEqual([{ field: 'name', label: 'Họ, chữ đệm, tên' }])
    expect(run.body.candidates[0].person.personalId).toBe('034190001234')
    const decided = await officer.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'mismatch', version: run.body.version, note: 'Sổ ghi thiếu chữ Thị' })
    expect(decided.status).toBe(200)
    expect(decided.body.followupId).toBeTruthy()
    const item = (await officer.get(`/api/followups/${decided.body.followupId}`)).body
    expect(item).toMatchObject({ status: 'new', statusLabel: 'Mới', personalId: '034190001234', entryId })
    expect(item.differences).toEqual([{ field: 'name', label: 'Họ, chữ đệm, tên', level: 'middle', levelLabel: 'Cùng họ và tên, thiếu hoặc thừa tên đệm (Văn/Thị)', book: 'Nguyễn Hòa', population: 'NGUYỄN THỊ HÒA' }])
    expect(item.notes[0].text).toMatch(/Sổ ghi thiếu chữ Thị/)
  })

  it('finds a person whose middle name was dropped and whose birth year is off by one (issue 15)', async () => {
    const entryId = await addEntry({ ...hoa, nksHoTen: 'Nguyễn Hoà', nksNgaySinh: '12.05.1991' })
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.status).toBe(200)
    expect(run.body.outcome).not.toBe('not_found')
    expect(run.body.candidates.map((c: any) => c.person?.personalId)).toContain('034190001234')
  })

  it('says "not found" for a person who is not in the population data', async () => {
    const entryId = await addEntry(buildBirthFields({ nksHoTen: 'Đinh Công Tráng', nksNgaySinh: '02.02.1990', meHoTen: 'Lò Thị Xuân', chaHoTen: 'Đinh Văn Hải' }))
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.body.outcome).toBe('not_found')
    const decided = await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'not_found', version: run.body.version })
    expect(decided.body.result).toMatchObject({ decision: 'confirmed', finalOutcome: 'not_found', linkedPersonalId: null })
    const list = (await officer.get(`/api/reconciliation/not-found?bookId=${bookId}`)).body
    expect(list.items.map((i: any) => i.fullName)).toContain('Đinh Công Tráng')
  })

  it('leaves two "Nguyễn Văn Hùng" born the same year for a person to choose, and links the chosen one', async () => {
    const entryId = await addEntry(buildBirthFields({ nksHoTen: 'Nguyễn Văn Hùng', nksGioiTinh: '1', nksNgaySinh: '1985', meHoTen: '', chaHoTen: '' }))
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.body.outcome).toBe('ambiguous')
    expect(run.body.chosenIndex).toBeNull()
    const hungs = run.body.candidates.filter((c: any) => c.person.fullName === 'NGUYỄN VĂN HÙNG')
    expect(hungs).toHaveLength(2)
    // Nobody is linked without a choice.
    expect((await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'match', version: run.body.version })).status).toBe(400)
    const second = run.body.candidates.findIndex((c: any) => c.person.personalId === '034085000222')
    const decided = await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'match', candidateIndex: second, version: run.body.version, note: 'Công an xác nhận theo hộ khẩu' })
    expect(decided.body.result).toMatchObject({ decision: 'overridden', finalOutcome: 'match', linkedPersonalId: '034085000222' })
  })

  it('links a birth entry whose child has no ID yet, and checks the ID against sex and birth year', async () => {
    const khang = await addEntry(buildBirthFields({ nksHoTen: 'Lê Minh Khang', nksNgaySinh: '01.03.2024', meHoTen: 'Nguyễn Thị Lan', chaHoTen: 'Lê Văn Đức' }))
    const run = await police.post(`/api/entries/${khang}/reconcile`)
    expect(run.body).toMatchObject({ outcome: 'match', book: { personalId: null } })
    const decided = await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'match', version: run.body.version })
    expect(decided.body.warnings).toEqual([])
    expect((await officer.get(`/api/entries/${khang}`)).body.fields.nksSoDinhDanh).toBe('034224000666')

    // Trần Thị Lan, born 1968, carries an ID whose digits say 1988: linked, with a warning to check.
    const lan = await addEntry(buildBirthFields({ nksHoTen: 'Trần Thị Lan', nksGioiTinh: '2', nksNgaySinh: '20.01.1968', meHoTen: 'Nguyễn Thị Hoa', chaHoTen: 'Trần Văn Bình' }))
    const lanRun = await police.post(`/api/entries/${lan}/reconcile`)
    const lanDecided = await police.post(`/api/reconciliation/results/${lanRun.body.id}/decision`, { outcome: 'match', version: lanRun.body.version })
    expect(lanDecided.body.warnings.map((w: any) => w.code)).toEqual(['id.birthYearMismatch'])

    // Phạm Gia Bảo's ID in the extract says born 2098: not a valid ID, nothing is linked.
    const bao = await addEntry(buildBirthFields({ nksHoTen: 'Phạm Gia Bảo', nksNgaySinh: '15.06.1998', meHoTen: 'Hoàng Thị Yến', chaHoTen: 'Phạm Văn Lực' }))
    const baoRun = await police.post(`/api/entries/${bao}/reconcile`)
    expect(baoRun.body.outcome).toBe('match')
    const refused = await police.post(`/api/reconciliation/results/${baoRun.body.id}/decision`, { outcome: 'match', version: baoRun.body.version })
    expect(refused.status).toBe(422)
    expect(refused.body.message).toMatch(/không hợp lệ/)
    expect((await officer.get(`/api/entries/${bao}`)).body.fields.nksSoDinhDanh).toBeUndefined()
  })
})

describe('reconciling a whole book', () => {
  it('runs as a background job with progress, keeps decisions already made, and confirms the matches in one action', async () => {
    const batchBook = (await createBook(officer, server, '98001', { volume: '02/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })).id
    const fields = [
      hoa,
      { ...hoa, nksHoTen: 'Nguyễn Thị Hoà', nksNgaySinh: '1990' },
      buildBirthFields({ nksHoTen: 'Khúc Thị Diệp', nksGioiTinh: '2', nksNgaySinh: '30.11.1976', meHoTen: 'Đỗ Thị Nụ', chaHoTen: 'Khúc Văn Tiến' }),
      buildBirthFields({ nksHoTen: 'Nguyễn Thị Lan', nksGioiTinh: '2', nksNgaySinh: '08.07.1992', meHoTen: 'Vũ Thị Huệ', chaHoTen: 'Nguyễn Văn Quang' }),
      buildBirthFields({ nksHoTen: 'Hà Văn Tuấn', nksNgaySinh: '09.09.1999', meHoTen: 'Hà Thị Lụa', chaHoTen: 'Hà Văn Dần' }),
      buildBirthFields({ nksHoTen: '', nksNgaySinh: '09.09.1999' }),
    ]
    for (const f of fields) expect((await officer.post(`/api/books/${batchBook}/entries`, { fields: f })).status).toBe(201)
    const started = await officer.post('/api/reconciliation/batches', { bookId: batchBook })
    expect(started.status).toBe(202)
    expect(started.body).toMatchObject({ kind: 'reconcile.batch', statusLabel: expect.any(String) })
    const job = await waitForJob(officer, started.body.id)
    expect(job).toMatchObject({ status: 'succeeded', progress: { total: 6, done: 6 }, result: { counts: { match: 3, mismatch: 1, not_found: 1, not_checked: 1 } } })
    const list = (await officer.get(`/api/reconciliation/results?bookId=${batchBook}`)).body
    expect(list.total).toBe(6)
    expect(list.items.find((i: any) => i.outcome === 'not_checked').message).toMatch(/chưa có họ tên/)
    expect(list.items.find((i: any) => i.outcome === 'mismatch').differences).toEqual([{ field: 'birthDate', label: 'Ngày sinh' }])
    // One entry's result, as the checker's screen asks for it.
    const mismatchEntry = list.items.find((i: any) => i.outcome === 'mismatch').entryId
    const one = (await officer.get(`/api/reconciliation/results?entryId=${mismatchEntry}`)).body
    expect(one).toMatchObject({ total: 1, items: [{ entryId: mismatchEntry, outcome: 'mismatch' }] })
    const audit = await server.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'reconcile.batch').where('entity_id', '=', batchBook).execute()
    expect(audit).toHaveLength(1)
    expect((audit[0]?.details as any).entryIds).toHaveLength(6)

    const confirmed = await officer.post(`/api/books/${batchBook}/reconciliation/confirm-matches`)
    expect(confirmed.body).toMatchObject({ confirmed: 3, failed: [] })
    const again = await officer.post('/api/reconciliation/batches', { bookId: batchBook })
    const second = await waitForJob(officer, again.body.id)
    // Only the 3 entries nobody decided on are looked at again.
    expect(second.progress).toMatchObject({ total: 3, done: 3 })
    // A whole unit: every book it keeps.
    const unit = await officer.post('/api/reconciliation/batches', { unitId: (await server.db.kysely.selectFrom('books').select('custodian_unit_id').where('id', '=', batchBook).executeTakeFirstOrThrow()).custodian_unit_id })
    const all = await waitForJob(officer, unit.body.id)
    expect(all.status).toBe('succeeded')
    expect(all.progress.total).toBeGreaterThan(3)
    expect((await (await server.login('tuphap.binhminh')).post('/api/reconciliation/batches', { bookId: batchBook })).status).toBe(404)
  })

  it('reconciles only the entries an Excel import created when asked for that import', async () => {
    const importBook = (await createBook(officer, server, '98001', { volume: '03/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })).id
    const ids = [] as string[]
    for (const f of [hoa, { ...hoa, nksHoTen: 'Khúc Thị Diệp', nksNgaySinh: '30.11.1976' }, buildBirthFields({ nksHoTen: 'Hà Văn Tuấn' })]) {
      ids.push((await officer.post(`/api/books/${importBook}/entries`, { fields: f })).body.id)
    }
    // The import module records which entries a file created (entries.import_id); two of the three here.
    const unitId = (await server.db.kysely.selectFrom('books').select('custodian_unit_id').where('id', '=', importBook).executeTakeFirstOrThrow()).custodian_unit_id
    const imported = await server.db.kysely
      .insertInto('imports')
      .values({ unit_id: unitId, book_type: 'KS', file_name: 'so.xlsx', file_format: 'xlsx', file_size: 1, file_sha256: '0'.repeat(64), mapping: JSON.stringify({}), options: JSON.stringify({}), counts: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await server.db.kysely.updateTable('entries').set({ import_id: imported.id }).where('id', 'in', ids.slice(0, 2)).execute()
    const started = await officer.post('/api/reconciliation/batches', { importId: imported.id })
    expect(started.status).toBe(202)
    const job = await waitForJob(officer, started.body.id)
    expect(job).toMatchObject({ status: 'succeeded', progress: { total: 2, done: 2 } })
    const results = await server.db.kysely.selectFrom('reconciliation_results').select('entry_id').where('book_id', '=', importBook).execute()
    expect(results.map((r) => r.entry_id).sort()).toEqual(ids.slice(0, 2).sort())
    expect((await (await server.login('tuphap.binhminh')).post('/api/reconciliation/batches', { importId: imported.id })).status).toBe(404)
  })
})

describe('the follow-up list', () => {
  it('walks a case from new to resolved with assignee, notes, filters and an Excel export', async () => {
    const entryId = await addEntry({ ...hoa, nksHoTen: 'Nguyễn Thị Hoá' })
    const run = await police.post(`/api/entries/${entryId}/reconcile`)
    expect(run.body.outcome).toBe('mismatch')
    const { followupId } = (await police.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'mismatch', version: run.body.version })).body
    let item = (await officer.get(`/api/followups/${followupId}`)).body
    expect(item.nextStatuses.map((s: any) => s.status)).toEqual(['verifying', 'resolved_book', 'resolved_population'])

    const me = (await officer.get('/api/auth/me')).body.user
    item = (await officer.patch(`/api/followups/${followupId}`, { assigneeId: me.id, version: item.version })).body
    expect(item.assigneeName).toBe('Trần Thị Minh Thư')
    expect((await officer.post(`/api/followups/${followupId}/transition`, { status: 'guided', version: item.version })).status).toBe(409)
    item = (await officer.post(`/api/followups/${followupId}/transition`, { status: 'verifying', note: 'Đã gửi công an xã', version: item.version })).body
    expect((await officer.post(`/api/followups/${followupId}/transition`, { status: 'guided', version: item.version - 1 })).status).toBe(409)
    item = (await officer.post(`/api/followups/${followupId}/transition`, { status: 'guided', version: item.version })).body
    item = (await officer.post(`/api/followups/${followupId}/notes`, { text: 'Công dân hẹn nộp hồ sơ cải chính tuần sau' })).body
    item = (await police.post(`/api/followups/${followupId}/transition`, { status: 'resolved_population', note: 'Đã cải chính sổ', version: item.version })).body
    expect(item).toMatchObject({ status: 'resolved_population', statusLabel: 'Đã giải quyết: CSDL dân cư đúng' })
    expect(item.resolvedAt).toBeTruthy()
    expect(item.notes.map((n: any) => n.toStatus).filter(Boolean)).toEqual(['new', 'verifying', 'guided', 'resolved_population'])

    const open = (await officer.get('/api/followups?status=open')).body
    expect(open.items.map((i: any) => i.id)).not.toContain(followupId)
    const resolved = (await officer.get(`/api/followups?status=resolved&assigneeId=${me.id}&q=hoa`)).body
    expect(resolved.items.map((i: any) => i.id)).toEqual([followupId])

    const response = await officer.fetch('/api/followups/export.xlsx?status=resolved')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/)
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as any)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).getCell(5).value).toBe('Họ tên')
    expect(sheet.getRow(2).getCell(6).value).toBe('034190001234')
    expect(sheet.getRow(1).getCell(7).value).toBe('Loại sai lệch')
    expect(sheet.getRow(2).getCell(7).value).toBe('Chỉ khác dấu')
    expect(String(sheet.getRow(2).getCell(11).value)).toBe('Đã giải quyết: CSDL dân cư đúng')
    const actions = (await auditRows(server, followupId)).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['followup.assign', 'followup.transition', 'followup.note', 'followup.read']))
  })

  it('sorts cases by kind of difference, filters by kind and moves the chosen cases of a kind together', async () => {
    const mismatch = async (fields: Record<string, string>) => {
      const run = await police.post(`/api/entries/${await addEntry(fields)}/reconcile`)
      expect(run.body.outcome).toBe('mismatch')
      return (await officer.post(`/api/reconciliation/results/${run.body.id}/decision`, { outcome: 'mismatch', version: run.body.version })).body.followupId as string
    }
    const middle = await mismatch({ ...hoa, nksHoTen: 'Nguyễn Hoà' })
    const swapped = await mismatch({ ...hoa, nksNgaySinh: '05.12.1990' })
    expect((await officer.get(`/api/followups/${middle}`)).body).toMatchObject({ kind: 'middleName', kindLabel: 'Chỉ khác tên đệm' })
    expect((await officer.get(`/api/followups/${swapped}`)).body).toMatchObject({ kind: 'dayMonthSwap', kindLabel: 'Đảo ngày và tháng sinh' })
    const byKind = (await officer.get('/api/followups?status=open&kind=middleName')).body
    expect(byKind.items.map((i: any) => i.id)).toContain(middle)
    expect(byKind.items.every((i: any) => i.kind === 'middleName')).toBe(true)
    expect((await officer.get('/api/followups?kind=whatever')).status).toBe(400)

    // Another unit's officer moves nothing of An Phú's; An Phú's officer moves the chosen cases, each audited.
    const other = await server.login('tuphap.binhminh')
    const refused = await other.post('/api/followups/bulk-transition', { ids: [middle], status: 'verifying' })
    expect(refused.status).toBe(200)
    expect(refused.body).toMatchObject({ moved: [], skipped: [{ id: middle }] })
    const ids = byKind.items.map((i: any) => i.id)
    const moved = await officer.post('/api/followups/bulk-transition', { ids, status: 'verifying', note: 'Chỉ thiếu chữ Thị: đã gửi công an xác minh' })
    expect(moved.status).toBe(200)
    expect(moved.body.moved.sort()).toEqual([...ids].sort())
    expect((await officer.get(`/api/followups/${middle}`)).body.status).toBe('verifying')
    expect((await officer.get(`/api/followups/${swapped}`)).body.status).toBe('new')
    expect((await auditRows(server, middle)).map((a) => a.action)).toContain('followup.transition')
    // Moving again to the same status is not allowed: said per case, nothing changes.
    const again = await officer.post('/api/followups/bulk-transition', { ids: [middle], status: 'verifying' })
    expect(again.body).toMatchObject({ moved: [], skipped: [{ id: middle }] })
    expect((await officer.post('/api/followups/bulk-transition', { ids: [], status: 'verifying' })).status).toBe(400)
  })

  it('exports the not-found list for updating the population database', async () => {
    const response = await police.fetch(`/api/reconciliation/not-found.xlsx?bookId=${bookId}`)
    expect(response.status).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as any)
    const names = book.worksheets[0]!.getColumn(6).values.slice(2)
    expect(names).toEqual(['Đinh Công Tráng'])
  })
})

describe('thresholds', () => {
  it('are set by the province and apply to the communes below it', async () => {
    expect((await officer.put('/api/reconciliation/settings', { linkProbability: 0.9, reviewProbability: 0.2, priorInPopulation: 0.9 })).status).toBe(403)
    const province = await server.login('sotuphap')
    expect((await province.put('/api/reconciliation/settings', { linkProbability: 0.2, reviewProbability: 0.3, priorInPopulation: 0.9 })).status).toBe(400)
    const saved = await province.put('/api/reconciliation/settings', { linkProbability: 0.999, reviewProbability: 0.2, priorInPopulation: 0.8 })
    expect(saved.status).toBe(200)
    expect((await officer.get('/api/reconciliation/settings')).body).toMatchObject({ linkProbability: 0.999, reviewProbability: 0.2, priorInPopulation: 0.8 })
  })
})
