/**
 * Every code list of the MOJ template (DOMAIN.md §4) and of our own registers.
 * Where the real template's "Ghi chu" sheet gives a label it is authoritative; we only write "ký"
 * for its "kí" and spell out its abbreviations, and keep its exact wording as an alias.
 */
import type { CodeItem, CodeListKey } from '../catalog/types'
import { ETHNIC_GROUPS } from './ethnic-groups'
import { NATIONALITIES } from './nationalities'

export const CODE_LISTS: Readonly<Record<CodeListKey, readonly CodeItem[]>> = {
  loaiDangKyKS: [
    { code: '1', label: 'Đăng ký đúng hạn', aliases: ['Đăng kí đúng hạn', 'Đúng hạn'] },
    { code: '2', label: 'Đăng ký lại', aliases: ['Đăng kí lại'] },
    {
      code: '3',
      label: 'Ghi vào sổ việc khai sinh đã đăng ký ở cơ quan có thẩm quyền nước ngoài',
      aliases: ['Ghi vào sổ việc khai sinh đã đăng ký ở CQ có thẩm quyền nước ngoài', 'Ghi chú khai sinh'],
    },
    { code: '4', label: 'Đăng ký quá hạn', aliases: ['Đăng kí quá hạn', 'Quá hạn'] },
    { code: '5', label: 'Cấp bản chính giấy khai sinh' },
    { code: '6', label: 'Không xác định' },
  ],
  loaiDangKyKT: [
    { code: '1', label: 'Đăng ký đúng hạn', aliases: ['Đăng kí đúng hạn', 'Đúng hạn'] },
    { code: '2', label: 'Đăng ký lại', aliases: ['Đăng kí lại'] },
    {
      code: '3',
      label: 'Ghi vào sổ việc khai tử đã đăng ký ở cơ quan có thẩm quyền nước ngoài',
      aliases: ['Ghi chú khai tử'],
    },
    { code: '4', label: 'Đăng ký quá hạn', aliases: ['Đăng kí quá hạn', 'Quá hạn'] },
  ],
  loaiDangKyKH: [
    { code: '1', label: 'Đăng ký lần đầu', aliases: ['Đăng ký mới', 'Đăng ký kết hôn'] },
    { code: '2', label: 'Đăng ký lại', aliases: ['Đăng kí lại', 'Đăng ký lại kết hôn'] },
  ],
  loaiDangKyCMC: [
    { code: '1', label: 'Đăng ký mới', aliases: ['Đăng ký lần đầu'] },
    {
      code: '2',
      label: 'Ghi vào sổ việc nhận cha, mẹ, con đã đăng ký ở cơ quan có thẩm quyền nước ngoài',
      aliases: ['Ghi chú nhận cha, mẹ, con'],
    },
  ],
  gioiTinh: [
    { code: '1', label: 'Nam' },
    { code: '2', label: 'Nữ' },
    // The template says "Không xác định"; the brief and some books say "Chưa xác định".
    { code: '3', label: 'Không xác định', aliases: ['Chưa xác định'] },
  ],
  loaiGiayToTuyThan: [
    {
      code: '1',
      label: 'Giấy chứng minh nhân dân',
      aliases: ['Giấy CMND', 'CMND', 'Chứng minh nhân dân', 'CMTND', 'Chứng minh thư'],
    },
    { code: '2', label: 'Hộ chiếu' },
    { code: '3', label: 'Thẻ thường trú' },
    {
      code: '4',
      label: 'Thẻ căn cước công dân',
      aliases: ['CCCD', 'Căn cước công dân', 'Thẻ căn cước', 'Căn cước'],
    },
    { code: '5', label: 'Giấy chứng minh quân đội nhân dân', aliases: ['Chứng minh quân đội'] },
    { code: '6', label: 'Giấy chứng minh sĩ quan quân đội', aliases: ['Chứng minh sĩ quan'] },
    { code: '7', label: 'Giấy chứng minh công an nhân dân', aliases: ['Chứng minh công an'] },
    { code: '8', label: 'Giấy tờ khác', aliases: ['Khác'] },
  ],
  loaiKhaiSinh: [
    { code: '1', label: 'Xác định được cả cha và mẹ' },
    { code: '2', label: 'Chưa xác định được mẹ' },
    { code: '3', label: 'Chưa xác định được cha' },
    { code: '4', label: 'Chưa xác định được cả cha và mẹ' },
    { code: '5', label: 'Trẻ bị bỏ rơi' },
  ],
  loaiCuTru: [
    { code: '1', label: 'Thường trú' },
    { code: '2', label: 'Tạm trú' },
  ],
  gbtLoai: [
    { code: '1', label: 'Giấy báo tử' },
    { code: '2', label: 'Giấy xác nhận việc thi hành án tử hình' },
    { code: '3', label: 'Bản án, quyết định của Tòa án tuyên bố một người là đã chết' },
    { code: '4', label: 'Văn bản xác nhận của cơ quan công an hoặc kết quả giám định pháp y' },
    { code: '5', label: 'Văn bản của cơ quan y tế' },
    { code: '6', label: 'Biên bản xác nhận việc chết' },
    { code: '7', label: 'Văn bản của người làm chứng' },
  ],
  loaiMucDichSuDung: [
    { code: '1', label: 'Kết hôn tại Việt Nam với công dân Việt Nam' },
    { code: '2', label: 'Kết hôn tại Việt Nam với người nước ngoài' },
    { code: '3', label: 'Kết hôn tại nước ngoài với công dân Việt Nam' },
    { code: '4', label: 'Kết hôn tại nước ngoài với người nước ngoài' },
    { code: '5', label: 'Mục đích khác' },
  ],
  loaiXacNhan: [
    { code: '1', label: 'Cha nhận con' },
    { code: '2', label: 'Mẹ nhận con' },
    { code: '3', label: 'Con nhận cha' },
    { code: '4', label: 'Con nhận mẹ' },
  ],
  // DOMAIN.md gives the labels only; codes follow the order it lists them in.
  tinhTrangKetHon: [
    { code: '1', label: 'Đã ly hôn', aliases: ['Ly hôn'] },
    { code: '2', label: 'Hủy việc kết hôn trái pháp luật', aliases: ['Hủy kết hôn trái pháp luật'] },
    { code: '3', label: 'Công nhận việc kết hôn', aliases: ['Công nhận kết hôn'] },
    { code: '4', label: 'Không có thông tin' },
  ],
  tinhTrangTuyenBo: [
    { code: '1', label: 'Tuyên bố' },
    { code: '2', label: 'Hủy tuyên bố' },
  ],
  danToc: ETHNIC_GROUPS,
  quocTich: NATIONALITIES,
  loaiThayDoi: [
    { code: '1', label: 'Thay đổi hộ tịch', aliases: ['Thay đổi'] },
    { code: '2', label: 'Cải chính hộ tịch', aliases: ['Cải chính'] },
    { code: '3', label: 'Bổ sung thông tin hộ tịch', aliases: ['Bổ sung hộ tịch', 'Bổ sung'] },
    { code: '4', label: 'Xác định lại dân tộc' },
    {
      code: '5',
      label: 'Ghi vào sổ theo bản án, quyết định của Tòa án',
      aliases: ['Ghi theo bản án, quyết định của Tòa án'],
    },
  ],
  loaiGiamHo: [
    { code: '1', label: 'Giám hộ cử', aliases: ['Đăng ký giám hộ cử'] },
    { code: '2', label: 'Giám hộ đương nhiên', aliases: ['Đăng ký giám hộ đương nhiên'] },
    {
      code: '3',
      label: 'Ghi vào sổ việc giám hộ đã đăng ký ở cơ quan có thẩm quyền nước ngoài',
      aliases: ['Ghi chú giám hộ'],
    },
  ],
  loaiChamDutGiamHo: [
    { code: '1', label: 'Chấm dứt giám hộ cử' },
    { code: '2', label: 'Chấm dứt giám hộ đương nhiên' },
  ],
}
