/**
 * Journey: a keyer types place names in the workbench the way the book writes them. The list of
 * suggestions (this book's values, the province's unit names) never replaces what was typed: Enter
 * keeps the typed text, Esc closes the list and keeps it, and only ↓ then Enter takes a suggestion.
 */
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let page: Page
let bookId = ''
const problems: string[] = []

type Json = Record<string, unknown>

/** The commune's full name, as the suggestions list it: what the old list put in place of the keyer's text. */
const UNIT_NAME = 'Xã An Phú, Tỉnh Sơn Hà'

const api = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(page, server.baseUrl, method, url, data)
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '')
const value = (id: string) => page.locator(`#${id}`).inputValue()
const list = (id: string): Locator => page.locator(`#${id}-suggestions`)

/** Waits until the field's list offers this suggestion, so that each check is made with the list open. */
async function expectOffered(id: string, suggestion: string): Promise<void> {
  await list(id).getByRole('option').filter({ hasText: suggestion }).first().waitFor({ timeout: 15_000 })
  expect(await page.locator(`#${id}`).getAttribute('aria-expanded')).toBe('true')
}

/** Puts the cursor in the field (as Shift+Enter or F8 would) and types like a keyer, key by key. */
async function typeIn(id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).focus()
  await page.waitForFunction((key) => document.activeElement?.id === key, id)
  await page.keyboard.type(text)
}

beforeAll(async () => {
  journey = await startJourney()
  ;({ server, page } = journey)
  // antd's deprecation notices (its List) come from other screens' components, not from this journey.
  collectBrowserProblems(page, problems, /\[antd: \w+\] .* is deprecated/)
})

afterAll(async () => journey?.close())

describe('ô địa danh: giữ đúng chữ người nhập gõ', () => {
  it('opens the workbench of a new birth register', async () => {
    await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)
    const me = (await api('GET', '/api/auth/me')).user as { id: string; unit: { id: string } }
    const book = await api('POST', '/api/books', { bookType: 'KS', volume: '02/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    bookId = String(book.id)
    await api('POST', `/api/books/${bookId}/assignments`, { userId: me.id })
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.locator('#nksNoiSinh').waitFor()
  })

  it('Enter on typed text keeps it exactly, though a suggestion begins with it', async () => {
    await typeIn('nksNoiSinh', 'xã An Phú')
    await expectOffered('nksNoiSinh', UNIT_NAME)
    // Nothing is highlighted until the keyer asks for it.
    expect(await page.locator('#nksNoiSinh').getAttribute('aria-activedescendant')).toBeNull()
    await snapshot(page, 'place-01-typed')
    await page.keyboard.press('Enter')
    expect(await activeId()).toBe('nksQueQuan')
    expect(await value('nksNoiSinh')).toBe('xã An Phú')
  })

  it('Esc closes the list and keeps the typed text; Enter then moves on with it', async () => {
    await typeIn('nksQueQuan', 'xã An Phú')
    await expectOffered('nksQueQuan', UNIT_NAME)
    await page.keyboard.press('Escape')
    await list('nksQueQuan').waitFor({ state: 'detached' })
    expect(await value('nksQueQuan')).toBe('xã An Phú')
    expect(await activeId()).toBe('nksQueQuan')
    await page.keyboard.press('Enter')
    expect(await activeId()).not.toBe('nksQueQuan')
    expect(await value('nksQueQuan')).toBe('xã An Phú')
  })

  it('↓ then Enter takes the suggestion the keyer picked, and moves on', async () => {
    await typeIn('meNoiCuTru', 'An Ph')
    await expectOffered('meNoiCuTru', UNIT_NAME)
    await expectTextOn(page, list('meNoiCuTru').getByRole('option').first(), new RegExp(`^${UNIT_NAME}`))
    await page.keyboard.press('ArrowDown')
    expect(await page.locator('#meNoiCuTru').getAttribute('aria-activedescendant')).toBe('meNoiCuTru-suggestion-0')
    expect(await value('meNoiCuTru')).toBe(UNIT_NAME)
    await snapshot(page, 'place-02-picked')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id !== 'meNoiCuTru')
    expect(await value('meNoiCuTru')).toBe(UNIT_NAME)
  })

  it('stores exactly those values (saved as a draft with Ctrl+Shift+Enter)', async () => {
    await page.keyboard.press('Control+Shift+Enter')
    await expectTextOn(page, page.getByTestId('entry-heading'), /Trường hợp số 2/, 15_000)
    let items: Array<{ id: string }> = []
    for (let i = 0; i < 100 && items.length === 0; i++) {
      items = (await api('GET', `/api/books/${bookId}/entries?pageSize=50`)).items as Array<{ id: string }>
      if (items.length === 0) await page.waitForTimeout(200)
    }
    expect(items).toHaveLength(1)
    const entry = await api('GET', `/api/entries/${items[0]?.id}`)
    const fields = entry.fields as Json
    // The server may store the canonical Unicode form (NFC); the letters are the keyer's.
    expect(fields.nksNoiSinh).toBe('xã An Phú'.normalize('NFC'))
    expect(fields.nksQueQuan).toBe('xã An Phú'.normalize('NFC'))
    expect(fields.meNoiCuTru).toBe(UNIT_NAME.normalize('NFC'))
    expect(problems).toEqual([])
  })
})
