/**
 * The acceptance record (biên bản nghiệm thu) of a decided lot, as PDF and Excel: the unit, the
 * phase, the plan (lot, code letter, sample, AQL, Ac/Re), the errors found by field and by keyer,
 * the decision, entries × unit price = amount, and the signature block. The PDF embeds DejaVu Sans
 * (lib/pdf-fonts.ts): the standard PDF fonts have no Vietnamese letters.
 */
import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { LotDetail } from '@hts/domain'
import { conflict } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { embedDejaVu, PDF_MIME } from '../../lib/pdf-fonts'
import { addSafeRow, createWorkbookWriter, type SafeCellValue } from '../../lib/xlsx-writer'
import { XLSX_MIME } from '../exports'
import type { AcceptanceService } from './service'

const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`
const day = (d: string | Date | null) => (d ? new Date(d).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '')

/** The record's lines, shared by both formats: label and value. */
export function recordLines(lot: LotDetail): Array<[string, string]> {
  return [
    ['Đơn vị', lot.unitName],
    ['Giai đoạn', lot.phase],
    ['Năm đăng ký', lot.yearFrom || lot.yearTo ? `${lot.yearFrom ?? '…'} – ${lot.yearTo ?? '…'}` : 'Tất cả'],
    ['Cỡ lô (số trường hợp đã phê duyệt)', String(lot.lotSize)],
    ['Phương án lấy mẫu', `ISO 2859-1, lấy mẫu một lần, kiểm tra thường, mức kiểm tra ${lot.inspectionLevel}, mã chữ ${lot.codeLetter}`],
    ['AQL (% trường hợp có lỗi)', String(lot.aql)],
    ['Cỡ mẫu', lot.sampleSize >= lot.lotSize ? `${lot.sampleSize} (kiểm tra toàn bộ lô)` : String(lot.sampleSize)],
    ['Số chấp nhận Ac / số bác bỏ Re', `${lot.acceptanceNumber} / ${lot.rejectionNumber}`],
    ['Hạt giống lấy mẫu', lot.seed],
    ['Số trường hợp có lỗi trong mẫu', String(lot.defectiveEntries)],
    ['Số ô sai', String(lot.fieldErrors)],
    ['Kết luận', lot.statusLabel],
    ['Đơn giá', money(lot.unitPrice)],
    ['Thành tiền (số trường hợp × đơn giá)', `${lot.lotSize} × ${money(lot.unitPrice)} = ${money(lot.amount)}`],
    ['Ngày kết luận', day(lot.decidedAt)],
  ]
}

const SIGNERS = ['ĐẠI DIỆN BÊN GIAO', 'NGƯỜI KIỂM TRA', 'ĐẠI DIỆN BÊN NHẬN']

function pdfWriter(page: PDFPage, font: PDFFont, bold: PDFFont) {
  let y = page.getHeight() - 50
  const left = 50
  const width = page.getWidth() - 100
  return {
    line(text: string, options: { size?: number; bold?: boolean; indent?: number } = {}) {
      const size = options.size ?? 10
      const f = options.bold ? bold : font
      // Wrap on words to the page width.
      let current = ''
      for (const word of text.split(' ')) {
        const next = current ? `${current} ${word}` : word
        if (f.widthOfTextAtSize(next, size) > width - (options.indent ?? 0) && current) {
          page.drawText(current, { x: left + (options.indent ?? 0), y, size, font: f, color: rgb(0, 0, 0) })
          y -= size * 1.4
          current = word
        } else current = next
      }
      page.drawText(current, { x: left + (options.indent ?? 0), y, size, font: f, color: rgb(0, 0, 0) })
      y -= size * 1.5
    },
    gap: (n = 8) => { y -= n },
    columns(texts: readonly string[], size = 10) {
      const step = width / texts.length
      texts.forEach((t, i) => page.drawText(t, { x: left + i * step + (step - bold.widthOfTextAtSize(t, size)) / 2, y, size, font: bold }))
      y -= size * 1.5
    },
    get y() { return y },
  }
}

export function createRecordService(db: Kysely<Database>, acceptance: AcceptanceService) {
  async function decidedLot(user: AuthUser, lotId: string, format: string): Promise<LotDetail> {
    const lot = await acceptance.detail(user, await acceptance.lotInScope(user, lotId))
    if (lot.status === 'inspecting') throw conflict('Lô chưa có kết luận: kiểm tra hết mẫu và kết luận trước khi in biên bản')
    await recordAudit(db, actorOf(user), { action: 'acceptance.record.download', entityType: 'acceptance_lot', entityId: lot.id, details: { format } })
    return lot
  }
  const fileName = (lot: LotDetail, ext: string) => `Bien-ban-nghiem-thu_${lot.unitName}_${lot.phase}.${ext}`

  return {
    async pdf(user: AuthUser, lotId: string) {
      const lot = await decidedLot(user, lotId, 'pdf')
      const pdf = await PDFDocument.create()
      const { font, bold } = await embedDejaVu(pdf)
      pdf.setTitle(`Biên bản nghiệm thu — ${lot.unitName} — ${lot.phase}`)
      const w = pdfWriter(pdf.addPage([595.28, 841.89]), font, bold)
      w.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 11 })
      w.line('Độc lập - Tự do - Hạnh phúc', { size: 10 })
      w.gap()
      w.line('BIÊN BẢN NGHIỆM THU KẾT QUẢ SỐ HÓA SỔ HỘ TỊCH', { bold: true, size: 14 })
      w.gap()
      for (const [label, value] of recordLines(lot)) w.line(`${label}: ${value}`)
      w.gap()
      w.line('Lỗi theo trường thông tin', { bold: true })
      if (lot.errorsByField.length === 0) w.line('Không phát hiện lỗi trong mẫu.', { indent: 12 })
      for (const e of lot.errorsByField) w.line(`${e.label}: ${e.count}`, { indent: 12 })
      w.line('Lỗi theo người nhập', { bold: true })
      for (const k of lot.errorsByKeyer) w.line(`${k.name ?? 'Không rõ'}: ${k.defective}/${k.sampled} trường hợp có lỗi, ${k.fieldErrors} ô sai`, { indent: 12 })
      w.gap(30)
      w.columns(SIGNERS)
      w.columns(['(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên)'], 9)
      return { body: Buffer.from(await pdf.save()), fileName: fileName(lot, 'pdf'), mime: PDF_MIME }
    },

    async xlsx(user: AuthUser, lotId: string) {
      const lot = await decidedLot(user, lotId, 'xlsx')
      const out = new PassThrough()
      const bytes = buffer(out)
      // User values (names, what was keyed, the right value) go through the safe writer: never a formula.
      const book = createWorkbookWriter(out)
      const sheet = book.addWorksheet('Biên bản')
      sheet.columns = [{ width: 40 }, { width: 60 }]
      const bold = (values: SafeCellValue[], size = 11) => { const row = addSafeRow(sheet, values); row.font = { bold: true, size }; row.commit() }
      const plain = (values: SafeCellValue[]) => addSafeRow(sheet, values).commit()
      bold(['BIÊN BẢN NGHIỆM THU KẾT QUẢ SỐ HÓA SỔ HỘ TỊCH'], 14)
      for (const [label, value] of recordLines(lot)) plain([label, value])
      plain([])
      bold(['Lỗi theo trường thông tin', 'Số ô sai'])
      for (const e of lot.errorsByField) plain([e.label, e.count])
      plain([])
      bold(['Người nhập', 'Trường hợp có lỗi / trong mẫu, số ô sai'])
      for (const k of lot.errorsByKeyer) plain([k.name ?? 'Không rõ', `${k.defective}/${k.sampled}, ${k.fieldErrors}`])
      plain([])
      bold(SIGNERS)
      await sheet.commit()
      const samples = book.addWorksheet('Mẫu')
      const header = addSafeRow(samples, ['STT', 'Số', 'Họ tên', 'Người nhập', 'Trường', 'Đã ghi', 'Đúng là'])
      header.font = { bold: true }
      header.commit()
      for (const s of lot.samples) {
        if (s.errors.length === 0) addSafeRow(samples, [s.position, s.so, s.subjectName, s.keyedByName, '', '', '']).commit()
        for (const e of s.errors) addSafeRow(samples, [s.position, s.so, s.subjectName, s.keyedByName, e.label, e.found, e.correct]).commit()
      }
      await samples.commit()
      await book.commit()
      return { body: await bytes, fileName: fileName(lot, 'xlsx'), mime: XLSX_MIME }
    },
  }
}
export type RecordService = ReturnType<typeof createRecordService>
