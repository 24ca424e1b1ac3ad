import { conflict, unprocessable } from '../../http/errors'
export { notFound } from '../../http/errors'

const REFUSALS = {
  decided: () => conflict('Cặp này đã được xử lý (có thể bởi người khác): tải lại danh sách'),
  keep: () => unprocessable('Bản giữ lại phải là một trong hai trường hợp của cặp'),
}

/** Why a decision on a pair is refused, as the officer reads it. */
export const refusalFor = (why: keyof typeof REFUSALS) => REFUSALS[why]()
