/**
 * The weekly report as the plans print it ("Word-like" PDF and Excel): I. Tình hình triển khai,
 * II. Kết quả (the figures table, the week, cost and budget), III. Khó khăn, vướng mắc, IV. Đề xuất,
 * kiến nghị, then the appendix table of the campaign module; a level above adds its units' reports
 * (status, and their texts under III and IV).
 */
import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'
import { APPENDIX_HEADINGS, vietnamClock, type WeeklyReportView } from '@hts/domain'
import { embedDejaVu, PDF_MIME } from '../../lib/pdf-fonts'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'
import { cellLines, drawAppendixTable, drawRow, type PdfTableLayout } from '../campaign'
import { XLSX_MIME } from '../exports'

const number = (n: number | null) => (n === null ? '—' : n.toLocaleString('vi-VN'))
const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
/** An instant in Vietnam time: "15:00 ngày 05/12/2026". */
export const vietnamTime = (iso: string | Date) => {
  const { day, time } = vietnamClock(iso)
  return `${time} ngày ${dayText(day)}`
}
export const reportTitle = (report: WeeklyReportView) => `BÁO CÁO TIẾN ĐỘ SỐ HÓA SỔ HỘ TỊCH TUẦN ${dayText(report.weekStart)} – ${dayText(report.weekEnd)}`
const fileName = (report: WeeklyReportView, ext: string) => `Bao-cao-tuan_${report.unit.name}_${report.weekStart}.${ext}`
/** Per type: the plan, this week's keyed entries, then the cumulative figures (the plans' "trong tuần" and "lũy kế"). */
export const FIGURE_HEADINGS = ['STT', 'Loại sổ', 'Kế hoạch', 'Nhập xong trong tuần', 'Đã số hóa (lũy kế)', 'Đã có trong CSDL', 'Còn phải làm'] as const
const UNIT_HEADINGS = ['STT', 'Đơn vị', 'Tình trạng', 'Hạn nộp', 'Nộp lúc'] as const

function statusLine(report: WeeklyReportView): string {
  if (report.status === 'submitted' && report.submittedAt) return `Đã nộp lúc ${vietnamTime(report.submittedAt)}${report.submittedBy ? ` (${report.submittedBy})` : ''}${report.late ? ' — nộp muộn' : ''}`
  return `Bản nháp, chưa nộp (hạn nộp ${vietnamTime(report.dueAt)}); số liệu tính đến ${vietnamTime(report.figures.computedAt)}`
}

function weekLines(report: WeeklyReportView): string[] {
  const f = report.figures
  const lines = [
    `Trong tuần: nhập xong ${number(f.week.keyed)}, kiểm tra ${number(f.week.checked)}, phê duyệt ${number(f.week.approved)}, trả lại ${number(f.week.returned)}, chuyển giao ${number(f.week.handedOver)} trường hợp.`,
    `Số người tham gia trong tuần: ${number(f.staff)}. Năng suất bình quân (2–4 tuần gần nhất): ${f.perDay.toLocaleString('vi-VN')} trường hợp/ngày làm việc.`,
  ]
  if (f.forecast) {
    lines.push(f.forecast.finishOn
      ? `Dự kiến hoàn thành: ${dayText(f.forecast.finishOn)}${f.phase ? ` (hạn ${dayText(f.phase.deadline)})` : ''}${f.forecast.late ? ' — chậm so với hạn' : ''}.`
      : f.forecast.insufficientData
        ? 'Dự kiến hoàn thành: chưa đủ số liệu để dự báo (chưa có ngày làm việc trọn vẹn nào để đo năng suất).'
        : 'Dự kiến hoàn thành: chưa tính được (không có trường hợp nào được nhập trong 4 tuần qua).')
  }
  if (f.cost) lines.push(`Kinh phí (đơn giá ${number(f.cost.unitPriceVnd)} đồng/trường hợp): đã thực hiện ${number(f.cost.toDate)} đồng, còn lại ${number(f.cost.remaining)} đồng.`)
  return lines
}

/** A type's keyed entries this week; null in a report submitted before the week was counted by type. */
const weekKeyed = (t: WeeklyReportView['figures']['byType'][number]) => t.week?.keyed ?? null

const figureRows = (report: WeeklyReportView): string[][] => [
  ...report.figures.byType.map((t, i) => [String(i + 1), t.label, number(t.planned), number(weekKeyed(t)), number(t.done), number(t.inDatabase), number(t.remaining)]),
  ['', 'Tổng cộng', number(report.figures.totals.planned), number(report.figures.week.keyed), number(report.figures.totals.done), number(report.figures.totals.inDatabase), number(report.figures.totals.remaining)],
]
const unitRows = (report: WeeklyReportView): string[][] =>
  report.units.map((u, i) => [String(i + 1), u.name, u.stateLabel + (u.state === 'missing' && u.late ? ' (quá hạn)' : ''), vietnamTime(u.dueAt), u.submittedAt ? vietnamTime(u.submittedAt) : ''])

/** Own text, then each unit's (a level above shows its units' texts). */
function sectionTexts(report: WeeklyReportView, key: 'difficulties' | 'proposals'): string[] {
  const own = report.texts[key].trim()
  const others = report.units.filter((u) => u.texts?.[key].trim()).map((u) => `${u.name}: ${u.texts?.[key].trim() ?? ''}`)
  const texts = [...(own ? [own] : []), ...others]
  return texts.length > 0 ? texts : ['Không có.']
}

/** A page cursor: paragraphs and tables flow onto new A4 portrait pages. */
class PdfFlow {
  page: PDFPage
  y: number
  constructor(private readonly pdf: PDFDocument, private readonly fonts: { font: PDFFont; bold: PDFFont }) {
    this.page = pdf.addPage([595.28, 841.89])
    this.y = this.page.getHeight() - 50
  }
  private room(height: number): void {
    if (this.y - height >= 50) return
    this.page = this.pdf.addPage([595.28, 841.89])
    this.y = this.page.getHeight() - 50
  }
  text(text: string, options: { size?: number; bold?: boolean; center?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 11
    const font = options.bold ? this.fonts.bold : this.fonts.font
    const left = 50 + (options.indent ?? 0)
    for (const paragraph of text.split(/\r?\n/)) {
      for (const line of cellLines(paragraph, font, size, 495 - (options.indent ?? 0))) {
        this.room(size * 1.4)
        const x = options.center ? (this.page.getWidth() - font.widthOfTextAtSize(line, size)) / 2 : left
        this.page.drawText(line, { x, y: this.y - size, size, font })
        this.y -= size * 1.4
      }
    }
  }
  gap(points = 6): void {
    this.y -= points
  }
  table(headings: readonly string[], rows: readonly string[][], layout: PdfTableLayout, boldLast = false): void {
    this.room(40)
    this.y = drawRow(this.page, this.y, headings, this.fonts.bold, 9, false, layout)
    rows.forEach((cells, i) => {
      this.room(30)
      this.y = drawRow(this.page, this.y, cells, boldLast && i === rows.length - 1 ? this.fonts.bold : this.fonts.font, 9, true, layout)
    })
    this.gap(8)
  }
}

export async function weeklyReportPdf(report: WeeklyReportView) {
  const pdf = await PDFDocument.create()
  const fonts = await embedDejaVu(pdf)
  pdf.setTitle(`Báo cáo tuần — ${report.unit.name} — ${report.weekStart}`)
  const flow = new PdfFlow(pdf, fonts)
  flow.text(report.unit.name.toUpperCase(), { bold: true, size: 11 })
  flow.gap(10)
  flow.text(reportTitle(report), { bold: true, size: 13, center: true })
  if (report.figures.phase) flow.text(`Giai đoạn: ${report.figures.phase.name}`, { center: true, size: 10 })
  flow.text(statusLine(report), { center: true, size: 9 })
  flow.gap(12)

  flow.text('I. TÌNH HÌNH TRIỂN KHAI', { bold: true })
  if (report.texts.situation.trim()) flow.text(report.texts.situation.trim(), { indent: 14 })
  for (const line of weekLines(report).slice(0, 2)) flow.text(line, { indent: 14 })
  if (report.units.length > 0) {
    const submitted = report.units.filter((u) => u.state !== 'missing').length
    flow.text(`Tình hình nộp báo cáo của các đơn vị: ${submitted}/${report.units.length} đơn vị đã nộp.`, { indent: 14 })
    flow.gap(4)
    flow.table(UNIT_HEADINGS, unitRows(report), { columns: [30, 180, 105, 90, 90], figures: new Set(), left: 50 })
  }
  flow.gap(6)
  flow.text('II. KẾT QUẢ', { bold: true })
  flow.gap(4)
  flow.table(FIGURE_HEADINGS, figureRows(report), { columns: [28, 117, 70, 70, 70, 70, 70], figures: new Set([2, 3, 4, 5, 6]), left: 50 }, true)
  for (const line of weekLines(report).slice(2)) flow.text(line, { indent: 14 })
  if (report.texts.budget.trim()) flow.text(`Kinh phí: ${report.texts.budget.trim()}`, { indent: 14 })
  flow.gap(6)
  flow.text('III. KHÓ KHĂN, VƯỚNG MẮC', { bold: true })
  for (const text of sectionTexts(report, 'difficulties')) flow.text(text, { indent: 14 })
  flow.gap(6)
  flow.text('IV. ĐỀ XUẤT, KIẾN NGHỊ', { bold: true })
  for (const text of sectionTexts(report, 'proposals')) flow.text(text, { indent: 14 })

  if (report.figures.appendix) {
    const page = pdf.addPage([841.89, 595.28])
    page.drawText(`PHỤ LỤC: SỐ LIỆU SỔ HỘ TỊCH CẦN SỐ HÓA — ${report.unit.name.toUpperCase()}`, { x: 40, y: page.getHeight() - 40, size: 13, font: fonts.bold })
    drawAppendixTable(pdf, page, page.getHeight() - 60, report.figures.appendix, fonts)
  }
  return { body: Buffer.from(await pdf.save()), fileName: fileName(report, 'pdf'), mime: PDF_MIME }
}

export async function weeklyReportXlsx(report: WeeklyReportView) {
  const out = new PassThrough()
  const bytes = buffer(out)
  const book = createWorkbookWriter(out)
  const sheet = book.addWorksheet('Báo cáo tuần')
  sheet.columns = [{ width: 6 }, { width: 34 }, { width: 16 }, { width: 16 }, { width: 18 }, { width: 18 }, { width: 16 }]
  const line = (values: Array<string | number>, bold = false) => {
    const row = addSafeRow(sheet, values)
    if (bold) row.font = { bold: true }
    row.commit()
  }
  line([report.unit.name], true)
  line([reportTitle(report)], true)
  if (report.figures.phase) line([`Giai đoạn: ${report.figures.phase.name}`])
  line([statusLine(report)])
  line([])
  line(['I. TÌNH HÌNH TRIỂN KHAI'], true)
  line(['', report.texts.situation])
  for (const text of weekLines(report).slice(0, 2)) line(['', text])
  if (report.units.length > 0) {
    line([...UNIT_HEADINGS], true)
    for (const cells of unitRows(report)) line(cells)
  }
  line([])
  line(['II. KẾT QUẢ'], true)
  line([...FIGURE_HEADINGS], true)
  report.figures.byType.forEach((t, i) => line([i + 1, t.label, t.planned ?? '', weekKeyed(t) ?? '', t.done, t.inDatabase, t.remaining ?? '']))
  const totals = report.figures.totals
  line(['', 'Tổng cộng', totals.planned ?? '', report.figures.week.keyed, totals.done, totals.inDatabase, totals.remaining ?? ''], true)
  line([])
  line(['', 'Ngày', 'Nhập xong', 'Kiểm tra', 'Phê duyệt', 'Trả lại'], true)
  for (const d of report.figures.daily) line(['', dayText(d.day), d.keyed, d.checked, d.approved, d.returned])
  for (const text of weekLines(report).slice(2)) line(['', text])
  if (report.texts.budget.trim()) line(['', `Kinh phí: ${report.texts.budget.trim()}`])
  line([])
  line(['III. KHÓ KHĂN, VƯỚNG MẮC'], true)
  for (const text of sectionTexts(report, 'difficulties')) line(['', text])
  line([])
  line(['IV. ĐỀ XUẤT, KIẾN NGHỊ'], true)
  for (const text of sectionTexts(report, 'proposals')) line(['', text])
  await sheet.commit()
  if (report.figures.appendix) {
    const appendix = book.addWorksheet('Phụ lục')
    appendix.columns = [{ width: 6 }, { width: 30 }, { width: 18 }, { width: 24 }, { width: 14 }, { width: 60 }]
    const heading = addSafeRow(appendix, [...APPENDIX_HEADINGS])
    heading.font = { bold: true }
    heading.commit()
    for (const r of report.figures.appendix) {
      const row = addSafeRow(appendix, [r.stt ?? '', r.label, r.total, r.inDatabase, r.toKey, r.note])
      if (r.stt === null) row.font = { bold: true }
      row.commit()
    }
    await appendix.commit()
  }
  await book.commit()
  return { body: await bytes, fileName: fileName(report, 'xlsx'), mime: XLSX_MIME }
}

