import sharp from 'sharp'
import { expect, it } from 'vitest'
import { createBook } from '../../test/factories'
import { startTestServer } from '../../test/harness'
import { uploadScans } from '../scans/scan-fixtures'
import type { OcrEngine } from './engine'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A server stopped while a page is being read closes its OCR engine only once the job runner has let
 * go of the page: closed first (Fastify runs onClose hooks last-added first), the engine was gone
 * under the read and the process crashed in CI.
 */
it('closes the OCR engine after the page being read, not under it', async () => {
  const events: string[] = []
  const engine: OcrEngine = {
    name: 'test: slow',
    async read() {
      events.push('read')
      await sleep(400)
      events.push('read done')
      return { lines: [], ms: 400 }
    },
    async close() {
      events.push('close')
    },
  }
  const server = await startTestServer({ ocrEngine: engine })
  try {
    const officer = await server.login('tuphap.anphu')
    // A book of 2018 (printed): its pages are read as they are rendered.
    const book = await createBook(officer, server, '98001', { volume: '01/2018', year: 2018, openedOn: '2018-01-02', closedOn: '2018-12-31' })
    const page = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#ffffff' } }).png().toBuffer()
    expect((await uploadScans(officer, book.id, [{ name: 'trang.png', data: page }])).status).toBe(201)
    for (let i = 0; i < 600 && !events.includes('read'); i++) await sleep(50)
    expect(events).toEqual(['read'])
  } finally {
    await server.close()
  }
  expect(events).toEqual(['read', 'read done', 'close'])
}, 60_000)
