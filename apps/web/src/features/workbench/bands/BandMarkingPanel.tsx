import { FIELD_GROUPS, type FieldDef } from '@hts/domain'
import { Alert, App, Button, Card, InputNumber, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { saveBandLayout, type BookBandLayoutView } from './api'
import type { BandMarking } from './useBandMarking'

interface Props {
  bookId: string
  marking: BandMarking
  fields: readonly FieldDef[]
  view: BookBandLayoutView | undefined
  rulesFound: boolean
  onSaved: (view: BookBandLayoutView) => void
}

/** The right-hand panel while marking: what to do next, each column's field, bands per page, save. */
export function BandMarkingPanel({ bookId, marking, fields, view, rulesFound, onSaved }: Props) {
  const { message } = App.useApp()
  const [saving, setSaving] = useState(false)
  const { state, columnKeys, layout, fitted } = marking
  const hasBand = state.top !== null && state.bottom !== null
  // "Họ, chữ đệm, tên" is the child's, the mother's or the father's: the section goes first.
  const options = fields.map((f) => ({ value: f.key, label: `${FIELD_GROUPS[f.group]} · ${f.label}` }))

  const save = async () => {
    if (!layout) return
    setSaving(true)
    try {
      const saved = await saveBandLayout(bookId, layout, view?.version ?? 0)
      onSaved(saved)
      marking.cancel()
      void message.success('Đã lưu dải dòng và các cột của sổ: các trường hợp tiếp theo hiện chỗ ghi từng ô bên cạnh ô nhập.')
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title="Đánh dấu dòng của sổ" style={{ marginBottom: 8 }} data-testid="band-marking-panel">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {!hasBand
          ? '1. Trên ảnh trang, kéo chuột từ mép trên đến mép dưới dòng của một trường hợp.'
          : '2. Bấm vào từng đường kẻ dọc giữa các cột (cả mép trái cột đầu và mép phải cột cuối); bấm lại để bỏ. Chọn ô của biểu mẫu cho mỗi cột.'}
        {rulesFound ? ' Dấu sẽ bám vào đường kẻ gần nhất (nét đứt xanh).' : ''}
      </Typography.Paragraph>
      {hasBand && columnKeys.length === 0 && <Alert type="info" showIcon title="Chưa có cột: cần ít nhất hai đường kẻ dọc." style={{ marginBottom: 8 }} />}
      {columnKeys.map((key, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Typography.Text style={{ width: 60, display: 'inline-block' }}>Cột {i + 1}</Typography.Text>
          <Select
            data-testid={`band-column-${i}`}
            aria-label={`Ô của cột ${i + 1}`}
            size="small"
            style={{ width: 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={key || undefined}
            placeholder="Chọn ô"
            options={options}
            onChange={(v: string) => marking.setKey(i, v)}
          />
        </Space>
      ))}
      {hasBand && (
        <Space style={{ marginTop: 4 }}>
          <Typography.Text>Số trường hợp mỗi trang</Typography.Text>
          <InputNumber aria-label="Số trường hợp mỗi trang" size="small" min={1} max={60} value={state.perPage ?? fitted ?? 1} onChange={(v) => marking.setPerPage(typeof v === 'number' ? v : null)} />
        </Space>
      )}
      <div style={{ marginTop: 8 }}>
        <Space>
          <Button type="primary" size="small" disabled={!layout} loading={saving} onClick={() => void save()} data-testid="band-save">
            Lưu dải dòng
          </Button>
          <Button size="small" onClick={marking.cancel}>Hủy</Button>
        </Space>
      </div>
    </Card>
  )
}
