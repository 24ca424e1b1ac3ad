/**
 * Journey: the commune justice officer (tuphap.anphu) opens a birth entry that a digitizer keyed and
 * corrected, sees its history (who changed which field from what to what, and the status moves), keys
 * a marginal note from the book's notes column (a correction of the child's name by a decision), and
 * sees the entry "Theo sổ" beside "Sau ghi chú" while the book's own text stays as keyed.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let journey: Journey
let server: ServerHandle
let officer: Page
let keyer: Page
let bookId = ''
let entryId = ''
const problems: string[] = []
const IGNORED = /\[antd: \w+\] .* is deprecated/

type Json = Record<string, unknown>
const birth = {
  so: '5', quyenSo: '01/2024', trangSo: '2', ngayDangKy: '15.03.2024', loaiDangKy: '1',
  nksHoTen: 'Nguyễn Văn Anh', nksGioiTinh: '1', nksNgaySinh: '01.03.2024', nksNoiSinh: 'Trạm y tế xã An Phú', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
}

beforeAll(async () => {
  journey = await startJourney()
  server = journey.server
  officer = journey.page
  keyer = await (await journey.browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 } })).newPage()
  collectBrowserProblems(officer, problems, IGNORED)
})
afterAll(async () => journey?.close())

describe('lịch sử và ghi chú của trường hợp', () => {
  it('a keyer keys an entry, fixes a name and completes it (through the API)', async () => {
    await logInWithKeyboard(officer, server.baseUrl, 'tuphap.anphu')
    await officer.waitForURL(/\/so$/)
    const me = (await apiOn(officer, server.baseUrl, 'GET', '/api/auth/me')).user as { unit: { id: string } }
    bookId = String((await apiOn(officer, server.baseUrl, 'POST', '/api/books', { bookType: 'KS', volume: '01/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })).id)
    await logInWithKeyboard(keyer, server.baseUrl, 'sohoa.anphu')
    await keyer.waitForURL(/\/so$/)
    const draft = await apiOn(keyer, server.baseUrl, 'POST', `/api/books/${bookId}/entries`, { fields: birth })
    entryId = String(draft.id)
    const res = await keyer.request.put(`${server.baseUrl}/api/entries/${entryId}`, { data: { fields: { ...birth, nksHoTen: 'Nguyễn Văn An' }, version: draft.version, complete: true } })
    expect(res.ok()).toBe(true)
  })

  it('the officer opens the entry and reads its history: the name changed, by whom, and the move to "keyed"', async () => {
    await officer.goto(`${server.baseUrl}/so/${bookId}/truong-hop/${entryId}`)
    await officer.getByRole('tab', { name: 'Lịch sử' }).click()
    const history = officer.getByRole('region', { name: 'Lịch sử trường hợp' })
    await expectTextOn(officer, history, /Hoàn thành nhập/)
    const text = await expectTextOn(officer, history, /Nguyễn Văn Anh[\s\S]*Nguyễn Văn An/)
    expect(text).toMatch(/Sửa nội dung/)
    expect(text).toMatch(/Họ, chữ đệm, tên/)
    await snapshot(officer, 'history')
  })

  it('keys a marginal note from the notes column and sees "Sau ghi chú" beside "Theo sổ"', async () => {
    await officer.getByRole('tab', { name: 'Ghi chú' }).click()
    await officer.getByRole('button', { name: 'Thêm ghi chú' }).click()
    const form = officer.getByRole('form', { name: 'Thêm ghi chú' })
    await form.getByLabel('Loại ghi chú', { exact: true }).click()
    await officer.getByTitle('Cải chính hộ tịch').click()
    await form.getByLabel('Ngày ghi chú', { exact: true }).fill('02.05.2025')
    await form.getByLabel('Số quyết định', { exact: true }).fill('15/QĐ-UBND')
    await form.getByLabel('Cơ quan', { exact: true }).fill('UBND xã An Phú')
    await form.getByLabel('Trường thay đổi 1', { exact: true }).click()
    await officer.keyboard.type('Họ, chữ đệm, tên (Người được')
    await officer.keyboard.press('Enter')
    await form.getByLabel('Giá trị mới 1', { exact: true }).fill('Nguyễn Văn Ân')
    await form.getByRole('button', { name: 'Lưu ghi chú' }).click()

    const notes = officer.getByRole('region', { name: 'Ghi chú của trường hợp' })
    const text = await expectTextOn(officer, notes, /Sau ghi chú[\s\S]*Nguyễn Văn Ân/)
    expect(text).toMatch(/Theo sổ/)
    expect(text).toMatch(/Cải chính hộ tịch ngày 02\.05\.2025/)
    await snapshot(officer, 'notes')
    // The book's text is as keyed: the entry's own field did not change.
    const entry = await apiOn(officer, server.baseUrl, 'GET', `/api/entries/${entryId}`)
    expect((entry.fields as Json).nksHoTen).toBe('Nguyễn Văn An')
    expect(problems).toEqual([])
  })

  it('corrects a note\'s basis and withdraws a note keyed by mistake, which stays struck through', async () => {
    await apiOn(officer, server.baseUrl, 'POST', `/api/entries/${entryId}/notes`, { kind: 'divorce', text: 'Nhập nhầm trường hợp' })
    await officer.reload()
    await officer.getByRole('tab', { name: 'Ghi chú' }).click()
    const notes = officer.getByRole('region', { name: 'Ghi chú của trường hợp' })
    const [first, mistaken] = [notes.getByTestId('marginal-note').nth(0), notes.getByTestId('marginal-note').nth(1)]
    await expectTextOn(officer, mistaken, /Ly hôn[\s\S]*Nhập nhầm trường hợp/)

    await mistaken.getByRole('button', { name: 'Thu hồi' }).click()
    const withdraw = officer.getByRole('form', { name: 'Thu hồi ghi chú' })
    await withdraw.getByLabel('Lý do thu hồi', { exact: true }).fill('Ghi chú của trường hợp khác')
    await withdraw.getByRole('button', { name: 'Thu hồi ghi chú' }).click()
    await expectTextOn(officer, mistaken, /Đã thu hồi: Ghi chú của trường hợp khác/)
    expect(await mistaken.getAttribute('data-withdrawn')).toBe('true')
    expect(await mistaken.locator('del').textContent()).toMatch(/Ly hôn/)

    await first.getByRole('button', { name: 'Sửa' }).click()
    const edit = officer.getByRole('form', { name: 'Sửa ghi chú' })
    await edit.getByLabel('Số quyết định', { exact: true }).fill('16/QĐ-UBND')
    await edit.getByRole('button', { name: 'Lưu ghi chú' }).click()
    await expectTextOn(officer, first, /số 16\/QĐ-UBND, UBND xã An Phú[\s\S]*sửa/)
    await snapshot(officer, 'notes-corrected')
    // "Sau ghi chú" still holds the correction; the withdrawn note changed nothing.
    const listed = await apiOn(officer, server.baseUrl, 'GET', `/api/entries/${entryId}/notes`)
    expect((listed.afterNotes as Json).nksHoTen).toBe('Nguyễn Văn Ân')
    expect(problems).toEqual([])
  })
})
