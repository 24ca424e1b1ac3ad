/**
 * Journey: a commune justice officer loads a small population extract (through the API, as the
 * police hand it over), reconciles a whole birth register from the book screen, reviews the
 * proposals with their explanations, confirms a match, sends a mismatch to the follow-up list,
 * reopens a decision taken by mistake, opens the follow-up list, and reconciles an entry she has
 * just keyed in the workbench.
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

const expectText = (locator: Locator, pattern: RegExp, timeout = 20_000) => expectTextOn(page, locator, pattern, timeout)

const api = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(page, server.baseUrl, method, url, data)

async function waitForJob(id: string): Promise<Json> {
  for (let i = 0; i < 400; i++) {
    const job = await api('GET', `/api/jobs/${id}`)
    if (['succeeded', 'failed', 'cancelled'].includes(String(job.status))) return job
    await page.waitForTimeout(100)
  }
  throw new Error(`job ${id} did not finish`)
}

/** A police extract of the commune: synthetic people, written the way police extracts are. */
const POPULATION = [
  ['STT', 'SO_DINH_DANH', 'HO_TEN', 'NGAY_SINH', 'GIOI_TINH', 'NOI_SINH', 'QUE_QUAN', 'DAN_TOC', 'QUOC_TICH', 'HO_TEN_ME', 'HO_TEN_CHA', 'NOI_THUONG_TRU'],
  ['1', '034190001234', 'NGUYỄN THỊ HÒA', '12/05/1990', 'Nữ', 'Xã An Phú', 'Xã An Phú', 'Kinh', 'Việt Nam', 'TRẦN THỊ LAN', 'NGUYỄN VĂN MINH', 'Thôn 2, xã An Phú'],
  ['2', '034090002345', 'LÊ VĂN TÚ', '03/03/1990', 'Nam', 'Xã An Phú', 'Xã An Phú', 'Kinh', 'Việt Nam', 'PHẠM THỊ HẠNH', 'LÊ VĂN NAM', 'Thôn 1, xã An Phú'],
  ['3', '034190003456', 'KHÚC THỊ DIỆP', '30/11/1990', 'Nữ', 'Xã An Phú', 'Xã An Phú', 'Kinh', 'Việt Nam', 'ĐỖ THỊ NỤ', 'KHÚC VĂN TIẾN', 'Thôn 3, xã An Phú'],
  ...Array.from({ length: 40 }, (_, i) => [String(i + 4), `0340${String(60 + (i % 30))}1${String(i).padStart(5, '0')}`, `${['TRẦN', 'PHẠM', 'VŨ', 'HOÀNG'][i % 4]} VĂN ${['AN', 'BÌNH', 'CƯỜNG', 'DŨNG', 'GIANG'][i % 5]}`, `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${1960 + (i % 30)}`, 'Nam', 'Xã An Phú', '', 'Kinh', 'Việt Nam', 'LÊ THỊ MAI', 'TRẦN VĂN HẢI', '']),
].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n')

const birth = (so: string, name: string, sex: string, born: string, mother: string, father: string) => ({
  so, quyenSo: '01/1990', trangSo: '1', ngayDangKy: '20.12.1990', loaiDangKy: '1', nksHoTen: name, nksGioiTinh: sex, nksNgaySinh: born, nksNoiSinh: 'Xã An Phú',
  nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam', meHoTen: mother, meNgaySinh: '1968', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: father, chaNgaySinh: '1965', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
})

/** The table row of the review list showing this name. */
const row = (name: string) => page.locator('tr.ant-table-row', { hasText: name })

/** Opens a row's explanation (rows stay open across filters, so only a closed one is clicked). */
async function expand(name: string): Promise<void> {
  const closed = row(name).locator('.ant-table-row-expand-icon-collapsed')
  if ((await closed.count()) > 0) await closed.click()
}

beforeAll(async () => {
  journey = await startJourney()
  ;({ server, page } = journey)
  // What the browser reports as broken fails the journey (checked at the end). The workbench's List
  // is deprecated in antd 6 (a development build says so): not this journey's concern.
  collectBrowserProblems(page, problems, /\[antd: List\] The `List` component is deprecated/)
})

afterAll(async () => journey?.close())

describe('đối chiếu với CSDL dân cư', () => {
  it('logs in, loads the population extract and a birth register', async () => {
    await logInWithKeyboard(page, server.baseUrl, 'tuphap.anphu')
    await page.waitForURL(/\/so$/)
    const me = (await api('GET', '/api/auth/me')).user as { id: string; unit: { id: string } }

    const upload = await page.request.post(`${server.baseUrl}/api/population/uploads`, { multipart: { file: { name: 'dan-cu.csv', mimeType: 'text/csv', buffer: Buffer.from(POPULATION, 'utf8') } } })
    expect(upload.status()).toBe(201)
    const uploaded = (await upload.json()) as { uploadId: string; suggestedMapping: Record<string, number> }
    const extract = await api('POST', '/api/population/extracts', { uploadId: uploaded.uploadId, unitId: me.unit.id, source: 'Công an xã An Phú', extractDate: '2025-06-30', mapping: uploaded.suggestedMapping })
    expect((await waitForJob(String(extract.jobId))).status).toBe('succeeded')

    const book = await api('POST', '/api/books', { bookType: 'KS', volume: '01/1990', year: 1990, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })
    bookId = String(book.id)
    await api('POST', `/api/books/${bookId}/assignments`, { userId: me.id })
    for (const fields of [
      birth('1', 'Nguyễn Thị Hoà', '2', '12.05.1990', 'Trần Thị Lan', 'Nguyễn Văn Minh'),
      birth('2', 'Khúc Diệp', '2', '30.11.1990', 'Đỗ Thị Nụ', 'Khúc Văn Tiến'),
      birth('3', 'Đinh Công Tráng', '1', '02.02.1990', 'Lò Thị Xuân', 'Đinh Văn Hải'),
    ]) await api('POST', `/api/books/${bookId}/entries`, { fields })
  })

  it('reconciles the whole book from the book screen and shows each proposal with its explanation', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}`)
    await page.getByRole('button', { name: /Đối chiếu cả sổ với CSDL dân cư/ }).click()
    await page.waitForURL(/\/doi-chieu\?bookId=.*&jobId=/)
    await expectText(page.getByText(/Hoàn thành: \d+ \/ \d+ trường hợp/), /Hoàn thành: 3 \/ 3 trường hợp/, 60_000)
    await expectText(row('Nguyễn Thị Hoà'), /Khớp/)
    await expectText(row('Khúc Diệp'), /Tìm thấy nhưng có sai lệch[\s\S]*Họ, chữ đệm, tên/)
    await expectText(row('Đinh Công Tráng'), /Không tìm thấy/)

    await expand('Nguyễn Thị Hoà')
    const explanation = page.locator('.ant-table-expanded-row').first()
    await expectText(explanation, /NGUYỄN THỊ HÒA[\s\S]*034190001234[\s\S]*Xác suất là cùng người/)
    await expectText(explanation, /Họ, chữ đệm, tên\s+Nguyễn Thị Hoà\s+NGUYỄN THỊ HÒA\s+Giống hệt\s+\+\d/)
    await expectText(explanation, /Dân tộc\s+Kinh\s+Kinh\s+Giống/)
    await snapshot(page, 'rc-01-review')
    await explanation.getByRole('button', { name: /Khớp: liên kết số định danh/ }).click()
    await expectText(page.locator('.ant-message'), /Đã lưu quyết định/)
    // The list shows what still waits for a person: the decided entry leaves it.
    await row('Nguyễn Thị Hoà').waitFor({ state: 'detached' })
    const hoa = (await api('GET', `/api/books/${bookId}/entries?q=Hoà`)).items as Array<{ id: string }>
    expect(((await api('GET', `/api/entries/${hoa[0]?.id}`)).fields as Json).nksSoDinhDanh).toBe('034190001234')
  })

  it('sends a mismatch to the follow-up list and reopens a decision taken by mistake', async () => {
    await expand('Khúc Diệp')
    const explanation = page.locator('.ant-table-expanded-row', { hasText: 'KHÚC THỊ DIỆP' })
    await explanation.getByRole('button', { name: /Đúng người nhưng có sai lệch/ }).click()
    await expectText(page.locator('.ant-message'), /danh sách theo dõi riêng/)
    await row('Khúc Diệp').waitFor({ state: 'detached' })

    await page.locator('.ant-select', { hasText: 'Chờ xác nhận' }).click()
    await page.locator('.ant-select-item-option', { hasText: /^Đã xác nhận$/ }).click()
    await expectText(row('Nguyễn Thị Hoà'), /Khớp[\s\S]*Đã xác nhận đề xuất/)
    await expand('Nguyễn Thị Hoà')
    const hoaReview = page.locator('.ant-table-expanded-row', { hasText: 'NGUYỄN THỊ HÒA' })
    await hoaReview.getByRole('button', { name: /Mở lại quyết định/ }).click()
    await hoaReview.getByLabel('Lý do mở lại quyết định').fill('Bấm nhầm, cần xem lại với công an')
    await hoaReview.getByRole('button', { name: /Xác nhận mở lại/ }).click()
    await expectText(page.locator('.ant-message'), /Đã mở lại quyết định[\s\S]*Đã xóa số định danh 034190001234/)
    await row('Nguyễn Thị Hoà').waitFor({ state: 'detached' })
    const hoa = (await api('GET', `/api/books/${bookId}/entries?q=Hoà`)).items as Array<{ id: string }>
    expect(((await api('GET', `/api/entries/${hoa[0]?.id}`)).fields as Json).nksSoDinhDanh).toBeUndefined()

    await page.getByRole('menuitem', { name: /Theo dõi riêng/ }).click()
    await page.waitForURL(/\/theo-doi$/)
    const item = page.locator('tr.ant-table-row', { hasText: 'Khúc Diệp' })
    // The kind of difference on the case (issue 15): only the middle name differs.
    await expectText(item, /034190003456[\s\S]*Chỉ khác tên đệm[\s\S]*Họ, chữ đệm, tên[\s\S]*Mới/)
    await item.click()
    await expectText(page.locator('.ant-drawer'), /Khúc Diệp/)
    await snapshot(page, 'rc-02-followups')
  })

  it('reconciles an entry just keyed in the workbench and shows the outcome in a drawer', async () => {
    await page.goto(`${server.baseUrl}/so/${bookId}/nhap`)
    await page.waitForFunction(() => document.activeElement?.id === 'ngayDangKy')
    const key = async (field: string, text: string) => {
      expect(await page.evaluate(() => document.activeElement?.id ?? '')).toBe(field)
      if (text) await page.keyboard.type(text)
      await page.keyboard.press('Enter')
    }
    await key('ngayDangKy', '20.12.1990')
    await key('loaiDangKy', '1')
    await key('nksHoTen', 'Lê Văn Tú')
    await key('nksGioiTinh', '1')
    await key('nksNgaySinh', '03.03.1990')
    await key('nksNgaySinhBangChu', '')
    await key('nksNoiSinh', 'Xã An Phú')
    await key('nksQueQuan', '')
    await key('nksDanToc', 'k')
    await key('nksQuocTich', 'v')
    await key('nksSoDinhDanh', '')
    for (const [prefix, name, born] of [['me', 'Phạm Thị Hạnh', '1968'], ['cha', 'Lê Văn Nam', '1965']] as const) {
      await key(`${prefix}HoTen`, name)
      await key(`${prefix}NgaySinh`, born)
      await key(`${prefix}DanToc`, 'k')
      await key(`${prefix}QuocTich`, 'v')
      await key(`${prefix}LoaiCuTru`, '1')
      await key(`${prefix}NoiCuTru`, 'Thôn 1, xã An Phú')
      await key(`${prefix}SoDinhDanhCaNhan`, '')
    }
    for (const f of ['nycHoTen', 'nycQuanHe', 'nycLoaiGiayToTuyThan', 'nycSoGiayToTuyThan', 'ghiChu', 'noiDangKy']) await key(f, '')
    await key('nguoiKy', 'Lê Văn Tâm')
    await key('chucVuNguoiKy', 'Phó Chủ tịch')
    await page.keyboard.type('Trần Thị Hạnh')
    await page.keyboard.press('Control+Enter')
    const saved = page.getByTestId('recent-saves')
    await expectText(saved, /Lê Văn Tú/)
    await saved.getByRole('button', { name: /Đối chiếu/ }).click()
    const result = page.getByTestId('entry-reconcile-result')
    await expectText(result, /Kết quả:\s*Khớp/)
    await expectText(result, /LÊ VĂN TÚ[\s\S]*034090002345[\s\S]*Họ tên mẹ\s+Phạm Thị Hạnh\s+PHẠM THỊ HẠNH\s+Giống hệt/)
    await snapshot(page, 'rc-03-workbench-drawer')
    await result.getByRole('button', { name: /Khớp: liên kết số định danh/ }).click()
    await expectText(result, /Đã xác nhận đề xuất[\s\S]*Số định danh đã liên kết: 034090002345/)
  })

  it('opens the reconciliation page from the menu and picks the book there', async () => {
    await page.keyboard.press('Escape')
    await page.getByRole('menuitem', { name: /Đối chiếu dân cư/ }).click()
    await page.waitForURL(/\/doi-chieu$/)
    await page.locator('.ant-select', { hasText: 'Chọn sổ cần đối chiếu' }).click()
    await page.locator('.ant-select-item-option', { hasText: 'KS 01/1990' }).click()
    await page.waitForURL(/\/doi-chieu\?bookId=/)
    // Waiting for a person: Hoà (reopened) and Đinh Công Tráng; Lê Văn Tú was confirmed in the drawer.
    await expectText(row('Nguyễn Thị Hoà'), /Khớp[\s\S]*Chờ người xác nhận/)
    await expectText(row('Đinh Công Tráng'), /Không tìm thấy/)
    expect(await row('Lê Văn Tú').count()).toBe(0)
  })

  it('had no errors or warnings in the browser console', () => {
    expect(problems).toEqual([])
  })
})
