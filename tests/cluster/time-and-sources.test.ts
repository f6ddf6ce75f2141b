// Story time (robust span, follow-ups, no creeping hub) and what a source repeats, on a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventClusterConfig } from '../../src/cluster/cluster-config.js';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { ingest, partition, tempDb, type FixtureArticle, type TempDb } from './cluster-db.js';

let open: TempDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

function run(articles: readonly FixtureArticle[], config: Partial<EventClusterConfig> = {}): TempDb {
  open = tempDb();
  const clusterer = openEventClusterer(openEventIndex(open.db), config);
  for (const a of articles) {
    ingest(open.db, clusterer, a);
    clusterer.settle();
  }
  return open;
}

const day = (n: number, hour = 9): string => new Date(Date.UTC(2024, 2, 1 + n, hour)).toISOString();

/** A shooting report: the names, the place and the toll are what tell one incident from another. */
function shooting(
  key: string,
  event: string,
  source: string,
  time: string,
  who: { town: string; suspect: string; victim: string; street: string; killed: number },
): FixtureArticle {
  const { town, suspect, victim, street, killed } = who;
  return {
    key,
    event,
    source,
    time,
    title: `${killed} killed in ${town} shooting on ${street}; ${suspect} arrested`,
    text:
      `Police in ${town} said ${killed} people were killed when a gunman opened fire outside a bar on ${street} late on Friday. ` +
      `Officers arrested ${suspect}, 34, a short distance away. Among the dead was ${victim}, a ${town} school teacher. ` +
      `Chief of police said ${suspect} had argued with staff earlier in the evening. Detectives recovered a handgun near ${street}. ` +
      `The ${town} mayor called the shooting a tragedy and asked residents to share any video with investigators.`,
  };
}

const maplewood = { town: 'Maplewood', suspect: 'Daniel Okafor', victim: 'Rosa Lindqvist', street: 'Birch Avenue', killed: 3 };
const carver = { town: 'Carver Falls', suspect: 'Tomas Reyes', victim: 'Ellen Park', street: 'Harbor Street', killed: 2 };

describe('story time', () => {
  it('lets follow-up coverage 20 days later rejoin its story when names and places agree', () => {
    const followUp: FixtureArticle = {
      key: 'maplewood-trial',
      event: 'maplewood',
      source: 'Courier',
      time: day(20),
      title: 'Daniel Okafor pleads not guilty over Maplewood shooting on Birch Avenue that killed 3',
      text:
        'Daniel Okafor, 34, pleaded not guilty on Monday to murder charges over the Maplewood shooting outside a bar on Birch Avenue, ' +
        'in which 3 people were killed, among them teacher Rosa Lindqvist. Okafor was arrested a short distance from Birch Avenue. ' +
        'Prosecutors in Maplewood said the handgun recovered by detectives matches the one used in the shooting.',
    };
    const { db } = run([
      shooting('maplewood-1', 'maplewood', 'Courier', day(0), maplewood),
      shooting('maplewood-2', 'maplewood', 'Gazette', day(0, 11), maplewood),
      shooting('maplewood-3', 'maplewood', 'Herald', day(1), maplewood),
      followUp,
    ]);
    expect(partition(db)).toEqual([['maplewood-1', 'maplewood-2', 'maplewood-3', 'maplewood-trial']]);
  });

  it('keeps follow-ups out when follow-ups are switched off (the rejoin above is the follow-up rule at work)', () => {
    // followUpHours no wider than the window closes both routes: the follow-up join and the learned merge.
    const late = { ...shooting('maplewood-late', 'maplewood', 'Courier', day(20), maplewood) };
    const { db } = run(
      [
        shooting('maplewood-1', 'maplewood', 'Courier', day(0), maplewood),
        shooting('maplewood-2', 'maplewood', 'Gazette', day(0, 11), maplewood),
        late,
      ],
      {
        followUpHours: 72,
      },
    );
    expect(partition(db)).toEqual([['maplewood-1', 'maplewood-2'], ['maplewood-late']]);
  });

  it('keeps two look-alike shootings two days apart in two clusters', () => {
    const { db } = run([
      shooting('maplewood-1', 'maplewood', 'Courier', day(0), maplewood),
      shooting('maplewood-2', 'maplewood', 'Gazette', day(0, 12), maplewood),
      shooting('carver-1', 'carver', 'Courier', day(2), carver),
      shooting('carver-2', 'carver', 'Gazette', day(2, 12), carver),
    ]);
    expect(partition(db)).toEqual([
      ['carver-1', 'carver-2'],
      ['maplewood-1', 'maplewood-2'],
    ]);
  });

  it('does not let a hub absorb a recurring look-alike topic for a month', () => {
    // One city's daily overnight-shooting brief: same outlet, same template, a different victim and street each day.
    const streets = [
      'Elm',
      'Oak',
      'Pine',
      'Cedar',
      'Ash',
      'Maple',
      'Spruce',
      'Willow',
      'Poplar',
      'Alder',
      'Birch',
      'Hazel',
      'Laurel',
      'Juniper',
      'Holly',
      'Sycamore',
      'Chestnut',
      'Magnolia',
      'Cypress',
      'Hemlock',
      'Linden',
      'Redwood',
      'Sequoia',
      'Acacia',
      'Rowan',
      'Beech',
      'Larch',
      'Walnut',
      'Olive',
      'Palm',
    ];
    const victims = [
      'Ahmed',
      'Brooks',
      'Chen',
      'Dubois',
      'Evans',
      'Fischer',
      'Garcia',
      'Hughes',
      'Ivanov',
      'Jensen',
      'Kaur',
      'Lopez',
      'Moreau',
      'Novak',
      'Olsen',
      'Patel',
      'Quinn',
      'Rossi',
      'Silva',
      'Tanaka',
      'Ueda',
      'Varga',
      'Weber',
      'Xu',
      'Yilmaz',
      'Zimmer',
      'Abbott',
      'Bauer',
      'Cole',
      'Diaz',
    ];
    const briefs: FixtureArticle[] = Array.from({ length: 30 }, (_, i) => {
      // Every day another incident: its own street and victim, the outlet's template around them.
      const street = `${streets[i] ?? 'Elm'} Street`;
      const victim = `${['Marcus', 'Andre', 'Luis', 'Kevin', 'Omar'][i % 5] ?? 'Marcus'} ${victims[i] ?? 'Jones'}`;
      return {
        key: `brief-${String(i).padStart(2, '0')}`,
        event: `brief-${i}`,
        source: i % 2 === 0 ? 'City Wire' : 'Metro Desk',
        time: day(i, 6),
        title: `Man shot overnight on ${street}, police say`,
        text:
          `A man was shot overnight on ${street}, police said on the morning after. The victim, identified as ${victim}, ${20 + i}, ` +
          `was taken to a hospital in critical condition. No arrests have been made. Police asked anyone with information to call the tip line. ` +
          `It was the city's latest overnight shooting.`,
      };
    });
    const { db } = run(briefs);
    const spans = db
      .prepare(
        `SELECT cluster_id, count(*) AS n, (julianday(max(published_at)) - julianday(min(published_at))) AS days
         FROM articles GROUP BY cluster_id`,
      )
      .all() as { n: number; days: number }[];
    // Look-alikes may pair up within a few days, but no cluster creeps across the month one join at a time.
    expect(Math.max(...spans.map((s) => s.days))).toBeLessThanOrEqual(8);
    expect(spans.length).toBeGreaterThanOrEqual(4);
  });
});

describe('what a source repeats', () => {
  it('does not glue an outlet’s unrelated stories together through its own boilerplate', () => {
    const boilerplate =
      'Please enable Javascript to watch this video. Stay up to date and follow Channel Nine Action News on Twitter and join the ' +
      'conversation on the Channel Nine Action News Facebook page. Email notifications are only sent once a day. Copyright Channel Nine Action News. ';
    const topics = [
      [
        'council',
        'City council approves budget for new library branch',
        'The council voted to fund a library branch in the north district, with construction to start in spring.',
      ],
      [
        'storm',
        'Storm knocks out power to thousands overnight',
        'Utility crews worked through the night after high winds toppled lines across the county.',
      ],
      [
        'school',
        'School district names new superintendent',
        'The board picked a veteran principal from a neighbouring district after a months-long search.',
      ],
      [
        'bridge',
        'Bridge repairs to close river crossing for a week',
        'Transport officials said the crossing would reopen once the deck had been resurfaced.',
      ],
      ['festival', 'Food festival returns to the waterfront', 'Organisers expect forty vendors and live music across the weekend.'],
      ['zoo', 'Zoo welcomes twin panda cubs', 'Keepers said the cubs and their mother were doing well and would be on view in the summer.'],
      ['fire', 'Warehouse fire sends smoke over downtown', 'Firefighters contained the blaze within two hours; no injuries were reported.'],
      ['transit', 'Transit agency adds late-night bus routes', 'Three routes will run until two in the morning starting next month.'],
    ] as const;
    // The stream learns what an outlet repeats from the outlet's earlier articles: a season of them, months before.
    const history: FixtureArticle[] = topics.map(([event, title, lead], i) => ({
      key: `nine-earlier-${event}`,
      event: `earlier-${event}`,
      source: 'Channel Nine Action News',
      time: day(-200 + 12 * i),
      title: `Earlier: ${title.split(' ').reverse().join(' ')}`,
      text: `${lead.split(' ').reverse().join(' ')} ${boilerplate}`,
    }));
    const today: FixtureArticle[] = topics.map(([event, title, lead], i) => ({
      key: `nine-${event}`,
      event,
      source: 'Channel Nine Action News',
      time: day(0, i + 1),
      title,
      text: `${lead} ${boilerplate}`,
    }));
    const articles = [...history, ...today];
    const clustersOfToday = (db: TempDb['db']): number =>
      new Set(db.prepare(`SELECT cluster_id FROM articles WHERE item_key NOT LIKE 'nine-earlier-%'`).pluck().all()).size;
    const discounted = clustersOfToday(run(articles).db);
    open?.close();
    open = null;
    // Every story alone: the shared text is the outlet's, not the news.
    expect(discounted).toBe(topics.length);
    const undiscounted = clustersOfToday(run(articles, { sourceRepeatShare: 1 }).db);
    // Without the discount the boilerplate outweighs the one-line stories (the case the discount exists for).
    expect(undiscounted).toBeLessThan(topics.length);
  });
});
