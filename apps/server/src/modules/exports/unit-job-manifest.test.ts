import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appendManifest, bookFiles, readManifest, syncFile, type DoneBook } from './unit-job-manifest'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function writtenBook(dir: string, bookId: string, bytes = 10): Promise<DoneBook> {
  const files = bookFiles(dir, bookId)
  fs.writeFileSync(files.xlsx, Buffer.alloc(bytes, 1))
  fs.writeFileSync(files.zip, Buffer.alloc(bytes + 1, 2))
  return { bookId, base: `base-${bookId}`, xlsxBytes: await syncFile(files.xlsx), zipBytes: await syncFile(files.zip), entries: 3, pdfs: 0, missing: [{ so: 1, ngayDangKy: '01.01.2024' }] }
}

describe('the per-unit export manifest', () => {
  it('keeps only books whose files are whole, skips a torn line and books no longer exported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-manifest-'))
    dirs.push(dir)
    const a = await writtenBook(dir, 'a')
    const b = await writtenBook(dir, 'b')
    const c = await writtenBook(dir, 'c')
    const gone = await writtenBook(dir, 'gone')
    for (const book of [a, b, c, gone]) await appendManifest(dir, book)
    // b's PDF zip was cut short; c's Excel was removed; a crash tore a last line.
    fs.truncateSync(bookFiles(dir, 'b').zip, 3)
    fs.rmSync(bookFiles(dir, 'c').xlsx)
    fs.appendFileSync(path.join(dir, 'manifest.jsonl'), '{"bookId":"d","base":"x","xlsxBy')

    const done = await readManifest(dir, new Set(['a', 'b', 'c', 'd']))
    expect([...done.keys()]).toEqual(['a'])
    expect(done.get('a')).toEqual(a)

    // A line appended after the torn one is read again.
    const d = await writtenBook(dir, 'd')
    await appendManifest(dir, d)
    expect([...(await readManifest(dir, new Set(['a', 'd']))).keys()]).toEqual(['a', 'd'])
  })

  it('an export that never wrote anything has nothing to resume', async () => {
    expect((await readManifest(path.join(os.tmpdir(), 'hts-no-such-dir'), new Set(['a']))).size).toBe(0)
  })
})
