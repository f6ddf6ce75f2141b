import { describe, expect, it } from 'vitest';
import { elementsWithTag } from '../../src/extract/readability-fast-paths.js';
import { runReadability } from '../../src/extract/readability-pass.js';
import { inertWindow, parseDocument, releaseDocument } from '../../src/shared/inert-window.js';

const PAGE = `<!DOCTYPE html><html><head><title>T</title></head><body>
  <div id="a"><p id="p1">one</p><section><P>two</P><div><h2>h</h2><p>three</p></div></section></div>
  <p>four</p><table><tr><td><p>five</p><br></td></tr></table><ul><li><div><p>six</p></div></li></ul>
</body></html>`;

describe('elementsWithTag', () => {
  it.each([[['p']], [['p', 'div']], [['h2', 'br', 'td']], [['section', 'li', 'p', 'div']], [['article']]])(
    'returns what querySelectorAll returns for %j, in document order',
    (tags) => {
      const document = parseDocument(PAGE);
      for (const root of [document, document.body, document.getElementById('a')]) {
        if (root === null) throw new Error('fixture: #a missing');
        expect(elementsWithTag(root, tags)).toEqual(Array.from(root.querySelectorAll(tags.join(','))));
      }
      releaseDocument(document);
    },
  );

  it('does not include the root itself and stops at the root', () => {
    const document = parseDocument(PAGE);
    const section = document.querySelector('section');
    if (section === null) throw new Error('fixture: section missing');
    expect(elementsWithTag(section, ['p', 'section']).map((element) => element.textContent)).toEqual(['two', 'three']);
    releaseDocument(document);
  });
});

describe('the inert window keeps no page alive', () => {
  it('unregisters the ids of a released page from the window', () => {
    const document = parseDocument('<!DOCTYPE html><body><div id="kept-by-window">x</div></body>');
    const window: object = inertWindow();
    expect(Reflect.get(window, 'kept-by-window')).toBe(document.getElementById('kept-by-window'));
    releaseDocument(document);
    expect(Reflect.get(window, 'kept-by-window')).toBeUndefined();
  });

  it('runReadability releases its page', () => {
    const paragraph = 'A sentence of the article that is long enough to count, with commas, and more words. '.repeat(8);
    const article = runReadability(
      `<!DOCTYPE html><html id="page-root-unique"><body><div><p>${paragraph}</p><p>${paragraph}</p></div></body></html>`,
      'https://example.com/a',
      { title: null, byline: null },
    );
    expect(article?.text).toContain('A sentence of the article');
    expect(Reflect.get(inertWindow(), 'page-root-unique')).toBeUndefined();
  });
});
