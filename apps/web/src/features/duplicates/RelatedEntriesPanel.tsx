import { RelatedEntries } from '@hts/domain'
import { useQuery } from '@tanstack/react-query'
import { Alert, Empty, List, Space, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { errorMessage, requestParsed } from '../../lib/http'
import { StatusTag } from '../entries/components/StatusTag'

/** "Trường hợp liên quan": the births, deaths and marriages of the people this entry names (DOMAIN.md §10). */
export function RelatedEntriesPanel({ entryId, version }: { entryId: string; version: number }) {
  const related = useQuery({
    queryKey: ['entries', 'related', entryId, version],
    queryFn: () => requestParsed(RelatedEntries, `/api/entries/${encodeURIComponent(entryId)}/related`),
  })
  if (related.isError) return <Alert type="error" showIcon title={errorMessage(related.error)} />
  if (!related.data) return null
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="related-entries">
      {related.data.flags.map((flag) => <Alert key={flag} type="warning" showIcon title={flag} />)}
      {related.data.items.length === 0 ? (
        <Empty description="Chưa thấy trường hợp liên quan ở sổ khác (tìm theo họ tên và ngày sinh đầy đủ)" />
      ) : (
        <List
          size="small"
          dataSource={related.data.items}
          renderItem={(item) => (
            <List.Item>
              <Space wrap>
                <Typography.Text strong>{item.relation}</Typography.Text>
                <Typography.Text type="secondary">của {item.role.replace(/^Thông tin /, '').toLowerCase()} {item.person}:</Typography.Text>
                <Link to={`/so/${item.entry.bookId}/truong-hop/${item.entry.id}`}>
                  Số {item.entry.so ?? '?'}{item.entry.registrationYear ? `/${item.entry.registrationYear}` : ''} · {item.entry.subjectName ?? 'không tên'} (quyển {item.entry.volume})
                </Link>
                <StatusTag status={item.entry.status} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  )
}
