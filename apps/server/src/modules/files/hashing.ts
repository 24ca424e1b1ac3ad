import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { FileCorruptError } from './errors'

export function sha256Of(data: Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export async function sha256OfFile(filePath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of fs.createReadStream(filePath)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}

export function tempPath(dir: string): string {
  return path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`)
}

/**
 * Writes a stream to a new file in `dir`, hashing it on the way, and fsyncs it so that a rename
 * afterwards publishes complete bytes even after a power cut.
 */
/** Passes bytes through, counting them and hashing them (SHA-256). */
export function hashingStream(): { stream: Transform; digest(): { sha256: string; size: number } } {
  const hash = createHash('sha256')
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      size += chunk.length
      callback(null, chunk)
    },
  })
  return { stream, digest: () => ({ sha256: hash.digest('hex'), size }) }
}

export async function spoolToFile(source: Readable, dir: string): Promise<{ path: string; sha256: string; size: number }> {
  await fs.promises.mkdir(dir, { recursive: true })
  const target = tempPath(dir)
  const counter = hashingStream()
  try {
    await pipeline(source, counter.stream, fs.createWriteStream(target, { flags: 'wx' }))
    const handle = await fs.promises.open(target, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    await fs.promises.rm(target, { force: true })
    throw error
  }
  return { path: target, ...counter.digest() }
}

/** Passes bytes through and fails at the end when their hash is not `expected`. */
export function verifyingStream(expected: string): Transform {
  const hash = createHash('sha256')
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      const actual = hash.digest('hex')
      callback(actual === expected ? null : new FileCorruptError(expected, actual))
    },
  })
}

/** Makes a rename durable: fsync the directory that now holds the new name (not possible everywhere). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  }
}
