/**
 * Helpers for Excel/CSV import tests and benchmarks: synthetic birth rows (no real person),
 * workbooks written by exceljs, uploads through the real HTTP API and waiting for the job.
 */
import ExcelJS from 'exceljs'
import yauzl from 'yauzl'
import { getBookType } from '@hts/domain'
import type { Client } from './harness'

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành']
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim']
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Việt']
const GIVEN_F = ['Anh', 'Bích', 'Chi', 'Dung', 'Hà', 'Hạnh', 'Lan', 'Linh', 'Mai', 'Nga', 'Oanh', 'Phương', 'Thảo', 'Yến']
const ETHNIC = ['Kinh', 'Kinh', 'Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', 'Hoa', 'Nùng', 'HMông']
const PLACES = ['Trạm y tế xã An Phú', 'Bệnh viện đa khoa tỉnh Sơn Hà', 'Nhà hộ sinh khu vực Đông Sơn']

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A complete, valid birth entry number `i` of a book opened in `year` (synthetic people, deterministic).
 * Numbers run 1..n in the year; registration dates go through the year in order.
 */
export function syntheticBirthRow(i: number, year = 2024, volume = `01/${year}`): Record<string, string> {
  const dayOfYear = Math.min(360, Math.floor((i * 360) / 100_000) + (i % 5))
  const month = Math.min(12, Math.floor(dayOfYear / 30) + 1)
  const day = Math.min(28, (dayOfYear % 30) + 1)
  const birthDay = Math.max(1, day - 3)
  const male = i % 2 === 0
  const family = pick(FAMILY, i * 7)
  const motherFamily = pick(FAMILY, i * 11 + 3)
  return {
    so: String(i),
    quyenSo: volume,
    trangSo: String(Math.ceil(i / 2)),
    ngayDangKy: `${pad(day)}.${pad(month)}.${year}`,
    loaiDangKy: '1',
    noiDangKy: 'UBND xã An Phú, tỉnh Sơn Hà',
    nguoiKy: 'Trần Văn Ký',
    chucVuNguoiKy: 'Chủ tịch UBND xã',
    nksHoTen: `${family} ${male ? pick(MIDDLE_M, i) : pick(MIDDLE_F, i)} ${male ? pick(GIVEN_M, i * 3) : pick(GIVEN_F, i * 3)}`,
    nksGioiTinh: male ? '1' : '2',
    nksNgaySinh: `${pad(birthDay)}.${pad(month)}.${year}`,
    nksNoiSinh: pick(PLACES, i),
    nksDanToc: pick(ETHNIC, i),
    nksQuocTich: 'Việt Nam',
    nksLoaiKhaiSinh: '1',
    meHoTen: `${motherFamily} ${pick(MIDDLE_F, i + 1)} ${pick(GIVEN_F, i * 5 + 1)}`,
    meNgaySinh: `${pad((i % 28) + 1)}.${pad((i % 12) + 1)}.${year - 22 - (i % 15)}`,
    meDanToc: pick(ETHNIC, i),
    meQuocTich: 'Việt Nam',
    meLoaiCuTru: '1',
    meNoiCuTru: 'Xã An Phú, tỉnh Sơn Hà',
    chaHoTen: `${family} ${pick(MIDDLE_M, i + 2)} ${pick(GIVEN_M, i * 5 + 2)}`,
    chaNgaySinh: String(year - 25 - (i % 17)),
    chaDanToc: pick(ETHNIC, i + 1),
    chaQuocTich: 'Việt Nam',
    chaLoaiCuTru: '1',
  }
}

/** An .xlsx written by exceljs: one header row (catalog keys unless given) and the rows' values. */
export async function workbookOf(rows: readonly Record<string, ExcelJS.CellValue>[], headers: readonly string[] = getBookType('KS').fields.map((f) => f.key), sheetName = 'DL Import'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  sheet.addRow([...headers])
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The sheet's rows as header → text (for checking downloaded files). */
export async function readWorkbook(bytes: Buffer | ArrayBuffer, sheetIndex = 0): Promise<{ headers: string[]; rows: Record<string, string>[]; sheetNames: string[]; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[sheetIndex]
  if (!sheet) throw new Error('no sheet')
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v))
  const headers: string[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => headers.push(text(cell.value)))
  const rows: Record<string, string>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const record: Record<string, string> = {}
    headers.forEach((h, i) => {
      const value = text(row.getCell(i + 1).value)
      if (value !== '') record[h] = value
    })
    rows.push(record)
  })
  return { headers, rows, sheetNames: workbook.worksheets.map((w) => w.name), workbook }
}

export async function upload(client: Client, query: Record<string, string>, fileName: string, bytes: Buffer | Uint8Array, contentType = 'application/octet-stream') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName)
  const response = await client.fetch(`/api/imports?${new URLSearchParams(query).toString()}`, { method: 'POST', body: form })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

export async function download(client: Client, url: string) {
  const response = await client.fetch(url)
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

export async function waitForJob(client: Client, jobId: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const job = (await client.get(`/api/jobs/${jobId}`)).body
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.status}: ${JSON.stringify(job.progress)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Upload → start (creating missing books) → wait; returns the finished import view. */
export async function importFile(client: Client, fileName: string, bytes: Buffer, query: Record<string, string> = { bookType: 'KS' }, start: Record<string, unknown> = { missingBooks: 'create' }) {
  const uploaded = await upload(client, query, fileName, bytes)
  if (uploaded.status !== 201) throw new Error(`upload ${uploaded.status}: ${JSON.stringify(uploaded.body)}`)
  const started = await client.post(`/api/imports/${uploaded.body.id}/start`, start)
  if (started.status !== 202) throw new Error(`start ${started.status}: ${JSON.stringify(started.body)}`)
  await waitForJob(client, started.body.jobId)
  return (await client.get(`/api/imports/${uploaded.body.id}`)).body
}

/**
 * A zip of the given parts. Names that yazl refuses (`../x`, `/etc/x`) are written under a
 * same-length placeholder and patched in the bytes afterwards: hostile archives for refusal tests.
 */
export async function buildZip(parts: Iterable<[string, Buffer]>): Promise<Buffer> {
  const yazl = (await import('yazl')).default
  const zip = new yazl.ZipFile()
  const patches: [string, string][] = []
  for (const [name, data] of parts) {
    if (name.endsWith('/')) continue
    const unsafe = name.startsWith('/') || name.split('/').includes('..')
    const written = unsafe ? name.replace(/[./]/g, (c, i: number) => (i === 0 && c === '/' ? 'x' : c === '.' ? 'x' : c)).replace(/^x/, name.startsWith('/') ? 'y' : 'x') : name
    if (unsafe) patches.push([written, name])
    zip.addBuffer(data, written)
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  const bytes = Buffer.concat(chunks)
  for (const [placeholder, real] of patches) {
    const from = Buffer.from(placeholder, 'utf8')
    const to = Buffer.from(real, 'utf8')
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + to.length)) to.copy(bytes, at)
  }
  return bytes
}

/** A big .xlsx written row by row (exceljs streaming writer): memory stays flat for 100,000 rows. */
export async function writeXlsxFile(filePath: string, rows: Iterable<Record<string, string>>, headers: readonly string[] = getBookType('KS').fields.map((f) => f.key)): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useStyles: false, useSharedStrings: false })
  const sheet = workbook.addWorksheet('DL Import')
  sheet.addRow([...headers]).commit()
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null)).commit()
  await sheet.commit()
  await workbook.commit()
}

export function* syntheticBirthRows(count: number, year = 2024, volume = `01/${year}`): Generator<Record<string, string>> {
  for (let i = 1; i <= count; i++) yield syntheticBirthRow(i, year, volume)
}

/** Every part of a zip by name (to check a package, or rebuild it with one part changed). */
export function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      const parts = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        }),
      )
      zip.on('end', () => resolve(parts))
      zip.readEntry()
    })
  })
}
