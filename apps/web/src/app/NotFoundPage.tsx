import { Button, Result } from 'antd'
import { Link } from 'react-router-dom'

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Đường dẫn không đúng hoặc trang đã được chuyển đi."
      extra={
        <Link to="/so">
          <Button type="primary">Về danh sách sổ</Button>
        </Link>
      }
    />
  )
}
