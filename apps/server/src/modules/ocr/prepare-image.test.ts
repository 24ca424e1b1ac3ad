import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { estimateSkew, prepareImage } from './prepare-image'

/** A page of printed-looking lines (dashes of "words" on 40 lines), turned clockwise by `degrees` as a crooked scan is. */
async function crookedPage(degrees: number): Promise<Buffer> {
  const words: string[] = []
  for (let line = 0; line < 40; line++) {
    let x = 80
    for (let w = 0; x < 1100; w++) {
      const length = 30 + ((line * 7 + w * 13) % 60)
      words.push(`<rect x="${x}" y="${100 + line * 34}" width="${length}" height="12" fill="#202020"/>`)
      x += length + 14
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1600"><rect width="100%" height="100%" fill="#f6f1e3"/>${words.join('')}</svg>`
  return sharp(Buffer.from(svg)).rotate(degrees, { background: '#f6f1e3' }).jpeg({ quality: 60 }).toBuffer()
}

async function skewOf(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image).greyscale().resize({ width: 1000 }).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  return estimateSkew(data, info.width, info.height)
}

describe('a crooked page is turned straight before it is read', () => {
  it('measures the skew of the lines, whichever way the page lies', async () => {
    expect(await skewOf(await crookedPage(2.5))).toBeCloseTo(2.5, 0)
    expect(await skewOf(await crookedPage(-1.2))).toBeCloseTo(-1.2, 0)
    expect(Math.abs(await skewOf(await crookedPage(0)))).toBeLessThan(0.1)
  })

  it('gives Tesseract the page with its lines level', async () => {
    for (const degrees of [3, -2]) {
      const prepared = await prepareImage(await crookedPage(degrees))
      expect(Math.abs(await skewOf(prepared)), `${degrees}°`).toBeLessThan(0.3)
    }
  })
})
