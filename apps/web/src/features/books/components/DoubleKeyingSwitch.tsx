import { App, Switch, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { BookView as BookViewSchema, type BookUpdate } from '@hts/domain'
import { errorMessage, requestParsed } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { bookKeys, type BookView } from '../api'

/** Double keying of a book (issue 11): the justice officer switches it; everyone sees whether it is on. */
export function DoubleKeyingSwitch({ book }: { book: BookView }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const update = useMutation({
    mutationFn: (body: BookUpdate) => requestParsed(BookViewSchema, `/api/books/${encodeURIComponent(book.id)}`, { method: 'PATCH', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(bookKeys.detail(saved.id), saved)
      void message.success(saved.doubleKeying ? 'Đã bật nhập kép: mỗi trường hợp được hai người nhập độc lập' : 'Đã tắt nhập kép')
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  if (!hasPermission(me, 'book.update')) return <Typography.Text>{book.doubleKeying ? 'Có (hai người nhập độc lập)' : 'Không'}</Typography.Text>
  return (
    <Switch
      aria-label="Nhập kép"
      checked={book.doubleKeying}
      loading={update.isPending}
      checkedChildren="Bật"
      unCheckedChildren="Tắt"
      onChange={(on) => update.mutate({ doubleKeying: on, version: book.version })}
    />
  )
}
