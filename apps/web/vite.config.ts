import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

// The dev server proxies /api to the real server (PORT 3100 unless API_PORT says otherwise).
const apiPort = process.env.API_PORT ?? '3100'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Writes `file.br` and `file.gz` beside each built text file (JS, CSS, SVG, JSON, HTML) of at least
 * 1 KB, at the strongest levels: compressed once at build time, the server sends them as they are
 * (@fastify/static's preCompressed) to a browser that accepts them, with no work per request.
 */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'hts-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
        .filter((f) => /\.(js|css|svg|json|html)$/.test(f))
        .map((f) => path.join(outDir, f))
        .filter((f) => fs.statSync(f).size >= 1024)
      await Promise.all(files.map(async (file) => {
        const bytes = fs.readFileSync(file)
        const [br, gz] = await Promise.all([
          brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
          gzip(bytes, { level: 9 }),
        ])
        if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br)
        if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz)
      }))
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: `http://localhost:${apiPort}`, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for debugging but not referenced by the served bundle.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React and its router are needed by every page and change less often than the app: one file
        // that stays cached across releases. Other libraries (Ant Design's components, the password
        // dictionaries) follow the pages that use them: grouping them all would put the workbench's
        // components in the login page's download (see docs/PERFORMANCE.md, bundle sizes).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
})
