import { describe, expect, it } from 'vitest';
import { compoundParts, DEFAULT_TERM_WEIGHTS, eventTerms, tokenize } from '../../src/cluster/event-terms.js';
import { guessLanguage, primaryLanguage } from '../../src/cluster/stopwords.js';

describe('event representation', () => {
  it('drops the stopwords of the article’s own language, keeping content words', () => {
    const en = eventTerms('', 'The police said that the bridge was closed after the storm.', 'en');
    expect([...en.tf.keys()].sort()).toEqual(['bridge', 'closed', 'police', 'storm']);
    const de = eventTerms('', 'Die Polizei sagte, dass die Brücke nach dem Sturm gesperrt wurde.', 'de-DE');
    expect(de.lang).toBe('de');
    expect(de.tf.has('die')).toBe(false);
    expect(de.tf.has('dass')).toBe(false);
    expect(de.tf.has('brücke')).toBe(true);
    const fr = eventTerms('', 'La police a fermé le pont après la tempête.', 'fr');
    expect(fr.tf.has('la')).toBe(false);
    expect(fr.tf.has('tempête')).toBe(true);
  });

  it('guesses the language from stopwords when the article has none', () => {
    const es = eventTerms('', 'El gobierno de la ciudad cerró el puente por la tormenta y los vientos.', null);
    expect(es.lang).toBe('es');
    expect(es.tf.has('puente')).toBe(true);
    expect(es.tf.has('los')).toBe(false);
  });

  it('adds capitalised multi-word names as features, trimming stopwords at the edges', () => {
    const t = eventTerms(
      '',
      'Officials said The White House agreed while Jerome Powell waited. Wineries across Napa County counted.',
      'en',
    );
    expect(t.tf.has('n:white house')).toBe(true);
    expect(t.tf.has('n:jerome powell')).toBe(true);
    expect(t.tf.has('n:napa county')).toBe(true);
    expect([...t.tf.keys()].filter((k) => k.startsWith('n:'))).toHaveLength(3);
  });

  it('keeps decimal figures whole', () => {
    const t = eventTerms('', 'A magnitude 6.6 quake injured 6,700 people.', 'en');
    expect(t.tf.has('6.6')).toBe(true);
    expect(t.tf.has('6,700')).toBe(true);
    expect(t.tf.has('6')).toBe(false);
  });

  it('takes no names from a headline written in Title Case', () => {
    const t = eventTerms('Microsoft Counts On Titanfall To Fire Up Xbox One Sales', '', 'en');
    expect([...t.tf.keys()].some((k) => k.startsWith('n:'))).toBe(false);
    expect(t.tf.has('titanfall')).toBe(true);
  });

  it('reports case evidence only from sentence-case sentences, never from sentence starts or Title Case', () => {
    const t = eventTerms(
      'Microsoft Counts On Titanfall To Fire Up Xbox One Sales',
      'Fans of Titanfall queued. The review was glowing.',
      'en',
    );
    expect([...t.capitalised]).toEqual(['titanfall']);
    expect([...t.lowercase].sort()).toEqual(['glowing', 'queued', 'review']);
  });

  it('weights a Title Case headline word as the corpus has seen it: a name up, a common word not', () => {
    const seen: Record<string, { capitalised: number; lowercase: number }> = {
      titanfall: { capitalised: 9, lowercase: 0 },
      review: { capitalised: 0, lowercase: 9 },
    };
    const counts = () => (term: string) => seen[term] ?? { capitalised: 0, lowercase: 0 };
    const plain = eventTerms('Titanfall Review Roundup Of The Week', '', 'en');
    const learned = eventTerms('Titanfall Review Roundup Of The Week', '', 'en', DEFAULT_TERM_WEIGHTS, counts);
    expect(plain.tf.get('titanfall')).toBeCloseTo(plain.tf.get('review') ?? 0);
    expect(learned.tf.get('titanfall') ?? 0).toBeGreaterThan((plain.tf.get('titanfall') ?? 0) * 1.3);
    expect(learned.tf.get('review')).toBeCloseTo(plain.tf.get('review') ?? 0);
    expect(learned.tf.get('roundup')).toBeCloseTo(plain.tf.get('roundup') ?? 0);
  });

  it('finds names in a Title Case headline from the corpus case evidence, never without it', () => {
    const names: Record<string, { capitalised: number; lowercase: number }> = {
      edward: { capitalised: 5, lowercase: 0 },
      snowden: { capitalised: 8, lowercase: 0 },
      speaks: { capitalised: 0, lowercase: 4 },
    };
    const counts = () => (term: string) => names[term] ?? { capitalised: 0, lowercase: 0 };
    const learned = eventTerms('Edward Snowden Speaks At Festival In Texas', '', 'en', DEFAULT_TERM_WEIGHTS, counts);
    expect([...learned.tf.keys()].filter((k) => k.startsWith('n:'))).toEqual(['n:edward snowden']);
    const plain = eventTerms('Edward Snowden Speaks At Festival In Texas', '', 'en');
    expect([...plain.tf.keys()].some((k) => k.startsWith('n:'))).toBe(false);
  });

  it('keeps figures even when the stopword list has them', () => {
    const t = eventTerms('', 'The quake of magnitude 6.6 killed 160 people in 10 villages.', 'en');
    expect(t.tf.has('160')).toBe(true);
    expect(t.tf.has('10')).toBe(true);
  });

  it('weights headline and lead occurrences above later body occurrences', () => {
    const filler = Array.from({ length: DEFAULT_TERM_WEIGHTS.leadTokens }, (_, i) => `filler${i}`).join(' ');
    const t = eventTerms('Volcano erupts', `Harbour closed. ${filler} airport closed.`, 'en');
    const volcano = t.tf.get('volcano') ?? 0;
    const harbour = t.tf.get('harbour') ?? 0;
    const airport = t.tf.get('airport') ?? 0;
    expect(volcano).toBeGreaterThan(harbour);
    expect(harbour).toBeGreaterThan(airport);
    expect(airport).toBeCloseTo(Math.log1p(1));
  });

  it('marks sentence starts, so only capitals inside a sentence make names', () => {
    const tokens = tokenize('Rescue teams arrived. Teams from Ya’an followed');
    expect(tokens.map((t) => [t.word, t.sentenceStart])).toEqual([
      ['rescue', true],
      ['teams', false],
      ['arrived', false],
      ['teams', true],
      ['from', false],
      ['ya', false],
      ['an', false],
      ['followed', false],
    ]);
  });

  it('splits scripts written without spaces into character bigrams', () => {
    const t = eventTerms('四川地震', '', 'zh');
    expect([...t.tf.keys()].sort()).toEqual(['四川', '地震', '川地'].sort());
  });

  it('returns an empty representation for empty input', () => {
    expect(eventTerms('', '', null).tf.size).toBe(0);
  });
});

describe('language tags', () => {
  it.each([
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['EN', 'en'],
    ['', null],
    ['x', null],
    [null, null],
  ])('primaryLanguage(%j) = %j', (tag, expected) => {
    expect(primaryLanguage(tag)).toBe(expected);
  });

  it('does not guess from too little evidence', () => {
    expect(guessLanguage(['titanfall'])).toBeNull();
  });
});

describe('stemming', () => {
  it('reduces inflected German forms to one term when stemming is on, and keeps words whole when off', () => {
    const on = { ...DEFAULT_TERM_WEIGHTS, stemming: 1 };
    const off = { ...DEFAULT_TERM_WEIGHTS, stemming: 0 };
    const a = eventTerms('Schießerei in Hanau', 'Bei der Schießerei wurden Menschen verletzt.', 'de', on);
    const b = eventTerms('Schießereien in Hanau', 'Nach den Schießereien ermittelt die Polizei.', 'de', on);
    const shared = [...a.tf.keys()].filter((t) => b.tf.has(t) && !t.startsWith('n:'));
    expect(shared).toContain('schiesserei');
    const plain = eventTerms('Schießereien in Hanau', '', 'de', off);
    expect(plain.tf.has('schießereien')).toBe(true);
  });

  it('leaves figures alone and words of a language without a Snowball stemmer whole', () => {
    const on = { ...DEFAULT_TERM_WEIGHTS, stemming: 1 };
    expect(eventTerms('Quake kills 6,700', '', 'en', on).tf.has('6,700')).toBe(true);
    expect(eventTerms('地震', 'Wiadomości z Krakowa', 'pl', on).tf.has('wiadomości')).toBe(true);
  });
});

describe('unspaced scripts', () => {
  it('takes Chinese words from Intl.Segmenter when segmentWords is on: a report and its follow-up share whole words', () => {
    const words = { ...DEFAULT_TERM_WEIGHTS, segmentWords: 1 };
    const report = eventTerms('北京市政府宣布地震救援行动', '', 'zh', words);
    expect([...report.tf.keys()]).toEqual(expect.arrayContaining(['政府', '地震', '救援']));
    // No bigram straddles two words ("府宣", "布地").
    expect(report.tf.has('府宣')).toBe(false);
    const followUp = eventTerms('地震救援进入第三天', '', 'zh', words);
    expect([...followUp.tf.keys()].filter((t) => report.tf.has(t)).sort()).toEqual(['地震', '救援'].sort());
  });
});

describe('compound words', () => {
  const seen = new Set(['flüchtling', 'heim', 'regierung', 'bund']);
  const corpus = () => (term: string) => ({ capitalised: seen.has(term) ? 3 : 0, lowercase: 0 });
  const parts = { ...DEFAULT_TERM_WEIGHTS, compoundParts: 0.5 };

  it('counts the parts of a German compound that the stream knows as words, across a linking -s-', () => {
    const a = eventTerms('Brand im Flüchtlingsheim', '', 'de', parts, corpus);
    const b = eventTerms('Brand im Heim für Flüchtling', '', 'de', parts, corpus);
    const shared = [...a.tf.keys()].filter((t) => b.tf.has(t) && !t.startsWith('n:'));
    expect(shared).toEqual(expect.arrayContaining(['flüchtling', 'heim', 'brand']));
    expect(
      compoundParts(
        'bundesregierung',
        (w) => w,
        (t) => seen.has(t),
      ),
    ).toEqual(['bund', 'regierung']);
  });

  it('leaves a long word whole when a part is unknown, in a language without compounds, or when switched off', () => {
    expect(
      compoundParts(
        'flüchtlingsboot',
        (w) => w,
        (t) => seen.has(t),
      ),
    ).toBeNull();
    expect(eventTerms('Brand im Flüchtlingsheim', '', 'de', DEFAULT_TERM_WEIGHTS, corpus).tf.has('heim')).toBe(false);
    expect(eventTerms('Flüchtlingsheim', '', 'en', parts, corpus).tf.has('heim')).toBe(false);
  });
});
