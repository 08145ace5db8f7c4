import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { charge, closeDesks, eventCount, post, renderDesk } from '../harness';

const amount = () => screen.getByRole('spinbutton', { name: /Amount/ });
const chargeButton = () => screen.getByRole('button', { name: /Charge points/ });
const placeButton = () => screen.getByRole('button', { name: /Place order/ });
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const hintOf = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('form limits are stated and checked as the user types', () => {
  beforeEach(() => localStorage.clear());
  afterEach(closeDesks);

  it('the charge amount states the real maximum before anything is typed', async () => {
    await renderDesk();
    expect(hintOf(amount())).toBe('Whole number, 1 to 10,000,000');
  });

  it('a 21-digit charge says the maximum, not "positive whole number", and cannot be sent', async () => {
    await renderDesk();
    type(amount(), '99999999999999999999');
    expect(hintOf(amount())).toBe('Must be at most 10,000,000.');
    expect(amount()).toHaveAttribute('aria-invalid', 'true');
    expect(chargeButton()).toBeDisabled();
  });

  it('1e3 is not taken as 1,000: the field says digits only', async () => {
    const h = await renderDesk();
    type(amount(), '1e3');
    expect(hintOf(amount())).toMatch(/digits only/);
    expect(chargeButton()).toBeDisabled();
    fireEvent.submit(amount().closest('form')!);
    expect(await h.desk.log.headSeq()).toBe(0);
  });

  it('a 5,000-character memo paste is kept, said too long, and not sent', async () => {
    const h = await renderDesk();
    type(amount(), '100');
    const memo = screen.getByRole('textbox', { name: 'Memo (optional)' });
    type(memo, 'x'.repeat(5000));
    expect(memo).toHaveValue('x'.repeat(5000));
    expect(hintOf(memo)).toBe('Too long: 5,000 characters, at most 80. Shorten it to send.');
    expect(chargeButton()).toBeDisabled();
    fireEvent.submit(memo.closest('form')!);
    expect(await h.desk.log.headSeq()).toBe(0);
    type(memo, 'y'.repeat(80));
    expect(hintOf(memo)).toBe('80 of 80 characters');
    expect(chargeButton()).toBeEnabled();
  });

  it('a long post title is not cut: it is said too long and the post is not created', async () => {
    await renderDesk();
    const title = screen.getByRole('textbox', { name: 'New post title' });
    type(title, 'T'.repeat(81));
    expect(hintOf(title)).toMatch(/^Too long: 81 characters, at most 80/);
    expect(screen.getByRole('button', { name: 'Create post' })).toBeDisabled();
  });

  it('a negative quantity shows no negative total and says the minimum', async () => {
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'));
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    type(quantity, '-5');
    expect(hintOf(quantity)).toBe('Must be at least 1.');
    expect(screen.queryByText(/Total: -/)).toBeNull();
    expect(placeButton()).toBeDisabled();
  });

  it('the 100,000 quantity cap shows before submitting, and no 21-digit total', async () => {
    const h = await renderDesk();
    await h.seed(charge(1000), post('p1', 'Hello'));
    const quantity = screen.getByRole('spinbutton', { name: 'Quantity' });
    expect(hintOf(quantity)).toBe('Whole number, 1 to 100,000');
    type(quantity, '100001');
    expect(hintOf(quantity)).toBe('Must be at most 100,000.');
    type(quantity, '999999999999999999999');
    expect(screen.queryByText(/Total:/)).toBeNull();
    expect(placeButton()).toBeDisabled();
    expect(eventCount()).toHaveTextContent(/^2$/);
  });

  it('an order total above the balance is said before submitting', async () => {
    const h = await renderDesk();
    await h.seed(charge(500), post('p1', 'Hello'));
    // Defaults: 100 × 10 = 1,000.
    await waitFor(() => expect(screen.getByText('Total: 1,000 points, more than your balance of 500.')).toBeInTheDocument());
  });

  it('in Korean the limits and problems are said in Korean', async () => {
    localStorage.setItem('eventdesk.language', 'ko');
    await renderDesk();
    expect(hintOf(amount())).toBe('정수, 1~10,000,000');
    type(amount(), '99999999999999999999');
    expect(hintOf(amount())).toBe('10,000,000 이하여야 합니다.');
    type(amount(), '1e3');
    expect(hintOf(amount())).toMatch(/숫자만 입력하세요/);
  });
});
