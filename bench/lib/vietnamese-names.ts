/**
 * Name frequencies for the synthetic population. Shares of surnames follow published estimates
 * for Vietnam (Nguyễn about 38%, Trần 11%, Lê 9.5%, Phạm 7%...): a few surnames carry most people.
 * Middle names are dominated by Văn (men) and Thị (women), less so for younger generations;
 * given names repeat a lot (weights are rough popularity, not census figures). All synthetic.
 */

/** [surname, weight in per mille] */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 384], ['Trần', 110], ['Lê', 95], ['Phạm', 70], ['Hoàng', 31], ['Huỳnh', 20], ['Phan', 45],
  ['Vũ', 20], ['Võ', 19], ['Đặng', 21], ['Bùi', 20], ['Đỗ', 14], ['Hồ', 13], ['Ngô', 13], ['Dương', 10],
  ['Lý', 5], ['Đinh', 7], ['Trương', 6], ['Lâm', 4], ['Mai', 4], ['Đào', 5], ['Cao', 4], ['Lương', 4],
  ['Tạ', 3], ['Hà', 4], ['Tô', 2], ['Châu', 2], ['Quách', 2], ['Lưu', 3], ['Thái', 2], ['Kiều', 2],
  ['Trịnh', 4], ['La', 1], ['Phùng', 2], ['Tăng', 1], ['Đoàn', 4], ['Vương', 2], ['Chu', 2], ['Khúc', 1],
  ['Âu', 1], ['Diệp', 1], ['Mạc', 1], ['Lục', 1], ['Triệu', 2], ['Thân', 1], ['Nông', 2], ['Lò', 1],
  ['Hứa', 1], ['Tống', 1], ['Giang', 1], ['Từ', 1], ['Văn', 1], ['Khổng', 1], ['Doãn', 1], ['Lã', 1],
]

/** [middle name, weight]; '' = no middle name. */
export const MALE_MIDDLE_OLD: ReadonlyArray<readonly [string, number]> = [
  ['Văn', 620], ['Đức', 60], ['Hữu', 50], ['Minh', 40], ['Quốc', 30], ['Đình', 40], ['Công', 35], ['Xuân', 25],
  ['Thanh', 25], ['Ngọc', 20], ['Trọng', 15], ['Quang', 15], ['Hồng', 10], ['Duy', 5], ['', 10],
]
export const MALE_MIDDLE_NEW: ReadonlyArray<readonly [string, number]> = [
  ['Văn', 250], ['Minh', 120], ['Đức', 80], ['Gia', 70], ['Quốc', 60], ['Anh', 60], ['Hoàng', 50], ['Tuấn', 40],
  ['Bảo', 60], ['Thành', 40], ['Duy', 40], ['Hữu', 30], ['Quang', 40], ['Trung', 20], ['Nhật', 30], ['Minh Anh', 10],
]
export const FEMALE_MIDDLE_OLD: ReadonlyArray<readonly [string, number]> = [
  ['Thị', 780], ['Ngọc', 40], ['Thanh', 30], ['Kim', 30], ['Thu', 25], ['Hồng', 20], ['Bích', 15], ['Thị Thu', 20],
  ['Thị Kim', 15], ['Thị Ngọc', 15], ['Mỹ', 10],
]
export const FEMALE_MIDDLE_NEW: ReadonlyArray<readonly [string, number]> = [
  ['Thị', 300], ['Ngọc', 90], ['Thu', 60], ['Thanh', 50], ['Thuỳ', 60], ['Minh', 60], ['Phương', 50], ['Khánh', 50],
  ['Bảo', 50], ['Hà', 30], ['Mai', 30], ['Diệu', 25], ['Kim', 25], ['Thị Thu', 20], ['Hoài', 20], ['Gia', 20],
]

/** [given name, weight]: the first dozen carry a large share. */
export const MALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  ['Hùng', 60], ['Dũng', 55], ['Tuấn', 55], ['Minh', 50], ['Hải', 45], ['Nam', 45], ['Long', 40], ['Sơn', 40],
  ['Thắng', 35], ['Cường', 35], ['Hưng', 30], ['Hoàng', 30], ['Quang', 28], ['Huy', 35], ['Đức', 30], ['Thành', 30],
  ['Trung', 28], ['Tùng', 25], ['Phong', 22], ['Khoa', 20], ['Bình', 25], ['An', 22], ['Phúc', 20], ['Tài', 15],
  ['Lâm', 12], ['Khang', 18], ['Bảo', 15], ['Đạt', 20], ['Hiếu', 20], ['Kiên', 14], ['Lộc', 14], ['Thịnh', 12],
  ['Vinh', 14], ['Toàn', 14], ['Thái', 10], ['Tiến', 16], ['Việt', 14], ['Quân', 18], ['Duy', 12], ['Hậu', 8],
  ['Tâm', 10], ['Nghĩa', 12], ['Trí', 10], ['Hoà', 12], ['Tú', 8], ['Dương', 8], ['Anh', 20], ['Công', 6],
  ['Hiệp', 8], ['Thuận', 8], ['Lực', 5], ['Khôi', 10], ['Nhân', 8], ['Phát', 8], ['Thiện', 6], ['Tín', 5],
  ['Vũ', 10], ['Hào', 5], ['Định', 5], ['Chiến', 8], ['Tuyên', 4], ['Quý', 6], ['Giang', 6], ['Mạnh', 10],
  ['Trường', 8], ['Điệp', 3], ['Kha', 2], ['Ánh', 2], ['Sang', 5], ['Luân', 3], ['Triều', 2], ['Bách', 3],
]
export const FEMALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  ['Lan', 55], ['Hương', 50], ['Hoa', 40], ['Linh', 50], ['Mai', 40], ['Hà', 40], ['Trang', 45], ['Thảo', 40],
  ['Ngọc', 30], ['Hằng', 30], ['Huyền', 30], ['Nga', 25], ['Phương', 30], ['Yến', 25], ['Thuỷ', 25], ['Loan', 20],
  ['Nhung', 20], ['Oanh', 15], ['Vân', 20], ['Anh', 35], ['Hạnh', 25], ['Dung', 25], ['Hiền', 25], ['Hồng', 20],
  ['Liên', 15], ['Nhi', 20], ['Vy', 18], ['Chi', 15], ['My', 15], ['Tâm', 12], ['Thu', 15], ['Hoà', 12],
  ['Thuý', 18], ['Uyên', 12], ['Quyên', 10], ['Xuân', 10], ['Diệp', 5], ['Trâm', 10], ['Giang', 12], ['Ly', 12],
  ['Thanh', 12], ['Diễm', 8], ['Khánh', 8], ['Ánh', 10], ['Tuyết', 10], ['Huệ', 10], ['Nụ', 4], ['Cúc', 6],
  ['Đào', 5], ['Lệ', 6], ['Mận', 3], ['Sen', 4], ['Thắm', 5], ['Vui', 2], ['Hảo', 4], ['Duyên', 10],
  ['Ngân', 12], ['Quỳnh', 15], ['Trinh', 10], ['Tiên', 8], ['Hậu', 5], ['Châu', 6], ['Ngà', 4], ['Thơ', 4],
]

/** Syllables whose tone mark sits differently in the old style (hòa) and the new one (hoà). */
export const OLD_TONE_STYLE: Readonly<Record<string, string>> = {
  Hoà: 'Hòa', Thuỷ: 'Thủy', Thuý: 'Thúy', Thuỳ: 'Thùy', Hoè: 'Hòe', Khoẻ: 'Khỏe', Toả: 'Tỏa', Loà: 'Lòa',
}

/** Synthetic place names: communes, districts, provinces (not real units). */
export const COMMUNES = [
  'An Phú', 'Bình Minh', 'Hòa Bình', 'Tân Lập', 'Đông Hưng', 'Xuân Thủy', 'Phú Lộc', 'Thanh Sơn', 'Quảng Đông',
  'Yên Thế', 'Hồng Phong', 'Nghĩa Hưng', 'Tiên Lữ', 'Cẩm Lương', 'Đại Đồng', 'Phúc Thành', 'Minh Tân', 'Long Hải',
  'Vĩnh Hòa', 'Thạch Bàn', 'Kim Sơn', 'Lạc Long', 'Hải Đông', 'Tam Hiệp', 'Bắc Sơn', 'Nam Sơn', 'Tây Hồ',
  'Gia Phú', 'Hưng Đạo', 'Quang Trung',
]
export const DISTRICTS = ['Đông Sơn', 'Tây Sơn', 'Nam Hà', 'Bắc Hà', 'Thanh Liêm', 'Kim Bảng', 'Yên Định', 'Hải Hậu']
export const PROVINCES = ['Sơn Hà', 'Hà Nam', 'Thái Bình', 'Nam Định', 'Ninh Bình']
/** Personal ID province prefixes (pre-2025 codes) used for synthetic IDs. */
export const ID_PROVINCES = ['034', '035', '036', '037', '038']

/**
 * The long tail a real register has beyond the common names above (weights in the same units:
 * each is rare, together they are a few per cent of people). Used by the register-file generator
 * so that a large file has tens of thousands of distinct full names, as a real book has.
 */
export const RARE_SURNAMES: ReadonlyArray<readonly [string, number]> = [
  'Bạch', 'Bế', 'Cù', 'Cấn', 'Đàm', 'Đoàn', 'Đồng', 'Đường', 'Giáp', 'Hầu', 'Hàn', 'Hạ', 'Hoa', 'Kha', 'Khương',
  'Kim', 'Lạc', 'Lăng', 'Lều', 'Lê Đình', 'Lò', 'Lộc', 'Lữ', 'Mẫn', 'Mông', 'Nghiêm', 'Ninh', 'Nông', 'Ông', 'Phí',
  'Phó', 'Phương', 'Quan', 'Quản', 'Sầm', 'Sơn', 'Tào', 'Thạch', 'Thiều', 'Tiêu', 'Tòng', 'Trình', 'Trà', 'Ứng', 'Văn',
  'Vi', 'Viên', 'Vương', 'Xa', 'Yên', 'Âu Dương', 'Bàn', 'Cầm', 'Chẩu', 'Danh', 'Dư', 'Đàng', 'Hoàng Phủ', 'Khuất', 'Lâm',
  'Liêu', 'Mã', 'Mai', 'Nhan', 'Ôn', 'Phù', 'Sử', 'Tôn Nữ', 'Tôn Thất', 'Vạn',
].map((name, i) => [name, 0.2 + (i % 5) * 0.1] as const)

export const RARE_MALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  'Ân', 'Bằng', 'Biên', 'Cảnh', 'Chính', 'Chung', 'Danh', 'Diện', 'Doanh', 'Đăng', 'Điền', 'Đông', 'Giáp', 'Hạnh', 'Hiển',
  'Hoan', 'Hợp', 'Huân', 'Khải', 'Khanh', 'Khiêm', 'Kỳ', 'Lập', 'Lĩnh', 'Luật', 'Mẫn', 'Nguyên', 'Nhật', 'Ninh', 'Phước',
  'Quảng', 'Quyết', 'Sáng', 'Sỹ', 'Tạo', 'Thạch', 'Thiên', 'Thông', 'Thức', 'Tịnh', 'Trác', 'Triết', 'Trọng', 'Tường', 'Uy',
  'Văn', 'Vĩnh', 'Vượng', 'Xuân', 'Yên', 'Bảo Long', 'Gia Huy', 'Minh Khôi', 'Đăng Khoa', 'Anh Tuấn', 'Hoàng Nam',
  'Nhật Minh', 'Quốc Bảo', 'Thiện Nhân', 'Tuấn Kiệt', 'Phúc Lâm', 'Hải Đăng', 'Trung Kiên', 'Đức Anh', 'Minh Quân',
].map((name, i) => [name, 0.5 + (i % 4) * 0.5] as const)

export const RARE_FEMALE_GIVEN: ReadonlyArray<readonly [string, number]> = [
  'Ái', 'Bảo', 'Bình', 'Cẩm', 'Chinh', 'Đoan', 'Gấm', 'Hiên', 'Hoài', 'Hồng Nhung', 'Kiều', 'Lam', 'Lụa', 'Lựu', 'Minh',
  'Mơ', 'Nguyệt', 'Nhàn', 'Nhiên', 'Phấn', 'Phượng', 'Quế', 'Sương', 'Tám', 'Thoa', 'Thư', 'Thục', 'Trà', 'Tươi', 'Vàng',
  'Vi', 'Xoan', 'Yên', 'Bảo Ngọc', 'Gia Hân', 'Khánh Linh', 'Minh Châu', 'Ngọc Ánh', 'Phương Anh', 'Thảo Vy', 'Thu Hà',
  'Tú Anh', 'Diệu Linh', 'Hà My', 'Bảo Anh', 'Mai Anh', 'Ngọc Diệp', 'Quỳnh Anh', 'Thanh Tâm', 'An Nhiên', 'Tường Vi',
].map((name, i) => [name, 0.5 + (i % 4) * 0.5] as const)
