/**
 * Nationalities as Vietnamese books write them, coded with ISO 3166-1 alpha-2 (VN for Việt Nam).
 * Labels use the official Vietnamese transliteration; the everyday and English names are aliases.
 * States that no longer exist but fill older books (Liên Xô, Tiệp Khắc...) keep their ISO 3166-3
 * former codes rather than being mapped to a successor: which successor is a fact we don't know.
 */
import type { CodeItem } from '../catalog/types'

function country(code: string, label: string, ...aliases: string[]): CodeItem {
  return aliases.length > 0 ? { code, label, aliases } : { code, label }
}

export const NATIONALITIES: readonly CodeItem[] = [
  country('VN', 'Việt Nam', 'Viet Nam', 'Vietnam', 'Việt', 'Cộng hòa xã hội chủ nghĩa Việt Nam', 'CHXHCN Việt Nam'),
  // Neighbours and the region
  country('CN', 'Trung Quốc', 'China', 'Trung Hoa', 'Cộng hòa Nhân dân Trung Hoa'),
  country('TW', 'Đài Loan (Trung Quốc)', 'Đài Loan', 'Taiwan'),
  country('HK', 'Hồng Kông (Trung Quốc)', 'Hồng Kông', 'Hong Kong'),
  country('MO', 'Ma Cao (Trung Quốc)', 'Ma Cao', 'Macao', 'Macau'),
  country('LA', 'Lào', 'Laos', 'Cộng hòa Dân chủ Nhân dân Lào', 'CHDCND Lào'),
  country('KH', 'Campuchia', 'Cam-pu-chia', 'Căm-pu-chia', 'Cambodia'),
  country('TH', 'Thái Lan', 'Thailand'),
  country('MM', 'Mi-an-ma', 'Myanmar', 'Miến Điện'),
  country('MY', 'Ma-lai-xi-a', 'Malaysia', 'Malaixia'),
  country('SG', 'Xin-ga-po', 'Singapore', 'Xinh-ga-po', 'Singapo'),
  country('ID', 'In-đô-nê-xi-a', 'Indonesia', 'Inđônêxia'),
  country('PH', 'Phi-líp-pin', 'Philippines', 'Philippin', 'Phi-lip-pin'),
  country('BN', 'Bru-nây', 'Brunei'),
  country('TL', 'Đông Ti-mo', 'Đông Timor', 'Timor-Leste'),
  country('KR', 'Hàn Quốc', 'Đại Hàn Dân Quốc', 'Đại Hàn', 'Nam Hàn', 'Korea', 'South Korea'),
  country('KP', 'Triều Tiên', 'Bắc Triều Tiên', 'CHDCND Triều Tiên', 'North Korea'),
  country('JP', 'Nhật Bản', 'Nhật', 'Japan'),
  country('MN', 'Mông Cổ', 'Mongolia'),
  country('IN', 'Ấn Độ', 'India'),
  country('PK', 'Pa-ki-xtan', 'Pakistan'),
  country('BD', 'Băng-la-đét', 'Bangladesh'),
  country('LK', 'Xri Lan-ca', 'Sri Lanka'),
  country('NP', 'Nê-pan', 'Nepal'),
  // Oceania and the Americas
  country('AU', 'Ô-xtrây-li-a', 'Úc', 'Australia', 'Ôxtrâylia'),
  country('NZ', 'Niu Di-lân', 'New Zealand', 'Niu Dilân'),
  country('US', 'Hoa Kỳ', 'Mỹ', 'Hoa Kì', 'Hợp chủng quốc Hoa Kỳ', 'USA', 'United States', 'United States of America'),
  country('CA', 'Ca-na-đa', 'Canada', 'Canađa'),
  country('MX', 'Mê-hi-cô', 'Mexico', 'Mê-xi-cô'),
  country('CU', 'Cu-ba', 'Cuba'),
  country('BR', 'Bra-xin', 'Brazil', 'Braxin'),
  country('AR', 'Ác-hen-ti-na', 'Argentina'),
  country('CL', 'Chi-lê', 'Chile'),
  country('PE', 'Pê-ru', 'Peru'),
  country('CO', 'Cô-lôm-bi-a', 'Colombia'),
  country('VE', 'Vê-nê-xu-ê-la', 'Venezuela'),
  // Europe
  country('GB', 'Vương quốc Anh', 'Anh', 'United Kingdom', 'UK', 'Liên hiệp Vương quốc Anh và Bắc Ai-len'),
  country('IE', 'Ai-len', 'Ireland', 'Ai-rơ-len'),
  country('FR', 'Pháp', 'France', 'Cộng hòa Pháp'),
  country('DE', 'Đức', 'Germany', 'Cộng hòa Liên bang Đức', 'CHLB Đức', 'Tây Đức'),
  country('IT', 'I-ta-li-a', 'Italia', 'Italy', 'Ý'),
  country('ES', 'Tây Ban Nha', 'Spain'),
  country('PT', 'Bồ Đào Nha', 'Portugal'),
  country('NL', 'Hà Lan', 'Netherlands'),
  country('BE', 'Bỉ', 'Belgium'),
  country('CH', 'Thụy Sĩ', 'Thụy Sỹ', 'Switzerland'),
  country('AT', 'Áo', 'Austria'),
  country('SE', 'Thụy Điển', 'Sweden'),
  country('NO', 'Na Uy', 'Norway'),
  country('DK', 'Đan Mạch', 'Denmark'),
  country('FI', 'Phần Lan', 'Finland'),
  country('PL', 'Ba Lan', 'Poland'),
  country('CZ', 'Séc', 'Cộng hòa Séc', 'Czech', 'Czechia'),
  country('SK', 'Xlô-va-ki-a', 'Slovakia'),
  country('HU', 'Hung-ga-ri', 'Hungary', 'Hungari'),
  country('RO', 'Ru-ma-ni', 'Romania', 'Rumani'),
  country('BG', 'Bun-ga-ri', 'Bulgaria', 'Bungari'),
  country('RU', 'Liên bang Nga', 'Nga', 'Russia', 'Nước Nga'),
  country('UA', 'U-crai-na', 'Ukraine', 'Ucraina'),
  country('BY', 'Bê-la-rút', 'Belarus'),
  country('GR', 'Hy Lạp', 'Greece'),
  country('TR', 'Thổ Nhĩ Kỳ', 'Turkey', 'Türkiye'),
  // Middle East and Africa
  country('IL', 'I-xra-en', 'Israel'),
  country('SA', 'A-rập Xê-út', 'Ả Rập Xê Út', 'Saudi Arabia'),
  country('AE', 'Các Tiểu vương quốc A-rập Thống nhất', 'UAE', 'United Arab Emirates'),
  country('QA', 'Ca-ta', 'Qatar'),
  country('KW', 'Cô-oét', 'Kuwait'),
  country('IR', 'I-ran', 'Iran'),
  country('IQ', 'I-rắc', 'Iraq'),
  country('EG', 'Ai Cập', 'Egypt'),
  country('DZ', 'An-giê-ri', 'Algeria'),
  country('MA', 'Ma-rốc', 'Morocco'),
  country('ZA', 'Nam Phi', 'South Africa'),
  country('NG', 'Ni-giê-ri-a', 'Nigeria'),
  country('MZ', 'Mô-dăm-bích', 'Mozambique'),
  // Former states (ISO 3166-3), as older books write them
  country('SU', 'Liên Xô', 'Liên bang Xô viết', 'USSR'),
  country('DD', 'Cộng hòa Dân chủ Đức', 'CHDC Đức', 'Đông Đức'),
  country('CS', 'Tiệp Khắc', 'Czechoslovakia'),
  country('YU', 'Nam Tư', 'Yugoslavia'),
]
