/**
 * Journey (issue 12, search): a citizen at the counter asks for her birth entry. The commune's
 * justice officer types her name without diacritics in the header's search box, sees the entry in
 * the results with its book, số and parents, and opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey } from './harness'

let journey: Journey
const problems: string[] = []
const IGNORED = /\[antd: \w+\] .* is deprecated/

beforeAll(async () => {
  journey = await startJourney()
  collectBrowserProblems(journey.page, problems, IGNORED)
})
afterAll(async () => journey?.close())

describe('Tìm kiếm', () => {
  it('finds an entry by a name typed without diacritics from the header and opens it', async () => {
    const { page, server } = journey
    const base = server.baseUrl
    await logInWithKeyboard(page, base, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)

    const units = (await apiOn(page, base, 'GET', '/api/units')).items as Array<{ id: string; code: string }>
    const anPhu = units.find((u) => u.code === '98001')
    const book = await apiOn(page, base, 'POST', '/api/books', {
      bookType: 'KS', volume: '03/1987', year: 1987, issuingAuthority: 'UBND xã An Phú', custodianUnitId: anPhu?.id,
      openedOn: '1987-01-02', closedOn: '1987-12-31', pageCount: 100, paperSize: 'A3', condition: 'intact',
    })
    const fields = {
      so: '41', quyenSo: '03/1987', trangSo: '21', ngayDangKy: '12.05.1987', loaiDangKy: '1', nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2',
      nksNgaySinh: '02.05.1987', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam', meHoTen: 'Trần Thị Bích', meDanToc: 'Kinh', meQuocTich: 'Việt Nam',
      meLoaiCuTru: '1', chaHoTen: 'Nguyễn Văn Cường', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
    }
    const entry = await apiOn(page, base, 'POST', `/api/books/${String(book.id)}/entries`, { fields })

    const box = page.getByRole('searchbox', { name: 'Tìm trong sổ hộ tịch' })
    await box.click()
    await page.keyboard.type('nguyen thi hoa')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/tim-kiem\?q=nguyen\+thi\+hoa$/)
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first()
    await expectTextOn(page, row, /Nguyễn Thị Hoà[\s\S]*Đúng tên \(không dấu\)[\s\S]*03\/1987[\s\S]*41[\s\S]*Mẹ: Trần Thị Bích/, 20_000)
    await snapshot(page, 'search-results')

    await row.getByTestId('search-result-link').click()
    await page.waitForURL(new RegExp(`/so/${String(book.id)}/truong-hop/${String(entry.id)}$`))
    await expect.poll(() => page.locator('#nksHoTen').inputValue(), { timeout: 20_000 }).toBe('Nguyễn Thị Hoà')
    await snapshot(page, 'search-opened')

    expect(problems).toEqual([])
  })
})
