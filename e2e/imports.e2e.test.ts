/**
 * Journey: a commune justice officer imports a birth register kept in Excel. She uploads a small
 * file in the MOJ layout with a few bad rows, reads the analysis (columns recognised, row count,
 * the volume to be created), starts the import, follows the progress to the end, reads how many
 * rows were taken and set aside, downloads the rejected rows with their "Lỗi" column, opens the
 * book to find the entries there, and exports the commune's books as the MOJ package.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWorkbook, syntheticBirthRow, syntheticBirthRows, writeXlsxFile } from '../apps/server/src/test/import-helpers'
import { collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

const GOOD = 40
let server: ServerHandle
let journey: Journey
let page: Page
let workDir = ''
let importId = ''
const problems: string[] = []

const expectText = (locator: Locator, pattern: RegExp, timeout = 20_000) => expectTextOn(page, locator, pattern, timeout)

/** The value shown under a statistic's title ("Đã nhận" → "40"). */
const statistic = (title: string) => page.locator('.ant-statistic', { has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content')

/** 40 good births of volume 01/2024 and three rows an officer would get wrong. */
function registerRows(): Record<string, string>[] {
  const rows = [...syntheticBirthRows(GOOD, 2024)]
  const bad = (i: number, change: Record<string, string>) => ({ ...syntheticBirthRow(GOOD + i, 2024), ...change })
  return [
    ...rows.slice(0, 10),
    bad(1, { ngayDangKy: '31.02.2024' }),
    ...rows.slice(10, 25),
    bad(2, { nksGioiTinh: '7' }),
    ...rows.slice(25),
    bad(3, { nksHoTen: '' }),
  ]
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-e2e-import-'))
  journey = await startJourney({ acceptDownloads: true })
  ;({ server, page } = journey)
  collectBrowserProblems(page, problems)
})

afterAll(async () => {
  await journey?.close()
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true })
})

describe('nhập sổ khai sinh từ tệp Excel', () => {
  it('logs in and uploads the file from the import screen', async () => {
    await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)

    await page.getByRole('menuitem', { name: /Nhập, xuất Excel/ }).click()
    await page.waitForURL(/\/nhap-excel$/)
    await expectText(page.locator('.ant-card', { hasText: 'Nhập tệp Excel hoặc CSV' }), /Loại sổ\s+KS - Sổ đăng ký khai sinh/)
    await snapshot(page, 'imp-00-page')
    const file = path.join(workDir, 'so-khai-sinh-2024.xlsx')
    await writeXlsxFile(file, registerRows())
    await page.getByLabel('Chọn tệp để nhập').setInputFiles(file)
    await page.waitForURL(/\/nhap-excel\/[0-9a-f-]{36}$/, { timeout: 30_000 })
    importId = page.url().split('/').pop() ?? ''
    const health = (await (await page.request.get(`${server.baseUrl}/api/health`)).json()) as { engine: string }
    expect(health.engine).toBe(process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite')
  })

  it('shows the analysis: columns recognised, rows counted, the volume to create', async () => {
    const analysis = page.locator('.ant-card', { hasText: 'Kết quả phân tích tệp' })
    await expectText(analysis, /so-khai-sinh-2024\.xlsx/)
    await expectText(analysis, /Bố cục\s+Mẫu của Bộ Tư pháp/)
    await expectText(analysis, /Số dòng dữ liệu\s+43/)
    await expectText(analysis, /Cột\s+(\d+)\/\1 cột khớp với trường của sổ/)
    await expectText(analysis, /Trần Thị Minh Thư/)
    await expectText(analysis.locator('tr', { hasText: '01/2024' }), /01\/2024\s+43\s+Chưa có: sẽ tạo/)
    // The preview shows the first rows after normalisation.
    await expectText(analysis, /Xem trước[\s\S]*Nguyễn|Trần|Lê/)
    const mapping = page.locator('.ant-card', { hasText: 'Ghép cột của tệp' })
    await expectText(mapping, /nksHoTen[\s\S]*Khớp mẫu/)
    expect(await mapping.locator('.ant-tag', { hasText: 'Chưa nhận ra' }).count()).toBe(0)
    await snapshot(page, 'imp-01-analysis')
  })

  it('starts the import and follows the progress to the end', async () => {
    const start = page.locator('.ant-card', { hasText: 'Bắt đầu nhập' })
    await expectText(start, /Quyển sổ chưa có trong hệ thống \(01\/2024\)/)
    await expectText(start, /Chưa bắt đầu nhập thì tệp này chỉ được giữ đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    await start.getByRole('button', { name: /Bắt đầu nhập 43 dòng/ }).click()
    const progress = page.locator('.ant-card', { hasText: 'Tiến độ và kết quả' })
    await progress.waitFor()
    // The bar only moves forward, up to the end.
    const seen: number[] = []
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      seen.push(Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow')))
      if (/Hoàn thành/.test(await page.locator('h3').innerText())) break
      await page.waitForTimeout(50)
    }
    await expectText(page.locator('h3'), /Hoàn thành/)
    seen.push(Number(await progress.getByRole('progressbar').getAttribute('aria-valuenow')))
    expect(seen.at(-1)).toBe(100)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    await expectText(progress.getByRole('alert'), /Đã nhập xong: 40 trường hợp đã được ghi vào sổ; 3 dòng bị loại: tải tệp các dòng bị loại[\s\S]*Xem các trường hợp trong sổ:\s*quyển 01\/2024/)
    await expectText(statistic('Đã đọc'), /^43\s*\/\s*43$/)
    await expectText(statistic('Đã nhận'), new RegExp(`^${GOOD}$`))
    await expectText(statistic('Bị loại \\(có lý do\\)'), /^3$/)
    await expectText(statistic('Bỏ qua \\(đã có sẵn\\)'), /^0$/)
    await expectText(statistic('Sổ được tạo'), /^1$/)
    await snapshot(page, 'imp-02-done')
  })

  it('downloads the rejected rows with their reasons in a "Lỗi" column', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Tải 3 dòng bị loại/ }).click(),
    ])
    expect(download.suggestedFilename()).toBe('so-khai-sinh-2024-dong-loi.xlsx')
    const saved = path.join(workDir, download.suggestedFilename())
    await download.saveAs(saved)
    const { headers, rows } = await readWorkbook(fs.readFileSync(saved))
    expect(headers.at(-1)).toBe('Lỗi')
    expect(headers).toContain('nksHoTen')
    expect(rows).toHaveLength(3)
    const reasons = rows.map((r) => r['Lỗi'] ?? '')
    expect(reasons.every((r) => r.length > 0)).toBe(true)
    expect(reasons.join('\n')).toMatch(/ngày|Ngày/)
    expect(rows.map((r) => r.so)).toEqual([String(GOOD + 1), String(GOOD + 2), String(GOOD + 3)])
  })

  it('opens the book and finds the imported entries', async () => {
    await expect(page.locator('.ant-card', { hasText: 'Kết quả phân tích tệp' }).getByRole('link', { name: 'Mở sổ quyển 01/2024' }).count()).resolves.toBe(1)
    await page.locator('.ant-card', { hasText: 'Tiến độ và kết quả' }).getByRole('link', { name: 'quyển 01/2024' }).click()
    await page.waitForURL(/\/so\/[0-9a-f-]{36}$/)
    await expectText(page.locator('h3'), /Sổ đăng ký khai sinh, quyển 01\/2024/)
    const table = page.getByTestId('entry-table')
    await expectText(page.locator('.ant-pagination-total-text'), new RegExp(`^Tổng ${GOOD} trường hợp$`))
    await expectText(table.locator('tr.ant-table-row').first(), /\d+\s+\d+\s+\d{2}\.\d{2}\.2024\s+\S+/)
    await snapshot(page, 'imp-03-book')

    // The import screen lists this import with its counts.
    await page.getByRole('menuitem', { name: /Nhập, xuất Excel/ }).click()
    await expectText(page.locator('tr.ant-table-row', { hasText: 'so-khai-sinh-2024.xlsx' }), new RegExp(`${GOOD} đã nhận, 3 bị loại[\\s\\S]*Hoàn thành`))
    expect(importId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('exports the commune\'s books as the MOJ package, from the same screen', async () => {
    const card = page.locator('.ant-card', { hasText: 'Xuất dữ liệu' })
    await card.getByRole('button', { name: /Xuất gói bàn giao của mọi sổ/ }).click()
    await expectText(card, new RegExp(`Tải tệp zip \\(1 sổ, ${GOOD} trường hợp\\)`), 60_000)
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: /Tải tệp zip/ }).click()])
    expect(download.suggestedFilename()).toMatch(/^xaanphu\.MOJ\.\d{4}-\d{2}-\d{2}\.zip$/)
    await snapshot(page, 'imp-04-export')
    expect(problems).toEqual([])
  })
})
