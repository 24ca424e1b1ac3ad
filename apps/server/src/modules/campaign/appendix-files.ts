/**
 * The appendix table of the plans (phụ lục) for a unit and a phase, as Excel and PDF: STT, Loại sổ,
 * Tổng số trường hợp, Đã có trong CSDL hộ tịch điện tử, Phải nhập, Ghi chú, then the total row.
 */
import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { Kysely } from 'kysely'
import { APPENDIX_HEADINGS, type AppendixRowView, type InventoryView } from '@hts/domain'
import type { Database } from '../../db/schema'
import { embedDejaVu, PDF_MIME } from '../../lib/pdf-fonts'
import { addSafeRow, createWorkbookWriter } from '../../lib/xlsx-writer'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import { XLSX_MIME } from '../exports'
import type { InventoryService } from './inventory'

type Appendix = InventoryView & { appendix: NonNullable<InventoryView['appendix']> }
const title = (view: Appendix) => `PHỤ LỤC: SỐ LIỆU SỔ HỘ TỊCH CẦN SỐ HÓA — ${view.unitName.toUpperCase()}`
const fileName = (view: Appendix, ext: string) => `Phu-luc_${view.unitName}_${view.phaseName ?? ''}.${ext}`
const number = (n: number) => n.toLocaleString('vi-VN')

/** Column widths in points on an A4 landscape page (842 wide, 40 margins); the figures are right-aligned. */
const PDF_COLUMNS = [36, 150, 100, 130, 90, 256]
const FIGURES = new Set([2, 3, 4])

/** Words of `text` in lines no wider than `width` (a cell's, or a page's for a paragraph). */
export function cellLines(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word
    if (current && font.widthOfTextAtSize(next, size) > width - 6) {
      lines.push(current)
      current = word
    } else current = next
  }
  return [...lines, current]
}

/** A table's layout: column widths in points and the columns of figures (right-aligned). */
export interface PdfTableLayout {
  columns: readonly number[]
  figures: ReadonlySet<number>
  left?: number
}
const APPENDIX_LAYOUT: PdfTableLayout = { columns: PDF_COLUMNS, figures: FIGURES }

/** One bordered row of a table at `y` (its top); returns its bottom. Shared with the weekly report (reports module). */
export function drawRow(page: PDFPage, y: number, cells: readonly string[], font: PDFFont, size: number, alignFigures = true, layout: PdfTableLayout = APPENDIX_LAYOUT): number {
  const wrapped = cells.map((c, i) => cellLines(c, font, size, layout.columns[i] ?? 80))
  const height = Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 6
  let x = layout.left ?? 40
  wrapped.forEach((lines, i) => {
    const width = layout.columns[i] ?? 80
    page.drawRectangle({ x, y: y - height, width, height, borderColor: rgb(0, 0, 0), borderWidth: 0.5 })
    const left = (line: string) => (alignFigures && layout.figures.has(i) ? x + width - 3 - font.widthOfTextAtSize(line, size) : x + 3)
    lines.forEach((line, j) => page.drawText(line, { x: left(line), y: y - 3 - size - j * size * 1.3, size, font }))
    x += width
  })
  return y - height
}

/** The appendix's cells of one row, as the PDF prints them. */
export const appendixCells = (r: AppendixRowView) => [r.stt === null ? '' : String(r.stt), r.label, number(r.total), number(r.inDatabase), number(r.toKey), r.note]

/** The appendix table (headings, rows, the total in bold) from `y` on, a new landscape page when one is full. */
export function drawAppendixTable(pdf: PDFDocument, page: PDFPage, y: number, rows: readonly AppendixRowView[], fonts: { font: PDFFont; bold: PDFFont }): number {
  let current = page
  let top = drawRow(current, y, APPENDIX_HEADINGS, fonts.bold, 9, false)
  for (const r of rows) {
    if (top < 80) {
      current = pdf.addPage([841.89, 595.28])
      top = drawRow(current, current.getHeight() - 40, APPENDIX_HEADINGS, fonts.bold, 9, false)
    }
    top = drawRow(current, top, appendixCells(r), r.stt === null ? fonts.bold : fonts.font, 9)
  }
  return top
}

export function createAppendixFiles(db: Kysely<Database>, inventory: InventoryService) {
  async function appendixOf(user: AuthUser, unitId: string, phaseId: string, format: string): Promise<Appendix> {
    const view = await inventory.inventory(user, unitId, phaseId)
    const rows = view.appendix ?? []
    await recordAudit(db, actorOf(user), { action: 'campaign.appendix.download', entityType: 'unit', entityId: unitId, details: { phaseId, format } })
    return { ...view, appendix: rows }
  }

  return {
    async xlsx(user: AuthUser, unitId: string, phaseId: string) {
      const view = await appendixOf(user, unitId, phaseId, 'xlsx')
      const out = new PassThrough()
      const bytes = buffer(out)
      const book = createWorkbookWriter(out)
      const sheet = book.addWorksheet('Phụ lục')
      sheet.columns = [{ width: 6 }, { width: 30 }, { width: 18 }, { width: 24 }, { width: 14 }, { width: 60 }]
      const heading = addSafeRow(sheet, [title(view)])
      heading.font = { bold: true, size: 13 }
      heading.commit()
      addSafeRow(sheet, [`Giai đoạn: ${view.phaseName ?? ''}`]).commit()
      addSafeRow(sheet, []).commit()
      const header = addSafeRow(sheet, [...APPENDIX_HEADINGS])
      header.font = { bold: true }
      header.commit()
      for (const r of view.appendix) {
        const row = addSafeRow(sheet, [r.stt ?? '', r.label, r.total, r.inDatabase, r.toKey, r.note])
        if (r.stt === null) row.font = { bold: true }
        row.commit()
      }
      await sheet.commit()
      await book.commit()
      return { body: await bytes, fileName: fileName(view, 'xlsx'), mime: XLSX_MIME }
    },

    async pdf(user: AuthUser, unitId: string, phaseId: string) {
      const view = await appendixOf(user, unitId, phaseId, 'pdf')
      const pdf = await PDFDocument.create()
      const { font, bold } = await embedDejaVu(pdf)
      pdf.setTitle(`Phụ lục — ${view.unitName} — ${view.phaseName ?? ''}`)
      const page = pdf.addPage([841.89, 595.28])
      let y = page.getHeight() - 40
      page.drawText(title(view), { x: 40, y, size: 13, font: bold })
      y -= 20
      page.drawText(`Giai đoạn: ${view.phaseName ?? ''}`, { x: 40, y, size: 10, font })
      drawAppendixTable(pdf, page, y - 14, view.appendix, { font, bold })
      return { body: Buffer.from(await pdf.save()), fileName: fileName(view, 'pdf'), mime: PDF_MIME }
    },
  }
}
export type AppendixFiles = ReturnType<typeof createAppendixFiles>
