import { AQL_VALUES, DEFAULT_AQL, PhaseInput, type BookTypeCode } from '@hts/domain'
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { bookTypeOptions } from '../../books/bookTypes'
import { useUnits } from '../../units/api'
import { useSavePhase, type PhaseView } from '../api'

interface FormValues {
  name?: string
  window?: [Dayjs | null, Dayjs | null] | null
  bookTypes?: BookTypeCode[]
  allUnits: boolean
  unitIds?: string[]
  dates?: [Dayjs | null, Dayjs | null] | null
  unitPriceVnd?: number | null
  aql: number
}

const thousands = (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
const digits = (v: string | undefined) => Number((v ?? '').replace(/\D/g, '') || 0)
const AQL_OPTIONS = AQL_VALUES.map((v) => ({ value: v, label: v === DEFAULT_AQL ? `${String(v).replace('.', ',')} % (mặc định)` : `${String(v).replace('.', ',')} %` }))

function initialValues(phase: PhaseView | null): FormValues {
  if (!phase) return { allUnits: true, aql: DEFAULT_AQL, bookTypes: ['KS'], unitPriceVnd: 0 }
  return {
    name: phase.name, window: [dayjs(`${phase.windowFrom}-01`), dayjs(`${phase.windowTo}-01`)], bookTypes: phase.bookTypes as BookTypeCode[],
    allUnits: phase.unitIds === null, unitIds: phase.unitIds ?? [], dates: [dayjs(phase.startsOn), dayjs(phase.deadline)], unitPriceVnd: phase.unitPriceVnd, aql: phase.aql,
  }
}

/** What the form holds, as the API's shape (zod says what is wrong, in Vietnamese). */
function toInput(v: FormValues) {
  return {
    name: v.name ?? '', windowFrom: v.window?.[0]?.format('YYYY-MM') ?? '', windowTo: v.window?.[1]?.format('YYYY-MM') ?? '',
    bookTypes: v.bookTypes ?? [], unitIds: v.allUnits ? null : (v.unitIds ?? []), startsOn: v.dates?.[0]?.format('YYYY-MM-DD') ?? '',
    deadline: v.dates?.[1]?.format('YYYY-MM-DD') ?? '', unitPriceVnd: v.unitPriceVnd ?? 0, aql: v.aql,
  }
}

/** Which form field shows a message about an API field. */
const FORM_FIELD: Record<string, keyof FormValues> = { windowFrom: 'window', windowTo: 'window', startsOn: 'dates', deadline: 'dates' }

interface Props {
  open: boolean
  phase: PhaseView | null
  onClose: () => void
}

/** "Giai đoạn": the province officer defines or edits a phase of the campaign. */
export function PhaseFormDrawer({ open, phase, onClose }: Props) {
  const [form] = Form.useForm<FormValues>()
  const units = useUnits()
  const save = useSavePhase()
  const allUnits = Form.useWatch('allUnits', form)

  useEffect(() => {
    if (!open) return
    form.setFieldsValue(initialValues(phase))
    save.reset()
    // Reset only when the drawer opens; the mutation object changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, phase])

  const showErrors = (errors: Array<[string, string]>) => {
    const seen = new Set<string>()
    form.setFields(errors.map(([name, message]) => ({ name: FORM_FIELD[name] ?? (name as keyof FormValues), errors: [message] })).filter((f) => !seen.has(f.name) && seen.add(f.name)))
  }

  const onFinish = (values: FormValues) => {
    const parsed = PhaseInput.safeParse(toInput(values))
    if (!parsed.success) return showErrors(parsed.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]))
    save.mutate({ id: phase?.id, input: parsed.data, version: phase?.version }, {
      onSuccess: onClose,
      onError: (err) => {
        if (err instanceof HttpError && err.body.fieldErrors) showErrors(Object.entries(err.body.fieldErrors))
      },
    })
  }

  // Districts and communes of the province, historic ones too (a phase may follow an old district's books).
  const unitOptions = (units.data ?? []).filter((u) => u.level !== 'province')
    .map((u) => ({ value: u.id, label: `${u.name}${u.level === 'district' ? ' (cả huyện)' : ''}${u.current ? '' : ' (trước 2025)'}` }))

  return (
    <Drawer open={open} onClose={onClose} size={600} title={phase ? `Sửa giai đoạn: ${phase.name}` : 'Giai đoạn mới'} destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="phase-submit">Lưu giai đoạn</Button>
        </Space>
      }
    >
      {save.isError && <Alert type="error" showIcon role="alert" title={errorMessage(save.error)} style={{ marginBottom: 16 }} data-testid="phase-form-error" />}
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark data-testid="phase-form">
        <Form.Item label="Tên giai đoạn" name="name" required>
          <Input placeholder="Ví dụ: Giai đoạn 1 — sổ từ 1990 đến 1999" maxLength={200} />
        </Form.Item>
        <Form.Item label="Khoảng thời gian đăng ký (tháng)" name="window" required extra="Trường hợp đăng ký trong các tháng này (tính cả hai đầu) thuộc giai đoạn.">
          <DatePicker.RangePicker picker="month" format="MM/YYYY" placeholder={['Từ tháng', 'Đến tháng']} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Loại sổ" name="bookTypes" required>
          <Select mode="multiple" options={bookTypeOptions()} placeholder="Chọn loại sổ" />
        </Form.Item>
        <Form.Item label="Đơn vị" name="allUnits">
          <Radio.Group options={[{ value: true, label: 'Tất cả đơn vị trong tỉnh' }, { value: false, label: 'Chọn đơn vị' }]} />
        </Form.Item>
        {allUnits === false && (
          <Form.Item name="unitIds" required label="Các đơn vị" extra="Chọn một huyện là gồm mọi xã của huyện đó và các xã mới đã nhận sổ của chúng khi sáp nhập.">
            <Select mode="multiple" options={unitOptions} loading={units.isLoading} showSearch={{ optionFilterProp: 'label' }} placeholder="Chọn xã hoặc huyện (kể cả đơn vị trước sáp nhập)" />
          </Form.Item>
        )}
        <Form.Item label="Ngày bắt đầu — hạn hoàn thành" name="dates" required>
          <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Bắt đầu', 'Hạn hoàn thành']} style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="Đơn giá (đồng/trường hợp)" name="unitPriceVnd" required>
              <InputNumber<number> min={0} max={10_000_000} step={500} formatter={thousands} parser={digits} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="AQL nghiệm thu" name="aql" extra="Theo ISO 2859-1, như phân hệ nghiệm thu.">
              <Select options={AQL_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  )
}
