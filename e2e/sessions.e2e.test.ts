/**
 * Journey (issue 14, sessions): an officer signed in on two browsers opens "Phiên đăng nhập" from the
 * user menu, sees both, ends the other one; then leaves the tab idle past SESSION_IDLE_MINUTES (one
 * minute on this server) and is sent to the login page saying the session ended for inactivity.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectBrowserProblems, DEMO_PASSWORD, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey } from './harness'

const IDLE_MINUTES = 1

let journey: Journey
let desk: Page
let laptop: Page
const problems: string[] = []
const IGNORED = /\[antd: \w+\] .* is deprecated/

beforeAll(async () => {
  journey = await startJourney({}, { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) })
  desk = journey.page
  laptop = await (await journey.browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } })).newPage()
  collectBrowserProblems(desk, problems, IGNORED)
})
afterAll(async () => journey?.close())

describe('Phiên đăng nhập', () => {
  it('lists the sessions and ends the others from the user menu', async () => {
    const base = journey.server.baseUrl
    await logInWithKeyboard(laptop, base, 'tuphap.anphu')
    await laptop.waitForURL(/\/so$/)
    await logInWithKeyboard(desk, base, 'tuphap.anphu')
    await desk.waitForURL(/\/so$/)

    await desk.getByTestId('current-user').click()
    await desk.getByRole('menuitem', { name: 'Phiên đăng nhập' }).click()
    await desk.waitForURL(/\/phien-dang-nhap$/)
    await expectTextOn(desk, desk.getByRole('heading', { name: 'Phiên đăng nhập' }), /Phiên đăng nhập/)
    const rows = desk.locator('.ant-table-tbody tr.ant-table-row')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    // The current one is marked and has no button; the other one has.
    const current = rows.filter({ has: desk.locator('.ant-tag', { hasText: 'Phiên này' }) })
    await expectTextOn(desk, current, /Chrome \d+ trên Linux/)
    await expect(current.getByRole('button', { name: /Đăng xuất phiên này/ }).count()).resolves.toBe(0)
    await expect(rows.getByRole('button', { name: /Đăng xuất phiên này/ }).count()).resolves.toBe(1)
    await snapshot(desk, 'sessions-two')

    await desk.getByRole('button', { name: /Đăng xuất các phiên khác/ }).click()
    await desk.locator('.ant-popconfirm').getByRole('button', { name: 'Đăng xuất' }).click()
    await expectTextOn(desk, desk.locator('.ant-message'), /Đã đăng xuất 1 phiên khác/)
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1)

    // The other browser is signed out: its next page asks for a login again.
    await laptop.reload()
    await laptop.waitForURL(/\/dang-nhap/)
  })

  it('a tab left idle past the limit goes to the login page, which says why', async () => {
    // Activity is recorded at most every half limit: after a whole limit plus a margin, the session is idle.
    await desk.waitForTimeout(IDLE_MINUTES * 60_000 + 5_000)
    await desk.getByRole('menuitem', { name: 'Sổ hộ tịch' }).click()
    await desk.waitForURL(/\/dang-nhap\?next=/)
    await expectTextOn(desk, desk.getByTestId('session-ended'), /Phiên làm việc đã hết hạn do không hoạt động quá 1 phút/)
    await snapshot(desk, 'sessions-idle')

    // Logging in again goes back to where the user was, and the message is gone.
    await desk.getByLabel('Tên đăng nhập').fill('tuphap.anphu')
    await desk.getByLabel('Mật khẩu').fill(DEMO_PASSWORD)
    await desk.keyboard.press('Enter')
    await desk.waitForURL(/\/so$/)
    await expect(desk.evaluate(() => window.sessionStorage.getItem('hts.sessionEnded'))).resolves.toBeNull()
    expect(problems).toEqual([])
  })
})
