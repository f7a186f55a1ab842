import type { SeededRandom } from './seeded-random';

const LINES: Record<string, string[]> = {
  general: [
    'good morning everyone ☀️',
    'anyone around?',
    'lol same',
    'that is actually so cool',
    'how is everyone doing today?',
    'just got back from work, what did I miss',
    'ok this server is the best',
    'coffee number three, send help',
    'gg',
    'hahaha',
    'did anyone see the news today?',
    'brb',
    'welcome to the new folks!',
    'honestly same',
    'thanks for the help earlier',
  ],
  introductions: [
    'hi! I am new here, found this server through a friend',
    'hey all, I mostly do digital art and play too many games',
    'hello from Lisbon 👋',
    'new here, looking forward to hanging out',
    'hey! long time lurker, first time poster',
  ],
  art: [
    'finished my first oil painting this week',
    'anyone have tips for drawing hands?',
    'here is my WIP, feedback welcome',
    'that palette is gorgeous',
    'trying gouache for the first time',
    'inktober prep has begun',
    'love the line work on that',
  ],
  gaming: [
    'anyone up for a match tonight?',
    'finally beat that boss after 40 tries',
    'the new patch notes are wild',
    'what are you all playing this weekend?',
    'co-op recs?',
    'speedrun attempt #12 lets go',
    'who wants to squad up',
  ],
  'off-topic': [
    'what is everyone having for dinner',
    'my cat just knocked over my plant again',
    'recommend me a podcast',
    'it is raining here for the fifth day',
    'hot take: pineapple on pizza is fine',
    'currently reading a great sci-fi book',
  ],
  'bot-spam': ['/profile', '/leaderboard', 'testing', 'what level am I?', '!rank'],
};
const EMOJI = ['', '', '', ' 😄', ' 🎉', ' 🔥', ' 👀', ' ❤️'];

/** The channels where people actually talk, and how much of the chatter each gets. */
export const CHANNEL_WEIGHTS: Record<string, number> = {
  general: 45,
  gaming: 18,
  art: 14,
  'off-topic': 15,
  introductions: 3,
  'bot-spam': 5,
};

export function chatterLine(random: SeededRandom, channel: string): string {
  return random.pick(LINES[channel] ?? LINES.general) + random.pick(EMOJI);
}

export function introductionLine(random: SeededRandom): string {
  return random.pick(LINES.introductions);
}
