/**
 * Journey: a commune justice officer logs in, adds a birth register, keys one entry with the
 * keyboard (Tab between fields, an impossible date caught as typed), saves it and finds it in the book.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, ensureWebBuilt, expectTextOn, logInWithKeyboard, launchBrowser, snapshot, startServer, tabTo, type ServerHandle } from './harness'

let server: ServerHandle
let browser: Browser
let context: BrowserContext
let page: Page

const expectText = (locator: Locator, pattern: RegExp, timeout = 10_000) => expectTextOn(page, locator, pattern, timeout)

async function expectGone(locator: Locator, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    if ((await locator.count()) === 0) return
    await page.waitForTimeout(100)
  }
  throw new Error(`Expected ${locator} to disappear, it still says: "${await locator.first().innerText()}"`)
}

const login = (username: string, password: string) => logInWithKeyboard(page, server.baseUrl, username, password)

/** Types into the focused text field, replacing what was there, then leaves it with Tab. */
async function typeField(id: string, value: string): Promise<void> {
  await tabTo(page, id)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(value)
}

/** Searches a code list select by typing, Enter picks the first match. */
async function pickCode(id: string, search: string, expected: RegExp): Promise<void> {
  await tabTo(page, id)
  await page.keyboard.type(search)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor()
  await page.keyboard.press('Enter')
  const selected = page.locator(`.ant-select:has(#${id}) .ant-select-selection-item, .ant-select:has(#${id}) .ant-select-content`)
  await expectText(selected, expected)
}

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('sổ khai sinh: thêm sổ, nhập một trường hợp bằng bàn phím', () => {
  beforeAll(async () => {
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } })
    page = await context.newPage()
  })
  afterAll(async () => context?.close())

  it('shows the server message for a wrong password', async () => {
    await login('sohoa.anphu', 'sai-mat-khau')
    const text = await expectText(page.getByRole('alert'), /mật khẩu/i)
    expect(text).toMatch(/không đúng/i)
    expect(page.url()).toContain('/dang-nhap')
  })

  it('logs in, adds a book, keys an entry and finds it in the book', async () => {
    await login('tuphap.anphu', DEMO_PASSWORD)
    await page.waitForURL(/\/so$/)
    await expectText(page.getByTestId('current-user'), /Xã An Phú/)

    // A new birth register, volume 01/2024.
    await page.getByRole('button', { name: 'Thêm sổ' }).click()
    const drawer = page.getByRole('dialog', { name: 'Thêm sổ' })
    await drawer.getByLabel('Loại sổ').focus()
    await page.keyboard.type('khai sinh')
    await page.keyboard.press('Enter')
    await drawer.getByLabel('Quyển số').focus()
    await page.keyboard.type('01/2024')
    await page.keyboard.press('Tab')
    expect(await drawer.getByLabel('Năm mở sổ').inputValue()).toBe('2024')
    await drawer.getByLabel('Cơ quan đăng ký (ghi như trên sổ)').fill('UBND xã An Phú')
    await snapshot(page, '02-book-form')
    await drawer.getByRole('button', { name: 'Thêm sổ' }).click()

    // The new book opens; start an entry.
    await page.waitForURL(/\/so\/[0-9a-f-]{36}$/)
    await expectText(page.getByRole('heading', { level: 3 }), /khai sinh, quyển 01\/2024/i)
    await snapshot(page, '03-book-detail-empty')
    await page.getByRole('button', { name: 'Nhập trường hợp mới' }).click()
    await page.waitForURL(/\/truong-hop\/moi$/)
    await page.locator('#so').waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('so')

    await page.keyboard.type('1')
    await typeField('quyenSo', '01/2024')
    await typeField('trangSo', '1')
    // An impossible date is flagged while keying, in Vietnamese, under the field.
    await typeField('ngayDangKy', '31.02.2024')
    await page.keyboard.press('Tab')
    const dateHelp = page.locator('#ngayDangKy-help')
    await expectText(dateHelp, /không có thật/i)
    await expectText(page.getByTestId('issue-summary'), /\d+ lỗi, \d+ cảnh báo/)
    await snapshot(page, '04-entry-date-error')
    expect(await page.getByRole('button', { name: 'Lưu và hoàn thành' }).isDisabled()).toBe(true)

    // Fix it with the compact form; it is normalised to dd.mm.yyyy when the field is left.
    await page.keyboard.press('Shift+Tab')
    await typeField('ngayDangKy', '15012024')
    await pickCode('loaiDangKy', '1', /Đăng ký đúng hạn/)
    expect(await page.locator('#ngayDangKy').inputValue()).toBe('15.01.2024')
    await expectGone(dateHelp)

    // The child: a name typed in capitals is offered in title case, the keyer accepts it.
    await typeField('nksHoTen', 'NGUYỄN VĂN AN')
    await pickCode('nksGioiTinh', '1', /Nam/)
    await page.getByText('Viết hoa chữ đầu: Nguyễn Văn An').click()
    expect(await page.locator('#nksHoTen').inputValue()).toBe('Nguyễn Văn An')
    await page.locator('#nksGioiTinh').focus()
    await typeField('nksNgaySinh', '10.01.2024')
    await pickCode('nksDanToc', 'Kinh', /Kinh/)
    await pickCode('nksQuocTich', 'Việt Nam', /Việt Nam/)

    for (const [prefix, name, born] of [
      ['me', 'Trần Thị Bình', '1995'],
      ['cha', 'Nguyễn Văn Cường', '03.1993'],
    ] as const) {
      await typeField(`${prefix}HoTen`, name)
      await typeField(`${prefix}NgaySinh`, born)
      await pickCode(`${prefix}DanToc`, 'Kinh', /Kinh/)
      await pickCode(`${prefix}QuocTich`, 'Việt Nam', /Việt Nam/)
      await pickCode(`${prefix}LoaiCuTru`, 'thường trú', /Thường trú/i)
    }
    await expectText(page.getByTestId('issue-summary'), /^(Chưa phát hiện lỗi nào|0 lỗi, \d+ cảnh báo)/)
    await snapshot(page, '05-entry-filled')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('Lưu và hoàn thành') && !b.disabled),
    )

    // Ctrl+S saves the draft; the address becomes the saved entry's.
    await page.keyboard.press('ControlOrMeta+S')
    await page.waitForURL(/\/truong-hop\/[0-9a-f-]{36}$/)
    await expectText(page.getByRole('heading', { level: 3 }), /Trường hợp số 1/)

    // Done: the server takes the markKeyed transition.
    await page.getByRole('button', { name: 'Lưu và hoàn thành' }).click()
    await expectText(page.getByRole('heading', { level: 3 }), /Đã nhập xong/)
    await snapshot(page, '06-entry-keyed')

    // Back to the book: the entry is listed with its number and name.
    await page.getByRole('link', { name: 'Quay lại sổ' }).click()
    await page.waitForURL(/\/so\/[0-9a-f-]{36}$/)
    const row = page.getByTestId('entry-table').locator('tbody tr', { hasText: 'Nguyễn Văn An' })
    await expectText(row, /Nguyễn Văn An/)
    const cells = await row.locator('td').allInnerTexts()
    expect(cells[0]?.trim()).toBe('1')
    expect(cells.join(' ')).toContain('15.01.2024')
    await snapshot(page, '07-book-detail-with-entry')
  })

  it('keeps the keyer\'s edits when someone else saved the same entry first', async () => {
    // The entry of the previous test, open in this tab.
    await page.getByTestId('entry-table').locator('tbody tr', { hasText: 'Nguyễn Văn An' }).getByRole('link').click()
    await page.waitForURL(/\/truong-hop\/[0-9a-f-]{36}$/)
    const entryId = page.url().split('/').pop() ?? ''
    await page.locator('#ghiChu').fill('Sổ ghi thêm ở lề')

    // Meanwhile a colleague on another computer fills in the signer.
    const other = await browser.newContext()
    try {
      const api = other.request
      const login = await api.post(`${server.baseUrl}/api/auth/login`, { data: { username: 'sohoa.anphu', password: DEMO_PASSWORD } })
      expect(login.status()).toBe(200)
      const current = await (await api.get(`${server.baseUrl}/api/entries/${entryId}`)).json()
      const put = await api.put(`${server.baseUrl}/api/entries/${entryId}`, {
        data: { fields: { ...current.fields, nguoiKy: 'Phạm Văn Đức' }, version: current.version },
      })
      expect(put.status()).toBe(200)
    } finally {
      await other.close()
    }

    await page.keyboard.press('ControlOrMeta+S')
    await expectText(page.getByRole('alert').filter({ hasText: 'người khác sửa' }), /Tải bản mới nhất/)
    await snapshot(page, '08-entry-conflict')
    await page.getByRole('button', { name: 'Tải bản mới nhất' }).click()
    expect(await page.locator('#nguoiKy').inputValue()).toBe('Phạm Văn Đức')
    expect(await page.locator('#ghiChu').inputValue()).toBe('Sổ ghi thêm ở lề')
    await page.keyboard.press('ControlOrMeta+S')
    await expectText(page.locator('.ant-message'), /Đã lưu/)
    await page.reload()
    await page.locator('#ghiChu').waitFor()
    expect(await page.locator('#ghiChu').inputValue()).toBe('Sổ ghi thêm ở lề')
    expect(await page.locator('#nguoiKy').inputValue()).toBe('Phạm Văn Đức')
  })
})
