/**
 * What a per-unit export has finished so far, kept next to its files (DATA_DIR/tmp/export-<job>):
 * one JSON line per book whose Excel and PDF zip are complete on disk. A job resumed after a restart
 * reads it back and skips those books; a line whose files are gone or of another size (or a line
 * torn by the crash) is not trusted, and that book is exported again.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { MissingColumn } from './missing-for-moj'

export interface MissingScan {
  so: number | null
  ngayDangKy: string | null
}

export interface DoneBook {
  bookId: string
  /** The package name given to this book in the outer zip (kept so that a resumed run names it the same). */
  base: string
  xlsxBytes: number
  zipBytes: number
  entries: number
  pdfs: number
  missing: MissingScan[]
  /** What the MOJ template needs and the book's entries lack (absent in a line written before it was counted). */
  lacking?: MissingColumn[]
}

const MANIFEST = 'manifest.jsonl'

export const bookFiles = (dir: string, bookId: string) => ({ xlsx: path.join(dir, `${bookId}.xlsx`), zip: path.join(dir, `${bookId}.zip`) })

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await fs.promises.stat(file)).size
  } catch {
    return undefined
  }
}

function parseLine(line: string): DoneBook | undefined {
  try {
    const value = JSON.parse(line) as Partial<DoneBook>
    if (typeof value.bookId !== 'string' || typeof value.base !== 'string' || !Array.isArray(value.missing)) return undefined
    if (![value.xlsxBytes, value.zipBytes, value.entries, value.pdfs].every((n) => typeof n === 'number')) return undefined
    return value as DoneBook
  } catch {
    return undefined
  }
}

/** The books of `wanted` already exported by an earlier attempt, with their files checked. */
export async function readManifest(dir: string, wanted: ReadonlySet<string>): Promise<Map<string, DoneBook>> {
  const done = new Map<string, DoneBook>()
  let text: string
  try {
    text = await fs.promises.readFile(path.join(dir, MANIFEST), 'utf8')
  } catch {
    return done
  }
  for (const line of text.split('\n')) {
    const book = line.trim() ? parseLine(line) : undefined
    if (!book || !wanted.has(book.bookId)) continue
    const files = bookFiles(dir, book.bookId)
    if ((await sizeOf(files.xlsx)) === book.xlsxBytes && (await sizeOf(files.zip)) === book.zipBytes) done.set(book.bookId, book)
  }
  return done
}

/** Flushes a finished file to disk, so that the manifest never names a file the OS has not written. */
export async function syncFile(file: string): Promise<number> {
  const handle = await fs.promises.open(file, 'r+')
  try {
    await handle.sync()
    return (await handle.stat()).size
  } finally {
    await handle.close()
  }
}

/** Records one finished book (after its files are synced and its export audited). */
export async function appendManifest(dir: string, book: DoneBook): Promise<void> {
  const handle = await fs.promises.open(path.join(dir, MANIFEST), 'a')
  try {
    // A line torn by a crash before this one ends is skipped on reading: start on a fresh line.
    await handle.write(`\n${JSON.stringify(book)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
