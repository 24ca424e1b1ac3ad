import { Modal, Table } from 'antd'

export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['Enter / Tab', 'Sang ô tiếp theo (trong danh sách: chọn mục đang sáng rồi sang ô tiếp)'],
  ['Shift+Enter / Shift+Tab', 'Về ô trước'],
  ['Ctrl+Enter', 'Lưu, hoàn thành và sang trường hợp tiếp theo (số tự tăng, giữ các ô lặp lại)'],
  ['Ctrl+Shift+Enter', 'Lưu dạng nháp (còn lỗi, để sửa sau) và sang trường hợp tiếp theo'],
  ['Ctrl+S', 'Lưu nháp lên máy chủ ngay'],
  ['PageDown / PageUp', 'Trang ảnh sau / trước'],
  ['Ctrl+I', 'Đánh dấu (hoặc bỏ đánh dấu) ô đang nhập là khó đọc'],
  ['F8', 'Đến ô có lỗi đầu tiên'],
  ['Tab / Enter trên ô đề xuất OCR', 'Nhận giá trị đọc từ ảnh (ô tô xanh, nhãn "OCR 87%"; nhãn cam: độ tin cậy dưới 60%, kiểm tra kỹ)'],
  ['Gõ trên ô đề xuất OCR', 'Thay đề xuất bằng chữ gõ (chữ đề xuất được bôi đen sẵn); Delete hoặc Backspace rồi Tab: để trống ô'],
  ['Ctrl+Enter khi còn đề xuất OCR', 'Không lưu: con trỏ đến ô đề xuất đầu tiên chưa xem và báo còn bao nhiêu ô'],
  ['Alt+T', 'Viết hoa chữ đầu cho họ tên đang nhập'],
  ['↓ / ↑ trong ô địa danh', 'Chọn một gợi ý (giá trị đã nhập trong sổ, tên đơn vị hành chính); Enter giữ đúng chữ đã gõ nếu chưa chọn, Esc đóng gợi ý'],
  ['Alt+M', 'Hiện / ẩn các ô ít gặp'],
  ['Alt+N', 'Số còn thiếu, số trùng của sổ'],
  ['Alt+G', 'Ghi chú bên lề (cột ghi chú của sổ) cho trường hợp vừa lưu: xem, thêm, sửa, thu hồi; Ctrl+Enter lưu ghi chú, Esc đóng'],
  ['Alt+= / Alt+- / Alt+0', 'Phóng to / thu nhỏ / vừa khung ảnh'],
  ['Alt+↓ / Alt+↑', 'Cuộn ảnh xuống / lên; sổ đã đánh dấu dòng: dịch dải dòng của trang xuống / lên một chút'],
  ['Alt+Shift+↓ / Alt+Shift+↑', 'Sổ đã đánh dấu dòng: dải dòng của trang cao hơn / thấp hơn (lưu cho trang này)'],
  ['Alt+R', 'Xoay ảnh để đọc'],
  ['Alt+C / Alt+B', 'Đổi độ tương phản / độ sáng của ảnh'],
  ['F1', 'Mở / đóng bảng phím tắt này'],
]

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="Phím tắt của màn hình nhập liệu" width={720}>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={SHORTCUTS.map(([keys, action]) => ({ keys, action }))}
        columns={[
          { title: 'Phím', dataIndex: 'keys', width: 220, render: (k: string) => <kbd>{k}</kbd> },
          { title: 'Tác dụng', dataIndex: 'action' },
        ]}
      />
    </Modal>
  )
}
