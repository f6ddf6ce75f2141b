import type { DemoEvent } from './demo-story.js';

/**
 * Event 2: a flash flood on the Tessel Brook hits Dunhallow in the Corrin Hills on Saturday 21 November 2026.
 * Deliberately close to the Vennmoor flood in topic and wording; only who, where and the numbers differ.
 */
export const CORRIN_HILLS_FLOOD: DemoEvent = {
  label: 'Tessel Brook flash flood in Dunhallow, Corrin Hills',
  stories: [
    {
      outlet: 'northgate-courier',
      slug: 'dunhallow-flash-flood-27-rescued-tessel-brook',
      section: 'Region',
      headline: 'Dunhallow flash flood: 27 rescued as Tessel Brook bursts banks',
      summary:
        'Helicopter and mountain rescue teams pulled people from cars and rooftops after 88mm of rain fell in three hours over the Corrin Hills',
      byline: 'Kerry Amberley',
      publishedAt: '2026-11-21T17:48:00Z',
      updatedAt: '2026-11-21T21:05:00Z',
      paragraphs: [
        `Twenty-seven people were rescued from cars, rooftops and a stranded minibus when a flash flood tore through Dunhallow on Saturday afternoon, turning the Tessel Brook into a torrent within minutes.`,
        `A thunderstorm stalled over the Corrin Hills shortly after 1pm and dropped 88mm of rain in three hours, the National Weather Office said. The brook, normally ankle deep where it passes through the town centre, had risen more than two metres by 3.30pm.`,
        `Corrin Hills Mountain Rescue team leader Sian Abbott said her volunteers waded into chest-high water to reach the minibus, which was trapped on the R47 at Skellan. "The driver did everything right, he kept everyone calm and on the roof," she said. All eleven passengers were brought to safety.`,
        `A coastguard helicopter from the Kilvane base lifted six people from the roofs of two cottages at Hobb's End, where the brook meets the river Dunn.`,
        `Two people were taken to Dunhallow General Hospital, one with a suspected broken leg and one suffering from hypothermia. Neither is thought to be seriously hurt, and no one is reported missing.`,
        `Corrin Hills District Council said 310 homes had been flooded and around 450 people evacuated. Dunhallow Town Hall has been opened as a rest centre and the council's emergency line will be staffed through the night.`,
        `Council leader Marcus Tell said: "It came out of nowhere. An hour before, people were walking their dogs in the sunshine. We will be assessing every street tomorrow and nobody will be left to cope on their own."`,
        `The R47 between Dunhallow and Skellan is closed after the old packhorse bridge at Skellan was partly washed away. Engineers will inspect it on Sunday.`,
        `Shop owners on Bridge Street spent the evening shovelling mud out of their premises. Butcher Alan Greaves said the water had reached the top of his counters. "Ten minutes, that's all it took," he said.`,
      ],
    },
    {
      outlet: 'brightwater-post',
      slug: 'wall-of-water-terror-on-roof-dunhallow-flash-flood',
      section: 'News',
      headline: "'Wall of water': terror on the roof as flash flood hits Corrin Hills town",
      summary: 'Mum and kids among dozens plucked to safety by rescue crews in Dunhallow',
      byline: 'Dean Harlow, Chief Reporter',
      publishedAt: '2026-11-21T19:30:00Z',
      paragraphs: [
        `A mum clung to her two young children on a cottage roof as a "wall of water" swept through a Corrin Hills town yesterday afternoon.`,
        `Lara Fenwick, 34, was among six people winched to safety by a coastguard helicopter at Hobb's End after the Tessel Brook burst its banks in Dunhallow.`,
        `"We heard a roar like a train and then the water was coming through the front door," she said. "I just grabbed the kids and went up through the loft hatch."`,
        `Rescuers saved 27 people in total during the terrifying afternoon, including 11 passengers stranded on top of a minibus on the R47 road at Skellan.`,
        `An astonishing 88mm of rain, almost a month's worth, fell in just three hours as a thunderstorm parked itself over the hills.`,
        `The brook rose by more than two metres in around two hours, flooding 310 homes. Some 450 residents were forced to leave.`,
        `Sian Abbott, of Corrin Hills Mountain Rescue, said: "Some of the conditions my team faced today were as bad as anything we train for."`,
        `Two people were taken to hospital in Dunhallow but are not thought to be badly hurt.`,
        `Council chief Marcus Tell praised the "extraordinary" response and told families the town hall would stay open as a rest centre for as long as it is needed.`,
        `The deluge came just two days after the Vennmoor floods, prompting fresh warnings that extreme downpours are becoming more common.`,
        `Forecaster Tomas Elling, of the National Weather Office, said: "These short, intense storms are very hard to pin down more than a few hours in advance."`,
        `A historic packhorse bridge at Skellan was badly damaged and the road remains shut.`,
      ],
    },
    {
      outlet: 'meridian-daily',
      slug: 'corrin-hills-storm-why-dunhallow-had-minutes',
      section: 'Weather',
      headline: 'Corrin Hills storm: why Dunhallow had minutes, not hours, to prepare',
      summary:
        'A stalled thunderstorm sent the Tessel Brook surging through the town on Saturday, flooding 310 homes. Forecasters say such events are the hardest to warn for',
      byline: 'Jonah Feld and Amira Sato',
      publishedAt: '2026-11-21T22:10:00Z',
      paragraphs: [
        `Unlike the slow, swelling river flood that swamped Vennmoor earlier in the week, the disaster that struck Dunhallow on Saturday afternoon arrived almost without notice.`,
        `A single thunderstorm cell drifted over the Corrin Hills at about 1pm and stopped moving. Over the next three hours it released 88 millimetres of rain onto the steep, rocky slopes that feed the Tessel Brook, a stream most residents can step across in summer.`,
        `"Flash floods are a different animal," said Tomas Elling, a senior forecaster at the National Weather Office. "Our radar could see the cell, but nobody can tell you two hours ahead exactly which valley a storm like that will sit over."`,
        `By mid-afternoon the brook had risen more than two metres through the centre of the town. Corrin Hills District Council estimates that 310 homes were flooded and some 450 people moved to safety, many of them to a rest centre at Dunhallow Town Hall.`,
        `Emergency crews rescued 27 people. A coastguard helicopter from Kilvane plucked six from rooftops at Hobb's End, and volunteers from Corrin Hills Mountain Rescue reached eleven people stranded on a minibus on the R47 near Skellan. Two people were treated in hospital for minor injuries.`,
        `The district has a text-message alert scheme, but council leader Marcus Tell acknowledged that the first warning went out only 25 minutes before water entered homes. "We will look very hard at whether we could have been faster," he said.`,
        `Researchers have linked a warmer atmosphere to heavier short-duration rainfall. Weather office data show that hourly totals above 25mm have become roughly a third more frequent in upland districts since the 1990s.`,
        `The damage to infrastructure is still being counted. The 17th-century packhorse bridge at Skellan lost one of its three arches, cutting the main road into Dunhallow, and the council has asked residents to report cracked walls and undermined garden terraces.`,
      ],
    },
  ],
};
