/**
 * A PGlite data directory is opened by one process only. While the server runs it writes
 * DATA_DIR/.hts-server.json (mode 0600: its pid, port and a random token made at start), and
 * `npm run backup` asks it for the backup through POST /api/backups/cli with that token (whoever can
 * read the file can read the whole data directory anyway). When no live server is found, the command
 * takes DATA_DIR/.hts-cli.lock and opens the directory itself; a server started meanwhile sees the
 * lock and refuses to start until the command is done.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const LINK_FILE = '.hts-server.json'
const CLI_LOCK = '.hts-cli.lock'

const ServerLink = z.object({ pid: z.number(), port: z.number(), token: z.string() })
export type ServerLink = z.infer<typeof ServerLink>

function alive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function writeServerLink(dataDir: string, link: Omit<ServerLink, 'pid'>): void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, LINK_FILE)
  fs.rmSync(file, { force: true })
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, ...link }), { mode: 0o600, flag: 'wx' })
}

export function removeServerLink(dataDir: string): void {
  const link = readLink(path.join(dataDir, LINK_FILE))
  if (link?.pid === process.pid) fs.rmSync(path.join(dataDir, LINK_FILE), { force: true })
}

function readLink(file: string): ServerLink | undefined {
  try {
    const parsed = ServerLink.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The server running on this data directory, if its process is alive. */
export function liveServer(dataDir: string): ServerLink | undefined {
  const link = readLink(path.join(dataDir, LINK_FILE))
  return link && link.pid !== process.pid && alive(link.pid) ? link : undefined
}

/** The pid of a live `npm run backup`/`restore` holding the directory, if any (checked by the server at start). */
export function liveCliLock(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, CLI_LOCK), 'utf8'))
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/** Takes the command-line lock on the directory; returns its release. Throws (Vietnamese) when a server or another command has it. */
export function takeCliLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, CLI_LOCK)
  const holder = liveCliLock(dataDir)
  if (holder) throw new Error(`Một lệnh sao lưu/khôi phục khác (pid ${holder}) đang dùng ${dataDir}; hãy đợi nó xong.`)
  fs.rmSync(file, { force: true })
  fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
  const server = liveServer(dataDir)
  if (server) {
    fs.rmSync(file, { force: true })
    throw new Error(`Máy chủ (pid ${server.pid}) đang chạy trên ${dataDir}.`)
  }
  return () => fs.rmSync(file, { force: true })
}
