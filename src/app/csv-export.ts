import type { OrderRow } from '../projections/orders-board';
import type { PassbookLine } from '../projections/passbook';

/**
 * The books as CSV for accounting: the passbook and the orders as they stood at one position of the log,
 * headed and written in the user's language and number format. Pure: rows in, text out.
 */
export type CsvLanguage = 'en' | 'ko';
export type CsvCell = string | number;

const LOCALE: Record<CsvLanguage, string> = { en: 'en-US', ko: 'ko-KR' };

const HEADERS = {
  passbook: {
    en: ['Event', 'Date', 'Description', 'In', 'Out', 'Balance'],
    ko: ['이벤트', '날짜', '내용', '입금', '출금', '잔액'],
  },
  orders: {
    en: ['Order', 'Post', 'Status', 'Quantity', 'Delivered', 'Undelivered', 'Price per like', 'Total', 'Refund', 'Placed', 'Stopped at batch', 'Reason'],
    ko: ['주문', '게시물', '상태', '수량', '전달', '미전달', '좋아요당 가격', '합계', '환불', '주문 시각', '멈춘 배치', '사유'],
  },
};

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte order mark (Hangul would be garbled). */
export const CSV_BOM = '\uFEFF';

/** One cell: numbers in the language's format; text that a spreadsheet would run as a formula is defused with a leading '. */
export function csvCell(value: CsvCell, language: CsvLanguage): string {
  let text = typeof value === 'number' ? new Intl.NumberFormat(LOCALE[language]).format(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF line ends, a BOM first. */
export function csvText(rows: readonly (readonly CsvCell[])[], language: CsvLanguage): string {
  return CSV_BOM + rows.map((r) => r.map((c) => csvCell(c, language)).join(',')).join('\r\n') + '\r\n';
}

/** Date and time of a line, numeric, in the language's order (e.g. "11/19/2026, 21:41:12", "2026. 11. 19. 21:41:12"). */
export function csvTime(at: number, language: CsvLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The passbook, oldest line first (as a ledger reads), each with its running balance; `describe` says what the line was in the user's words. */
export function passbookCsv(lines: readonly PassbookLine[], language: CsvLanguage, describe: (line: PassbookLine) => string): string {
  const rows: CsvCell[][] = [HEADERS.passbook[language]];
  // The event number is an identifier, not an amount: written without grouping.
  for (const l of lines) rows.push([String(l.seq), csvTime(l.at, language), describe(l), l.in || '', l.out || '', l.balance]);
  return csvText(rows, language);
}

export interface OrderCsvWords {
  postTitle(postId: string): string;
  status(order: OrderRow): string;
  /** Why it stopped, in the user's words; '' when it did not. */
  reason(order: OrderRow): string;
}

/** The orders in placement order, with what was delivered, left undelivered and refunded at that position. */
export function ordersCsv(orders: readonly OrderRow[], language: CsvLanguage, words: OrderCsvWords): string {
  const rows: CsvCell[][] = [HEADERS.orders[language]];
  for (const o of orders) {
    rows.push([
      o.orderId,
      words.postTitle(o.postId),
      words.status(o),
      o.quantity,
      o.delivered,
      o.quantity - o.delivered,
      o.unitPrice,
      o.total,
      o.refund,
      csvTime(o.placedAt, language),
      o.stoppedAt ? o.stoppedAt.batchNo : '',
      words.reason(o),
    ]);
  }
  return csvText(rows, language);
}

/** "passbook-at-event-1234.csv": what and where in the log, so two exports are told apart. */
export function csvFileName(what: 'passbook' | 'orders', seq: number): string {
  return `${what}-at-event-${seq}.csv`;
}
