/**
 * The shared-strings table of an .xlsx, kept in bounded memory. Excel stores every distinct text of
 * a workbook once, so a large register's table holds most of its names, dates and addresses
 * (about 2.5 strings per row: 500,000 strings for 200,000 rows, ~200 MB as JavaScript strings, once
 * in the analysis and once in the import's worker). The first strings (the header, codes, places,
 * officials: the ones rows repeat) stay in memory; beyond `memoryChars` the strings go to an
 * unlinked temporary file, with 4 bytes per string for their offsets, and are read back through a
 * small cache of blocks. Rows use the strings roughly in the order the table lists them (Excel
 * writes it in the order texts first appear), so nearly every read is in a block just read.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Characters kept as strings in memory (~2-3 bytes each in V8 with its headers). */
const MEMORY_CHARS = Number(process.env.IMPORT_SHARED_STRINGS_MEMORY_CHARS ?? 4_000_000)
const BLOCK = 16 * 1024
const CACHED_BLOCKS = 64
/** Decoded strings remembered by index (direct-mapped): a date or place used by many rows is decoded once. */
const DECODED_SLOTS = 1 << 15
const WRITE_BUFFER = 1024 * 1024

export class SharedStrings {
  private readonly inMemory: string[] = []
  private memoryChars = 0
  private fd: number | null = null
  private filePath: string | null = null
  /** Byte offset in the file of string `inMemory.length + i`; one more entry marks the end. */
  private offsets = new Uint32Array(1024)
  private spilled = 0
  private fileSize = 0
  private pending = Buffer.alloc(WRITE_BUFFER)
  private pendingLength = 0
  private readonly blocks = new Map<number, Buffer>()
  private lastBlock = -1
  private last: Buffer = Buffer.alloc(0)
  private readonly decoded: (string | undefined)[] = new Array<string | undefined>(DECODED_SLOTS)
  private readonly decodedIndex = new Int32Array(DECODED_SLOTS).fill(-1)

  constructor(private readonly memoryBudget = MEMORY_CHARS) {}

  get length(): number {
    return this.inMemory.length + this.spilled
  }

  push(text: string): void {
    if (this.spilled === 0 && this.memoryChars + text.length <= this.memoryBudget) {
      this.inMemory.push(text)
      this.memoryChars += text.length
      return
    }
    if (this.fd === null) this.openFile()
    const bytes = Buffer.byteLength(text)
    if (this.pendingLength + bytes > this.pending.length) this.flush()
    if (bytes > this.pending.length) {
      this.write(Buffer.from(text))
    } else {
      this.pending.write(text, this.pendingLength)
      this.pendingLength += bytes
    }
    if (this.spilled + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    this.spilled++
    this.offsets[this.spilled] = this.fileSize + this.pendingLength
  }

  /** Call once every string is pushed (before `get`). */
  finish(): void {
    this.flush()
    this.pending = Buffer.alloc(0)
  }

  get(index: number): string | undefined {
    if (index < this.inMemory.length) return this.inMemory[index]
    const i = index - this.inMemory.length
    if (!(i >= 0 && i < this.spilled)) return undefined
    const slot = i & (DECODED_SLOTS - 1)
    if (this.decodedIndex[slot] === i) return this.decoded[slot]
    const start = this.offsets[i] as number
    const end = this.offsets[i + 1] as number
    const block = Math.floor(start / BLOCK)
    const text = Math.floor((end - 1) / BLOCK) !== block || end - start > BLOCK
      ? this.read(start, end - start).toString('utf8')
      : this.block(block).toString('utf8', start - block * BLOCK, end - block * BLOCK)
    this.decoded[slot] = text
    this.decodedIndex[slot] = i
    return text
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
    if (this.filePath) fs.rmSync(this.filePath, { force: true })
    this.filePath = null
    this.blocks.clear()
    this.lastBlock = -1
  }

  private openFile(): void {
    this.filePath = path.join(os.tmpdir(), `hts-shared-strings-${process.pid}-${Math.random().toString(36).slice(2)}`)
    this.fd = fs.openSync(this.filePath, 'wx+', 0o600)
    // Unlinked at once where the system allows it: nothing is left behind if the process dies.
    try {
      fs.unlinkSync(this.filePath)
      this.filePath = null
    } catch {
      // Removed by close() instead.
    }
    this.offsets[0] = 0
  }

  private flush(): void {
    if (this.pendingLength === 0) return
    this.write(this.pending.subarray(0, this.pendingLength))
    this.pendingLength = 0
  }

  private write(bytes: Buffer): void {
    let done = 0
    while (done < bytes.length) done += fs.writeSync(this.fd as number, bytes, done, bytes.length - done, this.fileSize + done)
    this.fileSize += bytes.length
  }

  private read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const n = fs.readSync(this.fd as number, buffer, done, length - done, position + done)
      if (n === 0) break
      done += n
    }
    return buffer
  }

  private block(index: number): Buffer {
    if (index === this.lastBlock) return this.last
    let block = this.blocks.get(index)
    if (block) {
      // Most recently used last: Map keeps insertion order.
      this.blocks.delete(index)
    } else {
      block = this.read(index * BLOCK, Math.min(BLOCK, this.fileSize - index * BLOCK))
      if (this.blocks.size >= CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number)
    }
    this.blocks.set(index, block)
    this.lastBlock = index
    this.last = block
    return block
  }
}
