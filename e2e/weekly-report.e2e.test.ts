/**
 * Journey: the weekly report (issue 13). The province has a phase running; An Phú's leader
 * (lanhdao.anphu) opens "Báo cáo tuần" (reminded on the home page from Thursday), writes the texts and
 * submits; the province's officer sees An Phú as submitted (Bình Minh not), opens An Phú's report and
 * downloads the province's roll-up as PDF. The server's report clock is set to this week's Friday,
 * 14:00 Vietnam time (DEMO_CLOCK): the reminder shows, and the report goes in before the commune's
 * 15:00 deadline ("Đã nộp"); lateness itself is covered by apps/server/src/modules/reports/reports.test.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { addDays, vietnamDay } from '@hts/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey } from './harness'

let journey: Journey
let province: Page
let leader: Page
const problems: string[] = []
const TODAY = vietnamDay(new Date())
/** Friday of this ISO week (Monday to Sunday), the day reports are due. */
const FRIDAY = addDays(TODAY, 5 - (new Date(`${TODAY}T00:00:00Z`).getUTCDay() || 7))
const DIFFICULTY = 'Máy quét của xã hỏng hai ngày trong tuần.'

beforeAll(async () => {
  journey = await startJourney({}, { DEMO_CLOCK: `${FRIDAY}T14:00:00+07:00` })
  province = journey.page
  leader = await (await journey.browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 } })).newPage()
  collectBrowserProblems(province, problems)
  collectBrowserProblems(leader, problems)
  await logInWithKeyboard(province, journey.server.baseUrl, 'sotuphap')
  await province.waitForURL(/\/tien-do$/)
  await apiOn(province, journey.server.baseUrl, 'POST', '/api/campaign/phases', {
    name: 'Giai đoạn 1', windowFrom: '2016-01', windowTo: '2024-12', bookTypes: ['KS'], unitIds: null, startsOn: addDays(TODAY, -30), deadline: addDays(TODAY, 180), unitPriceVnd: 3000,
  })
}, 300_000)

afterAll(async () => journey?.close())

describe('báo cáo tuần', () => {
  it('the leader writes and submits the commune’s report', async () => {
    await logInWithKeyboard(leader, journey.server.baseUrl, 'lanhdao.anphu')
    await leader.waitForURL(/\/tien-do$/)
    // Friday 14:00 on the report clock: the reminder is on the home page, with the 15:00 deadline.
    await expectTextOn(leader, leader.getByTestId('report-reminder'), /Báo cáo tuần của Xã An Phú chưa nộp/, 20_000)
    await expectTextOn(leader, leader.getByTestId('report-reminder'), /15:00/, 20_000)
    await leader.getByTestId('report-reminder').getByRole('link').click()
    await leader.waitForURL(/\/bao-cao-tuan/)
    const report = leader.getByTestId('weekly-report')
    await expectTextOn(leader, report, /Chưa nộp/, 20_000)
    await leader.getByLabel('I. Tình hình triển khai').fill('Tổ số hóa 3 người, đang nhập sổ khai sinh năm 2020.')
    await leader.getByLabel('III. Khó khăn, vướng mắc').fill(DIFFICULTY)
    await leader.getByTestId('report-save').click()
    await expectTextOn(leader, report, /bản nháp đã lưu/, 20_000)
    await leader.getByTestId('report-submit').click()
    await leader.getByRole('button', { name: 'Nộp', exact: true }).click()
    await expectTextOn(leader, report, /Đã nộp/, 20_000)
    // Per type: the plan, this week, and the cumulative figures side by side.
    await expectTextOn(leader, leader.getByTestId('report-figures'), /Nhập xong trong tuần.*Đã số hóa \(lũy kế\)/, 20_000)
    expect(await leader.getByTestId('report-submit').count()).toBe(0)
    await snapshot(leader, 'weekly-report-submitted')
  })

  it('the province sees who has submitted, reads An Phú’s report and downloads the roll-up PDF', async () => {
    await province.getByRole('menuitem', { name: 'Báo cáo tuần' }).click()
    await province.waitForURL(/\/bao-cao-tuan/)
    const units = province.getByTestId('report-units')
    await expectTextOn(province, units.locator('tr', { hasText: 'Xã An Phú' }), /Đã nộp/, 20_000)
    await expectTextOn(province, units.locator('tr', { hasText: 'Xã An Phú' }), new RegExp(DIFFICULTY), 20_000)
    await expectTextOn(province, units.locator('tr', { hasText: 'Xã Bình Minh' }), /Chưa nộp/, 20_000)
    await snapshot(province, 'weekly-report-province')

    const pdf = await province.request.get(`${journey.server.baseUrl}/api/reports/weekly/report.pdf?week=${TODAY}`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.body())
    // To look at it: SCREENSHOT_DIR=/tmp/shots (the PDF is saved beside the screenshots).
    if (process.env.SCREENSHOT_DIR) fs.writeFileSync(path.join(process.env.SCREENSHOT_DIR, 'weekly-report-province.pdf'), bytes)
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: bytes }).promise
    let text = ''
    for (let p = 1; p <= doc.numPages; p++) text += ` ${(await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')}`
    for (const expected of ['I. TÌNH HÌNH TRIỂN KHAI', 'II. KẾT QUẢ', 'III. KHÓ KHĂN, VƯỚNG MẮC', 'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'Xã An Phú', 'Xã Bình Minh', 'Nhập xong trong tuần']) expect(text).toContain(expected)
    expect(text).toContain('Máy quét của xã hỏng')

    await units.locator('tr', { hasText: 'Xã An Phú' }).getByRole('link', { name: 'Xem báo cáo' }).click()
    await province.waitForURL(/don-vi=/)
    await expectTextOn(province, province.getByTestId('weekly-report'), new RegExp(DIFFICULTY), 20_000)
    expect(await province.getByTestId('report-submit').count()).toBe(0)
    expect(problems).toEqual([])
  })
})
