import type { DemoStory } from './demo-story.js';

/** The agency that distributes the wire story; fictional, like everything in the corpus. */
export const WIRE_AGENCY = 'Continental Press Service';

const WIRE_HEADLINE = 'Valcrest Rail orders 42 hydrogen trains in 1.9 billion crown deal';

const WIRE_SUMMARY =
  'The state-owned operator will replace diesel units on five regional lines without overhead wires, starting in 2028';

/** The wire story's body exactly as the agency filed it. */
const WIRE_PARAGRAPHS: readonly string[] = [
  `VALCREST, Nov 20 (CPS) - Valcrest Rail has ordered 42 hydrogen-powered trains from manufacturer Sorensen Werke in a deal worth 1.9 billion crowns, the state-owned operator said on Friday, calling it the largest single investment in its 60-year history.`,
  `The trains will replace diesel units on five regional lines that have no overhead electric wires, including the Orrin Valley line and the coastal route between Lanmouth and Kessby. The first units are due to enter passenger service in late 2028, with the full fleet running by 2031.`,
  `Each three-car train will carry up to 220 passengers and have a range of around 900 kilometres on a single refuelling, Sorensen Werke said. The vehicles will be built at the company's plant in Halden Moor, securing about 1,100 jobs there for the duration of the contract.`,
  `Valcrest Rail chief executive Mathilde Aurand said the order would cut the company's carbon emissions by an estimated 118,000 tonnes a year. "Electrifying every rural line would take decades and cost many times more," she told reporters at the operator's headquarters. "Hydrogen lets us take diesel off these routes this decade."`,
  `The deal includes maintenance for 30 years and the construction of two refuelling depots, at Kessby and Tarn Junction, to be supplied with hydrogen produced by electrolysis from wind power under a separate agreement with utility Nordvik Energy.`,
  `Critics have questioned the economics of hydrogen rail. A study by the Institute for Transport Policy last year found that battery-electric trains could serve most of the same routes at lower cost, and some operators abroad have scaled back hydrogen orders after reliability problems.`,
  `Sorensen Werke said its latest fuel-cell design had completed 250,000 kilometres of test running without a major failure. Shares in the company rose 6.4 percent in Friday trading.`,
  `The transport ministry, which must approve investments above 1 billion crowns, signed off on the order last week, a ministry spokesperson said. Rail unions welcomed the contract but said they would seek guarantees for drivers and maintenance staff on the affected lines. (Reporting by Ilse Renner; editing by Paul Okafor)`,
];

/**
 * Four outlets' copies of the one wire story: the same body in each outlet's own page. One copy is verbatim,
 * one drops the last paragraph, one appends an editor's note, one rewrites the headline, as syndication does.
 */
export const WIRE_COPIES: readonly DemoStory[] = [
  {
    outlet: 'harbour-gazette',
    slug: 'valcrest-rail-orders-42-hydrogen-trains',
    section: 'Business',
    headline: WIRE_HEADLINE,
    summary: WIRE_SUMMARY,
    byline: WIRE_AGENCY,
    publishedAt: '2026-11-20T10:05:00Z',
    paragraphs: WIRE_PARAGRAPHS,
  },
  {
    outlet: 'valley-record',
    slug: 'valcrest-rail-hydrogen-trains-order',
    section: 'Business',
    headline: WIRE_HEADLINE,
    summary: WIRE_SUMMARY,
    byline: `${WIRE_AGENCY} (CPS)`,
    publishedAt: '2026-11-20T11:32:00Z',
    // Short on space, the copy desk cut the agency's final paragraph.
    paragraphs: WIRE_PARAGRAPHS.slice(0, -1),
  },
  {
    outlet: 'brightwater-post',
    slug: 'valcrest-rail-orders-hydrogen-trains',
    section: 'Money',
    headline: WIRE_HEADLINE,
    summary: WIRE_SUMMARY,
    byline: 'CPS reporter',
    publishedAt: '2026-11-20T12:10:00Z',
    updatedAt: '2026-11-20T15:45:00Z',
    paragraphs: [
      ...WIRE_PARAGRAPHS,
      `Editor's note: This article is supplied by ${WIRE_AGENCY} and has not been edited by Brightwater Post staff.`,
    ],
  },
  {
    outlet: 'kite-news',
    slug: 'hydrogen-trains-five-rural-lines-valcrest',
    section: 'Money',
    headline: 'Hydrogen trains are coming to five rural lines. Here is the deal',
    summary: WIRE_SUMMARY,
    byline: `${WIRE_AGENCY} via Kite`,
    publishedAt: '2026-11-20T13:00:00Z',
    paragraphs: WIRE_PARAGRAPHS,
  },
];
