/** The slash commands this service owns; registered per guild with owner `onboarding`. */
export const COMMAND_OWNER = 'onboarding';

/** Discord's option type for a channel. */
const CHANNEL_OPTION = 7;

export const COMMANDS = [
  { name: 'rules', description: 'Show the server rules (only you see them).' },
  { name: 'reconnect', description: 'Moderators: re-register commands and re-post the rules message.' },
  {
    name: 'setup',
    description: 'Moderators: show the onboarding setup (or what is proposed) and confirm it.',
    options: [
      {
        type: CHANNEL_OPTION,
        name: 'rules_channel',
        description: 'Post the rules message here instead of the proposed channel',
        required: false,
      },
    ],
  },
];

/** The /setup option naming the rules channel a moderator wants instead of the proposed one. */
export const RULES_CHANNEL_OPTION = 'rules_channel';
