/**
 * A streaming .xlsx row reader (yauzl + saxes). exceljs's streaming reader decodes each inflated
 * chunk on its own, so a Vietnamese letter split across two chunks comes out as "Vi��t Nam" (about
 * one row in ten thousand); this reader decodes the stream as a stream. It also reads the parts it
 * needs in any order (sheets before shared strings, as Excel often stores them) without temp files,
 * except that a large shared-strings table goes mostly to an unlinked one (shared-strings.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import type { CellInput } from '@hts/domain'
import { BROKEN_XLSX, fileError } from './file-checks'
import { SharedStrings } from './shared-strings'

export interface XlsxSheet {
  name: string
  path: string
  hidden: boolean
}

export interface XlsxRow {
  rowNumber: number
  cells: CellInput[]
}

/** Shared strings beyond this many characters are a hostile file, not a register. */
const MAX_SHARED_CHARS = 300_000_000
/** Built-in number formats that are dates (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

const local = (name: string) => name.slice(name.indexOf(':') + 1)

/** A custom format is a date when, outside quotes, brackets and escapes, it has d, m, y, h or s. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '').replace(/_.|\*./g, '')
  return /[dmyhs]/i.test(bare) && !/^(general|@)$/i.test(bare.trim())
}

/** Excel day serial → UTC date; the 1900 system counts a 29.02.1900 that never existed. */
export function excelSerialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0) return null
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * 86_400_000))
  const whole = Math.floor(serial)
  if (whole === 60) return null
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  return new Date(epoch + Math.round(serial * 86_400_000))
}

/** Column letters of a cell reference ("AB12") → 0-based index. */
function columnIndex(ref: string): number {
  let n = 0
  for (const ch of ref) {
    const code = ch.charCodeAt(0)
    if (code < 65 || code > 90) break
    n = n * 26 + (code - 64)
  }
  return n - 1
}

export class XlsxReader {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  sheets: XlsxSheet[] = []
  private sharedStrings = new SharedStrings()
  private dateStyles = new Set<number>()
  private date1904 = false

  static async open(filePath: string): Promise<XlsxReader> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, z) => (error || !z ? reject(fileError(BROKEN_XLSX)) : resolve(z))),
    )
    const entries = new Map<string, yauzl.Entry>()
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName.replace(/^\/+/, ''), entry)
        zip.readEntry()
      })
      zip.on('end', () => resolve())
      zip.on('error', () => reject(fileError(BROKEN_XLSX)))
      zip.readEntry()
    })
    const reader = new XlsxReader(zip, entries)
    try {
      await reader.load()
    } catch (error) {
      reader.close()
      throw error
    }
    return reader
  }

  close(): void {
    this.zip.close()
    this.sharedStrings.close()
  }

  private stream(name: string): Promise<Readable | null> {
    const entry = this.entries.get(name)
    if (!entry) return Promise.resolve(null)
    return new Promise((resolve, reject) => this.zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(fileError(BROKEN_XLSX)) : resolve(stream))))
  }

  /** Feeds a part to a SAX parser, decoding UTF-8 as one stream (characters may span chunks). */
  private async parse(name: string, onTag: (tag: SaxesTagPlain) => void, onText: (text: string) => void, onClose: (tag: SaxesTagPlain) => void, after?: () => Promise<void> | void): Promise<boolean> {
    const stream = await this.stream(name)
    if (!stream) return false
    const parser = new SaxesParser()
    let failure: Error | undefined
    parser.on('error', (error) => (failure ??= error))
    parser.on('opentag', (tag) => onTag(tag as SaxesTagPlain))
    parser.on('text', onText)
    parser.on('closetag', (tag) => onClose(tag as SaxesTagPlain))
    const decoder = new TextDecoder('utf-8')
    try {
      for await (const chunk of stream) {
        parser.write(decoder.decode(chunk as Buffer, { stream: true }))
        if (failure) throw failure
        await after?.()
      }
      parser.write(decoder.decode())
      parser.close()
      if (failure) throw failure
    } catch (error) {
      stream.destroy()
      if (error instanceof Error && 'statusCode' in error) throw error
      throw fileError(`${BROKEN_XLSX} (${error instanceof Error ? error.message.slice(0, 120) : 'lỗi đọc'})`)
    }
    return true
  }

  private async load(): Promise<void> {
    const rels = new Map<string, string>()
    await this.parse('xl/_rels/workbook.xml.rels', (tag) => {
      if (local(tag.name) === 'Relationship') rels.set(tag.attributes.Id ?? '', tag.attributes.Target ?? '')
    }, () => {}, () => {})
    const found = await this.parse('xl/workbook.xml', (tag) => {
      const name = local(tag.name)
      if (name === 'workbookPr') this.date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '')
      if (name === 'sheet') {
        const target = rels.get(tag.attributes['r:id'] ?? '') ?? ''
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
        this.sheets.push({ name: tag.attributes.name ?? '', path, hidden: (tag.attributes.state ?? 'visible') !== 'visible' })
      }
    }, () => {}, () => {})
    if (!found || this.sheets.length === 0) throw fileError(BROKEN_XLSX)
    await this.loadStyles()
    await this.loadSharedStrings()
  }

  private async loadStyles(): Promise<void> {
    const custom = new Map<number, string>()
    const xfFormats: number[] = []
    let inCellXfs = false
    await this.parse('xl/styles.xml', (tag) => {
      const name = local(tag.name)
      if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '')
      if (name === 'cellXfs') inCellXfs = true
      if (name === 'xf' && inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? 0))
    }, () => {}, (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false
    })
    xfFormats.forEach((id, index) => {
      const code = custom.get(id)
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) this.dateStyles.add(index)
    })
  }

  /** Shared strings: plain or rich text (runs joined); phonetic hints (rPh) are not the text. */
  private async loadSharedStrings(): Promise<void> {
    let current: string | null = null
    let inText = false
    let phonetic = 0
    let total = 0
    await this.parse('xl/sharedStrings.xml', (tag) => {
      const name = local(tag.name)
      if (name === 'si') current = ''
      else if (name === 'rPh') phonetic++
      else if (name === 't' && phonetic === 0) inText = true
    }, (text) => {
      if (inText && current !== null) current += text
    }, (tag) => {
      const name = local(tag.name)
      if (name === 't') inText = false
      else if (name === 'rPh') phonetic--
      else if (name === 'si') {
        total += (current ?? '').length
        if (total > MAX_SHARED_CHARS) throw fileError('Tệp Excel chứa lượng chữ quá lớn so với một sổ hộ tịch: chia tệp nhỏ hơn rồi tải lên lại.')
        this.sharedStrings.push(current ?? '')
        current = null
      }
    })
    this.sharedStrings.finish()
  }

  private cellValue(c: { type: string; style: number; text: string }): CellInput {
    switch (c.type) {
      case 's':
        return this.sharedStrings.get(Number(c.text)) ?? null
      case 'str':
      case 'inlineStr':
        return c.text
      case 'b':
        return c.text === '1' || c.text === 'true'
      case 'e':
        return null
      case 'd': {
        const date = new Date(c.text)
        return Number.isNaN(date.getTime()) ? c.text : date
      }
      default: {
        if (c.text.trim() === '') return null
        const n = Number(c.text)
        if (!Number.isFinite(n)) return c.text
        return this.dateStyles.has(c.style) ? (excelSerialToDate(n, this.date1904) ?? n) : n
      }
    }
  }

  /** The rows of one sheet, as they are parsed (break out of the loop to stop early). */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow> {
    const stream = await this.stream(sheet.path)
    if (!stream) throw fileError(BROKEN_XLSX)
    const parser = new SaxesParser()
    const decoder = new TextDecoder('utf-8')
    const queue: XlsxRow[] = []
    let failure: Error | undefined
    let row: XlsxRow | null = null
    let nextRow = 1
    let nextColumn = 0
    let cell: { index: number; type: string; style: number; text: string; inline: boolean } | null = null
    let capture = false
    parser.on('error', (error) => (failure ??= error))
    parser.on('opentag', (tag) => {
      const attributes = tag.attributes as Record<string, string>
      switch (local(tag.name)) {
        case 'row':
          row = { rowNumber: attributes.r ? Number(attributes.r) : nextRow, cells: [] }
          nextColumn = 0
          break
        case 'c':
          cell = { index: attributes.r ? columnIndex(attributes.r) : nextColumn, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), text: '', inline: false }
          break
        case 'v':
          capture = true
          break
        case 'is':
          if (cell) cell.inline = true
          break
        case 't':
          capture = cell?.inline === true
          break
        case 'rPh':
          if (cell) cell.inline = false
          break
      }
    })
    parser.on('text', (text) => {
      if (capture && cell) cell.text += text
    })
    parser.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          capture = false
          break
        case 'c':
          if (row && cell) {
            row.cells[cell.index] = this.cellValue(cell)
            nextColumn = cell.index + 1
          }
          cell = null
          break
        case 'row':
          if (row) {
            const cells = row.cells
            for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
            queue.push(row)
            nextRow = row.rowNumber + 1
          }
          row = null
          break
      }
    })
    try {
      for await (const chunk of stream) {
        parser.write(decoder.decode(chunk as Buffer, { stream: true }))
        if (failure) throw failure
        for (const done of queue.splice(0)) yield done
      }
      parser.write(decoder.decode())
      parser.close()
      if (failure) throw failure
      for (const done of queue.splice(0)) yield done
    } catch (error) {
      if (error instanceof Error && 'statusCode' in error) throw error
      throw fileError(`${BROKEN_XLSX} (${error instanceof Error ? error.message.slice(0, 120) : 'lỗi đọc'})`)
    } finally {
      stream.destroy()
    }
  }
}
