/**
 * Journey: a commune justice officer uploads the scans of a birth register through the book screen,
 * then keys three entries beside the page images with the keyboard only (Enter between fields,
 * compact dates, carry-forward, codes by their first letters, Ctrl+Enter to save and go on), reloads
 * in the middle of an entry and finds it restored, and saves while the network is down (and once
 * with the server's answer lost) without the entry being created twice.
 */
import type { Locator, Page } from 'playwright-core'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let page: Page
let bookId = ''

type Json = Record<string, unknown>

const expectText = (locator: Locator, pattern: RegExp, timeout = 15_000) => expectTextOn(page, locator, pattern, timeout)

const activeId = () => page.evaluate(() => document.activeElement?.id ?? '')
const value = (id: string) => page.locator(`#${id}`).inputValue()

const api = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(page, server.baseUrl, method, url, data)

/** A register of three scanned pages, drawn with pdf-lib (the server renders each into an image). */
async function scannedBook(): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (let n = 1; n <= 3; n++) {
    const p = pdf.addPage([595, 842])
    p.drawText(`So dang ky khai sinh 01/2024 - trang ${n}`, { x: 60, y: 780, size: 18, font })
    for (let line = 0; line < 20; line++) p.drawText(`Dong ${line + 1}: ......................................`, { x: 60, y: 720 - line * 30, size: 12, font })
  }
  return Buffer.from(await pdf.save())
}

/** Types the value into the focused field (replacing what is there) and presses Enter to go on. */
async function key(expectedField: string, text: string): Promise<void> {
  expect(await activeId()).toBe(expectedField)
  if (text) await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}

/** Enter over fields the book leaves empty for this entry. */
async function skip(...fields: string[]): Promise<void> {
  for (const f of fields) await key(f, '')
}

/** One birth entry, in the workbench's order: the cursor starts in the registration date. */
async function keyEntry(e: { date: string; name: string; sex: string; born: string; mother: string; motherBorn: string; father: string; fatherBorn: string }) {
  await key('ngayDangKy', e.date)
  await key('loaiDangKy', '1')
  await key('nksHoTen', e.name)
  await key('nksGioiTinh', e.sex)
  await key('nksNgaySinh', e.born)
  await skip('nksNgaySinhBangChu')
  await key('nksNoiSinh', 'Trạm y tế xã An Phú')
  await skip('nksQueQuan')
  await key('nksDanToc', 'k')
  await key('nksQuocTich', 'v')
  await skip('nksSoDinhDanh')
  for (const [prefix, name, born] of [['me', e.mother, e.motherBorn], ['cha', e.father, e.fatherBorn]] as const) {
    await key(`${prefix}HoTen`, name)
    await key(`${prefix}NgaySinh`, born)
    await key(`${prefix}DanToc`, 'k')
    await key(`${prefix}QuocTich`, 'v')
    await key(`${prefix}LoaiCuTru`, '1')
    await key(`${prefix}NoiCuTru`, 'Thôn 1, xã An Phú')
    await skip(`${prefix}SoDinhDanhCaNhan`)
  }
}

async function entriesOfBook(): Promise<Array<{ id: string; so: number; status: string }>> {
  return (await api('GET', `/api/books/${bookId}/entries?pageSize=50`)).items as Array<{ id: string; so: number; status: string }>
}

beforeAll(async () => {
  journey = await startJourney()
  ;({ server, page } = journey)
  // Keyboard only: any mouse button pressed on the page after login fails the journey.
  await page.addInitScript(() => {
    window.addEventListener('mousedown', () => sessionStorage.setItem('mouse', String(Number(sessionStorage.getItem('mouse') ?? 0) + 1)), true)
  })
})

afterAll(async () => journey?.close())

describe('nhập liệu bên ảnh quét, chỉ bằng bàn phím', () => {
  it('uploads a scanned PDF (and a wrong file) through the book screen', async () => {
    await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)
    const me = (await api('GET', '/api/auth/me')).user as { id: string; unit: { id: string } }
    const book = await api('POST', '/api/books', { bookType: 'KS', volume: '01/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    bookId = String(book.id)
    await api('POST', `/api/books/${bookId}/assignments`, { userId: me.id })

    await page.goto(`${server.baseUrl}/so/${bookId}`)
    await page.locator('#scan-files').setInputFiles([
      { name: 'so-khai-sinh-2024.pdf', mimeType: 'application/pdf', buffer: await scannedBook() },
      { name: 'ghi-chu.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Đây không phải là ảnh') },
    ])
    const results = page.getByTestId('upload-results')
    await expectText(results, /so-khai-sinh-2024\.pdf[\s\S]*3 trang, thành trang 1–3 của sổ/, 30_000) // the upload's answer: seconds under load
    await expectText(results, /Bị từ chối[\s\S]*ghi-chu\.jpg/)
    await expectText(page.getByTestId('render-progress'), /Đã dựng xong ảnh 3 trang/, 60_000)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="page-tile"] img').length === 3, undefined, { timeout: 20_000 })
    await snapshot(page, 'wb-01-book-scans')
  })

  it('keys two entries with carry-forward and compact dates; a save whose answer is lost is not duplicated', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.getByTestId('page-image').waitFor()
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    expect(await value('so')).toBe('1')
    expect(await value('trangSo')).toBe('1')
    expect(await value('quyenSo')).toBe('01/2024')

    await keyEntry({ date: '150124', name: 'Nguyễn Văn An', sex: '1', born: '100124', mother: 'Trần Thị Bình', motherBorn: '1995', father: 'Nguyễn Văn Cường', fatherBorn: '03.1993' })
    await skip('nycHoTen', 'nycQuanHe', 'nycLoaiGiayToTuyThan', 'nycSoGiayToTuyThan', 'ghiChu', 'noiDangKy')
    await key('nguoiKy', 'Lê Văn Tâm')
    await key('chucVuNguoiKy', 'Phó Chủ tịch')
    await page.keyboard.type('Trần Thị Hạnh')
    expect(await value('ngayDangKy')).toBe('15.01.2024')
    expect(await value('nksNgaySinh')).toBe('10.01.2024')
    await snapshot(page, 'wb-02-entry-1')

    // The server's first answer to the second entry is lost on the way back: the browser retries.
    let lost = 0
    await page.route('**/api/books/*/entries', async (route) => {
      if (route.request().method() === 'POST' && lost === 0 && (route.request().postData() ?? '').includes('Phạm Thị Lan')) {
        lost++
        await route.fetch()
        await route.abort('connectionreset')
      } else await route.continue()
    })

    await page.keyboard.press('Control+Enter')
    await expectText(page.getByTestId('entry-heading'), /Trường hợp số 2/)
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    expect(await value('nguoiKy')).toBe('Lê Văn Tâm')
    expect(await value('chucVuNguoiKy')).toBe('Phó Chủ tịch')
    expect(await value('nguoiThucHien')).toBe('Trần Thị Hạnh')
    expect(await value('trangSo')).toBe('1')

    // "16.01": the day and month, the year comes from the previous entry.
    await keyEntry({ date: '16.01', name: 'Phạm Thị Lan', sex: '2', born: '020124', mother: 'Đỗ Thị Hoa', motherBorn: '1990', father: 'Phạm Văn Dũng', fatherBorn: '1988' })
    await page.keyboard.press('Control+Enter')
    await expectText(page.getByTestId('entry-heading'), /Trường hợp số 3/)
    await expectText(page.getByTestId('recent-saves'), /Số 2 · Phạm Thị Lan/, 20_000)
    expect(lost).toBe(1)
    await page.unroute('**/api/books/*/entries')

    const entries = await entriesOfBook()
    expect(entries.map((e) => e.so).sort()).toEqual([1, 2])
    expect(entries.every((e) => e.status === 'keyed')).toBe(true)
    const second = await api('GET', `/api/entries/${entries.find((e) => e.so === 2)?.id}`)
    expect((second.fields as Json).ngayDangKy).toBe('16.01.2024')
    expect((second.fields as Json).nksDanToc).toBe('Kinh')
    expect((second.fields as Json).nksQuocTich).toBe('Việt Nam')
  })

  it('keys the notes column of the entry just saved (Alt+G), keyboard only, and sees the note listed; the book\'s text is untouched', async () => {
    await page.keyboard.press('Alt+g')
    const drawer = page.getByTestId('notes-drawer')
    await expectText(drawer.getByTestId('notes-target'), /Số 2 · Phạm Thị Lan/)
    // The cursor is in the note's kind: typed, picked with Enter, then Tab from box to box.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
    // A Tab pressed while a picked list is still closing (its animation) stays in the list: wait as a keyer's eye does.
    const listClosed = () => page.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0, undefined, { timeout: 5_000 })
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Loại ghi chú')
    // A list: ↓ opens it, typing narrows it, Enter picks.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.type('Cải chính')
    await page.keyboard.press('Enter')
    await listClosed()
    for (const [label, text] of [['Ngày ghi chú', '02.05.2025'], ['Số quyết định', '15/QĐ-UBND'], ['Cơ quan', 'UBND xã An Phú'], ['Trường thay đổi 1', 'Họ, chữ đệm, tên (Người được']] as const) {
      await page.keyboard.press('Tab')
      expect(await focused()).toBe(label)
      if (label === 'Trường thay đổi 1') await page.keyboard.press('ArrowDown')
      await page.keyboard.type(text)
    }
    await page.keyboard.press('Enter')
    await listClosed()
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Giá trị mới 1')
    await page.keyboard.type('Phạm Thị Lam')
    await page.keyboard.press('Control+Enter')

    const notes = drawer.getByRole('region', { name: 'Ghi chú của trường hợp' })
    const text = await expectText(notes, /Cải chính hộ tịch ngày 02\.05\.2025[\s\S]*Phạm Thị Lan → Phạm Thị Lam/)
    expect(text).toMatch(/15\/QĐ-UBND, UBND xã An Phú/)
    expect(text).toMatch(/Sau ghi chú/)
    await snapshot(page, 'wb-02b-notes')
    // Esc closes the drawer and the cursor is back in the new entry, nothing typed in it.
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    expect(await value('ngayDangKy')).toBe('')

    const second = (await entriesOfBook()).find((e) => e.so === 2)
    const entry = await api('GET', `/api/entries/${second?.id}`)
    expect((entry.fields as Json).nksHoTen).toBe('Phạm Thị Lan')
    const listed = await api('GET', `/api/entries/${second?.id}/notes`)
    expect((listed.afterNotes as Json).nksHoTen).toBe('Phạm Thị Lam')

  })

  it('moves to the next page, restores the entry after a reload, marks a field illegible and retries a save made offline', async () => {
    await page.keyboard.press('PageDown')
    await expectText(page.getByTestId('page-indicator'), /Trang ảnh 2\/3/)
    expect(await value('trangSo')).toBe('2')
    await key('ngayDangKy', '170124')
    await key('loaiDangKy', '1')
    // Something typed in the entry on screen: Alt+G says to save it first, keeps the entry saved last as the
    // notes' target, and Esc gives the cursor back where it was.
    await page.keyboard.press('Alt+g')
    const drawer = page.getByTestId('notes-drawer')
    await expectText(drawer.getByRole('alert'), /chưa được lưu: phải lưu trường hợp trước rồi mới thêm ghi chú/)
    await expectText(drawer.getByTestId('notes-target'), /Số 2 · Phạm Thị Lan/)
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.activeElement?.id === 'nksHoTen')
    expect(await value('ngayDangKy')).toMatch(/^17/)
    await key('nksHoTen', 'LÊ MINH KHOA')
    // Written in capitals in the book: Alt+T offers the title case the keyer confirms.
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.press('Alt+T')
    expect(await value('nksHoTen')).toBe('Lê Minh Khoa')
    await page.keyboard.press('Enter')
    await key('nksGioiTinh', '1')
    await page.waitForTimeout(3500) // the server copy of the draft is sent every few seconds

    await page.reload()
    await expectText(page.getByTestId('restored-alert'), /Đã khôi phục trường hợp đang nhập dở/)
    expect(await value('nksHoTen')).toBe('Lê Minh Khoa')
    expect(await value('so')).toBe('3')
    await expectText(page.getByTestId('page-indicator'), /Trang ảnh 2\/3/)
    await page.locator('#nksNgaySinh').focus()
    await snapshot(page, 'wb-03-restored')

    await key('nksNgaySinh', '120124')
    await skip('nksNgaySinhBangChu')
    // Picked from the values already keyed in this book: ↓ takes the first, Enter keeps it.
    await page.keyboard.type('T')
    await page.keyboard.press('ArrowDown')
    await key('nksNoiSinh', '')
    expect(await value('nksNoiSinh')).toBe('Trạm y tế xã An Phú')
    await skip('nksQueQuan')
    await key('nksDanToc', 'k')
    await key('nksQuocTich', 'v')
    await skip('nksSoDinhDanh')
    await key('meHoTen', 'Vũ Thị Mai')
    await key('meNgaySinh', '1992')
    await key('meDanToc', 'k')
    await key('meQuocTich', 'v')
    await key('meLoaiCuTru', '1')
    await key('meNoiCuTru', 'Thôn 4, xã An Phú')
    await skip('meSoDinhDanhCaNhan')
    await key('chaHoTen', 'Lê Văn Hùng')
    // The father's birth year is smudged: keep what can be read, flag the field.
    await page.keyboard.type('198')
    await page.keyboard.press('Control+I')
    await expectText(page.locator('[data-illegible] label'), /Khó đọc/)
    await page.keyboard.press('Enter')
    await key('chaDanToc', 'k')
    await key('chaQuocTich', 'v')
    await key('chaLoaiCuTru', '1')

    await page.keyboard.press('F1')
    await expectText(page.getByRole('dialog'), /Phím tắt của màn hình nhập liệu[\s\S]*Ctrl\+Enter/)
    await snapshot(page, 'wb-04-shortcuts')
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })

    await journey.context.setOffline(true)
    await page.keyboard.press('Control+Enter')
    await expectText(page.getByTestId('save-status'), /Chưa lưu lên máy chủ/)
    await expectText(page.getByTestId('entry-heading'), /Trường hợp số 4/)
    await snapshot(page, 'wb-05-offline')
    await page.waitForTimeout(2500) // a retry or two fail while offline
    await journey.context.setOffline(false)
    await expectText(page.getByTestId('recent-saves'), /Số 3 · Lê Minh Khoa/, 40_000)
    await expectText(page.getByTestId('save-status'), /^(?![\s\S]*Chưa lưu lên máy chủ)/)

    const entries = await entriesOfBook()
    expect(entries.map((e) => e.so).sort()).toEqual([1, 2, 3])
    const third = await api('GET', `/api/entries/${entries.find((e) => e.so === 3)?.id}`)
    expect(third.status).toBe('keyed')
    expect(third.illegibleFields).toEqual(['chaNgaySinh'])
    expect((third.fields as Json).chaNgaySinh).toBe('198')
    const pages = (await api('GET', `/api/books/${bookId}/pages`)).items as Array<{ id: string; entryCount: number }>
    expect(pages.map((p) => p.entryCount)).toEqual([2, 1, 0])
    expect(third.pageIds).toEqual([pages[1]?.id])
  })

  it('shows per page how many entries are keyed, and the queue says where the keyer stopped', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}`)
    const counts = page.getByTestId('page-entry-count')
    await expectText(counts.nth(1), /^1 TH$/)
    expect(await counts.allInnerTexts()).toEqual(['2 TH', '1 TH', '0 TH'])

    // The scans, with the keyboard: mark a cover and back, move a page and back, turn a page.
    const pagesNow = async () => (await api('GET', `/api/books/${bookId}/pages`)).items as Array<{ id: string; kind: string; rotation: number }>
    const until = async (check: (p: Awaited<ReturnType<typeof pagesNow>>) => boolean) => {
      for (let i = 0; i < 100 && !check(await pagesNow()); i++) await page.waitForTimeout(100)
      expect(check(await pagesNow())).toBe(true)
    }
    const [p1, p2, p3] = (await pagesNow()).map((p) => p.id)
    await page.getByTestId('page-tile').first().focus()
    await page.keyboard.press('c')
    await until((p) => p[0]?.kind === 'cover')
    await page.keyboard.press('p')
    await until((p) => p[0]?.kind === 'page')
    await page.keyboard.press('Shift+ArrowRight')
    await until((p) => p.map((x) => x.id).join() === [p2, p1, p3].join())
    await expectText(page.getByTestId('page-tile').nth(1), /Trang 2[\s\S]*2 TH/)
    await page.keyboard.press('Shift+ArrowLeft')
    await until((p) => p.map((x) => x.id).join() === [p1, p2, p3].join())
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('r')
    await until((p) => p[2]?.rotation === 90)
    await page.goto(`${server.baseUrl}/nhap-lieu`)
    await expectText(page.getByTestId('queue-item'), /Dừng ở số 3, trang ảnh 2[\s\S]*Tiếp tục nhập/)
    await snapshot(page, 'wb-06-queue')
    expect(await page.evaluate(() => sessionStorage.getItem('mouse'))).toBeNull()
  })

  it('warns while typing of a số already used and of the same birth keyed again; the save records it and the badge follows', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    await expectText(page.getByTestId('numbering-summary'), /không trùng/)
    await page.locator('#so').focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('1')
    await page.locator('#ngayDangKy').focus()
    await keyEntry({ date: '150124', name: 'NGUYEN VAN AN', sex: '1', born: '100124', mother: 'Trần Thị Bình', motherBorn: '1995', father: 'Nguyễn Văn Cường', fatherBorn: '03.1993' })
    const warning = page.getByTestId('duplicate-warning')
    await expectText(warning.getByTestId('duplicate-number'), /Số này đã dùng trong năm đăng ký: Số 1\/2024 · Nguyễn Văn An/)
    await expectText(warning.getByTestId('duplicate-person').first(), /Có thể đã nhập trường hợp này[\s\S]*Ngày, tháng, năm sinh: trùng ngày/)
    await snapshot(page, 'wb-07-duplicate-warning')

    const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/books\/[^/]+\/entries$/.test(r.url()))
    await page.keyboard.press('Control+Enter')
    const body = (await sent).postDataJSON() as { duplicatesSeen?: string[] }
    const first = (await entriesOfBook()).find((e) => e.so === 1)
    expect(body.duplicatesSeen).toContain(first?.id)
    // Saved anyway (books do contain duplicates); the numbering badge says so without a reload.
    await expectText(page.getByTestId('numbering-summary'), /Trùng 1 số/, 20_000)
    expect((await entriesOfBook()).filter((e) => e.so === 1)).toHaveLength(2)
    // The next entry (số 2, carried forward) is warned about its own number, no longer about Nguyễn Văn An.
    await expect(page.getByTestId('duplicate-person').count()).resolves.toBe(0)
  })

  it('the officer scans the commune for duplicates and keeps one of the two entries; the other is withdrawn, not deleted', async () => {
    await page.goto(`${server.baseUrl}/trung-lap`)
    await page.locator('#dupUnit').focus()
    await page.keyboard.type('An Phú')
    // Enter picks the unit the list shows: wait for the list (the units load after the page under CI's load).
    await page.locator('.ant-select-item-option-active', { hasText: 'An Phú' }).waitFor()
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: /Rà soát trùng lặp của đơn vị/ }).click()
    await expectText(page.getByTestId('scan-result'), /Đã rà soát: 1 cặp \(mới 1\), trong đó 1 cặp trùng số, 1 cặp có thể cùng một sự kiện/, 30_000)
    const pair = page.getByTestId('duplicate-pair')
    await expectText(pair, /Trùng số trong năm[\s\S]*Có thể cùng một sự kiện[\s\S]*(Nguyễn Văn An[\s\S]*NGUYEN VAN AN|NGUYEN VAN AN[\s\S]*Nguyễn Văn An)/)
    await snapshot(page, 'wb-08-duplicate-pair')
    await pair.getByRole('button', { name: /giữ bản thứ nhất/ }).click()
    await expectText(page.locator('.ant-message'), /Đã ghi quyết định/)
    await page.getByRole('tab', { name: /Cùng một trường hợp/ }).click()
    await expectText(page.getByTestId('duplicate-pair'), /Giữ lại[\s\S]*Đã loại \(trùng\)|Đã loại \(trùng\)[\s\S]*Giữ lại/)
    const entries = await entriesOfBook()
    expect(entries.filter((e) => e.so === 1).map((e) => e.status).sort()).toEqual(['keyed', 'withdrawn'])
  })
})
