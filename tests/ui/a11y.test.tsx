import axe from 'axe-core';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, charge, closeDesks, like, order, post, renderDesk, slider, start } from './harness';

/** This suite's views (the other views have their own checks). Colour contrast needs a real browser. */
const MINE = ['.app-header', '.timeline-sticky', '.panel-wallet', '.panel-orders', '.panel-order-detail', '.panel-posts'];

async function seriousViolations() {
  const result = await axe.run({ include: MINE.map((s) => [s]) } as axe.ElementContext, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('the desk has no serious or critical axe violations, live and in the past', async () => {
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'), like('p1', 'alice'), order('1', 'p1', 10, 20, 5), start('1'), batch('1', 1, 5));
    fireEvent.click(screen.getByRole('button', { name: /^Order #1 / }));
    await screen.findByRole('region', { name: 'Order events' });
    expect(await seriousViolations()).toEqual([]);
    fireEvent.change(slider(), { target: { value: '3' } });
    await screen.findByText(/You are viewing the past/);
    expect(await seriousViolations()).toEqual([]);
  });
});
