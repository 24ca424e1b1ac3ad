import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { sha256Of, sha256OfFile, spoolToFile, syncDirectory, verifyingStream } from './hashing'
import { FileCorruptError, FileMissingError, SHA256_PATTERN, shardedKey } from './errors'
import type { FileStore, PutResult, VerifyResult } from './store'

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/** Files under `root/ab/cd/<sha256>`; new files are written to `root/.tmp`, fsynced, then renamed into place. */
export function createLocalFileStore(root: string): FileStore {
  const tmpDir = path.join(root, '.tmp')
  const pathOf = (sha256: string) => path.join(root, shardedKey(sha256))

  async function sizeOf(sha256: string): Promise<number | undefined> {
    try {
      return (await fs.promises.stat(pathOf(sha256))).size
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
  }

  async function verify(sha256: string): Promise<VerifyResult> {
    let actual: { sha256: string; size: number }
    try {
      actual = await sha256OfFile(pathOf(sha256))
    } catch (error) {
      if (isMissing(error)) return { sha256, status: 'missing' }
      throw error
    }
    return actual.sha256 === sha256
      ? { sha256, status: 'ok', size: actual.size }
      : { sha256, status: 'corrupt', actual: actual.sha256, size: actual.size }
  }

  /** Publishes a complete temp file under its hash. A damaged copy already there is replaced (re-upload repairs). */
  async function publish(tempFile: string, sha256: string, size: number): Promise<PutResult> {
    const target = pathOf(sha256)
    const existing = await sizeOf(sha256)
    if (existing !== undefined && (await verify(sha256)).status === 'ok') {
      await fs.promises.rm(tempFile, { force: true })
      return { sha256, size, existed: true }
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true })
    await fs.promises.rename(tempFile, target)
    await syncDirectory(path.dirname(target))
    return { sha256, size, existed: false }
  }

  async function put(data: Buffer | Uint8Array | Readable): Promise<PutResult> {
    if (data instanceof Readable) {
      const spooled = await spoolToFile(data, tmpDir)
      return publish(spooled.path, spooled.sha256, spooled.size)
    }
    const sha256 = sha256Of(data)
    // Already stored and intact: skip the write entirely.
    if ((await sizeOf(sha256)) === data.length && (await verify(sha256)).status === 'ok') {
      return { sha256, size: data.length, existed: true }
    }
    const spooled = await spoolToFile(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), tmpDir)
    return publish(spooled.path, sha256, data.length)
  }

  async function get(sha256: string): Promise<Buffer> {
    let bytes: Buffer
    try {
      bytes = await fs.promises.readFile(pathOf(sha256))
    } catch (error) {
      if (isMissing(error)) throw new FileMissingError(sha256)
      throw error
    }
    const actual = sha256Of(bytes)
    if (actual !== sha256) throw new FileCorruptError(sha256, actual)
    return bytes
  }

  return {
    kind: 'local',
    location: root,
    tempDir: tmpDir,
    put,
    async putFile(filePath, known) {
      const { sha256, size } = known ?? (await sha256OfFile(filePath))
      // The caller's file may sit on another file system: copy it next to the store so the rename stays atomic.
      if (path.dirname(path.resolve(filePath)) !== tmpDir) {
        const spooled = await spoolToFile(fs.createReadStream(filePath), tmpDir)
        await fs.promises.rm(filePath, { force: true })
        return publish(spooled.path, spooled.sha256, spooled.size)
      }
      return publish(filePath, sha256, size)
    },
    get,
    async stream(sha256) {
      const file = pathOf(sha256)
      if ((await sizeOf(sha256)) === undefined) throw new FileMissingError(sha256)
      return fs.createReadStream(file).pipe(verifyingStream(sha256))
    },
    async localCopy(sha256) {
      const result = await verify(sha256)
      if (result.status === 'missing') throw new FileMissingError(sha256)
      if (result.status === 'corrupt') throw new FileCorruptError(sha256, result.actual)
      return { path: pathOf(sha256), release: async () => {} }
    },
    has: async (sha256) => (await sizeOf(sha256)) !== undefined,
    size: sizeOf,
    verify,
    async remove(sha256) {
      try {
        await fs.promises.rm(pathOf(sha256))
      } catch (error) {
        if (isMissing(error)) return false
        throw error
      }
      await syncDirectory(path.dirname(pathOf(sha256)))
      return true
    },
    async *list() {
      for (const a of await readDirOrEmpty(root)) {
        if (!/^[0-9a-f]{2}$/.test(a)) continue
        for (const b of await readDirOrEmpty(path.join(root, a))) {
          for (const name of await readDirOrEmpty(path.join(root, a, b))) {
            if (SHA256_PATTERN.test(name)) yield name
          }
        }
      }
    },
  }
}

async function readDirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).sort()
  } catch (error) {
    if (isMissing(error)) return []
    throw error
  }
}
