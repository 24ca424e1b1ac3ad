import { Alert, Table, Typography } from 'antd'
import { useState } from 'react'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useImportWarnings, type ImportRowWarnings } from '../api'

const PAGE_SIZE = 20

/** Where a warning is: the field's name, and the file's column when the file had one for it ('' is the entry as a whole). */
function FieldName({ field, label, column }: { field: string; label: string; column: string | null }) {
  const where = field === '' ? '' : column === null ? ' (tệp không có cột này)' : column !== label ? ` (cột “${column}”)` : ''
  return (
    <>
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Text type="secondary">{where}</Typography.Text>
    </>
  )
}

/**
 * The rows taken although their checks gave warnings: row in the file and each warning, read from
 * the server a page at a time (an import of a million rows may have that many).
 */
export function ImportWarningsTable({ importId, total }: { importId: string; total: number }) {
  const [page, setPage] = useState(1)
  const list = useImportWarnings(importId, page, PAGE_SIZE, total > 0)
  return (
    <>
      <Typography.Paragraph type="secondary">
        {formatNumber(total)} dòng đã được ghi vào sổ nhưng có cảnh báo. Khi kiểm tra, hãy đối chiếu các ô dưới đây với sổ giấy.
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<ImportRowWarnings>
        rowKey="rowNumber"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? total, onChange: setPage, showSizeChanger: false, showTotal: (n) => `${formatNumber(n)} dòng` }}
        locale={{ emptyText: 'Không có dòng nào có cảnh báo' }}
        columns={[
          { title: 'Dòng trong tệp', dataIndex: 'rowNumber', width: 120, render: (n: number) => formatNumber(n) },
          {
            title: 'Cảnh báo (trường, cột trong tệp: nội dung)',
            render: (_, row) => (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {row.warnings.map((w, i) => (
                  <li key={`${w.field}-${i}`}>
                    <FieldName field={w.field} label={w.label} column={w.column} />: {w.message}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  )
}
