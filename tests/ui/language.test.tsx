import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDesks, renderDesk } from './harness';

describe('language', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('the language switch changes visible text to Korean, keeps English accessible names, and is remembered', async () => {
    const user = userEvent.setup();
    await renderDesk();
    expect(screen.getByRole('heading', { name: 'Wallet' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '한국어' }));
    expect(screen.getByRole('heading', { name: '지갑' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '주문' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Wallet' })).toBeNull();
    expect(screen.getByText('포인트 충전')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');
    // Stable names stay English.
    // Names keep the English contract and contain the visible Korean text (WCAG 2.5.3 label in name).
    expect(screen.getByRole('button', { name: /Charge points$/ })).toHaveAccessibleName('포인트 충전 · Charge points');
    expect(screen.getByRole('slider', { name: 'Timeline' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Load demo data$/ })).toBeInTheDocument();
    expect(localStorage.getItem('eventdesk.language')).toBe('ko');

    // A reload (a fresh store and app) comes back in Korean.
    await closeDesks();
    await renderDesk();
    await waitFor(() => expect(screen.getByRole('heading', { name: '지갑' })).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Wallet' })).toBeInTheDocument();
    expect(localStorage.getItem('eventdesk.language')).toBe('en');
  });
});
