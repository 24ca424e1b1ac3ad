/**
 * Journey (issue 11, double keying): the justice officer switches double keying on from the book
 * screen; the officer and the digitizer key the same entry blind (through the API) and disagree on
 * two fields; the digitizer keys another entry the officer keyed, in the workbench, and its save
 * becomes the agreeing second keying; a third member of the team opens "Đối chiếu nhập kép", sees
 * both values beside each field, takes keying 1 for one and types the right value for the other, and
 * the entry is checked. The agreement table shows the keyers' rates.
 */
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, keyField, logInWithKeyboard, skipFields, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let page: Page
const problems: string[] = []
let bookId = ''
let entryId = ''
let anPhu = ''

type Json = Record<string, unknown>
const api = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(page, server.baseUrl, method, url, data)
const expectText = (locator: Locator, pattern: RegExp, timeout = 15_000) => expectTextOn(page, locator, pattern, timeout)
const ARBITER_PASSWORD = 'Doi-chieu-Nhap-kep-5821'

async function logInAs(username: string, password?: string): Promise<void> {
  await page.context().clearCookies()
  await logInWithKeyboard(page, server.baseUrl, username, password)
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'))
}

const fields = (overrides: Record<string, string> = {}) => ({
  so: '5', quyenSo: '01/2024', trangSo: '2', ngayDangKy: '15.03.2024', loaiDangKy: '1',
  nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '01.03.2024', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
  ...overrides,
})

/** What the workbench step keys (the first keyer's copy, as the API takes it; the workbench fills nơi đăng ký from the book). */
const WORKBENCH_ENTRY = {
  so: '6', quyenSo: '01/2024', trangSo: '3', ngayDangKy: '15.03.2024', loaiDangKy: '1', noiDangKy: 'UBND xã An Phú',
  nksHoTen: 'Lê Văn Bình', nksGioiTinh: '1', nksNgaySinh: '01.03.2024', nksNoiSinh: 'Trạm y tế xã An Phú', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1', meNoiCuTru: 'Thôn 1, xã An Phú',
  chaHoTen: 'Lê Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1', chaNoiCuTru: 'Thôn 1, xã An Phú',
}

const key = (expectedField: string, text: string) => keyField(page, expectedField, text)
const skip = (...fields: string[]) => skipFields(page, ...fields)

beforeAll(async () => {
  journey = await startJourney()
  ;({ server, page } = journey)
  collectBrowserProblems(page, problems)
})
afterAll(async () => journey?.close())

describe('nhập kép và đối chiếu', () => {
  it('the officer switches double keying on from the book screen', async () => {
    await logInAs('tuphap.anphu')
    const me = (await api('GET', '/api/auth/me')).user as { unit: { id: string } }
    anPhu = me.unit.id
    const book = await api('POST', '/api/books', { bookType: 'KS', volume: '01/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    bookId = String(book.id)
    await page.goto(`${server.baseUrl}/so/${bookId}`)
    const toggle = page.getByRole('switch', { name: 'Nhập kép' })
    await toggle.click()
    await expectText(page.locator('.ant-message'), /Đã bật nhập kép/)
    expect((await api('GET', `/api/books/${bookId}`)).doubleKeying).toBe(true)
    await snapshot(page, 'dk-01-book')
  })

  it('two keyers key the same entry blind and disagree on two fields', async () => {
    const first = await api('POST', `/api/books/${bookId}/entries`, { fields: fields(), complete: true })
    entryId = String(first.id)
    await logInAs('sohoa.anphu')
    const second = await api('POST', `/api/books/${bookId}/second-keyings`, { fields: fields({ nksHoTen: 'NGUYỄN THỊ HÒA', nksNgaySinh: '02.03.2024', meHoTen: 'Trần Thị Bích Ngọ' }) })
    expect(second).toMatchObject({ entryId, outcome: 'disagreed', differing: 2 })
  })

  it('in the workbench, the second keyer\'s save of a số already keyed is a blind second keying; agreeing, the entry is checked', async () => {
    await logInAs('tuphap.anphu')
    const sixth = await api('POST', `/api/books/${bookId}/entries`, { fields: WORKBENCH_ENTRY, complete: true })
    await logInAs('sohoa.anphu')
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    await expectText(page.getByText('Nhập kép', { exact: true }), /Nhập kép/)
    await page.locator('#so').fill('6')
    await page.locator('#trangSo').fill('3')
    await page.locator('#ngayDangKy').focus()
    await key('ngayDangKy', '150324')
    await key('loaiDangKy', '1')
    await key('nksHoTen', 'LÊ VĂN BÌNH')
    await key('nksGioiTinh', '1')
    await key('nksNgaySinh', '010324')
    await skip('nksNgaySinhBangChu')
    await key('nksNoiSinh', 'Trạm y tế xã An Phú')
    await skip('nksQueQuan')
    await key('nksDanToc', 'k')
    await key('nksQuocTich', 'v')
    await skip('nksSoDinhDanh')
    for (const [prefix, name, born] of [['me', 'Trần Thị Bích', '1995'], ['cha', 'Lê Văn Cường', '1992']] as const) {
      await key(`${prefix}HoTen`, name)
      await key(`${prefix}NgaySinh`, born)
      await key(`${prefix}DanToc`, 'k')
      await key(`${prefix}QuocTich`, 'v')
      await key(`${prefix}LoaiCuTru`, '1')
      await key(`${prefix}NoiCuTru`, 'Thôn 1, xã An Phú')
      await skip(`${prefix}SoDinhDanhCaNhan`)
    }
    await page.keyboard.press('Control+Enter')
    await expectText(page.locator('.ant-message'), /Số 6 · LÊ VĂN BÌNH: nhập lần hai khớp với lần một, trường hợp đã được kiểm tra/, 20_000)
    await snapshot(page, 'dk-02-workbench')
    const entry = await api('GET', `/api/entries/${String(sixth.id)}`)
    expect(entry).toMatchObject({ status: 'checked', fields: expect.objectContaining({ nksHoTen: 'Lê Văn Bình' }) })
    const entries = (await api('GET', `/api/books/${bookId}/entries?pageSize=50`)).items as unknown[]
    expect(entries).toHaveLength(2)
  })

  it('a third member of the team arbitrates beside both values; the entry is checked', async () => {
    await logInAs('admin')
    await api('POST', '/api/users', { username: 'kiemtra.anphu', fullName: 'Phan Thị Đối Chiếu', role: 'commune_digitizer', unitId: anPhu, password: ARBITER_PASSWORD })
    await page.context().clearCookies()
    await logInWithKeyboard(page, server.baseUrl, 'kiemtra.anphu', ARBITER_PASSWORD)
    await page.waitForURL(/doi-mat-khau|mat-khau/)
    const changed = await page.request.post(`${server.baseUrl}/api/auth/change-password`, { data: { currentPassword: ARBITER_PASSWORD, newPassword: `${ARBITER_PASSWORD}-moi` } })
    expect(changed.status()).toBe(204)

    await page.goto(`${server.baseUrl}/doi-chieu-nhap-kep`)
    const card = page.locator('.ant-card').filter({ hasText: 'số 5 năm 2024' })
    await expectText(card, /Ngày, tháng, năm sinh[\s\S]*01\.03\.2024[\s\S]*02\.03\.2024/)
    await expectText(card, /Trần Thị Bích Ngọ/)
    expect(await card.innerText()).not.toMatch(/Nguyễn Thị Hoà|NGUYỄN THỊ HÒA/)
    await snapshot(page, 'dk-02-arbitration')

    const save = card.getByRole('button', { name: 'Lưu và xác nhận đã kiểm tra' })
    expect(await save.isDisabled()).toBe(true)
    await card.getByRole('radiogroup', { name: 'Chọn giá trị đúng cho ô Người được đăng ký · Ngày, tháng, năm sinh' }).getByText('Lần nhập 1').click()
    await card.getByRole('radiogroup', { name: 'Chọn giá trị đúng cho ô Thông tin người mẹ · Họ, chữ đệm, tên' }).getByText('Giá trị khác').click()
    await card.getByRole('textbox', { name: 'Giá trị đúng của ô Thông tin người mẹ · Họ, chữ đệm, tên' }).fill('Trần Thị Bích Ngọc')
    await save.click()
    await expectText(page.locator('.ant-message'), /Đã đối chiếu số 5/)
    await expectText(page.locator('main, .ant-layout-content').first(), /Không có trường hợp nào chờ đối chiếu/)

    const entry = await api('GET', `/api/entries/${entryId}`)
    expect(entry).toMatchObject({ status: 'checked', fields: expect.objectContaining({ nksNgaySinh: '01.03.2024', meHoTen: 'Trần Thị Bích Ngọc', nksHoTen: 'Nguyễn Thị Hoà' }) })
    await expectText(page.locator('.ant-card').filter({ hasText: 'Tỷ lệ khớp' }), /Trần Thị Minh Thư[\s\S]*Lê Văn Khoa|Lê Văn Khoa[\s\S]*Trần Thị Minh Thư/)
    await snapshot(page, 'dk-03-agreement')
    expect(problems).toEqual([])
  })
})
