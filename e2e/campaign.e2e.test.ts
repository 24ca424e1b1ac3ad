/**
 * Journey: the campaign's plans (issue 13). The province's officer (sotuphap) defines a phase in the
 * browser; the commune's justice officer (tuphap.anphu) opens the commune's plan for it, pre-filled
 * from the book inventory, sets the entries to key and submits it; the province approves it; the
 * commune's inventory page shows its books and the appendix table, downloaded as PDF and Excel.
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey } from './harness'

let journey: Journey
let province: Page
let commune: Page
const problems: string[] = []
const PHASE = 'Giai đoạn 1 — sổ 2016 đến 2024'
let bookId = ''

/** A birth of the commune's 2020 book, numbered (the fields of the server's test factories). */
const birth = (so: number) => ({
  so: String(so), quyenSo: '01/2020', trangSo: '1', ngayDangKy: `1${so}.03.2020`, loaiDangKy: '1',
  nksHoTen: `Lê Thị Số ${so}`, nksGioiTinh: '2', nksNgaySinh: '01.03.2020', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: 'Lê Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
})

beforeAll(async () => {
  journey = await startJourney()
  province = journey.page
  commune = await (await journey.browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 } })).newPage()
  collectBrowserProblems(province, problems)
  collectBrowserProblems(commune, problems)
})

afterAll(async () => journey?.close())

describe('kế hoạch chiến dịch', () => {
  it('the province defines a phase', async () => {
    await logInWithKeyboard(province, journey.server.baseUrl, 'sotuphap')
    await province.waitForURL(/\/tien-do$/)
    await province.getByRole('menuitem', { name: 'Chiến dịch' }).click()
    await province.waitForURL(/\/chien-dich$/)
    await province.getByTestId('phase-create').click()
    await province.getByLabel('Tên giai đoạn').fill(PHASE)
    await province.getByPlaceholder('Từ tháng').click()
    await province.getByPlaceholder('Từ tháng').fill('01/2016')
    await province.keyboard.press('Enter')
    await province.getByPlaceholder('Đến tháng').fill('12/2024')
    await province.keyboard.press('Enter')
    await province.getByPlaceholder('Bắt đầu').click()
    await province.getByPlaceholder('Bắt đầu').fill('01/12/2026')
    await province.keyboard.press('Enter')
    await province.getByPlaceholder('Hạn hoàn thành').fill('30/06/2027')
    await province.keyboard.press('Enter')
    await province.getByLabel('Đơn giá (đồng/trường hợp)').fill('3000')
    await province.getByTestId('phase-submit').click()
    await expectTextOn(province, province.getByTestId('phases-table'), new RegExp(PHASE), 20_000)
    await snapshot(province, 'campaign-phases')
  })

  it('the commune plans from its inventory and submits', async () => {
    // A birth book of the commune, so that the inventory has something to pre-fill.
    await logInWithKeyboard(commune, journey.server.baseUrl, 'tuphap.anphu')
    await commune.waitForURL((url) => !url.pathname.endsWith('/dang-nhap'))
    const me = (await apiOn(commune, journey.server.baseUrl, 'GET', '/api/auth/me')).user as { unit: { id: string } }
    const book = await apiOn(commune, journey.server.baseUrl, 'POST', '/api/books', { bookType: 'KS', volume: '01/2020', year: 2020, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id, pageCount: 120 })
    bookId = String(book.id)

    await commune.getByRole('menuitem', { name: 'Kế hoạch' }).click()
    await commune.waitForURL(/\/ke-hoach/)
    await commune.getByTestId('plan-create').click()
    const editor = commune.getByTestId('plan-editor')
    await expectTextOn(commune, editor, /Kế hoạch của\s+Xã An Phú/, 20_000)
    const entries = commune.getByLabel('Số trường hợp KS')
    await entries.fill('1200')
    await commune.getByTestId('plan-save').click()
    await commune.getByTestId('plan-submit').waitFor()
    await commune.waitForFunction(() => !document.querySelector('[data-testid="plan-submit"]')?.hasAttribute('disabled'))
    await commune.getByTestId('plan-submit').click()
    await expectTextOn(commune, editor, /Đã gửi, chờ duyệt/, 20_000)
    await snapshot(commune, 'campaign-plan-submitted')
  })

  it('the province approves the commune’s plan', async () => {
    await province.getByRole('menuitem', { name: 'Kế hoạch' }).click()
    await province.waitForURL(/\/ke-hoach/)
    const row = province.getByTestId('unit-plans').locator('tr', { hasText: 'Xã An Phú' })
    await expectTextOn(province, row, /Đã gửi, chờ duyệt.*1\.200|1\.200.*/s, 20_000)
    await province.getByTestId('open-plan-Xã An Phú').click()
    await province.getByTestId('plan-approve').click()
    await expectTextOn(province, province.getByTestId('plan-editor'), /Đã duyệt/, 20_000)
    await expectTextOn(province, row, /Đã duyệt/, 20_000)
  })

  it('the commune keys three entries and the province’s dashboard moves', async () => {
    await province.goto(`${journey.server.baseUrl}/tien-do`)
    const anPhu = province.getByTestId('dashboard-units').locator('tr', { hasText: 'Xã An Phú' })
    await expectTextOn(province, anPhu, /0 \/ 1\.200/, 20_000)
    for (const so of [1, 2, 3]) {
      const keyed = await apiOn(commune, journey.server.baseUrl, 'POST', `/api/books/${bookId}/entries`, { fields: birth(so), complete: true })
      expect(keyed.status).toBe('keyed')
    }
    await province.reload()
    await expectTextOn(province, anPhu, /3 \/ 1\.200/, 20_000)
    // Keyed today only: no completed day of work yet, so no forecast (neutral), not "never finishes".
    await expectTextOn(province, anPhu, /Chưa đủ số liệu để dự báo/, 20_000)
    await expectTextOn(province, province.getByTestId('dashboard'), /Chi phí đến nay[\s\S]*9\.000/, 20_000)
    await snapshot(province, 'campaign-dashboard-moved')
  })

  it('the commune’s appendix table comes as PDF and Excel with the plan’s figures', async () => {
    await commune.getByRole('menuitem', { name: 'Kiểm kê sổ' }).click()
    await commune.waitForURL(/\/kiem-ke/)
    await expectTextOn(commune, commune.locator('main'), /01\/2020/, 20_000)
    await snapshot(commune, 'campaign-inventory')
    const phases = (await apiOn(commune, journey.server.baseUrl, 'GET', '/api/campaign/phases')).items as Array<{ id: string; name: string }>
    const phaseId = phases.find((p) => p.name === PHASE)?.id ?? ''
    const me = (await apiOn(commune, journey.server.baseUrl, 'GET', '/api/auth/me')).user as { unit: { id: string } }
    const query = `unitId=${me.unit.id}&phaseId=${phaseId}`
    const pdf = await commune.request.get(`${journey.server.baseUrl}/api/campaign/appendix.pdf?${query}`)
    expect(pdf.status()).toBe(200)
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    const xlsx = await commune.request.get(`${journey.server.baseUrl}/api/campaign/appendix.xlsx?${query}`)
    expect(xlsx.status()).toBe(200)
    const workbook = new ExcelJS.Workbook()
    const bytes = await xlsx.body()
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    const text = workbook.worksheets[0]!.getSheetValues().flat().map(String).join(' | ')
    expect(text).toMatch(/Khai sinh/i)
    expect(text).toContain('1200')
    expect(problems).toEqual([])
  })
})
