import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvFileName, csvText, ordersCsv, passbookCsv } from '../../src/app/csv-export';
import type { OrderRow } from '../../src/projections/orders-board';
import type { PassbookLine } from '../../src/projections/passbook';

const at = new Date(2026, 10, 19, 21, 41, 12).getTime();
const line = (seq: number, kind: PassbookLine['kind'], inn: number, out: number, balance: number, description = 'Charge'): PassbookLine => ({
  seq,
  version: seq,
  at,
  kind,
  description,
  in: inn,
  out,
  balance,
});

/** Splits CSV text into rows of cells (quoted cells may hold commas and quotes). */
function parse(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const rows: string[][] = [];
  for (const raw of text.slice(1).split('\r\n').filter((r) => r !== '')) {
    const cells: string[] = [];
    const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw)) && m[0] !== '') {
      cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
      if (m[3] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

describe('CSV export of the books', () => {
  it('numbers are written in the language’s format and quoted when they hold a comma', () => {
    expect(csvCell(1234567, 'en')).toBe('"1,234,567"');
    expect(csvCell(1234567, 'ko')).toBe('"1,234,567"');
    expect(csvCell(950, 'ko')).toBe('950');
  });

  it('text with commas, quotes or line breaks is quoted; a formula-like text is defused', () => {
    expect(csvCell('a, "b"', 'en')).toBe('"a, ""b"""');
    expect(csvCell('two\nlines', 'en')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")', 'en')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5 memo', 'en')).toBe("'-5 memo");
    expect(csvText([['a', 1]], 'en')).toBe(`${CSV_BOM}a,1\r\n`);
  });

  it('the passbook is headed and described in the user’s language, oldest first, with the running balance', () => {
    const lines = [line(1, 'charge', 5000, 0, 5000), line(3, 'deduct', 0, 1200, 3800, 'Order #1')];
    const describe = (l: PassbookLine) => (l.kind === 'charge' ? '충전' : '주문 #1 결제');
    const rows = parse(passbookCsv(lines, 'ko', describe));
    expect(rows[0]).toEqual(['이벤트', '날짜', '내용', '입금', '출금', '잔액']);
    expect(rows[1]).toEqual(['1', '2026. 11. 19. 21:41:12', '충전', '5,000', '', '5,000']);
    expect(rows[2]).toEqual(['3', '2026. 11. 19. 21:41:12', '주문 #1 결제', '', '1,200', '3,800']);
    const en = parse(passbookCsv(lines, 'en', (l) => l.description));
    expect(en[0]).toEqual(['Event', 'Date', 'Description', 'In', 'Out', 'Balance']);
    expect(en[1][1]).toBe('11/19/2026, 21:41:12');
  });

  it('the orders say what was delivered, undelivered and refunded, and where they stopped', () => {
    const failed: OrderRow = {
      orderId: '7',
      postId: 'p1',
      quantity: 1000,
      unitPrice: 3,
      total: 3000,
      batchSize: 100,
      status: 'failed',
      delivered: 400,
      lastBatchNo: 7,
      lastSuccessBatchNo: 4,
      lastSuccessAt: at,
      failures: 3,
      consecutiveFailures: 3,
      stoppedAt: { batchNo: 7, reason: 'timeout', seq: 40 },
      placedSeq: 10,
      placedAt: at,
      updatedAt: at,
      refund: 1800,
    };
    const rows = parse(ordersCsv([failed], 'en', { postTitle: () => 'Hello, world', status: () => 'Failed', reason: () => 'timeout' }));
    expect(rows[0]).toEqual(['Order', 'Post', 'Status', 'Quantity', 'Delivered', 'Undelivered', 'Price per like', 'Total', 'Refund', 'Placed', 'Stopped at batch', 'Reason']);
    expect(rows[1]).toEqual(['7', 'Hello, world', 'Failed', '1,000', '400', '600', '3', '3,000', '1,800', '11/19/2026, 21:41:12', '7', 'timeout']);
    expect(parse(ordersCsv([failed], 'ko', { postTitle: () => 'p', status: () => '실패', reason: () => '시간 초과' }))[0][0]).toBe('주문');
  });

  it('event numbers are identifiers, written without grouping', () => {
    const rows = parse(passbookCsv([line(12345, 'charge', 5, 0, 5)], 'en', () => 'Charge'));
    expect(rows[1][0]).toBe('12345');
  });

  it('the file is named after what it holds and the event it was taken at', () => {
    expect(csvFileName('passbook', 1234)).toBe('passbook-at-event-1234.csv');
  });
});
