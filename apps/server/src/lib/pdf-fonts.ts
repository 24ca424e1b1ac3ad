/**
 * DejaVu Sans (regular and bold, from the npm package dejavu-fonts-ttf) embedded in a pdf-lib
 * document: the standard PDF fonts have no Vietnamese letters. Subset: only the glyphs used are kept.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

const require = createRequire(import.meta.url)
const FONT_PATH = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const BOLD_PATH = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')
export const PDF_MIME = 'application/pdf'

export async function embedDejaVu(pdf: PDFDocument): Promise<{ font: PDFFont; bold: PDFFont }> {
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(fs.readFileSync(FONT_PATH), { subset: true })
  const bold = await pdf.embedFont(fs.readFileSync(BOLD_PATH), { subset: true })
  return { font, bold }
}
