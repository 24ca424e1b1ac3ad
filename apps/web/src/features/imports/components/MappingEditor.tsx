import { fieldGroupsOf, isBookTypeCode } from '@hts/domain'
import { Alert, Button, Select, Space, Table, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { useAnalyse, type AnalysisColumn, type ImportView } from '../api'

const SKIP = '__bo_qua__'
const STATUS: Record<AnalysisColumn['status'], { color: string; label: string }> = {
  matched: { color: 'green', label: 'Khớp mẫu' },
  mapped: { color: 'blue', label: 'Đã ghép' },
  ignored: { color: 'default', label: 'Bỏ qua' },
  unknown: { color: 'orange', label: 'Chưa nhận ra' },
  duplicate: { color: 'red', label: 'Trùng cột khác' },
}

/**
 * One row per column of the file: what it was matched to, and a field to assign (suggestions
 * first). "Áp dụng" analyses the kept file again with the new mapping; nothing is written yet.
 */
export function MappingEditor({ view }: { view: ImportView }) {
  const analyse = useAnalyse(view.id)
  const columns = useMemo(() => view.analysis?.columns ?? [], [view.analysis])
  const [mapping, setMapping] = useState<Record<string, string | null>>({})
  const changed = Object.keys(mapping).length > 0

  const fieldOptions = useMemo(() => {
    if (!isBookTypeCode(view.bookType)) return []
    return fieldGroupsOf(view.bookType).map((g) => ({ label: g.label, options: g.fields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` })) }))
  }, [view.bookType])

  const valueOf = (c: AnalysisColumn) => (c.header in mapping ? (mapping[c.header] ?? SKIP) : (c.key ?? (c.status === 'ignored' ? SKIP : undefined)))
  const apply = () => {
    // The server keeps the whole mapping: columns already matched stay as they are.
    const full: Record<string, string | null> = {}
    for (const c of columns) {
      const v = valueOf(c)
      if (v !== undefined) full[c.header] = v === SKIP ? null : v
    }
    analyse.mutate({ mapping: full }, { onSuccess: () => setMapping({}) })
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<AnalysisColumn>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={columns}
        scroll={{ y: 420 }}
        columns={[
          { title: 'Cột trong tệp', dataIndex: 'header', render: (h: string) => h || <em>(không tên)</em> },
          { title: 'Trạng thái', dataIndex: 'status', width: 140, render: (s: AnalysisColumn['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
          {
            title: 'Ghép vào trường',
            width: 380,
            render: (_, c) => (
              <Select
                aria-label={`Trường cho cột ${c.header}`}
                showSearch
                optionFilterProp="label"
                style={{ width: '100%' }}
                placeholder="Chọn trường hoặc bỏ qua"
                value={valueOf(c)}
                onChange={(v: string) => setMapping((m) => ({ ...m, [c.header]: v === SKIP ? null : v }))}
                options={[
                  ...(c.suggestions.length > 0 ? [{ label: 'Gợi ý', options: c.suggestions.map((s) => ({ value: s.key, label: `${s.label} (${s.key})` })) }] : []),
                  { label: 'Không nhập', options: [{ value: SKIP, label: 'Bỏ qua cột này' }] },
                  ...fieldOptions,
                ]}
              />
            ),
          },
        ]}
      />
      {analyse.isError && <Alert type="error" showIcon title={errorMessage(analyse.error)} />}
      <Space>
        <Button type="primary" disabled={!changed} loading={analyse.isPending} onClick={apply}>
          Áp dụng cách ghép cột và phân tích lại
        </Button>
        {changed && <Button onClick={() => setMapping({})}>Bỏ thay đổi</Button>}
      </Space>
    </Space>
  )
}
