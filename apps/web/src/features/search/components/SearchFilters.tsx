import { ENTRY_STATUSES } from '@hts/domain'
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { bookTypeOptions } from '../../books/bookTypes'
import { useUnits } from '../../units/api'
import type { SearchParams } from '../api'

interface FormValues {
  q?: string
  parent?: string
  bookType?: string
  yearFrom?: number | null
  yearTo?: number | null
  dates?: [Dayjs | null, Dayjs | null] | null
  unitId?: string
  status?: string
  personalId?: string
  so?: number | null
  volume?: string
}

const text = (value: string | number | null | undefined) => (value === undefined || value === null || value === '' ? undefined : String(value).trim() || undefined)

function toValues(p: SearchParams): FormValues {
  return {
    q: p.q, parent: p.parent, bookType: p.bookType, unitId: p.unitId, status: p.status, personalId: p.personalId, volume: p.volume,
    yearFrom: p.yearFrom ? Number(p.yearFrom) : null,
    yearTo: p.yearTo ? Number(p.yearTo) : null,
    so: p.so ? Number(p.so) : null,
    dates: p.dateFrom || p.dateTo ? [p.dateFrom ? dayjs(p.dateFrom) : null, p.dateTo ? dayjs(p.dateTo) : null] : null,
  }
}

function toParams(v: FormValues): SearchParams {
  const out: SearchParams = {
    q: text(v.q), parent: text(v.parent), bookType: text(v.bookType), unitId: text(v.unitId), status: text(v.status),
    personalId: text(v.personalId), volume: text(v.volume), yearFrom: text(v.yearFrom), yearTo: text(v.yearTo), so: text(v.so),
    dateFrom: v.dates?.[0]?.format('YYYY-MM-DD'), dateTo: v.dates?.[1]?.format('YYYY-MM-DD'),
  }
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined))
}

/** Name and filters; the unit list includes historic communes (their books are kept by the successor). */
export function SearchFilters({ params, onSearch }: { params: SearchParams; onSearch: (next: SearchParams) => void }) {
  const units = useUnits()
  return (
    <Form<FormValues> layout="vertical" initialValues={toValues(params)} key={JSON.stringify(params)} onFinish={(v) => onSearch(toParams(v))}>
      <Row gutter={12}>
        <Col xs={24} md={12}><Form.Item name="q" label="Họ tên"><Input placeholder="Ví dụ: Nguyen Thi Hoa" allowClear /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="parent" label="Họ tên cha hoặc mẹ"><Input allowClear /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="bookType" label="Loại sổ"><Select allowClear options={bookTypeOptions()} /></Form.Item></Col>
        <Col xs={6} md={3}><Form.Item name="yearFrom" label="Từ năm"><InputNumber min={1800} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={6} md={3}><Form.Item name="yearTo" label="Đến năm"><InputNumber min={1800} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={6}><Form.Item name="dates" label="Ngày đăng ký"><DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} allowEmpty={[true, true]} /></Form.Item></Col>
        <Col xs={24} md={6}>
          <Form.Item name="unitId" label="Đơn vị (cả đơn vị cũ)">
            <Select allowClear showSearch optionFilterProp="label" loading={units.isLoading}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.current ? u.name : `${u.name} (cũ)` }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}><Form.Item name="status" label="Trạng thái"><Select allowClear options={Object.entries(ENTRY_STATUSES).map(([value, label]) => ({ value, label }))} /></Form.Item></Col>
        <Col xs={12} md={4}><Form.Item name="personalId" label="Số định danh"><Input inputMode="numeric" allowClear /></Form.Item></Col>
        <Col xs={12} md={4}><Form.Item name="so" label="Số"><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={12} md={4}><Form.Item name="volume" label="Quyển"><Input placeholder="01/2006" allowClear /></Form.Item></Col>
      </Row>
      <Button type="primary" htmlType="submit">Tìm</Button>
    </Form>
  )
}
