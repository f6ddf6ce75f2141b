import { describe, expect, it } from 'vitest';
import { ArticleBudget } from '../../src/pipeline/article-budget.js';

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ArticleBudget', () => {
  it('grants requests that fit at once and holds the rest until units are released', async () => {
    const budget = new ArticleBudget(100);
    await budget.acquire(60);
    let granted = false;
    const waiting = budget.acquire(50).then(() => {
      granted = true;
    });
    await settle();
    expect(granted).toBe(false);
    expect(budget.held).toBe(60);
    budget.release(60);
    await waiting;
    expect(granted).toBe(true);
    expect(budget.held).toBe(50);
  });

  it('serves requests in order: a large one is not overtaken by later small ones', async () => {
    const budget = new ArticleBudget(100);
    await budget.acquire(80);
    const order: string[] = [];
    const large = budget.acquire(90).then(() => order.push('large'));
    const small = budget.acquire(10).then(() => order.push('small'));
    await settle();
    expect(order).toEqual([]);
    budget.release(80);
    await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
    expect(budget.held).toBe(100);
  });

  it('lets a request larger than the whole budget run alone, never deadlocking', async () => {
    const budget = new ArticleBudget(100);
    await budget.acquire(500);
    expect(budget.held).toBe(500);
    let next = false;
    const after = budget.acquire(1).then(() => {
      next = true;
    });
    await settle();
    expect(next).toBe(false);
    budget.release(500);
    await after;
    expect(budget.held).toBe(1);
  });

  it('treats zero units as free', async () => {
    const budget = new ArticleBudget(1);
    await budget.acquire(1);
    await budget.acquire(0);
    budget.release(0);
    expect(budget.held).toBe(1);
  });
});
