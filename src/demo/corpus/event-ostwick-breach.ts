import type { DemoEvent } from './demo-story.js';

/** Event 4: Ostwick Mutual discloses a data breach affecting 1.2 million customers, Friday 20 November 2026. */
export const OSTWICK_BREACH: DemoEvent = {
  label: 'Ostwick Mutual data breach affecting 1.2 million customers',
  stories: [
    {
      outlet: 'northgate-courier',
      slug: 'ostwick-mutual-hack-12-million-customers',
      section: 'Business',
      headline: 'Ostwick Mutual hack: personal details of 1.2 million customers stolen',
      summary:
        'The building society says attackers got in through a mortgage software supplier; no passwords or card numbers were taken',
      byline: 'Kerry Amberley',
      publishedAt: '2026-11-20T12:35:00Z',
      paragraphs: [
        `Ostwick Mutual has admitted that hackers stole the personal details of about 1.2 million of its customers, in what is believed to be the largest data breach at a financial institution in the country.`,
        `The building society, which has 2.1 million members and 86 branches, said on Friday that names, home addresses, dates of birth, phone numbers and account numbers had been copied. Mortgage balances were also taken for some borrowers. It stressed that no online banking passwords, PINs or card numbers were involved.`,
        `The attackers got in through Lodestar Ledger, a company that supplies software used to process mortgage applications, and had access between 6 and 13 November. Ostwick said it detected unusual activity on 14 November and shut the connection down the same day.`,
        `A ransomware group calling itself Gravel Moth has claimed responsibility on its leak site and is demanding payment. Ostwick said it would not pay.`,
        `Chief executive Anneliese Brandt said: "I am deeply sorry. Our members trust us with their savings and their homes, and we have let them down. We are contacting every affected customer directly."`,
        `Affected customers will be offered two years of free credit monitoring through ClearTrace. Letters and emails will start going out on Monday. Ostwick said it would never ask customers to confirm their PIN or move money to a "safe account" and urged people to hang up on anyone who does.`,
        `The Data Protection Authority said it had opened an investigation. Commissioner Noor Haddad said the case raised "serious questions about how financial firms oversee the suppliers they share data with."`,
        `Lodestar Ledger said it was working with investigators and had "contained the incident."`,
      ],
    },
    {
      outlet: 'kite-news',
      slug: 'ostwick-mutual-breach-are-you-affected',
      section: 'Tech',
      headline: 'Ostwick Mutual breach: are you affected and what should you do?',
      summary:
        'Data on 1.2 million customers was taken via a third-party supplier. Here are the steps worth taking now.',
      byline: 'Sam Okoro',
      publishedAt: '2026-11-20T16:05:00Z',
      updatedAt: '2026-11-21T08:50:00Z',
      paragraphs: [
        `If you bank or have a mortgage with Ostwick Mutual, there's a good chance your details were in the data stolen this month. The building society confirmed on Friday that information on 1.2 million of its 2.1 million members was taken.`,
        `What was taken: names, addresses, dates of birth, phone numbers and account numbers, plus mortgage balances for some borrowers. What wasn't: passwords, PINs and card numbers, according to Ostwick.`,
        `How it happened: criminals broke into Lodestar Ledger, a supplier whose software handles Ostwick's mortgage applications. They were inside from 6 to 13 November. The gang, known as Gravel Moth, is now trying to extort the society, which says it won't pay.`,
        `"The data isn't enough to empty your account on its own, but it's perfect raw material for convincing scam calls," said Kaspar Veit, a security researcher at Northgate University. "Expect fraudsters to quote your account number back at you."`,
        `What to do now. Be suspicious of any call, text or email claiming to be from Ostwick, even if it knows your details. Ostwick says it will never ask for your PIN or tell you to move money. Hang up and call the number on your card instead.`,
        `Take the free credit monitoring. Ostwick is offering two years of ClearTrace monitoring to every affected customer; letters start arriving from Monday.`,
        `Consider a fraud marker if you're worried, and check your statements weekly for a while. If you spot a payment you don't recognise, report it to Ostwick straight away: under the banking code, customers who act quickly are usually refunded.`,
        `Who's investigating? The Data Protection Authority, led by commissioner Noor Haddad, has opened a formal inquiry. Ostwick chief executive Anneliese Brandt has apologised publicly.`,
      ],
    },
    {
      outlet: 'valley-record',
      slug: 'ostwick-mutual-members-queue-at-glenholm-branch',
      section: 'Community',
      headline: 'Worried Ostwick Mutual savers queue at Glenholm branch after data theft',
      summary: 'Staff at the Market Square branch answered questions all day about the breach at the building society',
      byline: 'Staff Reporter',
      publishedAt: '2026-11-21T10:20:00Z',
      paragraphs: [
        `A queue stretched out of the door of Ostwick Mutual's Glenholm branch on Friday afternoon as savers came in to ask whether their details had been stolen.`,
        `The building society announced earlier in the day that a cyber attack on one of its suppliers, Lodestar Ledger, had exposed information about 1.2 million customers, including names, addresses, dates of birth and account numbers.`,
        `Branch manager Carys Holt said her team of four had spoken to more than 150 people by closing time. "Most people just want reassurance that their money is safe, and it is," she said. "No one can get into an account with what was taken."`,
        `Pensioner Derek Amble, 79, who has saved with the society for more than fifty years, said he had come in person because he did not trust emails any more. "My grandson told me not to answer the phone to anyone saying they're from the bank, so I came to ask face to face," he said.`,
        `Ostwick, which has 2.1 million members, says passwords, PINs and card numbers were not stolen. The breach happened between 6 and 13 November and was discovered on 14 November. A criminal group known as Gravel Moth has claimed to be behind it.`,
        `Chief executive Anneliese Brandt has apologised, and every affected member will be offered two years' free credit monitoring. The Data Protection Authority has launched an investigation.`,
        `Valley Trading Standards officer Ruth Penhale warned that scammers often follow big breaches with fake calls and doorstep visits. "If anyone turns up at your door saying they're from the building society, don't let them in," she said.`,
        `Anyone worried about a call can ring Ostwick's helpline, which will be open seven days a week until the end of December, or visit the Market Square branch.`,
      ],
    },
  ],
};
