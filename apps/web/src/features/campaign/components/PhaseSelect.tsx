import { Select } from 'antd'
import { useEffect } from 'react'
import { useSearchParams } from 'react-router-dom'
import { usePhases } from '../api'

/** The phase shown, kept in the address (?giai-doan=…) so a link opens the same view; the latest phase by default. */
export function usePhaseParam(): [string | undefined, (id: string | undefined) => void] {
  const [params, setParams] = useSearchParams()
  const phases = usePhases()
  const chosen = params.get('giai-doan') ?? undefined
  const fallback = phases.data?.at(-1)?.id
  useEffect(() => {
    if (!chosen && fallback) setParams((p) => { p.set('giai-doan', fallback); return p }, { replace: true })
  }, [chosen, fallback, setParams])
  const set = (id: string | undefined) => setParams((p) => { if (id) p.set('giai-doan', id); else p.delete('giai-doan'); return p })
  return [chosen ?? fallback, set]
}

export function PhaseSelect({ value, onChange, allowClear = false }: { value: string | undefined; onChange: (id: string | undefined) => void; allowClear?: boolean }) {
  const phases = usePhases()
  return (
    <Select allowClear={allowClear} placeholder={allowClear ? 'Mọi giai đoạn' : 'Chọn giai đoạn'} style={{ minWidth: 280 }} aria-label="Giai đoạn" data-testid="phase-select"
      loading={phases.isLoading} value={value} onChange={(id?: string) => onChange(id)}
      options={(phases.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
  )
}
