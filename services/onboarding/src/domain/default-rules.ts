import type { Rule } from './rules';

/**
 * The ten rules a guild starts with (version 1), each with a short lesson and a quiz. Moderators
 * edit them through PUT /guilds/:guildId/rules; these stay the fallback for unchanged ids.
 */
export const DEFAULT_RULES: readonly Rule[] = [
  {
    id: 'be-respectful',
    title: 'Be respectful',
    text: 'Treat everyone with respect. No harassment, insults, hate speech or personal attacks.',
    lesson:
      'Disagreeing is fine; attacking the person is not. Criticise ideas, not people, and remember there is a real person behind every name. Slurs, hate speech and targeted harassment lead to removal.',
    questions: [
      {
        id: 'q1',
        prompt: 'Someone disagrees with your opinion. What should you do?',
        choices: [
          'Insult them until they stop',
          'Reply to their argument calmly, or let it go',
          'Ping their friends to gang up on them',
        ],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'Which of these breaks this rule?',
        choices: ['Saying you prefer another game', 'Calling someone a slur', 'Asking a question twice'],
        answer: 1,
      },
      {
        id: 'q3',
        prompt: 'What should you target in a debate?',
        choices: ['The idea', 'The person'],
        answer: 0,
      },
    ],
  },
  {
    id: 'no-spam',
    title: 'No spam',
    text: 'No spamming, flooding, excessive caps, or repeated messages, emoji or mentions.',
    lesson:
      'Spam drowns out conversation. Send one message instead of five, avoid walls of emoji or caps, and never mass-mention people. Automated tools may remove repeated messages.',
    questions: [
      {
        id: 'q1',
        prompt: 'Which of these is spam?',
        choices: [
          'One question in the right channel',
          'The same message posted ten times',
          'A short reply to a friend',
        ],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'Is mentioning many members at once just to get attention allowed?',
        choices: ['Yes', 'No'],
        answer: 1,
      },
    ],
  },
  {
    id: 'stay-on-topic',
    title: 'Use the right channels',
    text: 'Keep conversations in the channel meant for them and read channel descriptions before posting.',
    lesson:
      'Each channel has a purpose written in its description. Posting in the right place helps people find answers and keeps discussions readable. When unsure, ask in the help channel.',
    questions: [
      {
        id: 'q1',
        prompt: 'Where do you learn what a channel is for?',
        choices: ['Its description or pinned messages', 'By guessing', 'Nowhere'],
        answer: 0,
      },
      {
        id: 'q2',
        prompt: 'You have a question that fits no channel. What do you do?',
        choices: ['Post it everywhere', 'Ask in the help or general channel', 'DM every moderator'],
        answer: 1,
      },
    ],
  },
  {
    id: 'no-nsfw',
    title: 'No NSFW content',
    text: 'No sexual, gory or otherwise explicit content, including in names, avatars and links.',
    lesson:
      'This community is open to people of many ages and backgrounds. Explicit content is not allowed anywhere, and that includes profile pictures, nicknames, status text and links to such content.',
    questions: [
      {
        id: 'q1',
        prompt: 'Does this rule apply to avatars and nicknames?',
        choices: ['Yes', 'No, only messages'],
        answer: 0,
      },
      {
        id: 'q2',
        prompt: 'Is posting a link to explicit content allowed if you add a warning?',
        choices: ['Yes', 'No'],
        answer: 1,
      },
    ],
  },
  {
    id: 'no-self-promotion',
    title: 'No unsolicited advertising',
    text: 'No advertising, server invites or self-promotion without moderator permission, in channels or DMs.',
    lesson:
      'Sharing your work where a channel invites it is welcome; unsolicited ads, invite links and promotion through direct messages are not. Ask a moderator if you are unsure.',
    questions: [
      {
        id: 'q1',
        prompt: 'Can you DM members an invite to your own server?',
        choices: ['Yes, DMs are private', 'No, not without permission'],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'Where may you share your own project?',
        choices: [
          'In any channel',
          'Where a channel allows it, or with moderator permission',
          'Nowhere at all',
        ],
        answer: 1,
      },
    ],
  },
  {
    id: 'protect-privacy',
    title: 'Respect privacy',
    text: "Do not share anyone's personal information, private messages or photos without their consent.",
    lesson:
      "Doxxing (sharing someone's real name, address, photos or other personal details) can cause real harm. Never share others' private information or screenshots of private conversations without consent, and be careful with your own.",
    questions: [
      {
        id: 'q1',
        prompt: 'Someone tells you their home address in a DM. May you post it publicly?',
        choices: ['Yes', 'No'],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'What is doxxing?',
        choices: ["Sharing someone's personal information", 'Sending a document', 'Posting a meme'],
        answer: 0,
      },
      {
        id: 'q3',
        prompt: 'Is posting a screenshot of a private conversation without consent allowed?',
        choices: ['Yes', 'No'],
        answer: 1,
      },
    ],
  },
  {
    id: 'follow-discord-terms',
    title: "Follow Discord's Terms",
    text: "Follow Discord's Terms of Service and Community Guidelines, including the minimum age.",
    lesson:
      "Everything Discord forbids is forbidden here too: being under the minimum age for your country, cheating tools, piracy, scams and illegal content. Breaking Discord's terms can get your account banned from Discord itself.",
    questions: [
      {
        id: 'q1',
        prompt: "Do Discord's Terms of Service apply in this server?",
        choices: ['Yes', 'No, only the server rules'],
        answer: 0,
      },
      {
        id: 'q2',
        prompt: "Which of these breaks Discord's terms?",
        choices: ['Sharing pirated software', 'Chatting about a film', 'Using a custom emoji'],
        answer: 0,
      },
    ],
  },
  {
    id: 'no-impersonation',
    title: 'No impersonation',
    text: 'Do not impersonate other members, moderators, staff or public figures.',
    lesson:
      "Pretending to be someone else misleads people and is a common start of scams. Do not copy another person's name and avatar, and never claim to be staff. Real moderators are listed with their role.",
    questions: [
      {
        id: 'q1',
        prompt: 'A user named like a moderator asks for your password. What is likely?',
        choices: ['A real moderator check', 'An impersonation scam'],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: "May you copy a moderator's avatar and nickname as a joke?",
        choices: ['Yes', 'No'],
        answer: 1,
      },
    ],
  },
  {
    id: 'listen-to-moderators',
    title: 'Listen to moderators',
    text: 'Follow moderator instructions. Raise disagreements calmly and privately, not in public channels.',
    lesson:
      'Moderators keep the community running. If you disagree with a decision, contact them privately or through the official channel; arguing in public or evading a punishment with another account makes things worse.',
    questions: [
      {
        id: 'q1',
        prompt: 'You think a moderator decision was wrong. What should you do?',
        choices: [
          'Argue in the general channel',
          'Message the moderators privately and calmly',
          'Make a new account',
        ],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'Is using a second account to get around a mute allowed?',
        choices: ['Yes', 'No'],
        answer: 1,
      },
    ],
  },
  {
    id: 'report-problems',
    title: 'Report problems',
    text: 'Report rule breaks to the moderators instead of taking matters into your own hands.',
    lesson:
      'If you see something that breaks the rules, report it to a moderator with a link or screenshot. Responding with abuse or starting a fight makes the situation harder to resolve and may break the rules yourself.',
    questions: [
      {
        id: 'q1',
        prompt: 'You see someone harassing another member. What is best?',
        choices: ['Insult them back', 'Report it to a moderator', 'Ignore the rules yourself too'],
        answer: 1,
      },
      {
        id: 'q2',
        prompt: 'What helps moderators most in a report?',
        choices: ['A link or screenshot of what happened', 'Many pings in public'],
        answer: 0,
      },
    ],
  },
];
