/**
 * The page image as Tesseract should see it (what a scanner's "text" mode would give). Preparing an
 * A4 page at 200 dpi takes ~0.4 s of CPU (its pixel loops and sharp): the engine runs it in a worker
 * thread (prepare-worker.ts), never on the server's main thread, so a save is never held up by it.
 */
import sharp from 'sharp'

/** Tesseract reads printed text best at 25-35 px: a smaller image (a 200 dpi scan, a PDF page's 1600 px rendition) is enlarged to this. */
const TARGET_LONG_SIDE = 2800

/**
 * The share of the paper's brightness above which a pixel is paper: the verso showing through
 * (7-20 % darker) and a red stamp in red light come out white, print (80 % darker and more) stays.
 */
const PAPER_WHITE = 0.8
/** The page's background is estimated on a copy this many times smaller (text strokes vanish in it). */
const BACKGROUND_REDUCTION = 24

/**
 * What a scanner's "text" mode would give, for Tesseract: one channel, the page's background
 * divided out, contrast stretched, enlarged to the size Tesseract reads best.
 * - The lighter of the red and blue channels, not the grey: the commune's red stamp sits on the
 *   signature block of every entry and in red light it is almost as pale as the paper, a blue
 *   signature is pale in blue light, black print is dark in both.
 * - The background (uneven lighting, the yellowed paper, a dark folded corner, the verso showing
 *   through) taken from a reduced copy (brightest of each neighbourhood, blurred) and divided out,
 *   with a white point (PAPER_WHITE): the page comes out white with its print dark everywhere.
 *   Without it Tesseract's own global threshold and page layout analysis take a lit gradient or a
 *   stamp for a picture and drop the lines in it.
 */
export async function prepareImage(image: Buffer): Promise<Buffer> {
  const { data, width, height } = await inkDropout(image)
  const reduced = await sharp(data, { raw: { width, height, channels: 1 } })
    .resize({ width: Math.max(8, Math.round(width / BACKGROUND_REDUCTION)) })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
  // The brightest of each 5 × 5 neighbourhood: a line of print darkens its row of the reduced copy, the paper between lines does not.
  const paper = maxFilter(reduced.data, reduced.info.width, reduced.info.height, 2)
  const smooth = await sharp(paper, { raw: { ...reduced.info, channels: 1 } }).blur(1.5).extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  const divided = divideBackground(data, width, height, smooth.data, smooth.info.width, smooth.info.height)
  const { page, width: w, height: h } = await deskew(divided, width, height)
  const long = Math.max(w, h)
  const pipeline = sharp(page, { raw: { width: w, height: h, channels: 1 } })
  const resized = long > 0 && long < TARGET_LONG_SIDE ? pipeline.resize({ width: Math.round((w * TARGET_LONG_SIDE) / long), kernel: 'lanczos3' }) : pipeline
  return resized.toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer()
}

/** One channel where a pixel is as dark as its darkest of red and blue light: black print stays, red stamps and blue ink fade. */
async function inkDropout(image: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const meta = await sharp(image).metadata()
  const flat = sharp(image).flatten({ background: '#ffffff' })
  if ((meta.channels ?? 1) < 3) {
    const { data, info } = await flat.greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height }
  }
  const { data: rgb, info } = await flat.removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const data = Buffer.alloc(info.width * info.height)
  for (let i = 0, j = 0; i < data.length; i++, j += info.channels) data[i] = Math.max(rgb[j] ?? 0, rgb[j + 2] ?? 0)
  return { data, width: info.width, height: info.height }
}

/** Each pixel of a one-channel image → the brightest within `radius` of it. */
function maxFilter(data: Buffer, width: number, height: number, radius: number): Buffer {
  const out = Buffer.alloc(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0
      for (let yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
        for (let xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) max = Math.max(max, data[yy * width + xx] ?? 0)
      }
      out[y * width + x] = max
    }
  }
  return out
}

/**
 * Each pixel divided by the background at its place, the background's reduced copy enlarged
 * bilinearly on the way (sharp's own enlargement by ~24 leaves faint horizontal bands, which the
 * division then brings out as lines Tesseract reads as dashes).
 */
function divideBackground(data: Buffer, width: number, height: number, background: Buffer, bw: number, bh: number): Buffer {
  const out = Buffer.alloc(width * height)
  const sx = bw / width
  const sy = bh / height
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), bh - 1)
    const y0 = Math.floor(fy)
    const y1 = Math.min(y0 + 1, bh - 1)
    const wy = fy - y0
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), bw - 1)
      const x0 = Math.floor(fx)
      const x1 = Math.min(x0 + 1, bw - 1)
      const wx = fx - x0
      const top = (background[y0 * bw + x0] ?? 255) * (1 - wx) + (background[y0 * bw + x1] ?? 255) * wx
      const bottom = (background[y1 * bw + x0] ?? 255) * (1 - wx) + (background[y1 * bw + x1] ?? 255) * wx
      const bg = top * (1 - wy) + bottom * wy
      const i = y * width + x
      out[i] = Math.min(255, Math.round(((data[i] ?? 0) * 255) / Math.max(bg * PAPER_WHITE, 1)))
    }
  }
  return out
}

/** Skews up to this many degrees are looked for (a page laid crooked on the scanner); a smaller one than SKEW_MIN is left. */
const SKEW_MAX = 4
const SKEW_MIN = 0.25
/** Width of the copy the skew is measured on: enough for lines of 6-8 pt text to stay apart. */
const SKEW_SAMPLE_WIDTH = 1200

/**
 * The angle (degrees, positive when the lines run down to the right) that lines up the page's dark
 * pixels in the fewest, fullest rows: the projection profile at each candidate angle, the sharpest
 * wins. On a crooked page a printed line drifts by a whole line height across the page, and
 * Tesseract then cuts it in pieces that no longer pair a label with its value.
 */
export function estimateSkew(data: Uint8Array, width: number, height: number): number {
  const xs: number[] = []
  const ys: number[] = []
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[y * width + x] ?? 255) < 128) {
        xs.push(x)
        ys.push(y)
      }
    }
  }
  if (xs.length < 100) return 0
  const margin = Math.ceil(width * Math.tan((SKEW_MAX * Math.PI) / 180)) + 1
  const rows = new Float64Array(height + 2 * margin)
  const sharpness = (degrees: number) => {
    rows.fill(0)
    const slope = Math.tan((degrees * Math.PI) / 180)
    for (let i = 0; i < xs.length; i++) {
      const row = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * slope) + margin
      rows[row] = (rows[row] ?? 0) + 1
    }
    let sum = 0
    for (const r of rows) sum += r * r
    return sum
  }
  let best = 0
  let bestScore = sharpness(0)
  const search = (from: number, to: number, step: number) => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = sharpness(a)
      if (score > bestScore) {
        best = a
        bestScore = score
      }
    }
  }
  search(-SKEW_MAX, SKEW_MAX, 0.25)
  search(best - 0.25, best + 0.25, 0.05)
  return Math.round(best * 100) / 100
}

/** The page turned straight when it lies crooked by SKEW_MIN or more (the corners filled white, as paper). */
async function deskew(page: Buffer, width: number, height: number): Promise<{ page: Buffer; width: number; height: number }> {
  const sample = await sharp(page, { raw: { width, height, channels: 1 } })
    .resize({ width: Math.min(width, SKEW_SAMPLE_WIDTH) })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
  const angle = estimateSkew(sample.data, sample.info.width, sample.info.height)
  if (Math.abs(angle) < SKEW_MIN) return { page, width, height }
  const turned = await sharp(page, { raw: { width, height, channels: 1 } })
    .rotate(-angle, { background: '#ffffff' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { page: turned.data, width: turned.info.width, height: turned.info.height }
}
