import { describe, expect, it } from 'vitest';
import { isAllowed, parseRobots, productToken } from '../../src/fetch/robots.js';

describe('robots.txt', () => {
  const robots = [
    '# comment',
    'User-agent: Googlebot',
    'User-agent: NewsDedup',
    'Disallow: /private/',
    'Allow: /private/ok',
    'Disallow: /*.pdf$',
    '',
    'User-agent: *',
    'Disallow: /',
    'Allow: /news/',
  ].join('\r\n');

  it('picks the product token of a User-Agent', () => {
    expect(productToken('NewsDedup/0.1 (+https://example.test)')).toBe('newsdedup');
    expect(productToken('')).toBe('');
  });

  it.each<[string, string, boolean]>([
    ['newsdedup', '/private/secret', false],
    ['newsdedup', '/private/ok/1', true],
    ['newsdedup', '/files/report.pdf', false],
    ['newsdedup', '/files/report.pdf?x=1', true],
    ['newsdedup', '/anything', true],
    ['otherbot', '/anything', false],
    ['otherbot', '/news/today', true],
  ])('%s %s → %s', (token, path, allowed) => {
    expect(isAllowed(parseRobots(robots, token), path)).toBe(allowed);
  });

  it('an empty Disallow allows everything; a group that only names us still applies', () => {
    expect(isAllowed(parseRobots('User-agent: newsdedup\nDisallow:\n\nUser-agent: *\nDisallow: /', 'newsdedup'), '/a')).toBe(true);
  });

  it('the longest match wins and Allow wins a tie', () => {
    const rules = parseRobots('User-agent: *\nDisallow: /a\nAllow: /a\nDisallow: /b/c\nAllow: /b', 'x');
    expect([isAllowed(rules, '/a'), isAllowed(rules, '/b/c/d'), isAllowed(rules, '/b/x')]).toEqual([true, false, true]);
  });

  it('garbage parses to no rules', () => {
    expect(isAllowed(parseRobots('<html>not robots</html>\n\u0000\u0001', 'newsdedup'), '/x')).toBe(true);
  });
});
