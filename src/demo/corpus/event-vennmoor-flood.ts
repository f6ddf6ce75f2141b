import type { DemoEvent } from './demo-story.js';

/**
 * Event 1: the River Marrow floods Ashby Reach in the Vennmoor region overnight into Thursday 19 November 2026.
 * "Similar but distinct" twin of the Corrin Hills flash flood two days later: same vocabulary, different
 * places, people and numbers.
 */
export const VENNMOOR_FLOOD: DemoEvent = {
  label: 'River Marrow flood in Ashby Reach, Vennmoor',
  stories: [
    {
      outlet: 'harbour-gazette',
      slug: 'river-marrow-floods-ashby-reach-one-dead',
      section: 'Environment',
      headline: 'One dead and thousands evacuated as River Marrow floods Ashby Reach',
      summary:
        'The river reached its highest level in almost three decades after 146mm of rain fell on Vennmoor in 36 hours',
      byline: 'Mara Lindqvist, Environment Correspondent',
      publishedAt: '2026-11-19T07:42:00Z',
      updatedAt: '2026-11-19T13:10:00Z',
      paragraphs: [
        `A man has died and about 2,300 people have been forced from their homes after the River Marrow burst its banks in the early hours of Thursday, submerging much of the low-lying town of Ashby Reach in the Vennmoor region.`,
        `The 68-year-old, whose name has not been released, was in a car that was swept off the Pellow road shortly after 3am, according to Vennmoor Fire and Rescue Service. Crews recovered his body from a field near Colton Fen at first light.`,
        `The river gauge at Ashby Bridge peaked at 5.8 metres at 4.40am, exceeding the previous record of 5.4 metres set in the winter of 1998. The National Weather Office said 146mm of rain had fallen on the upper Marrow catchment in 36 hours, close to twice the November average.`,
        `Aldo Ferrante, the service's chief fire officer, said his teams had carried out more than 180 rescues overnight, many of them from upstairs windows. "We were taking people out of bedrooms by boat in streets where children walked to school yesterday," he said.`,
        `Council officials estimate that 640 homes have flooded, most of them in the Millrace and Tanner's Row districts that sit between the river and the railway embankment. Rest centres have opened at Ashby Reach Leisure Centre and St Aldric's church hall.`,
        `Hanna Kordell, the governor of Vennmoor, announced an emergency fund of 12 million crowns and said she would ask the national government for additional support. "Nobody in this region has seen water like this in their lifetime," she told reporters at the town's fire station.`,
        `Fourteen schools across the region were closed on Thursday and rail services on the Ashby to Carrow line were suspended after water covered the track near Pellow.`,
        `Residents who returned to the edge of the floodwater described a scene of devastation. "Everything downstairs is gone, the sofa, the fridge, the photographs," said Joan Pryce, 54, who was rescued from her home on Tanner's Row with her two teenage sons.`,
        `Forecasters expect the rain to ease on Friday, but warned that levels downstream at Colton Fen may not peak until the evening.`,
      ],
    },
    {
      outlet: 'meridian-daily',
      slug: 'vennmoor-record-flood-exposes-gaps-in-marrow-defences',
      section: 'National',
      headline: "Vennmoor's record flood exposes gaps in Marrow defences, engineers warn",
      summary:
        'As Ashby Reach counts the cost of a 5.8-metre river peak, questions grow over a flood wall scheme shelved in 2021',
      byline: 'Jonah Feld',
      publishedAt: '2026-11-19T16:25:00Z',
      paragraphs: [
        `By the time the water began to drop on Thursday afternoon, the River Marrow had written itself into the record books. The gauge at Ashby Bridge touched 5.8 metres before dawn, 40 centimetres above the mark left by the great flood of 1998, and the town of Ashby Reach spent the day counting what it had lost.`,
        `One person died: a 68-year-old driver whose car was carried away on the Pellow road. Around 2,300 residents were evacuated and about 640 properties took on water, according to preliminary figures from the regional government in Vennmoor.`,
        `For engineers who have studied the valley, the scale of the damage was not a surprise. A proposed flood wall along the Millrace district, costed at 38 million crowns, was shelved in 2021 after a funding dispute between the region and the national treasury.`,
        `"The models showed this exact street pattern going under," said Dr Elise Marchetti, a hydrologist at the University of Carrow who advised on the original scheme. "It was a question of when, not if."`,
        `The immediate cause was rain. The National Weather Office recorded 146 millimetres over the upper catchment in a day and a half, and saturated ground after a wet autumn sent almost all of it straight into the river.`,
        `Governor Hanna Kordell, who has led Vennmoor since 2023, set aside 12 million crowns in emergency support on Thursday. Asked whether the wall would now be built, she said only that "every option is back on the table."`,
        `Vennmoor Fire and Rescue Service said its crews had performed more than 180 rescues, working alongside volunteer boat teams from neighbouring districts. Chief fire officer Aldo Ferrante praised residents who had checked on elderly neighbours before the water arrived.`,
        `Recovery is likely to take months. Figures from the insurers' association suggest a typical flooded home in the region takes nine to twelve months to repair, and many households in Millrace and Tanner's Row are renters with little or no contents cover.`,
        `The Ashby to Carrow railway remained closed on Thursday night, and fourteen schools will stay shut until at least Monday.`,
      ],
    },
    {
      outlet: 'valley-record',
      slug: 'valley-rallies-round-ashby-reach-families',
      section: 'Community',
      headline: 'Valley rallies round as Ashby Reach families flee rising Marrow',
      summary:
        'Volunteers, farmers and church groups join the rescue effort after a night of flooding in which one man lost his life',
      byline: 'Alun Pritchard',
      publishedAt: '2026-11-19T18:05:00Z',
      paragraphs: [
        `Farmers with tractors, canoe club members and dozens of volunteers turned out across the valley on Thursday to help neighbours in Ashby Reach after the Marrow flooded the town overnight.`,
        `The floodwater reached the doorsteps of homes on Tanner's Row before midnight and by 4am it was waist deep in parts of Millrace. In all, some 2,300 people had to leave their homes, and regional officials believe around 640 houses have been flooded.`,
        `Sadly, the night also claimed a life. Emergency services confirmed that a man of 68 died when his vehicle was swept away on the road to Pellow. Our thoughts are with his family and friends.`,
        `At St Aldric's church hall, the Reverend Maggie Stroud and her helpers had served hot soup and tea to more than 200 people by breakfast time. "People have just turned up with blankets, nappies, dog food, whatever they could carry," she said. "That is what this valley is like."`,
        `Colton Fen farmer Gareth Moss spent the night ferrying stranded families to dry ground in a trailer behind his tractor. "The fire brigade can't be everywhere at once," he said. "I've lived here all my life and I've never seen the Marrow like it."`,
        `The level at Ashby Bridge reached 5.8 metres, the highest ever recorded there, after 146mm of rain fell over the hills in the 36 hours to Thursday morning.`,
        `Governor Hanna Kordell visited the leisure centre rest point in the afternoon and announced 12 million crowns of emergency funding for the region.`,
        `Ashby Reach Rotary Club has opened an appeal for families who have lost belongings. Donations of clothing can be left at the leisure centre, but organisers ask that no more food is brought for now.`,
        `Vennmoor Fire and Rescue Service is asking people not to drive through floodwater and to keep away from the riverbank. Fourteen schools remain closed and the Ashby to Carrow trains are not running.`,
      ],
    },
    {
      outlet: 'kite-news',
      slug: 'ashby-reach-flood-what-we-know',
      section: 'Climate',
      headline: 'Ashby Reach flood: what we know so far',
      summary:
        'Record river levels, one death and 2,300 people evacuated. Here is the latest on the Vennmoor flooding.',
      byline: 'Priyanka Rao',
      publishedAt: '2026-11-19T11:15:00Z',
      updatedAt: '2026-11-19T19:40:00Z',
      paragraphs: [
        `The River Marrow flooded the town of Ashby Reach in Vennmoor overnight into Thursday, after a day and a half of torrential rain. Here's what we know.`,
        `What happened? Heavy rain, about 146mm in 36 hours according to the National Weather Office, fell on ground that was already soaked. The Marrow rose fast and spilled into the Millrace and Tanner's Row neighbourhoods in the early hours.`,
        `How bad is it? The gauge at Ashby Bridge hit 5.8m, beating the 1998 record of 5.4m. Officials say about 640 homes have flooded and roughly 2,300 people were evacuated.`,
        `Has anyone been hurt? Yes. A man, 68, died after his car was swept off the road near Pellow around 3am. Rescuers made over 180 rescues during the night, Vennmoor Fire and Rescue Service said.`,
        `What are officials doing? Regional governor Hanna Kordell released 12 million crowns in emergency funds. Two rest centres are open: Ashby Reach Leisure Centre and St Aldric's church hall.`,
        `What's disrupted? Fourteen schools are shut. Trains between Ashby and Carrow are suspended. Several roads around Colton Fen remain underwater.`,
        `Could it happen again? A flood wall for Millrace was proposed years ago but never funded, and expect that argument to return. Chief fire officer Aldo Ferrante told Kite the response had been "stretched to the limit."`,
        `How can I help? Ashby Reach Rotary Club is collecting clothing at the leisure centre, and the regional council has set up a hardship fund. Volunteers are asked to register with the council rather than turn up at the rest centres.`,
        `What's next? Rain should ease on Friday, but forecasters warn the river downstream at Colton Fen may keep rising into the evening. Stay away from floodwater: 30cm of moving water can float a car.`,
      ],
    },
  ],
};
