import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { auditRows, buildBirthFields, createBook } from '../../test/factories'
import { loadPopulation, populationCsv } from '../population/population-fixtures'

let server: TestServer
let officer: Client
let police: Client
let bookId: string

const hoa = buildBirthFields({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' })

async function reconciled(fields: Record<string, string>) {
  const created = await officer.post(`/api/books/${bookId}/entries`, { fields })
  expect(created.status).toBe(201)
  const run = await officer.post(`/api/entries/${created.body.id}/reconcile`)
  expect(run.status).toBe(200)
  return { entryId: created.body.id as string, result: run.body }
}

async function decided(fields: Record<string, string>, outcome: 'match' | 'mismatch') {
  const { entryId, result } = await reconciled(fields)
  const decision = await officer.post(`/api/reconciliation/results/${result.id}/decision`, { outcome, version: result.version })
  expect(decision.status).toBe(200)
  return { entryId, result: decision.body.result, followupId: decision.body.followupId as string | null }
}

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  officer = await server.login('tuphap.anphu')
  police = await server.login('congan.anphu')
  await loadPopulation(server, police, populationCsv())
  bookId = (await createBook(officer, server, '98001', { volume: '04/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })).id
})
afterAll(async () => server?.close())

describe('reopening a decision taken by mistake', () => {
  it('puts the result back to pending and removes the personal ID the link wrote, audited', async () => {
    const { entryId, result } = await decided(hoa, 'match')
    expect((await officer.get(`/api/entries/${entryId}`)).body.fields.nksSoDinhDanh).toBe('034190001234')

    expect((await officer.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: '', version: result.version })).status).toBe(400)
    const reopened = await police.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'Bấm nhầm người', version: result.version })
    expect(reopened.status).toBe(200)
    expect(reopened.body.result).toMatchObject({ decision: 'pending', finalOutcome: null, linkedPersonalId: null, decidedByName: null })
    expect(reopened.body.message).toMatch(/Đã xóa số định danh 034190001234/)
    const entry = (await officer.get(`/api/entries/${entryId}`)).body
    expect(entry.fields.nksSoDinhDanh).toBeUndefined()

    const audit = await auditRows(server, entryId)
    const reopen = audit.find((a) => a.action === 'reconcile.reopen')
    expect(reopen?.details).toMatchObject({ resultId: result.id, reason: 'Bấm nhầm người', unlinked: true, reopened: { decision: 'confirmed', finalOutcome: 'match', personalId: '034190001234' } })
    expect(audit.some((a) => a.action === 'entry.update' && (a.details as { reason?: string }).reason === 'reconcile.unlink')).toBe(true)

    // A reopened result can be decided again, and reconciled again before that.
    expect((await officer.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'lần hai', version: reopened.body.result.version })).status).toBe(409)
    const again = await officer.post(`/api/entries/${entryId}/reconcile`)
    expect(again.body).toMatchObject({ outcome: 'match', decision: 'pending' })
    const redo = await officer.post(`/api/reconciliation/results/${result.id}/decision`, { outcome: 'match', version: again.body.version })
    expect(redo.body.result.linkedPersonalId).toBe('034190001234')
  })

  it('keeps an ID corrected by hand since the link, and says so', async () => {
    const { entryId, result } = await decided(hoa, 'match')
    const entry = (await officer.get(`/api/entries/${entryId}`)).body
    const edited = await officer.put(`/api/entries/${entryId}`, { fields: { ...entry.fields, nksSoDinhDanh: '034190009999' }, version: entry.version })
    expect(edited.status).toBe(200)
    const reopened = await officer.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'Nhầm người', version: result.version })
    expect(reopened.status).toBe(200)
    expect(reopened.body.message).toMatch(/đã được sửa sau khi liên kết \(hiện là 034190009999\) nên được giữ nguyên/)
    expect((await officer.get(`/api/entries/${entryId}`)).body.fields.nksSoDinhDanh).toBe('034190009999')
    const reopen = (await auditRows(server, entryId)).find((a) => a.action === 'reconcile.reopen')
    expect(reopen?.details).toMatchObject({ unlinked: false })
  })

  it('withdraws the follow-up case a mismatch opened while nobody has worked on it, and keeps it otherwise', async () => {
    const first = await decided({ ...hoa, nksHoTen: 'Nguyễn Hòa' }, 'mismatch')
    expect(first.followupId).toBeTruthy()
    const reopened = await officer.post(`/api/reconciliation/results/${first.result.id}/reopen`, { reason: 'Sổ đúng, nhập nhầm', version: first.result.version })
    expect(reopened.body.message).toMatch(/Đã bỏ trường hợp khỏi danh sách theo dõi riêng/)
    expect((await officer.get(`/api/followups/${first.followupId}`)).status).toBe(404)

    const second = await decided({ ...hoa, nksHoTen: 'Nguyễn Hòa', so: '13' }, 'mismatch')
    const item = (await officer.get(`/api/followups/${second.followupId}`)).body
    expect((await officer.post(`/api/followups/${second.followupId}/transition`, { status: 'verifying', version: item.version })).status).toBe(200)
    const kept = await officer.post(`/api/reconciliation/results/${second.result.id}/reopen`, { reason: 'Chọn nhầm', version: second.result.version })
    expect(kept.body.message).toMatch(/vẫn giữ lại/)
    const still = (await officer.get(`/api/followups/${second.followupId}`)).body
    expect(still.status).toBe('verifying')
    expect(still.notes.map((n: { text: string }) => n.text)).toContain('Quyết định đối chiếu đã được mở lại: Chọn nhầm')
  })

  it('refuses what is not decided, a stale version, other communes and users who may not decide', async () => {
    const { result } = await reconciled({ ...hoa, so: '14' })
    expect((await officer.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'x', version: result.version })).status).toBe(409)
    const decision = (await officer.post(`/api/reconciliation/results/${result.id}/decision`, { outcome: 'match', version: result.version })).body.result
    expect((await officer.post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'x', version: result.version })).status).toBe(409)
    expect((await (await server.login('tuphap.binhminh')).post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'x', version: decision.version })).status).toBe(404)
    expect((await (await server.login('lanhdao.anphu')).post(`/api/reconciliation/results/${result.id}/reopen`, { reason: 'x', version: decision.version })).status).toBe(403)
  })
})
