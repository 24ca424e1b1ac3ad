import { useRef, useState } from 'react'
import { errorMessage } from './http'

/**
 * The state every "choose a file, watch it upload" control needs: the hidden file input, the bytes'
 * progress while sending (null when idle), and the server's message when it refused. `run` clears
 * the input afterwards, so choosing the same file again uploads it again.
 */
export function useFileUpload() {
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async (send: (onProgress: (percent: number) => void) => Promise<void>): Promise<void> => {
    setError(null)
    setProgress(0)
    try {
      await send(setProgress)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setProgress(null)
      if (input.current) input.current.value = ''
    }
  }

  return { input, progress, error, clearError: () => setError(null), run }
}
