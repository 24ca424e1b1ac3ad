/// <reference lib="dom" />
/**
 * The scripted keyer of the UI benchmarks (keying, OCR pre-fill): keys an entry through the real
 * workbench in Chromium with the keyboard only and counts every key press (a chord counts one,
 * each character typed counts one).
 *
 * Two ways of keying:
 * - 'assisted': uses what the workbench offers (carry-forward, số + 1, PageDown moving the trang số,
 *   compact dates, codes picked by their first letters, places and signers picked with ↓ from the
 *   book's values, OCR proposals accepted by passing over them, Ctrl+Enter once the rest is right);
 * - 'full': the same UI opened with `?tro-giup=tat` (no carry-forward, no suggestion lists) and every
 *   value typed in full, dates as dd.mm.yyyy, codes by their whole search text: the honest baseline.
 */
import { CODE_LISTS, storedCodeValue, type FieldDef } from '@hts/domain'
import type { Page } from 'playwright-core'
import { matchSuggestions } from '../../apps/web/src/features/entries/suggestions'
import { keyingLayout } from '../../apps/web/src/features/workbench/layouts'

export type KeyingMode = 'assisted' | 'full'

/** What a keyer types for a date: "5.1" in the registration date (year of the previous entry), ddmmyy, or as written. */
export function compactDate(value: string, key: string, year: number): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value)
  if (!m) return value
  const [, dd = '', mm = '', yyyy = ''] = m
  if (key === 'ngayDangKy' && Number(yyyy) === year) return `${Number(dd)}.${Number(mm)}`
  const now = new Date().getFullYear()
  return Number(yyyy) > now - 99 && Number(yyyy) <= now ? `${dd}${mm}${yyyy.slice(2)}` : `${dd}${mm}${yyyy}`
}

export class Keyer {
  keys = 0
  constructor(private readonly page: Page) {}

  async press(key: string) {
    await this.page.keyboard.press(key)
    this.keys++
  }

  async type(text: string) {
    for (const ch of text) await this.page.keyboard.type(ch)
    this.keys += [...text].length
  }

  value(id: string) {
    return this.page.locator(`#${id}`).inputValue()
  }

  /**
   * Letters of the item's name until the list's first match is the item, then Enter picks it;
   * `full`: the whole search text (code, or name) typed before Enter.
   */
  async pickCode(field: FieldDef, stored: string, full = false) {
    const item = (CODE_LISTS[field.codeList ?? 'gioiTinh'] ?? []).find((i) => storedCodeValue(field.codeList ?? 'gioiTinh', i) === stored)
    if (!item) throw new Error(`${field.key}: no code item for "${stored}"`)
    const first = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()
    const search = /^\d+$/.test(item.code) ? item.code : item.label.toLocaleLowerCase('vi')
    if (full) {
      await this.type(search)
      for (let tries = 0; tries < 250; tries++) {
        await first.waitFor()
        if ((await first.innerText()).trim().endsWith(` - ${item.label}`)) break
        await new Promise((r) => setTimeout(r, 20))
      }
    } else {
      for (const ch of search) {
        await this.type(ch)
        await first.waitFor()
        if ((await first.innerText()).trim().endsWith(` - ${item.label}`)) break
      }
    }
    await this.press('Enter')
  }

  /**
   * The suggestions the list under a suggestion box shows once it follows `typed`, top first: only
   * those on screen, since the keyer picks what they see. Waits until the box holds `typed` and the
   * list is the one suggestions.ts makes for it (every item matches, in its order), so that a list
   * not yet filtered under load never decides.
   */
  private async shownSuggestions(id: string, typed: string): Promise<string[]> {
    for (let tries = 0; ; tries++) {
      const { value, shown } = await this.page.evaluate((key) => ({
        value: (document.getElementById(key) as HTMLInputElement | null)?.value ?? '',
        shown: Array.from(document.getElementById(`${key}-suggestions`)?.querySelectorAll('[role="option"]') ?? [], (li) => li.firstChild?.textContent ?? ''),
      }), id)
      if (value === typed && matchSuggestions(typed, shown).join('\n') === shown.join('\n')) return shown
      if (tries >= 250) throw new Error(`${id}: the suggestion list does not follow "${typed}" (box "${value}", list ${JSON.stringify(shown)})`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /**
   * A suggestion box: typing never changes the text, so the keyer types the shortest prefix after
   * which the list shows the value, presses ↓ until it is highlighted (the box then shows it) and
   * Enter; a value the list never shows is typed in full, then Enter.
   */
  async typeOrPickSuggestion(id: string, target: string) {
    const chars = [...target]
    for (let n = 1; n <= chars.length; n++) {
      await this.type(chars[n - 1] ?? '')
      const at = (await this.shownSuggestions(id, chars.slice(0, n).join(''))).indexOf(target)
      if (at < 0) continue
      for (let k = 0; k <= at; k++) await this.press('ArrowDown')
      break
    }
    await this.waitForValue(id, target)
    await this.press('Enter')
  }

  async waitForValue(id: string, target: string) {
    try {
      await this.page.waitForFunction(([key, want]) => (document.getElementById(key) as HTMLInputElement | null)?.value === want, [id, target] as const, { timeout: 5000 })
    } catch {
      throw new Error(`${id}: the box shows "${await this.value(id)}", not "${target}", before Enter`)
    }
  }
}

/** The keying order of a birth entry: the page sections, then (once shown with Alt+M) the rarer fields. */
export function keyingOrder(bookType: 'KS', withMore: boolean): FieldDef[] {
  const layout = keyingLayout(bookType)
  return [...layout.sections.flatMap((s) => s.fields), ...(withMore ? layout.more : [])]
}

interface Shown {
  values: Record<string, string>
  suggest: Set<string>
  /** Fields holding an OCR proposal the keyer has not passed over yet (H2's `data-ocr="proposed"`). */
  proposed: Set<string>
}

/** What each field shows (a code list: the stored value of its chosen item), which are suggestion boxes, which hold proposals. */
export async function currentValues(page: Page, order: readonly FieldDef[]): Promise<Shown> {
  const shown = await page.evaluate((keys) => {
    const fields = keys.map((k) => {
      const el = document.getElementById(k)
      const suggest = el?.hasAttribute('data-suggest-input') ?? false
      const isSelect = el?.getAttribute('role') === 'combobox' && !suggest
      // antd 5 shows the chosen item in .ant-select-selection-item, antd 6 in .ant-select-content-has-value; both carry it as title.
      const chosen = isSelect ? el?.closest('.ant-select')?.querySelector('.ant-select-selection-item, .ant-select-content-has-value')?.getAttribute('title') ?? '' : ''
      const marked = el?.closest('[data-ocr]')?.getAttribute('data-ocr') ?? el?.getAttribute('data-ocr') ?? ''
      return { k, suggest, isSelect, proposed: marked === 'proposed', value: isSelect ? chosen : (el as HTMLInputElement | null)?.value ?? '' }
    })
    return { fields }
  }, order.map((f) => f.key))
  const values: Record<string, string> = {}
  for (const f of shown.fields) {
    const def = order.find((d) => d.key === f.k)
    if (f.isSelect && def?.codeList && f.value) {
      // "1 - Nam" → the stored value of item 1.
      const code = f.value.split(' - ')[0] ?? ''
      const item = CODE_LISTS[def.codeList].find((i) => i.code === code)
      values[f.k] = item ? storedCodeValue(def.codeList, item) : f.value
    } else values[f.k] = f.value
  }
  return { values, suggest: new Set(shown.fields.filter((f) => f.suggest).map((f) => f.k)), proposed: new Set(shown.fields.filter((f) => f.proposed).map((f) => f.k)) }
}

/**
 * Keys one entry until the form holds `target` (and no proposal is left unseen), then Ctrl+Enter.
 * Fields of the rarer section (e.g. nksLoaiKhaiSinh for a child without a named father) are
 * reached with Alt+M, counted like any key.
 */
export async function keyEntry(
  page: Page,
  keyer: Keyer,
  target: Record<string, string>,
  year: number,
  options: { mode?: KeyingMode; nextPage?: boolean; settle?: () => Promise<void> } = {},
): Promise<{ proposals: number }> {
  const { mode = 'assisted', nextPage = false, settle } = options
  // The entry is on the next page: PageDown shows it (and, nothing typed yet, moves the entry's trang số with it).
  if (nextPage) {
    const before = await page.getByTestId('page-image').getAttribute('src')
    await keyer.press('PageDown')
    await page.waitForFunction((src) => document.querySelector('[data-testid="page-image"]')?.getAttribute('src') !== src, before)
    if (mode === 'assisted' && target.trangSo) {
      await page.waitForFunction((t) => (document.getElementById('trangSo') as HTMLInputElement).value === t, target.trangSo)
    }
  }
  // What the form shows is read once the page's own state has arrived (OCR proposals: the caller knows when).
  await settle?.()
  const more = keyingLayout('KS').more
  const needsMore = more.some((f) => (target[f.key] ?? '') !== '')
  let order = keyingOrder('KS', false)
  if (needsMore && (await page.locator(`#${more[0]?.key ?? ''}`).count()) === 0) await keyer.press('Alt+m')
  if (needsMore || (await page.locator(`#${more[0]?.key ?? ''}`).count()) > 0) order = keyingOrder('KS', true)
  if (needsMore) await page.locator(`#${more[0]?.key ?? ''}`).waitFor()
  const { values, suggest, proposed } = await currentValues(page, order)
  const proposals = proposed.size
  const wrong = (k: string) => (values[k] ?? '') !== (target[k] ?? '') || proposed.has(k)
  const done = (i: number) => order.slice(i).every((f) => !wrong(f.key))
  const active = await page.evaluate(() => document.activeElement?.id ?? '')
  let i = Math.max(0, order.findIndex((f) => f.key === active))
  const firstWrong = mode === 'full' ? 0 : order.findIndex((f) => wrong(f.key))
  for (; firstWrong >= 0 && i > firstWrong; i--) await keyer.press('Shift+Enter')
  for (; i < order.length && !(done(i) && (mode === 'assisted' || order.slice(i).every((f) => (target[f.key] ?? '') === ''))); i++) {
    const field = order[i] as FieldDef
    const want = target[field.key] ?? ''
    const have = values[field.key] ?? ''
    if (want === '' && have === '') await keyer.press('Enter')
    else if (mode === 'assisted' && have === want) await keyer.press('Enter')
    else if (want === '') {
      await keyer.press('Backspace')
      await keyer.press('Enter')
    } else if (field.kind === 'code') await keyer.pickCode(field, want, mode === 'full')
    else if (field.kind === 'partialDate') {
      await keyer.type(mode === 'full' ? want : compactDate(want, field.key, year))
      await keyer.press('Enter')
    } else if (mode === 'assisted' && suggest.has(field.key)) await keyer.typeOrPickSuggestion(field.key, want)
    else {
      await keyer.type(want)
      await keyer.waitForValue(field.key, want)
      await keyer.press('Enter')
    }
    values[field.key] = want
    proposed.delete(field.key)
  }
  await keyer.press('Control+Enter')
  return { proposals }
}
